"""The carrier's detail form and its qualification panel (each national criterion ✓/✗ with numbers)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.basis import basis_of
from desktop.i18n import bracketed, language, tr
from desktop.incubation.columns import criterion_labels, kind_labels, level_labels
from desktop.item_models.formats import format_area, format_decimal, format_percent
from desktop.printing.attach import attach_print_menu
from desktop.widgets.detail_form import DetailForm, FieldSpec
from desktop.widgets.editors import AreaEdit, ChoiceCombo, DateEdit, TextEdit
from desktop.widgets.keyboard import save_shortcuts, table_keys
from models.incubation.qualification import Criterion, Qualification
from models.units import AreaUnit


def _clock_required(detail: dict[str, Any]) -> str:
    """0 家（孵化期 ≤ 48 个月；生物医药、现代农业、集成电路 ≤ 60 个月）: the general limit and the
    sectors' own (the sector rule in force)."""
    text = tr("0 家（孵化期 ≤ {m} 个月）", m=detail["max_months"])
    by_limit: dict[int, list[str]] = {}
    for sector, months in (detail.get("sector_months") or {}).items():
        by_limit.setdefault(int(months), []).append(tr(str(sector)))
    for months, sectors in sorted(by_limit.items()):
        text += tr(
            "；{sectors} ≤ {m} 个月", sectors=(", " if language() == "en" else "、").join(sectors), m=months
        )
    return text


class CarrierForm(QWidget):
    save_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.platform = ChoiceCombo(allow_blank=True)
        levels = [(k, v) for k, v in level_labels().items() if k]
        specs = [
            FieldSpec("name", tr("载体名称"), TextEdit, required=True),
            FieldSpec("code", tr("载体编号"), TextEdit, required=True),
            FieldSpec(
                "kind", tr("载体类型"), lambda: ChoiceCombo(list(kind_labels().items())), required=True
            ),
            FieldSpec("level", tr("级别"), lambda: ChoiceCombo(levels, allow_blank=True)),
            FieldSpec("recognized_on", tr("认定时间"), DateEdit),
            FieldSpec("platform_id", tr("所属平台"), lambda: self.platform),
            FieldSpec("operator", tr("运营主体"), TextEdit),
            FieldSpec("address", tr("楼宇/地址"), TextEdit),
            FieldSpec("usable_area_m2", tr("可使用面积"), lambda: AreaEdit(unit=AreaUnit.M2), required=True),
            FieldSpec("incubation_area_m2", tr("孵化面积"), lambda: AreaEdit(unit=AreaUnit.M2)),
            FieldSpec(
                "public_service_area_m2",
                tr("公共服务面积（计入使用占比）"),
                lambda: AreaEdit(unit=AreaUnit.M2),
            ),
            FieldSpec("specialty", tr("专业孵化器的产业领域（综合孵化器留空）"), TextEdit),
            FieldSpec("note", tr("备注"), TextEdit),
        ]
        self.form = DetailForm(specs, self)
        layout.addWidget(self.form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(tr("保存载体"))
        self.save_button.clicked.connect(self.save_requested)
        self.delete_button = QPushButton(tr("删除载体"))
        self.delete_button.clicked.connect(self.delete_requested)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        save_shortcuts(self, self.save_button.click, list(self.form.editors.values()))

    def set_platforms(self, platforms: list[tuple[int, str]]) -> None:
        self.platform.set_choices(platforms)

    def set_record(self, row: object) -> None:
        self.form.set_record(row)
        self.delete_button.setEnabled(row is not None and self.save_button.isEnabled())

    def set_read_only(self, read_only: bool, *, can_delete: bool) -> None:
        self.form.set_read_only(read_only)
        self.save_button.setEnabled(not read_only)
        self.delete_button.setEnabled(can_delete and not read_only)
        self.delete_button.setVisible(can_delete)


def _shown(c: Criterion, value: Decimal) -> str:
    if c.key == "area":
        return format_area(value, AreaUnit.M2, with_unit=True)
    if c.key in ("use_ratio", "industry_share"):
        return format_percent(value, 2)
    if c.key == "density":
        return format_decimal(value, 2)
    return format_decimal(value, 0)


def _required_and_actual(c: Criterion) -> tuple[str, str]:
    """A criterion's 要求 and 实际 cells."""
    required = ("≥ " if c.comparison == ">=" else "≤ ") + _shown(c, c.required)
    if c.key == "clock":
        longest = c.detail["longest_months"]
        return _clock_required(c.detail), tr("{n} 家（最长 {longest} 个月）", n=c.actual, longest=longest)
    if c.key == "industry_share":  # 81.25%（26 家生物医药）
        industry = tr(str(c.detail["specialty"]))
        return required, bracketed(
            _shown(c, c.actual), tr("{n} 家{industry}", n=c.detail["in_industry"], industry=industry)
        )
    if c.key == "use_ratio":
        area = f"{format_area(c.detail['tenant_area_m2'], AreaUnit.M2)} ㎡"
        return required, bracketed(_shown(c, c.actual), area)
    return required, _shown(c, c.actual)


class QualificationPanel(QWidget):
    """A table: criterion, required, actual, ✓/✗, basis (document and clause)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("sectionTitle")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5)
        table_keys(self.table)
        attach_print_menu(self.table)
        self.table.setHorizontalHeaderLabels([tr("条件"), tr("要求"), tr("实际"), tr("结果"), tr("依据")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for col, width in enumerate((190, 190, 200, 60, 260)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.note = QLabel(
            tr("数值取自入驻台账：在孵企业为当日在租且未毕业的企业；累计毕业为截至当日的毕业企业。")
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

    def set_result(self, q: Qualification | None, applies: bool = True) -> None:
        self.table.setRowCount(0)
        if q is None:
            self.summary.setText(tr("请选择一个载体"))
            return
        professional = next((c for c in q.criteria if c.key == "industry_share"), None)
        if q.met and professional is not None:  # judged as a 专业孵化器 of its industry
            text = tr(
                "{name}：符合专业孵化器（{industry}）全部条件（{on}）",
                name=q.carrier_name,
                industry=tr(str(professional.detail.get("specialty", ""))),
                on=q.on.isoformat(),
            )
        elif q.met:
            text = tr(
                "{name}：符合国家级科技企业孵化器全部条件（{on}）", name=q.carrier_name, on=q.on.isoformat()
            )
        else:
            text = tr(
                "{name}：{n} 项条件未达到（{on}）", name=q.carrier_name, n=len(q.failed), on=q.on.isoformat()
            )
        if not applies:
            text += tr("（该载体不是孵化器，仅供参考）")
        self.summary.setText(text)
        if q.excellent_met is not None:
            text += tr("；卓越级：{verdict}", verdict=tr("符合") if q.excellent_met else tr("不符合"))
            self.summary.setText(text)
        labels = criterion_labels()
        rows = [(c, "") for c in q.criteria] + [(c, tr("卓越级：")) for c in q.excellent]
        self.table.setRowCount(len(rows))
        for r, (c, level) in enumerate(rows):
            required, actual = _required_and_actual(c)
            basis = basis_of(c.citation)
            cells = (level + labels.get(c.key, c.key), required, actual, "✓" if c.met else "✗", basis)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setForeground(Qt.GlobalColor.darkGreen if c.met else Qt.GlobalColor.red)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, col, item)
