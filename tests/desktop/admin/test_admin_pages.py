from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from desktop.admin.audit_page import AuditPage
from desktop.admin.login_dialog import LoginDialog, run_login
from desktop.admin.policy_page import PolicyPage, RuleVersionDialog
from desktop.admin.users_page import CarrierDialog, PasswordDialog, UserDialog, UsersPage
from desktop.context import AppContext, CurrentUser
from models.accounts.queries import audit_facets, list_users
from models.accounts.services import create_user
from models.database import Database
from models.policy.entities import Platform
from models.policy.queries import list_rules

PW = "password 12"


def _ctx(db: Database, role: str = "admin", user_id: int | None = None) -> AppContext:
    ctx = AppContext(db, CurrentUser(user_id, "tester", role))
    return ctx


def _connect(ctx: AppContext, page: Any) -> None:
    ctx.changes_applied.connect(page.on_changes)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    return shown


# --- audit ---------------------------------------------------------------------------------


def test_audit_page_lists_filters_and_shows_before_after(
    qtbot: Any, qtmodeltester: Any, db: Database
) -> None:
    with db.write() as s:
        s.info["actor"] = "张三"
        p = s.scalar(select(Platform).where(Platform.code == "LL"))
        assert p is not None
        p.short_name = "玲珑区块"
    page = AuditPage(_ctx(db))
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() > 5
    page.actor.setCurrentIndex(page.actor.findData("张三"))
    page.reload()
    assert page.model.rowCount() == 1
    entry = page.model.row_at(0)
    assert (entry.action, entry.entity) == ("update", "platforms")
    page.show_detail(0)
    qtmodeltester.check(page.detail)
    assert [page.detail.row_at(i) for i in range(page.detail.rowCount())] == [
        ("short_name", "玲珑", "玲珑区块")
    ]
    page.actor.setCurrentIndex(0)
    page.search.setText("青山湖")
    page.reload()
    # the platform, and the seeded register entry of 临政函〔2023〕74号 (its title names the Science City)
    assert {page.model.row_at(i).entity for i in range(page.model.rowCount())} == {
        "platforms",
        "policy_documents",
    }
    page.search.setText("")
    page.use_dates.setChecked(True)
    page.date_from.setDate(QDate(2000, 1, 1))
    page.date_to.setDate(QDate(2000, 12, 31))
    page.reload()
    assert page.model.rowCount() == 0


def test_an_evaluation_is_one_audit_entry_its_results_shortened_in_the_detail(
    qtbot: Any, db: Database
) -> None:
    """A year's evaluation is one entry (效益评价) listing every stored result; the detail
    shows the first results and how many there are, not a cell of the whole list."""
    from desktop.admin.audit_page import LIST_SHOWN
    from desktop.admin.labels import action_label
    from models.efficiency import services as S
    from tests.models.efficiency.util import enterprise, record

    with db.write() as s:
        for i in range(LIST_SHOWN + 5):
            record(s, enterprise(s, i + 1), 2024, mu=10, tax=50 + i, value_added=300, employees=40)
    with db.write() as s:
        S.evaluate_year(s, year=2024)
    page = AuditPage(_ctx(db))
    qtbot.addWidget(page)
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    (at,) = [i for i, e in enumerate(rows) if e.action == "evaluate"]
    assert action_label("evaluate") == "效益评价"
    page.show_detail(at)
    detail = dict(
        (f, after) for f, _, after in (page.detail.row_at(i) for i in range(page.detail.rowCount()))
    )
    assert detail["count"] == str(LIST_SHOWN + 5)
    assert (
        detail["rows"].endswith(f"…（共 {LIST_SHOWN + 5} 项）")
        and detail["rows"].count("], [") == LIST_SHOWN - 1
    )


