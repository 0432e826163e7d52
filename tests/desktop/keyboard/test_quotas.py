"""docs/guide/quotas.md by keyboard alone: 登记下达, 预支, 分配, 使用, 推进环节, 收回, 撤销,
按优先顺序安排 and 归还预支, each through its button (Tab, Space), its dialog's fields in Tab order
and Enter, checked in the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QDialog
from sqlalchemy import func, select

from desktop.main_window import MainWindow
from models.quotas.entities import QuotaAllocation, QuotaGrant, QuotaRepayment, QuotaReturn, QuotaUse
from models.units import AreaUnit, to_m2
from tests.desktop.keyboard.driver import (
    accept,
    choose_row,
    fill,
    go_to,
    press_button,
    switch_tab,
    tab_to,
    table_in,
)

TODAY = dt.date.today()


def _count(window: MainWindow, entity: Any) -> int:
    with window.ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(entity)) or 0)


def _choose_use(window: MainWindow, page: Any, want: Any) -> None:
    """Tab to the ledger table and arrow down to a 使用 row whose use satisfies ``want``."""
    view = tab_to(table_in(page, "日期"))
    assert isinstance(view, QAbstractItemView)

    def ok(row: int) -> bool:
        entry = page.entry_model.row_at(row)
        return bool(entry.kind == "use" and want(page.data.uses[entry.id]))

    choose_row(view, ok, window.ctx)


def test_grant(window: MainWindow) -> None:
    go_to(window, "quotas")

    def act(dialog: QDialog) -> None:
        fill({"下达文号": "键盘〔2026〕1号", "下达日期": "2026年3月1日", "下达面积": "12.5"})
        accept(dialog)

    assert press_button(window, "下达…", act) == []
    with window.ctx.db.read() as s:
        grant = s.scalars(select(QuotaGrant).where(QuotaGrant.document_no == "键盘〔2026〕1号")).one()
        assert grant.granted_on == dt.date(2026, 3, 1)
        assert grant.area_m2 == to_m2(Decimal("12.5"), AreaUnit.MU)


def test_advance_grant(window: MainWindow) -> None:
    """预支: 下达… with 预支 ticked and the provincial project named."""
    go_to(window, "quotas")

    def act(dialog: QDialog) -> None:
        fill(
            {
                "下达文号": "浙预支〔2026〕9号",
                "下达面积": "20",
                "重大项目（预留、预支指标填写）": "键盘省重大项目",
                "预支（省重大项目，以后年度归还）": True,
                "备注": "",
            }
        )
        accept(dialog)

    assert press_button(window, "下达…", act) == []
    with window.ctx.db.read() as s:
        grant = s.scalars(select(QuotaGrant).where(QuotaGrant.document_no == "浙预支〔2026〕9号")).one()
        assert grant.major_project == "键盘省重大项目" and grant.is_advance


def test_allocate(window: MainWindow) -> None:
    go_to(window, "quotas")
    before = _count(window, QuotaAllocation)

    def act(dialog: QDialog) -> None:
        fill({"分配面积": "1.5", "分配文号": "键盘分配1号"})
        accept(dialog)

    assert press_button(window, "分配…", act) == []
    assert _count(window, QuotaAllocation) == before + 1
    with window.ctx.db.read() as s:
        a = s.scalars(select(QuotaAllocation).where(QuotaAllocation.document_no == "键盘分配1号")).one()
        assert a.area_m2 == to_m2(Decimal("1.5"), AreaUnit.MU) and a.allocated_on == TODAY


def test_use(window: MainWindow) -> None:
    go_to(window, "quotas")

    def act(dialog: QDialog) -> None:
        fill({"项目": "键盘项目", "使用面积": "0.5", "批准文号": "键盘批1号"})
        accept(dialog)

    assert press_button(window, "使用…", act) == []
    with window.ctx.db.read() as s:
        use = s.scalars(select(QuotaUse).where(QuotaUse.project == "键盘项目")).one()
        assert use.area_m2 == to_m2(Decimal("0.5"), AreaUnit.MU) and use.stage == "reserved"


def test_advance_stage(window: MainWindow) -> None:
    page = go_to(window, "quotas")
    _choose_use(window, page, lambda u: u.stage != "supplied" and u.cancelled_on is None)
    use_id = page.selected_use().id  # type: ignore[attr-defined]
    with window.ctx.db.read() as s:
        stage = s.get(QuotaUse, use_id).stage  # type: ignore[union-attr]

    def act(dialog: QDialog) -> None:
        fill({"日期": TODAY.strftime("%Y/%m/%d")})
        accept(dialog)

    assert press_button(window, "推进环节…", act) == []
    with window.ctx.db.read() as s:
        assert s.get(QuotaUse, use_id).stage != stage  # type: ignore[union-attr]


def _return(window: MainWindow, button: str, values: dict[str, str]) -> int:
    page = go_to(window, "quotas")
    _choose_use(window, page, lambda u: u.cancelled_on is None and u.allocation_id is not None)
    use_id: int = page.selected_use().id  # type: ignore[attr-defined]

    def act(dialog: QDialog) -> None:
        fill(values)
        tab_to(lambda w: w.accessibleName() == "文号")
        accept(dialog)

    assert press_button(window, button, act) == []
    return use_id


def test_return(window: MainWindow) -> None:
    use_id = _return(window, "收回…", {"收回面积": "0.1", "原因": "键盘收回"})
    with window.ctx.db.read() as s:
        r = s.scalars(select(QuotaReturn).where(QuotaReturn.reason == "键盘收回")).one()
        assert r.use_id == use_id and r.area_m2 == to_m2(Decimal("0.1"), AreaUnit.MU)


def test_cancel(window: MainWindow) -> None:
    use_id = _return(window, "撤销…", {"原因": "键盘撤销"})
    with window.ctx.db.read() as s:
        assert s.get(QuotaUse, use_id).cancelled_on == TODAY  # type: ignore[union-attr]
        assert s.scalars(select(QuotaReturn).where(QuotaReturn.reason == "键盘撤销")).all()


def test_plan_by_priority(window: MainWindow) -> None:
    go_to(window, "quotas")
    before = _count(window, QuotaAllocation)

    def act(dialog: QDialog) -> None:
        tab_to(lambda w: w.accessibleName() == "安排日期")
        tab_to(lambda w: getattr(w, "text", lambda: "")() == "接受并分配")
        from PySide6.QtCore import Qt

        from tests.desktop.keyboard.driver import key

        key(Qt.Key.Key_Space)
        assert not dialog.isVisible()

    assert press_button(window, "按优先顺序安排…", act) == []
    assert _count(window, QuotaAllocation) > before


def test_repay_advance(window: MainWindow) -> None:
    go_to(window, "quotas")
    before = _count(window, QuotaRepayment)

    def act(dialog: QDialog) -> None:
        fill({"归还面积": "1", "归还文号": "键盘归还1号"})
        accept(dialog)

    assert press_button(window, "归还预支…", act) == []
    assert _count(window, QuotaRepayment) == before + 1


def test_register_disposal(window: MainWindow) -> None:
    """增存挂钩: 登记处置… (批而未供 or 闲置 land disposed of in the year)."""
    from models.quotas.entities import LandDisposal

    go_to(window, "quotas")
    switch_tab("增存挂钩")
    before = _count(window, LandDisposal)

    def act(dialog: QDialog) -> None:
        fill({"处置任务": "50", "已处置": "12.5"})
        accept(dialog)

    assert press_button(window, "登记处置…", act) == []
    assert _count(window, LandDisposal) in (before, before + 1)  # a year's record is replaced
    with window.ctx.db.read() as s:
        wanted = to_m2(Decimal("12.5"), AreaUnit.MU)
        assert s.scalars(select(LandDisposal).where(LandDisposal.disposed_m2 == wanted)).all()
