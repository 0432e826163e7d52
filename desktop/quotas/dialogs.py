"""The forms of the quota ledger, each with a live check.

As the clerk types, the form asks the same ``check_*`` function the service uses (in a
read session) and shows either what will be left ("该批次剩余 85.50 亩，分配后剩余 …") or
the refusal sentence itself, before anything is saved; OK stays disabled while the
entry would be refused. Saving goes through ``ctx.write`` (one transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop import choice_labels
from desktop.choice_labels import choice_text
from desktop.context import AppContext
from desktop.i18n import tr
from desktop.item_models.formats import area_unit, format_area
from desktop.messages import render
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.editors import AreaEdit, CheckEdit, ChoiceCombo, DateEdit, TextEdit
from desktop.widgets.keyboard import form_position
from models.changes import Changes
from models.errors import DomainError
from models.land.queries import plot_choices
from models.quotas import services
from models.quotas.entities import UseStage
from models.quotas.entries import AllocationOption, GrantOption, UseRow, allocation_options, grant_options
from models.quotas.ledger import (
    advance_outstanding_m2,
    allocation_min_remaining_from,
    get_allocation,
    get_grant,
    grant_remaining_m2,
)
from models.quotas.queries import platforms

STAGE_TEXT = {"reserved": "预安排", "deducted": "报批核销", "approved": "批准", "supplied": "供地"}


def purpose_choices() -> list[tuple[str, str]]:
    """Quota purposes: 六(十) orders only new industrial land (新增产业用地)."""
    return [("industrial", tr("产业用地")), ("other", tr("其他用地"))]


OK_STYLE = "color: #1a7f37;"
BAD_STYLE = "color: #cf222e; font-weight: bold;"


def area_text(value_m2: Decimal) -> str:
    return format_area(value_m2, with_unit=True)


class LedgerDialog(QDialog):
    """A form + a live status line + OK/Cancel. Subclasses add rows, ``check`` and ``apply``."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(44)
        outer.addWidget(self.status)
        self.buttons = ok_cancel(self, on_ok=self.save)
        outer.addWidget(self.buttons)
        self.changes: Changes | None = None

    def row(self, label: str, editor: QWidget) -> Any:
        self.form.addRow(label, editor)
        signal = getattr(editor, "edited", None)
        if signal is not None:
            signal.connect(self.refresh)
        return editor

    # --- to override -------------------------------------------------------------------
    def check(self, session: Session) -> str:
        """The OK text (what will be left), or raise the refusal as ``DomainError``."""
        raise NotImplementedError

    def apply(self, session: Session) -> Changes:
        raise NotImplementedError

    # --- live check --------------------------------------------------------------------
    def refresh(self) -> bool:
        for editor in self.findChildren(DateEdit):  # (never the layout's items: see widgets.keyboard)
            if form_position(self.form, editor)[0] < 0:
                continue
            if editor.text().strip() and not editor.is_valid():
                self._show(editor.problem(), ok=False)
                return False
        try:
            with self.ctx.db.read() as session:
                text = self.check(session)
        except DomainError as exc:
            self._show("\n".join(render(p) for p in exc.problems), ok=False)
            return False
        except _Incomplete as exc:
            self._show(str(exc), ok=False, style="color: #57606a;")
            return False
        self._show(text, ok=True)
        return True

    def _show(self, text: str, *, ok: bool, style: str | None = None) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style or (OK_STYLE if ok else BAD_STYLE))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def save(self) -> None:
        if not self.refresh():
            return
        self.changes = self.ctx.write(self.apply, self)
        if self.changes is not None:
            self.accept()


class _Incomplete(Exception):
    """A required field is still blank: say which, calmly (not as a refusal)."""


def need(value: Any, label: str) -> Any:
    if value is None or value == "":
        raise _Incomplete(tr("请填写：{field}", field=label))
    return value


def grant_label(g: GrantOption) -> str:
    extra = f" · {g.major_project}" if g.major_project else ""
    return tr(
        "{doc} · {year} {source}{extra} · 剩余 {left}",
        doc=g.document_no,
        year=g.year,
        source=choice_text("quota_source", g.source),
        extra=extra,
        left=area_text(g.remaining_m2),
    )


