"""docs/guide/admin.md by keyboard alone: a new rule version (政策参数 → 新增版本…), a choice added
to a list (选项列表 → 添加), the audit chain verified (审计日志 → 校验审计链), a new user and a
password reset (用户管理), checked in the database or on the page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QAbstractItemView, QDialog
from sqlalchemy import select

from desktop.main_window import MainWindow
from models.accounts.entities import User
from models.policy.entities import ChoiceItem, PolicyRule
from tests.desktop.keyboard.driver import (
    accept,
    button,
    choose_row,
    fill,
    go_to,
    key,
    named,
    press_button,
    switch_tab,
    tab_to,
    table_in,
    type_text,
)
from tests.desktop.loads import settle


def test_new_rule_version(window: MainWindow) -> None:
    page = go_to(window, "policy")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    choose_row(view, lambda r: r == 0, window.ctx)
    with window.ctx.db.read() as s:
        versions = len(s.scalars(select(PolicyRule)).all())

    def act(dialog: QDialog) -> None:
        fill({"生效日期": "2031-01-01", "文件文号": "键盘〔2030〕5号"})
        accept(dialog)

    assert press_button(window, "新增版本…", act) == []
    with window.ctx.db.read() as s:
        rule = s.scalars(select(PolicyRule).where(PolicyRule.document_no == "键盘〔2030〕5号")).one()
        assert rule.effective_from == dt.date(2031, 1, 1)
        assert len(s.scalars(select(PolicyRule)).all()) == versions + 1


def test_add_a_choice(window: MainWindow) -> None:
    go_to(window, "policy")
    switch_tab("选项列表")
    settle(window.ctx)
    tab_to(named("新选项"))
    type_text("键盘产业链")
    tab_to(button("添加"))
    from PySide6.QtCore import Qt

    key(Qt.Key.Key_Space)
    settle(window.ctx)
    with window.ctx.db.read() as s:
        assert s.scalars(select(ChoiceItem).where(ChoiceItem.value == "键盘产业链")).one().active


def test_verify_the_audit_chain(window: MainWindow) -> None:
    page = go_to(window, "audit")
    press_button(window, "校验审计链")
    window.ctx.tasks.wait(60_000)
    settle(window.ctx)
    assert page.status.text() == "审计链完整：没有发现在程序之外的修改。"  # type: ignore[attr-defined]


def test_new_user(window: MainWindow) -> None:
    go_to(window, "users")

    def act(dialog: QDialog) -> None:
        fill(
            {
                "用户名": "jianpan",
                "姓名": "键盘",
                "角色": "只读用户",
                "密码": "keyboard-2026",
                "确认密码": "keyboard-2026",
            }
        )
        accept(dialog)

    assert press_button(window, "新增用户…", act) == []
    with window.ctx.db.read() as s:
        user = s.scalars(select(User).where(User.username == "jianpan")).one()
        assert user.display_name == "键盘" and user.role == "viewer"


def test_reset_password(window: MainWindow) -> None:
    page = go_to(window, "users")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    row = choose_row(view, lambda r: view.model().index(r, 0).data() == "zhangmin", window.ctx)
    assert row >= 0
    with window.ctx.db.read() as s:
        old = s.scalars(select(User).where(User.username == "zhangmin")).one().password_hash

    def act(dialog: QDialog) -> None:
        fill({"新密码": "new-pass-2026", "确认密码": "new-pass-2026"})
        accept(dialog)

    assert press_button(window, "重置密码…", act) == []
    with window.ctx.db.read() as s:
        assert s.scalars(select(User).where(User.username == "zhangmin")).one().password_hash != old
