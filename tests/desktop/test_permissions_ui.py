"""Every page, opened as every role: no enabled write control the role may not use.

The controls are found through the same registry ``desktop.permissions_ui.guard`` writes
(what each control writes); a button or action whose label says it writes (新建, 删除,
保存, 导入 …) but that no page guarded fails the test too, so a new write button cannot
be forgotten."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QWidget

from desktop.context import AppContext, CurrentUser
from desktop.page import Page
from desktop.pages import page_classes
from desktop.permissions_ui import guarded_controls, readable_pages, writes_of
from desktop.widgets.lazy_tab import LazyTab
from models.accounts.permissions import can
from models.database import Database
from tests.models.accounts.world import World, build_world

ROLES = ("admin", "clerk", "carrier_manager", "viewer")
WRITE_WORDS = (
    "新建",
    "新增",
    "删除",
    "保存",
    "导入…",
    "导入{",
    "编辑",
    "登记转让",
    "登记再转让",
    "登记处置",
    "设置本楼",
    "添加",
    "上移",
    "下移",
    "停用",
    "启用",
    "分配",
    "重置",
    "推进",
    "评价本年度",
    "毕业",
    "退出…",
    "按层生成",
    "粘贴",
    "下达…",
    "使用…",
    "收回…",
    "撤销…",
    "撤回",
    "按优先顺序",
    "设为此角色",
    "政府回购",
    "保存为新规则",
)


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def open_page(qtbot: Any, db: Database, world: World) -> Iterator[Any]:
    opened: list[tuple[Database, AppContext]] = []

    def make(cls: type[Page], role: str) -> Page | None:
        """The page as the main window opens it for ``role`` (None: not in the role's navigation)."""
        user_db = Database(db.url, actor=role, user_id=world.users[role])
        ctx = AppContext(user_db, CurrentUser(world.users[role], role, role))
        opened.append((user_db, ctx))
        if cls not in readable_pages(ctx, page_classes()):
            return None
        page = cls(ctx)
        qtbot.addWidget(page)
        page.resize(1280, 720)
        page.show()
        page.reload()  # reads only what the role may read: the core would refuse anything else
        for lazy in page.findChildren(LazyTab):  # parts built at first show are checked too
            lazy.content()
        return page

    yield make
    for user_db, _ctx in opened:
        user_db.dispose()


def _controls(page: QWidget) -> list[Any]:
    return [*page.findChildren(QAbstractButton), *page.findChildren(QAction)]


def _is_write_label(text: str) -> bool:
    return any(text.startswith(word) or word in text for word in WRITE_WORDS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("cls", page_classes(), ids=lambda c: c.__name__)
def test_no_enabled_write_control_the_role_cannot_use(
    open_page: Any, cls: type[Page], role: str, no_blocking_error_boxes: list[str]
) -> None:
    page = open_page(cls, role)
    if page is None:
        assert not all(can(role, t, "read") for t in cls.reads), (cls.__name__, role)
        return
    for control in guarded_controls(page):
        writes = writes_of(control)
        if not all(can(role, table, op) for table, op in writes):  # type: ignore[arg-type]
            assert not control.isEnabled(), (
                cls.__name__,
                role,
                control.text() if hasattr(control, "text") else control,
                writes,
            )
            control.setEnabled(True)  # whatever the page later does, it stays off
            assert not control.isEnabled()
    unguarded = [c.text() for c in _controls(page) if _is_write_label(c.text()) and not writes_of(c)]
    assert not unguarded, f"{cls.__name__}: write controls without permissions_ui.guard: {unguarded}"


def test_navigation_per_role(db: Database, world: World) -> None:
    """A carrier manager's window: their carriers, the enterprises and the policy; a viewer
    sees all but the accounts and the audit log; every page declares what it reads."""
    names = {}
    for role in ROLES:
        ctx = AppContext(db, CurrentUser(world.users[role], role, role))
        names[role] = {cls.__name__ for cls in readable_pages(ctx, page_classes())}
    assert names["carrier_manager"] == {"CarrierPage", "EnterprisePage", "PolicyPage"}
    assert names["viewer"] == {cls.__name__ for cls in page_classes()} - {"UsersPage", "AuditPage"}
    assert names["clerk"] == {cls.__name__ for cls in page_classes()} - {"UsersPage"}
    assert names["admin"] == {cls.__name__ for cls in page_classes()}
    assert all(cls.reads for cls in page_classes())


def test_the_registry_sees_every_page_guard(open_page: Any) -> None:
    """The pages that write guard their controls (the registry is not empty by accident)."""
    found = {cls.__name__: len(guarded_controls(open_page(cls, "admin"))) for cls in page_classes()}
    writers = {
        "QuotaPage",
        "PlotPage",
        "EfficiencyPage",
        "RenewalPage",
        "BuildingPage",
        "CarrierPage",
        "EnterprisePage",
        "PolicyPage",
        "UsersPage",
        "AuditPage",
    }
    assert {name for name, n in found.items() if n} == writers & set(found)