def allocation_label(a: AllocationOption) -> str:
    project = f" · {a.project}" if a.project else ""
    return tr(
        "{platform}{project} · {doc} · 剩余 {left}",
        platform=a.platform,
        project=project,
        doc=a.grant_document_no,
        left=area_text(a.remaining_m2),
    )


class GrantDialog(LedgerDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, year: int | None = None) -> None:
        super().__init__(ctx, tr("登记指标下达"), parent)
        with ctx.db.read() as s:
            sources = services.quota_sources(s)
            choice_labels.refresh(s)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year or dt.date.today().year)
        self.form.addRow(tr("年度"), self.year)
        self.year.valueChanged.connect(self.refresh)
        self.source = self.row(
            tr("指标来源"), ChoiceCombo([(v, choice_text("quota_source", v)) for v in sources])
        )
        self.document_no = self.row(tr("下达文号"), TextEdit(max_length=120))
        self.granted_on = self.row(tr("下达日期"), DateEdit(allow_blank=False))
        self.area = self.row(tr("下达面积"), AreaEdit())
        self.expires_on = self.row(tr("有效期至"), DateEdit())
        self.major_project = self.row(tr("重大项目（预留、预支指标填写）"), TextEdit(max_length=200))
        self.is_advance = self.row(tr("预支（省重大项目，以后年度归还）"), CheckEdit())
        self.note = self.row(tr("备注"), TextEdit())
        self.refresh()

    def _values(self) -> dict[str, Any]:
        return {
            "source": self.source.value(),
            "document_no": need(self.document_no.value(), tr("下达文号")),
            "granted_on": self.granted_on.value(),
            "area_m2": need(self.area.value(), tr("下达面积")),
            "expires_on": self.expires_on.value(),
        }

    def check(self, session: Session) -> str:
        values = self._values()
        area = services.check_grant(session, **values)
        if self.is_advance.value():
            if not self.major_project.value().strip():
                raise DomainError("quota.advance_needs_project", document_no=values["document_no"])
            return tr(
                "将登记 {year} 年预支指标 {area}（{project}），须以后年度下达的指标归还",
                year=self.year.value(),
                area=area_text(area),
                project=self.major_project.value().strip(),
            )
        return tr(
            "将登记 {year} 年 {source} {area}",
            year=self.year.value(),
            source=self.source.value(),
            area=area_text(area),
        )

    def apply(self, session: Session) -> Changes:
        return services.add_grant(
            session,
            year=self.year.value(),
            major_project=self.major_project.value(),
            note=self.note.value(),
            is_advance=bool(self.is_advance.value()),
            **self._values(),
        )