def test_audit_page_appends_new_entries_without_rereading_the_log(
    qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QStackedWidget

    from desktop.admin import audit_page
    from models.changes import Changes
    from tests.desktop.loads import settle

    stack = QStackedWidget()
    qtbot.addWidget(stack)
    page = AuditPage(ctx)
    stack.addWidget(page)
    stack.show()
    ctx.changes_applied.connect(page.on_changes)
    settle(ctx)
    before = page.model.rowCount()
    assert before > 5
    full_reads: list[int] = []
    real = audit_facets  # what audit_page.audit_facets is before the patch

    def counting(s: Any) -> Any:
        full_reads.append(1)
        return real(s)

    monkeypatch.setattr(audit_page, "audit_facets", counting)

    def rename(s: Any) -> Changes:
        s.info["actor"] = "李四"
        p = s.scalar(select(Platform).where(Platform.code == "YQ"))
        p.short_name = "於潜区块"
        return Changes.of("platforms", updated=1)

    ctx.write(rename)
    assert page.model.rowCount() == before + 1
    assert page.model.row_at(0).actor == "李四" and page.model.row_at(0).entity == "platforms"
    assert page.actor.findData("李四") >= 0  # the filter list gained the new actor
    assert full_reads == []  # appended, not re-read


def test_audit_page_verifies_the_chain(qtbot: Any, db: Database) -> None:
    page = AuditPage(_ctx(db))
    qtbot.addWidget(page)
    page.verify()
    assert "完整" in page.status.text()


# --- users ---------------------------------------------------------------------------------


def test_users_page_is_for_admins_only(qtbot: Any, db: Database) -> None:
    page = UsersPage(_ctx(db, role="clerk", user_id=1))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    assert not page.add_button.isEnabled()


def test_admin_adds_users_sets_roles_resets_passwords_assigns_carriers(
    qtbot: Any, qtmodeltester: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.incubation.entities import Carrier

    with db.write() as s:
        s.add_all(
            [
                Carrier(code="A", name="众创空间A", usable_area_m2=Decimal(100)),
                Carrier(code="B", name="孵化器B", usable_area_m2=Decimal(100)),
            ]
        )
    ctx = _ctx(db)
    page = UsersPage(ctx)
    qtbot.addWidget(page)
    _connect(ctx, page)
    answers = iter([("admin", "管理员", "admin"), ("mgr", "李明", "carrier_manager")])

    def fill_user(self: UserDialog) -> int:
        name, display, role = next(answers)
        self.username.setText(name)
        self.display_name.setText(display)
        self.role.setCurrentIndex(self.role.findData(role))
        self.password.setText(PW)
        self.confirm.setText(PW)
        self._check()
        return self.result()

    monkeypatch.setattr(UserDialog, "exec", fill_user)
    page.add_user()
    page.add_user()
    qtmodeltester.check(page.model)
    assert sorted(page.model.row_at(i).username for i in range(page.model.rowCount())) == ["admin", "mgr"]
    row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).username == "mgr")
    page.table.selectRow(row)
    assert page.carriers_button.isEnabled()

    def tick_all(self: CarrierDialog) -> int:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(self.list.item(i).checkState().Checked)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(CarrierDialog, "exec", tick_all)
    page.assign_carriers()
    with db.read() as s:
        mgr = next(u for u in list_users(s) if u.username == "mgr")
    assert len(mgr.carrier_ids) == 2
    assert "众创空间A" in page.model.index(row, 4).data()

    def new_password(self: PasswordDialog) -> int:
        self.password.setText("brand new pw")
        self.confirm.setText("brand new pw")
        self._check()
        return self.result()

    monkeypatch.setattr(PasswordDialog, "exec", new_password)
    page.table.selectRow(row)
    page.reset_password()
    from models.accounts.services import login

    with db.write() as s:
        assert login(s, username="mgr", password="brand new pw").id == mgr.id

    page.table.selectRow(row)
    page.role_box.setCurrentIndex(page.role_box.findData("viewer"))
    page.apply_role()
    with db.read() as s:
        mgr = next(u for u in list_users(s) if u.username == "mgr")
    assert mgr.role == "viewer" and mgr.carrier_ids == ()


