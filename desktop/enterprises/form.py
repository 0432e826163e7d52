"""The enterprise detail panel: the form, a live USCC check explained in words, and
保存 / 删除 / 还原 buttons. The page does the writing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.choice_labels import choice_text
from desktop.i18n import tr
from desktop.messages import render
from desktop.widgets.detail_form import DetailForm, FieldSpec
from desktop.widgets.editors import CheckEdit, ChoiceCombo, TextEdit
from desktop.widgets.keyboard import save_shortcuts
from models.enterprises.services import validate_uscc
from models.errors import DomainError


def uscc_problem(text: str) -> str:
    """What is wrong with a typed USCC, in words (empty when valid or blank)."""
    if not text.strip():
        return ""
    try:
        validate_uscc(text)
    except DomainError as exc:
        return render(exc.problems[0])
    return ""


def enterprise_fields() -> list[FieldSpec]:
    return [
        FieldSpec(
            "uscc",
            tr("统一社会信用代码"),
            lambda: TextEdit(max_length=30),
            required=True,
            tooltip=tr("18 位，末位为校验码（GB 32100-2015）；小写与全角字符会自动转换"),
        ),
        FieldSpec("name", tr("企业名称"), lambda: TextEdit(max_length=200), required=True),
        FieldSpec("platform_id", tr("所属平台"), lambda: ChoiceCombo(allow_blank=True)),
        FieldSpec("industry_chain", tr("产业链"), lambda: ChoiceCombo(allow_blank=True)),
        FieldSpec("is_manufacturing", tr("制造业"), lambda: CheckEdit(tr("是制造业企业"))),
        FieldSpec("address", tr("地址"), lambda: TextEdit(max_length=300)),
        FieldSpec("contact", tr("联系人"), lambda: TextEdit(max_length=100)),
        FieldSpec("phone", tr("电话"), lambda: TextEdit(max_length=50)),
        FieldSpec("note", tr("备注"), lambda: TextEdit()),
    ]


class EnterpriseForm(QGroupBox):
    save_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("企业详情"), parent)
        layout = QVBoxLayout(self)
        self.mode = QLabel()
        self.mode.setObjectName("hint")
        layout.addWidget(self.mode)
        self.form = DetailForm(enterprise_fields())
        layout.addWidget(self.form)
        self.uscc_hint = QLabel()
        self.uscc_hint.setWordWrap(True)
        self.uscc_hint.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.uscc_hint)
        self.form.editor("uscc").textChanged.connect(self._check_uscc)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.delete_button = QPushButton(tr("删除"))
        self.delete_button.clicked.connect(self.delete_requested)
        self.revert_button = QPushButton(tr("还原"))
        self.revert_button.clicked.connect(lambda: self.set_record(self.record))
        self.save_button = QPushButton(tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        # Ctrl+S and Enter save, as in dialogs (a disabled button's click does nothing)
        save_shortcuts(self, self.save_button.click, list(self.form.editors.values()))
        self.read_only = False
        self.set_record(None)

    @property
    def record(self) -> Any:
        return self.form.record

    def set_choices(self, platforms: list[tuple[int, str]], chains: list[str]) -> None:
        self.form.editor("platform_id").set_choices(platforms)
        current = self.form.editor("industry_chain").value()
        values = list(chains) if not current or current in chains else [*chains, current]
        self.form.editor("industry_chain").set_choices(
            [(v, choice_text("industry_chain", v)) for v in values]
        )

    def set_record(self, row: Any) -> None:
        self.form.set_record(row)
        if row is None:
            self.form.editor("is_manufacturing").set_value(True)
            self.form.editor("industry_chain").set_value(None)
        self.mode.setText(
            tr("新建企业：填写后点“保存”") if row is None else tr("编辑：{name}", name=row.name)
        )
        self.delete_button.setEnabled(row is not None and not self.read_only)
        self._check_uscc()

    def _check_uscc(self) -> None:
        text = uscc_problem(self.form.editor("uscc").text())
        self.uscc_hint.setText(text)
        self.uscc_hint.setVisible(bool(text))

    def values(self) -> dict[str, Any]:
        values = self.form.values()
        values["industry_chain"] = values.get("industry_chain") or ""
        return values

    def validate(self) -> list[str]:
        problems = self.form.validate()
        uscc = uscc_problem(self.form.editor("uscc").text())
        if uscc:
            problems.append(uscc)
        return problems

    def focus_first(self) -> None:
        self.form.editor("uscc").setFocus()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.form.set_read_only(read_only)
        self.save_button.setEnabled(not read_only)
        self.revert_button.setEnabled(not read_only)
        self.delete_button.setEnabled(not read_only and self.record is not None)