class CarryOverDialog(LedgerDialog):
    """Carry a grant's unallocated remainder into a later year (结转): a new grant of the same
    source; the original's remainder drops by the same area from the date."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, grant_id: int | None = None
    ) -> None:
        super().__init__(ctx, tr("指标结转"), parent)
        with ctx.db.read() as s:
            options = [g for g in grant_options(s) if not g.is_advance and g.remaining_m2 > 0]
        self.grant = self.row(tr("结转的指标批次"), ChoiceCombo([(g.id, grant_label(g)) for g in options]))
        if grant_id is not None:
            self.grant.set_value(grant_id)
        chosen = next((g for g in options if g.id == self.grant.value()), None)
        self.to_year = QSpinBox()
        self.to_year.setRange(2000, 2100)
        self.to_year.setValue((chosen.year if chosen is not None else dt.date.today().year) + 1)
        self.form.addRow(tr("结转到年度"), self.to_year)
        self.to_year.valueChanged.connect(self.refresh)
        self.on = self.row(tr("结转日期"), DateEdit(allow_blank=False))
        self.document_no = self.row(tr("结转文号（空：原文号加“结转”）"), TextEdit(max_length=120))
        self.note = self.row(tr("备注"), TextEdit())
        self.refresh()

    def _values(self) -> dict[str, Any]:
        return {
            "grant_id": need(self.grant.value(), tr("结转的指标批次")),
            "to_year": self.to_year.value(),
            "on": self.on.value(),
            "document_no": self.document_no.value(),
        }

    def check(self, session: Session) -> str:
        area = services.check_carry_over(session, **self._values())
        return tr("将结转 {area}，作为 {year} 年的指标", area=area_text(area), year=self.to_year.value())

    def apply(self, session: Session) -> Changes:
        return services.carry_over_grant(session, note=self.note.value(), **self._values())


class RepaymentDialog(LedgerDialog):
    """Repay an advance (预支) from a later grant's remainder."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("归还预支指标"), parent)
        with ctx.db.read() as s:
            options = grant_options(s)
            owed = {g.id: advance_outstanding_m2(s, get_grant(s, g.id)) for g in options if g.is_advance}
        self.advance = self.row(
            tr("预支指标"),
            ChoiceCombo(
                [
                    (g.id, tr("{label} · 尚欠 {owed}", label=grant_label(g), owed=area_text(owed[g.id])))
                    for g in options
                    if g.is_advance and owed[g.id] > 0
                ]
            ),
        )
        self.grant = self.row(
            tr("用于归还的指标批次"),
            ChoiceCombo([(g.id, grant_label(g)) for g in options if not g.is_advance and g.remaining_m2 > 0]),
        )
        self.repaid_on = self.row(tr("归还日期"), DateEdit(allow_blank=False))
        self.area = self.row(tr("归还面积"), AreaEdit())
        self.document_no = self.row(tr("归还文号"), TextEdit(max_length=120))
        self.note = self.row(tr("备注"), TextEdit())
        self.refresh()

    def _values(self) -> dict[str, Any]:
        return {
            "advance_id": need(self.advance.value(), tr("预支指标")),
            "grant_id": need(self.grant.value(), tr("用于归还的指标批次")),
            "area_m2": need(self.area.value(), tr("归还面积")),
            "repaid_on": self.repaid_on.value(),
        }

    def check(self, session: Session) -> str:
        values = self._values()
        area = services.check_repayment(session, **values)
        owed = advance_outstanding_m2(session, get_grant(session, values["advance_id"]))
        return tr(
            "预支尚欠 {owed}，归还 {area} 后尚欠 {after}",
            owed=area_text(owed),
            area=area_text(area),
            after=area_text(owed - area),
        )

    def apply(self, session: Session) -> Changes:
        return services.repay_advance(
            session, document_no=self.document_no.value(), note=self.note.value(), **self._values()
        )


class AllocationDialog(LedgerDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        year: int | None = None,
        grant_id: int | None = None,
    ) -> None:
        super().__init__(ctx, tr("分配指标"), parent)
        with ctx.db.read() as s:
            self.grants = [g for g in grant_options(s, year=year) if g.remaining_m2 > 0 or g.id == grant_id]
            plats = [(p.id, p.name) for p in platforms(s)]
        self.grant = self.row(tr("指标批次"), ChoiceCombo([(g.id, grant_label(g)) for g in self.grants]))
        self.grant.set_value(grant_id)
        self.platform = self.row(tr("平台"), ChoiceCombo(plats))
        self.project = self.row(tr("项目（可选）"), TextEdit(max_length=200))
        self.purpose = self.row(tr("用途"), ChoiceCombo(purpose_choices()))
        self.allocated_on = self.row(tr("分配日期"), DateEdit(allow_blank=False))
        area_box = QWidget()
        line = QHBoxLayout(area_box)
        line.setContentsMargins(0, 0, 0, 0)
        self.area = AreaEdit()
        self.area.edited.connect(self.refresh)
        self.rest_button = QPushButton(tr("全部剩余"))
        self.rest_button.clicked.connect(self.take_rest)
        line.addWidget(self.area, 1)
        line.addWidget(self.rest_button)
        self.form.addRow(tr("分配面积"), area_box)
        self.document_no = self.row(tr("分配文号"), TextEdit(max_length=120))
        self.note = self.row(tr("备注"), TextEdit())
        self.refresh()

    def take_rest(self) -> None:
        gid = self.grant.value()
        if gid is None:
            return
        with self.ctx.db.read() as s:
            self.area.set_value(grant_remaining_m2(s, get_grant(s, gid)))
        self.refresh()

    def _values(self) -> dict[str, Any]:
        return {
            "grant_id": need(self.grant.value(), tr("指标批次")),
            "platform_id": self.platform.value(),
            "area_m2": need(self.area.value(), tr("分配面积")),
            "allocated_on": self.allocated_on.value(),
        }

    def check(self, session: Session) -> str:
        values = self._values()
        area = services.check_allocation(session, **values)
        left = grant_remaining_m2(session, get_grant(session, values["grant_id"]))
        return tr(
            "该批次剩余 {left}，分配 {area} 后剩余 {after}",
            left=area_text(left),
            area=area_text(area),
            after=area_text(left - area),
        )

    def apply(self, session: Session) -> Changes:
        return services.allocate_quota(
            session,
            project=self.project.value(),
            document_no=self.document_no.value(),
            note=self.note.value(),
            purpose=self.purpose.value(),
            **self._values(),
        )


