"""Forms for the planner's and 增存挂钩's inputs: a platform's pending demand (项目待安排指标)
and a year's disposal of 批而未供 / 闲置 land against its target."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QSpinBox, QWidget
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.i18n import tr
from desktop.quotas.dialogs import LedgerDialog, area_text, need, purpose_choices
from desktop.widgets.editors import AreaEdit, CheckEdit, ChoiceCombo, DateEdit, TextEdit
from models.changes import Changes
from models.errors import DomainError
from models.quotas import services
from models.quotas.queries import platforms


def _year_box(year: int | None) -> QSpinBox:
    box = QSpinBox()
    box.setRange(2000, 2100)
    box.setValue(year or dt.date.today().year)
    return box


class DemandDialog(LedgerDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, year: int | None = None) -> None:
        super().__init__(ctx, tr("新增用地需求"), parent)
        with ctx.db.read() as s:
            plats = [(p.id, p.name) for p in platforms(s)]
        self.year = _year_box(year)
        self.form.addRow(tr("年度"), self.year)
        self.platform = self.row(tr("平台"), ChoiceCombo(plats))
        self.project = self.row(tr("项目"), TextEdit(max_length=200))
        self.area = self.row(tr("需求面积"), AreaEdit())
        self.purpose = self.row(tr("用途"), ChoiceCombo(purpose_choices()))
        self.is_major = self.row(tr("省市重大产业项目"), CheckEdit())
        self.priority = QSpinBox()
        self.priority.setRange(1, 9)
        self.priority.setValue(5)
        self.form.addRow(tr("平台内优先级（1 最先）"), self.priority)
        self.requested_on = self.row(tr("申请日期"), DateEdit(allow_blank=False))
        self.note = self.row(tr("备注"), TextEdit())
        self.refresh()

    def _values(self) -> dict[str, Any]:
        return {
            "year": self.year.value(),
            "platform_id": self.platform.value(),
            "project": need(self.project.value(), tr("项目")),
            "area_m2": need(self.area.value(), tr("需求面积")),
            "requested_on": self.requested_on.value(),
            "is_major": self.is_major.value(),
            "priority": self.priority.value(),
            "purpose": self.purpose.value(),
        }

    def check(self, session: Session) -> str:  # noqa: ARG002  LedgerDialog.check(session) protocol
        values = self._values()
        area = services.exact_area(values["area_m2"])
        if area <= 0:
            raise DomainError("quota.area_not_positive", area_m2=area)
        return tr(
            "{project} 申请 {area}，将参与 {year} 年按优先顺序安排",
            project=values["project"],
            area=area_text(area),
            year=values["year"],
        )

    def apply(self, session: Session) -> Changes:
        return services.add_demand(session, note=self.note.value(), **self._values())


class DisposalDialog(LedgerDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, year: int | None = None) -> None:
        super().__init__(ctx, tr("登记批而未供和闲置土地处置"), parent)
        with ctx.db.read() as s:
            plats = [(p.id, p.name) for p in platforms(s)]
        self.year = _year_box(year)
        self.form.addRow(tr("年度"), self.year)
        self.kind = self.row(
            tr("类型"), ChoiceCombo([("unsupplied", tr("批而未供")), ("idle", tr("闲置土地"))])
        )
        self.platform = self.row(tr("平台"), ChoiceCombo(plats, allow_blank=True, blank_label=tr("（全区）")))
        self.target = self.row(tr("处置任务"), AreaEdit())
        self.disposed = self.row(tr("已处置"), AreaEdit())
        self.note = self.row(tr("备注"), TextEdit())
        self.refresh()

    def _values(self) -> dict[str, Any]:
        return {
            "year": self.year.value(),
            "kind": self.kind.value(),
            "platform_id": self.platform.value(),
            "target_m2": need(self.target.value(), tr("处置任务")),
            "disposed_m2": need(self.disposed.value(), tr("已处置")),
        }

    def check(self, session: Session) -> str:  # noqa: ARG002  LedgerDialog.check(session) protocol
        v = self._values()
        rate = "" if v["target_m2"] == 0 else f"{v['disposed_m2'] / v['target_m2'] * 100:.1f}%"
        return tr(
            "{year} 年任务 {target}，已处置 {done}（{rate}）；同一年度、类型、平台再次登记将替换原数字",
            year=v["year"],
            target=area_text(v["target_m2"]),
            done=area_text(v["disposed_m2"]),
            rate=rate,
        )

    def apply(self, session: Session) -> Changes:
        return services.record_disposal(session, note=self.note.value(), **self._values())