def test_a_refused_new_user_keeps_the_dialog_and_the_input(
    qtbot: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _ctx(db)
    page = UsersPage(ctx)
    qtbot.addWidget(page)
    boxes: list[str] = []
    monkeypatch.setattr(ctx, "show_error", lambda exc, parent=None: boxes.append(exc.code))
    seen = []

    def short_password(self: UserDialog) -> int:
        self.username.setText("clerk1")
        self.display_name.setText("王芳")
        self.role.setCurrentIndex(self.role.findData("admin"))
        self.password.setText("abc")
        self.confirm.setText("abc")
        self._check()
        seen.append(
            (self.result(), self.errors.text(self.password), self.username.text(), self.password.text())
        )
        self.password.setText(PW)
        self.confirm.setText(PW)
        self._check()
        seen.append((self.result(), self.errors.all_text(), self.username.text(), self.password.text()))
        return self.result()

    monkeypatch.setattr(UserDialog, "exec", short_password)
    page.add_user()
    assert boxes == []
    (r1, text1, name1, pw1), (r2, text2, _, _) = seen
    assert r1 != QDialog.DialogCode.Accepted and text1 and (name1, pw1) == ("clerk1", "abc")
    assert r2 == QDialog.DialogCode.Accepted and text2 == ""
    with db.read() as s:
        assert [u.username for u in list_users(s)] == ["clerk1"]


def test_mismatched_passwords_keep_the_dialog_open(qtbot: Any) -> None:
    dialog = UserDialog()
    qtbot.addWidget(dialog)
    dialog.password.setText("abcdefgh1")
    dialog.confirm.setText("abcdefgh2")
    dialog._check()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text()


# --- policy --------------------------------------------------------------------------------


def test_policy_page_lists_rules_and_adds_a_dated_version(
    qtbot: Any, qtmodeltester: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _ctx(db)
    page = PolicyPage(ctx)
    qtbot.addWidget(page)
    _connect(ctx, page)
    assert page.keys.count() >= 1
    page.keys.setCurrentRow(
        [page.keys.item(i).toolTip() for i in range(page.keys.count())].index("quota.priority_order")
    )
    qtmodeltester.check(page.versions)
    assert page.versions.rowCount() == 1
    assert page.versions.index(0, 4).data() == "临政函〔2023〕74号"
    assert page.add_version_button.isEnabled()

    def fill(self: RuleVersionDialog) -> int:
        self.value.setPlainText('["GXY", "QSH", "LL", "YQ"]')
        self.start.setDate(QDate(2026, 1, 1))
        self.document.setText("临政函〔2025〕12号")
        self.clause.setText("二")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(RuleVersionDialog, "exec", fill)
    page.add_version()
    assert page.selected_key() == "quota.priority_order"
    assert page.versions.rowCount() == 2
    assert page.versions.index(1, 1).data() == "2025-12-31"
    with db.read() as s:
        assert list_rules(s, key="quota.priority_order")[0].value == ["GXY", "QSH", "LL", "YQ"]


def test_policy_page_marks_examples_and_locks_non_admins(qtbot: Any, db: Database) -> None:
    from PySide6.QtCore import Qt

    from models.policy.services import add_rule_version

    with db.write() as s:
        add_rule_version(
            s,
            key="building.max_transfer_ratio",
            value="0.5",
            effective_from=dt.date(2023, 12, 1),
            document_no="临政函〔2023〕74号",
            title="分割转让上限",
            is_example=True,
        )
    page = PolicyPage(_ctx(db, role="clerk", user_id=None))
    qtbot.addWidget(page)
    row = [page.keys.item(i).toolTip() for i in range(page.keys.count())].index("building.max_transfer_ratio")
    assert "示例" in page.keys.item(row).text()
    page.keys.setCurrentRow(row)
    assert page.versions.index(0, 6).data() == "示例"
    assert page.versions.data(page.versions.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert not page.add_version_button.isEnabled()


def test_policy_page_edits_choice_lists(qtbot: Any, db: Database) -> None:
    ctx = _ctx(db, role="clerk")
    page = PolicyPage(ctx)
    qtbot.addWidget(page)
    _connect(ctx, page)
    page.category.setCurrentIndex(page.category.findData("industry_chain"))
    page.show_choices()
    page.new_choice.setText("新材料")
    page.add_choice()
    values = [page.choices.row_at(i).value for i in range(page.choices.rowCount())]
    assert values[-1] == "新材料" and page.new_choice.text() == ""
    page.choice_table.selectRow(len(values) - 1)
    page.move_choice(-1)
    assert [page.choices.row_at(i).value for i in range(page.choices.rowCount())][-2] == "新材料"


# --- login ---------------------------------------------------------------------------------


def test_single_user_database_opens_without_login(qtbot: Any, db: Database) -> None:
    user = run_login(db)
    assert user is not None and user.id is None and user.role == "admin" and user.username == db.actor


def test_login_dialog_with_several_users(qtbot: Any, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    with db.write() as s:
        create_user(s, username="admin", password=PW, role="admin")
        create_user(s, username="clerk", password=PW, role="clerk")

    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.username.setText("clerk")
    dialog.password.setText("wrong one")
    dialog.attempt()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "用户名或密码不正确" in dialog.error.text()
    assert dialog.password.text() == ""

    def answer(self: LoginDialog) -> int:
        self.username.setText("Clerk")
        self.password.setText(PW)
        self.attempt()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", answer)
    user = run_login(db)
    assert user is not None and user.username == "clerk" and user.role == "clerk"
    assert db.user_id == user.id and db.actor == "clerk"
    monkeypatch.setattr(LoginDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    assert run_login(db) is None


def test_every_column_of_every_table_has_an_audit_label() -> None:
    import models.schema  # noqa: F401 - every area's entities
    from desktop.i18n import _english
    from desktop.messages.labels import FIELD_LABELS, field_label
    from models.db.base import Base

    missing = sorted({c.name for t in Base.metadata.sorted_tables for c in t.columns} - set(FIELD_LABELS))
    assert missing == []
    assert field_label("expires_on") == "有效期至（expires_on）"
    assert sorted(v for v in FIELD_LABELS.values() if v not in _english()) == []


def test_policy_rule_names_are_english_in_the_english_ui(qtbot: Any, db: Database) -> None:
    import re

    from desktop.admin.policy_page import rule_title
    from desktop.i18n import set_language

    with db.read() as s:
        titles = {r.title for r in list_rules(s) if r.title}
    set_language("en")
    try:
        assert titles and all(not re.search(r"[\u4e00-\u9fff]", rule_title(t)) for t in titles)
        page = PolicyPage(_ctx(db))
        qtbot.addWidget(page)
        page.reload()
        shown = [page.keys.item(i).text() for i in range(page.keys.count())]
        assert shown and not any(re.search(r"[\u4e00-\u9fff]", t) for t in shown), shown
    finally:
        set_language("zh")
    assert rule_title("受让后再转让限制年限") == "受让后再转让限制年限"


def test_a_user_changes_their_own_password_from_the_file_menu(
    qtbot: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.admin.users_page import OwnPasswordDialog
    from desktop.main_window import MainWindow
    from models.accounts.services import login

    with db.write() as s:
        create_user(s, username="admin", password=PW, role="admin")
        uid = create_user(s, username="clerk1", password=PW, role="clerk").ids[0]
    window = MainWindow(_ctx(db, "clerk", uid), show_welcome=False)
    qtbot.addWidget(window)
    assert window.action_password.isVisible()
    seen: list[tuple[int, str]] = []

    def type_passwords(self: OwnPasswordDialog) -> int:
        self.old_password.setText("not my password")
        self.password.setText("brand new pw")
        self.confirm.setText("brand new pw")
        self._check()
        seen.append((self.result(), self.errors.text(self.old_password)))
        self.old_password.setText(PW)
        self._check()
        seen.append((self.result(), self.errors.all_text()))
        return self.result()

    monkeypatch.setattr(OwnPasswordDialog, "exec", type_passwords)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    window.action_password.trigger()
    (r1, wrong), (r2, errors) = seen
    assert r1 != QDialog.DialogCode.Accepted and wrong
    assert r2 == QDialog.DialogCode.Accepted and errors == "" and told
    with db.read() as s:
        assert login(s, username="clerk1", password="brand new pw").id == uid


def test_single_user_mode_offers_no_password_change(qtbot: Any, db: Database) -> None:
    from desktop.main_window import MainWindow

    window = MainWindow(_ctx(db), show_welcome=False)
    qtbot.addWidget(window)
    assert not window.action_password.isVisible()


def test_document_register_tab_lists_registers_and_marks_a_document_superseded(
    qtbot: Any, qtmodeltester: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.admin.documents_tab import DocumentDialog
    from models.policy.documents import INCUBATOR_2018_DOC, SEED_DOC, document

    ctx = _ctx(db)
    page = PolicyPage(ctx)
    qtbot.addWidget(page)
    _connect(ctx, page)
    tab = page.documents_tab
    qtmodeltester.check(tab.documents)
    numbers = [tab.documents.row_at(i).document_no for i in range(tab.documents.rowCount())]
    assert SEED_DOC in numbers and INCUBATOR_2018_DOC in numbers
    tab.document_view.selectRow(numbers.index(INCUBATOR_2018_DOC))
    assert "已被 工信部科〔2025〕131号 替代（2025-09-09 起）" in tab.heading.text()
    tab.document_view.selectRow(numbers.index(SEED_DOC))
    clauses = [tab.clauses.row_at(i)["clause"] for i in range(tab.clauses.rowCount())]
    assert "六(十)" in clauses and "三(三)" in clauses
    three = clauses.index("三(三)")
    assert tab.clauses.index(three, 2).data().startswith("否")  # a power, not a figure
    cited = {tab.citing.row_at(i).key for i in range(tab.citing.rowCount())}
    assert "quota.priority_order" in cited and tab.add_button.isEnabled() and tab.edit_button.isEnabled()

    def register(self: DocumentDialog) -> int:
        self.number.setText("临政办〔2026〕5号")
        self.title_edit.setText("工业楼宇分割转让管理实施意见")
        self.issued_on.set_value(dt.date(2026, 2, 1))
        self._add_clause("三", "", True)
        assert not self.refresh() and "缺少内容摘要" in self.status_line.text()  # the service's own refusal
        cell = self.clauses.item(0, 1)
        assert cell is not None
        cell.setText("最小分割单元为整层")
        assert self.refresh()
        self.save()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(DocumentDialog, "exec", register)
    tab.add_document()
    with db.read() as s:
        row = document(s, "临政办〔2026〕5号")
        assert row is not None and row.clauses[0]["summary"] == "最小分割单元为整层"
    numbers = [tab.documents.row_at(i).document_no for i in range(tab.documents.rowCount())]
    assert "临政办〔2026〕5号" in numbers  # the page reloaded after the write

    def supersede(self: DocumentDialog) -> int:
        self.status.setCurrentIndex(self.status.findData("superseded"))
        assert not self.refresh()
        self.superseded_by.setText("临政办〔2027〕1号")
        self.superseded_on.set_value(dt.date(2027, 1, 1))
        self.save()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(DocumentDialog, "exec", supersede)
    tab.document_view.selectRow(numbers.index("临政办〔2026〕5号"))
    tab.edit_document()
    with db.read() as s:
        row = document(s, "临政办〔2026〕5号")
        assert row is not None and row.status == "superseded" and row.superseded_by == "临政办〔2027〕1号"


def test_document_register_is_for_administrators(qtbot: Any, db: Database) -> None:
    page = PolicyPage(_ctx(db, role="clerk", user_id=None))
    qtbot.addWidget(page)
    assert page.documents_tab.documents.rowCount() > 0  # everyone reads the register
    assert not page.documents_tab.add_button.isEnabled() and not page.documents_tab.edit_button.isEnabled()