class UseDialog(LedgerDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        year: int | None = None,
        allocation_id: int | None = None,
    ) -> None:
        super().__init__(ctx, tr("登记指标使用"), parent)
        with ctx.db.read() as s:
            self.allocs = [
                a for a in allocation_options(s, year=year) if a.remaining_m2 > 0 or a.id == allocation_id
            ]
            plats = [(p.id, p.name) for p in platforms(s)]
            plots = plot_choices(s)
        self.land_source = self.row(
            tr("用地来源"),
            ChoiceCombo([("new", tr("新增（占用指标）")), ("existing", tr("存量（不占指标）"))]),
        )
        self.land_source.edited.connect(self._source_changed)
        self.allocation = self.row(
            tr("分配指标"), ChoiceCombo([(a.id, allocation_label(a)) for a in self.allocs])
        )
        self.allocation.set_value(allocation_id)
        self.platform = self.row(tr("平台（存量）"), ChoiceCombo(plats))
        self.project = self.row(tr("项目"), TextEdit(max_length=200))
        self.plot = self.row(tr("地块"), ChoiceCombo(plots, allow_blank=True))
        self.area = self.row(tr("使用面积"), AreaEdit())
        self.reserved_on = self.row(tr("预安排日期"), DateEdit(allow_blank=False))
        self.level = self.row(
            tr("决策层级"), ChoiceCombo([("district", tr("区政府")), ("science_city", tr("科技城管委会"))])
        )
        self.approval_no = self.row(tr("批准文号"), TextEdit(max_length=120))
        self.note = self.row(tr("备注"), TextEdit())
        self._source_changed()

    def _source_changed(self) -> None:
        new = self.land_source.value() == "new"
        self.allocation.setEnabled(new)
        self.platform.setEnabled(not new)
        self.refresh()

    def _values(self) -> dict[str, Any]:
        new = self.land_source.value() == "new"
        return {
            "land_source": self.land_source.value(),
            "allocation_id": need(self.allocation.value(), tr("分配指标")) if new else None,
            "platform_id": None if new else self.platform.value(),
            "area_m2": need(self.area.value(), tr("使用面积")),
            "reserved_on": self.reserved_on.value(),
            "decision_level": self.level.value(),
            "project": need(self.project.value(), tr("项目")),
        }

    def check(self, session: Session) -> str:
        values = self._values()
        area = services.check_use(session, **values)
        if values["allocation_id"] is None:
            return tr("存量用地不占用新增指标，登记 {area} 计入增存挂钩", area=area_text(area))
        left = allocation_min_remaining_from(
            session, get_allocation(session, values["allocation_id"]), values["reserved_on"]
        )
        return tr(
            "该分配自 {on} 起可用 {left}，使用 {area} 后剩余 {after}",
            on=values["reserved_on"].isoformat(),
            left=area_text(left),
            area=area_text(area),
            after=area_text(left - area),
        )

    def apply(self, session: Session) -> Changes:
        return services.record_use(
            session,
            plot_id=self.plot.value(),
            approval_no=self.approval_no.value(),
            note=self.note.value(),
            **self._values(),
        )


