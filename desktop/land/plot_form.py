"""The plot detail form: every attribute of the register, edited in place and saved
through ``services.update_plot`` with the row's version (no silent overwrite)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.choice_labels import choice_text, land_use_text
from desktop.i18n import tr
from desktop.item_models.choices import use_choice_model
from desktop.item_models.formats import format_area
from desktop.land.format import dec
from desktop.widgets.keyboard import save_shortcuts
from models.land.queries import PlotRow
from models.land.seed import LAND_SOURCES
from models.units import AreaUnit, to_m2


@dataclass(frozen=True)
class FormOptions:
    platforms: list[tuple[int, str]] = field(default_factory=list)
    holders: list[tuple[int, str, str]] = field(default_factory=list)
    choices: dict[str, list[str]] = field(default_factory=dict)


class FormError(ValueError):
    """A field the clerk typed cannot be read; ``field`` names it."""

    def __init__(self, field_title: str, value: str) -> None:
        super().__init__(field_title, value)
        self.field_title, self.value = field_title, value


def parse_area(text: str, unit: AreaUnit) -> Decimal | None:
    t = text.strip().replace(",", "")
    if not t:
        return None
    try:
        value = Decimal(t)
    except InvalidOperation:
        raise FormError(tr("证载面积"), text) from None
    return to_m2(value, unit)


def parse_date(text: str, title: str | None = None) -> dt.date | None:
    t = text.strip().replace("/", "-").replace(".", "-")
    if not t:
        return None
    try:
        return dt.date.fromisoformat("-".join(p.zfill(2) for p in t.split("-")))
    except ValueError:
        raise FormError(title or tr("供地日期"), text) from None


def parse_amount(text: str, title: str) -> Decimal | None:
    t = text.strip().replace(",", "")
    if not t:
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        raise FormError(title, text) from None


def parse_percent(text: str, title: str) -> Decimal | None:
    """A share typed in % (33.3 → 0.333)."""
    value = parse_amount(text.rstrip("%％"), title)
    return None if value is None else value / 100


def contract_fields() -> tuple[tuple[str, str, str], ...]:
    """(field, label, kind) of the land contract's agreed dates, commitment and progress:
    idle land (闲置土地) is derived from them; 达产复核 ends the protection period."""
    return (
        ("agreed_start_on", tr("约定动工日期"), "date"),
        ("agreed_completion_on", tr("约定竣工日期"), "date"),
        ("agreed_operation_on", tr("约定投产日期"), "date"),
        ("agreed_full_production_on", tr("约定达产日期"), "date"),
        ("committed_investment", tr("承诺投资额（万元）"), "amount"),
        ("started_on", tr("实际动工日期"), "date"),
        ("invested", tr("已投资额（万元）"), "amount"),
        ("developed_share", tr("已开发面积比例（%）"), "percent"),
        ("halted_since", tr("停工起始日期"), "date"),
        ("production_reviewed_on", tr("达产复核日期"), "date"),
    )


class PlotForm(QWidget):
    """``save_requested(plot_id, version, values)`` when the clerk presses 保存."""

    save_requested = Signal(int, int, object)

    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915  builds the form's fields, one statement each
        super().__init__(parent)
        self.row: PlotRow | None = None
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.platform = QComboBox()
        self.land_use = QComboBox()
        self.cert_area = QLineEdit()
        self.cert_unit = QComboBox()
        self.cert_unit.setAccessibleName(tr("面积单位"))
        self.cert_unit.addItem("㎡", AreaUnit.M2)
        self.cert_unit.addItem(tr("亩"), AreaUnit.MU)
        self.geom_area = QLabel()
        self.holder = QComboBox()
        self.holder.setEditable(False)
        self.holders = use_choice_model(self.holder)  # every enterprise: one model, filled at once
        self._holders: list[tuple[int, str, str]] | None = None  # what it was filled with
        self.source = QComboBox()
        for key, text in LAND_SOURCES.items():
            self.source.addItem(tr(text), key)
        self.supply_date = QLineEdit()
        self.supply_date.setPlaceholderText("2024-03-15")
        self.supply_method = QComboBox()
        self.low_eff = QComboBox()
        self.status = QComboBox()
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(48)
        self.save = QPushButton(tr("保存"))
        self.save.clicked.connect(self._save)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)

        area = QHBoxLayout()
        area.addWidget(self.cert_area, 1)
        area.addWidget(self.cert_unit)
        form = QFormLayout()
        form.addRow(tr("地块编号"), self.code)
        form.addRow(tr("地块名称"), self.name)
        form.addRow(tr("所属平台"), self.platform)
        form.addRow(tr("用地性质"), self.land_use)
        form.addRow(tr("证载面积"), area)
        form.addRow(tr("计算面积"), self.geom_area)
        form.addRow(tr("权利人"), self.holder)
        form.addRow(tr("土地来源"), self.source)
        form.addRow(tr("供地日期"), self.supply_date)
        form.addRow(tr("供地方式"), self.supply_method)
        form.addRow(tr("低效用地类型"), self.low_eff)
        form.addRow(tr("状态"), self.status)
        form.addRow(tr("备注"), self.note)
        basic = QWidget()
        basic.setLayout(form)
        # the land contract: its own tab, so the form keeps its height on a 1280×720 screen
        self.contract: dict[str, QLineEdit] = {}
        contract_form = QFormLayout()
        for name, label, kind in contract_fields():
            edit = QLineEdit()
            edit.setPlaceholderText({"date": "2024-03-15", "amount": "20000", "percent": "35"}[kind])
            self.contract[name] = edit
            contract_form.addRow(label, edit)
        idle_note = QLabel(
            tr("闲置土地按约定动工日期、动工后开发比例或投资比例及停工时间认定；达产复核后不再认定。")
        )
        idle_note.setWordWrap(True)
        contract_form.addRow(idle_note)
        contract = QWidget()
        contract.setLayout(contract_form)
        self.tabs = QTabWidget()
        for page, title in ((basic, tr("基本信息")), (contract, tr("出让合同与开发进度"))):
            scroll = QScrollArea()  # scrolls rather than push the window past a 1280×720 screen
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.save)
        layout.addLayout(buttons)
        layout.addStretch(1)
        # Ctrl+S and Enter in a one-line field save, as in dialogs and the other page forms
        save_shortcuts(
            self,
            self.save.click,
            [self.code, self.name, self.cert_area, self.supply_date, *self.contract.values()],
        )
        self.setEnabled(False)

    def set_options(self, options: FormOptions) -> None:
        self.platform.clear()
        self.platform.addItem(tr("（无）"), None)
        for pid, name in options.platforms:
            self.platform.addItem(name, pid)
        if options.holders != self._holders:  # 33,000 enterprises at ten times the district
            self._holders = options.holders
            self.holders.set_items(
                [(tr("（无）"), None), *((f"{name}  {uscc}", hid) for hid, name, uscc in options.holders)]
            )
        for box, category in (
            (self.land_use, "land_use"),
            (self.supply_method, "supply_method"),
            (self.low_eff, "low_eff_kind"),
            (self.status, "plot_status"),
        ):
            box.clear()
            box.addItem("", "")
            for value in options.choices.get(category, []):
                box.addItem(
                    land_use_text(value) if category == "land_use" else choice_text(category, value), value
                )

    @staticmethod
    def _pick(box: QComboBox, value: Any) -> None:
        i = box.findData(value)
        if i < 0 and value not in (None, ""):
            box.addItem(str(value), value)  # a value no longer in the list stays visible
            i = box.count() - 1
        box.setCurrentIndex(max(i, 0))

    def set_row(self, row: PlotRow | None) -> None:
        self.row = row
        self.error.clear()
        self.setEnabled(row is not None)
        if row is None:
            return
        self.code.setText(row.code)
        self.name.setText(row.name)
        self._pick(self.platform, row.platform_id)
        self._pick(self.land_use, row.land_use)
        self.cert_unit.setCurrentIndex(0)
        self.cert_area.setText("" if row.cert_area_m2 is None else f"{row.cert_area_m2.normalize():f}")
        mismatch = tr("  ⚠ 与证载面积相差 {d} ㎡", d=dec(row.area_diff_m2)) if row.area_mismatch else ""
        self.geom_area.setText(
            ""
            if row.geom_area_m2 is None
            else tr(
                "{area}（{m2} ㎡）",
                area=format_area(row.geom_area_m2, with_unit=True),
                m2=dec(row.geom_area_m2),
            )
            + mismatch
        )
        self._pick(self.holder, row.holder_id)
        self._pick(self.source, row.land_source)
        self.supply_date.setText(row.supply_date.isoformat() if row.supply_date else "")
        self._pick(self.supply_method, row.supply_method)
        self._pick(self.low_eff, row.low_eff_kind)
        self._pick(self.status, row.status)
        self.note.setPlainText(row.note)
        for name, _label, kind in contract_fields():
            value = row.contract_value(name)
            if value is None:
                text = ""
            elif kind == "date":
                text = value.isoformat()
            elif kind == "percent":
                text = f"{(Decimal(value) * 100).normalize():f}"
            else:
                text = f"{Decimal(value).normalize():f}"
            self.contract[name].setText(text)

    def values(self) -> dict[str, Any]:
        """What the form says, as ``update_plot`` keywords. Raises ``FormError``."""
        return {
            "code": self.code.text().strip(),
            "name": self.name.text().strip(),
            "platform_id": self.platform.currentData(),
            "land_use": self.land_use.currentData() or "",
            "cert_area_m2": parse_area(self.cert_area.text(), AreaUnit(self.cert_unit.currentData())),
            "holder_id": self.holder.currentData(),
            "land_source": self.source.currentData(),
            "supply_date": parse_date(self.supply_date.text()),
            "supply_method": self.supply_method.currentData() or "",
            "low_eff_kind": self.low_eff.currentData() or "",
            "status": self.status.currentData() or "",
            "note": self.note.toPlainText(),
            **self.contract_values(),
        }

    def contract_values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, label, kind in contract_fields():
            text = self.contract[name].text()
            out[name] = (
                parse_date(text, label)
                if kind == "date"
                else parse_percent(text, label)
                if kind == "percent"
                else parse_amount(text, label)
            )
        return out

    def _save(self) -> None:
        if self.row is None:
            return
        try:
            values = self.values()
        except FormError as exc:
            self.error.setText(tr("{field}：无法识别“{value}”", field=exc.field_title, value=exc.value))
            return
        self.error.clear()
        self.save_requested.emit(self.row.id, self.row.version, values)
