"""Small dialogs of the buildings page: the Science City's own ratio for one building,
and the government's priority buy-back offer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.basis import shown_basis
from desktop.buildings.text import pct_text
from desktop.context import AppContext
from desktop.i18n import bracketed, tr
from desktop.item_models.formats import format_date, format_money
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.widgets.date_edit import DateEdit
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.list_table import list_table
from models.buildings import queries, services


def _date_edit(parent: QWidget, day: dt.date) -> DateEdit:
    return DateEdit(parent, allow_blank=False, value=day)


def _to_date(edit: DateEdit) -> dt.date:
    value = edit.value()
    if value is None:
        raise ValueError(edit.text())
    return value


class BuildingRatioDialog(QDialog):
    """Set this building's own cap (seed 三(三): the Science City may adjust the ratio itself)."""

    def __init__(self, ctx: AppContext, building: queries.BuildingRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.building = ctx, building
        self.setWindowTitle(tr("设置本楼分割转让比例 — {code}", code=building.code))
        self.ratio = QDoubleSpinBox(self)
        self.ratio.setRange(1, 100)
        self.ratio.setDecimals(1)
        self.ratio.setSuffix(" %")
        self.ratio.setValue(float((building.cap or Decimal("0.6")) * 100))
        self.document = QLineEdit(self)
        self.document.setPlaceholderText(tr("批准文号，如 青科城管〔2024〕12号"))
        self.start = _date_edit(self, dt.date.today())
        self.note = QLineEdit(self)
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                tr(
                    "现行上限 {cap}（{doc}）",
                    cap=pct_text(building.cap),
                    doc=shown_basis(building.cap_document),
                ),
                self,
            )
        )
        form.addRow(tr("转让比例上限"), self.ratio)
        form.addRow(tr("批准文号"), self.document)
        form.addRow(tr("生效日期"), self.start)
        form.addRow(tr("说明"), self.note)
        buttons = ok_cancel(self, on_ok=self.save)
        form.addRow(buttons)

    def max_ratio(self) -> Decimal:
        return (Decimal(str(self.ratio.value())) / 100).quantize(Decimal("0.001"))

    def save(self) -> None:
        if not self.start.is_valid():
            self.start.setFocus()
            return
        changes = self.ctx.write(
            lambda s: services.set_building_ratio(
                s,
                building_id=self.building.id,
                max_ratio=self.max_ratio(),
                document_no=self.document.text(),
                effective_from=_to_date(self.start),
                note=self.note.text().strip(),
            ),
            self,
        )
        if changes is not None:
            self.accept()


def buyback_status_label(status: str) -> str:
    return {"offered": tr("待答复"), "accepted": tr("已接受"), "declined": tr("已拒绝")}.get(status, status)


class BuyBackDialog(QDialog):
    """Record the government's priority buy-back offer on a unit or the whole building, and
    answer the building's open offers (accepted or declined)."""

    def __init__(
        self,
        ctx: AppContext,
        building: queries.BuildingRow,
        units: list[queries.UnitRow],
        selected: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.building = ctx, building
        self.setWindowTitle(tr("政府优先回购要约 — {code}", code=building.code))
        self.unit = QComboBox(self)
        self.unit.addItem(tr("整栋楼宇"), None)
        for u in units:
            self.unit.addItem(bracketed(u.number, f"{u.area_m2:,.2f} ㎡"), u.id)
        if selected is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(selected)))
        self.offered = _date_edit(self, dt.date.today())
        self.price = QLineEdit(self)
        self.price.setPlaceholderText(tr("万元，可空"))
        self.note = QLineEdit(self)
        self.offers = RowTableModel(
            [
                TableColumn(tr("回购范围"), lambda r: r.unit_number or tr("整栋楼宇"), width=130),
                TableColumn(tr("要约日期"), lambda r: r.offered_on, format_date, width=100),
                TableColumn(
                    tr("回购价（万元）"),
                    lambda r: r.price,
                    lambda v: format_money(v, 2),
                    align_right=True,
                    width=170,
                ),
                TableColumn(tr("状态"), lambda r: buyback_status_label(r.status), width=120),
                TableColumn(tr("说明"), lambda r: r.note, width=160),
            ],
            self,
        )
        self.offer_view = list_table(self.offers, tr("回购要约"))
        self.offer_view.setMinimumHeight(120)
        self.offer_view.setWordWrap(False)
        self.accept_offer = QPushButton(tr("接受要约"))
        self.decline_offer = QPushButton(tr("拒绝要约"))
        self.accept_offer.clicked.connect(lambda: self.decide("accepted"))
        self.decline_offer.clicked.connect(lambda: self.decide("declined"))
        self.offer_view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_decide())
        answer = QHBoxLayout()
        answer.addStretch(1)
        answer.addWidget(self.accept_offer)
        answer.addWidget(self.decline_offer)
        outer = QVBoxLayout(self)
        outer.addWidget(QLabel(tr("已有要约")))
        outer.addWidget(self.offer_view)
        outer.addLayout(answer)
        outer.addWidget(QLabel(tr("新要约")))
        form = QFormLayout()
        form.addRow(tr("回购范围"), self.unit)
        form.addRow(tr("要约日期"), self.offered)
        form.addRow(tr("回购价（万元）"), self.price)
        form.addRow(tr("说明"), self.note)
        outer.addLayout(form)
        outer.addWidget(ok_cancel(self, on_ok=self.save))
        self.setMinimumWidth(760)
        self._load_offers()

    def _load_offers(self) -> None:
        with self.ctx.db.read() as s:
            self.offers.set_rows(queries.buyback_offers(s, self.building.id))
        self._update_decide()

    def selected_offer(self) -> queries.BuyBackRow | None:
        index = self.offer_view.currentIndex()
        return self.offers.row_at(index.row()) if index.isValid() else None

    def _update_decide(self) -> None:
        offer = self.selected_offer()
        open_ = offer is not None and offer.status == "offered" and self.ctx.user.can_write
        self.accept_offer.setEnabled(open_)
        self.decline_offer.setEnabled(open_)

    def decide(self, status: str) -> None:
        """Answer the selected open offer; the list shows the answer."""
        offer = self.selected_offer()
        if offer is None or offer.status != "offered":
            return
        changes = self.ctx.write(
            lambda s: services.decide_buyback_offer(
                s, offer_id=offer.id, status=status, version=offer.version
            ),
            self,
        )
        if changes is not None:
            self._load_offers()

    def save(self) -> None:
        text = self.price.text().strip().replace(",", "")
        try:
            price = Decimal(text) if text else None
        except InvalidOperation:
            self.price.setFocus()
            return
        if not self.offered.is_valid():
            self.offered.setFocus()
            return
        unit_id = self.unit.currentData()
        changes = self.ctx.write(
            lambda s: services.record_buyback_offer(
                s,
                building_id=self.building.id,
                unit_id=unit_id,
                offered_on=_to_date(self.offered),
                price=price,
                note=self.note.text().strip(),
            ),
            self,
        )
        if changes is not None:
            self.accept()