class AdvanceDialog(LedgerDialog):
    """Move the selected use to its next stage, dated."""

    def __init__(self, ctx: AppContext, use: UseRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("推进环节"), parent)
        self.use = use
        target = services.next_stage(use.stage)
        info = tr(
            "{project}（{platform}，{area}）：{now} → {next}",
            project=use.project,
            platform=use.platform,
            area=area_text(use.area_m2),
            now=tr(STAGE_TEXT[use.stage]),
            next=tr(STAGE_TEXT[target.value]) if target else tr("（已供地）"),
        )
        self.form.addRow(QLabel(info))
        self.on = self.row(tr("日期"), DateEdit(allow_blank=False))
        self.approval_no = self.row(tr("批准文号"), TextEdit(max_length=120))
        self.approval_no.set_value(use.approval_no)
        self.refresh()

    def check(self, session: Session) -> str:
        from models.quotas.ledger import get_use

        row = get_use(session, self.use.id)
        if row.version != self.use.version:
            raise DomainError("record.changed_by_other", entity=tr("指标使用"), key=row.id)
        if row.cancelled_on is not None:
            raise DomainError("quota.use_cancelled", project=row.project, cancelled_on=row.cancelled_on)
        target = services.next_stage(row.stage)
        if target is None:
            raise DomainError("quota.use_already_supplied", project=row.project)
        previous = getattr(row, services.STAGE_DATE[UseStage(row.stage)])
        if self.on.value() < previous:
            raise DomainError(
                "quota.stage_date_backwards",
                stage=tr(STAGE_TEXT[target.value]),
                on=self.on.value(),
                previous_on=previous,
            )
        return tr(
            "将于 {on} 进入“{stage}”", on=self.on.value().isoformat(), stage=tr(STAGE_TEXT[target.value])
        )

    def apply(self, session: Session) -> Changes:
        return services.advance_use(
            session,
            use_id=self.use.id,
            on=self.on.value(),
            approval_no=self.approval_no.value(),
            expected_version=self.use.version,
        )


class ReturnDialog(LedgerDialog):
    """收回 part of a use, or 撤销 the whole use (``cancel=True``), with the reason."""

    def __init__(
        self, ctx: AppContext, use: UseRow, parent: QWidget | None = None, *, cancel: bool = False
    ) -> None:
        super().__init__(ctx, tr("撤销使用") if cancel else tr("收回指标"), parent)
        self.use, self.cancel = use, cancel
        open_m2 = use.area_m2 - use.returned_m2
        self.form.addRow(
            QLabel(
                tr(
                    "{project}（{platform}）：使用 {area}，已收回 {back}",
                    project=use.project,
                    platform=use.platform,
                    area=area_text(use.area_m2),
                    back=area_text(use.returned_m2),
                )
            )
        )
        self.area = AreaEdit()
        self.area.set_value(open_m2)
        if not cancel:
            self.row(tr("收回面积"), self.area)
        self.on = self.row(tr("日期"), DateEdit(allow_blank=False))
        self.reason = self.row(tr("原因"), TextEdit(max_length=300))
        self.document_no = self.row(tr("文号"), TextEdit(max_length=120))
        self.refresh()

    def check(self, session: Session) -> str:
        reason = need(self.reason.value(), tr("原因"))
        if self.cancel:
            if self.use.cancelled_on is not None:
                raise DomainError(
                    "quota.use_cancelled", project=self.use.project, cancelled_on=self.use.cancelled_on
                )
            back = self.use.area_m2 - self.use.returned_m2
            if self.use.allocation_id is None:
                return tr("存量用地撤销，不涉及指标返还")
            return tr("撤销后 {area} 返还原分配", area=area_text(back))
        area = services.check_return(
            session,
            use_id=self.use.id,
            area_m2=need(self.area.value(), tr("收回面积")),
            returned_on=self.on.value(),
            reason=reason,
        )
        return tr("收回 {area} 返还原分配", area=area_text(area))

    def apply(self, session: Session) -> Changes:
        if self.cancel:
            return services.cancel_use(
                session,
                use_id=self.use.id,
                on=self.on.value(),
                reason=self.reason.value(),
                document_no=self.document_no.value(),
                expected_version=self.use.version,
            )
        return services.return_quota(
            session,
            use_id=self.use.id,
            area_m2=self.area.value() or Decimal(0),
            returned_on=self.on.value(),
            reason=self.reason.value(),
            document_no=self.document_no.value(),
        )


DialogFactory = Callable[..., LedgerDialog]
__all__ = [
    "AdvanceDialog",
    "AllocationDialog",
    "GrantDialog",
    "LedgerDialog",
    "ReturnDialog",
    "UseDialog",
    "area_unit",
]
