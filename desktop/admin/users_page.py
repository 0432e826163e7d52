"""用户管理 (administrators only): add users, set roles, reset passwords, assign carriers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.admin.labels import ROLES, role_label
from desktop.context import AppContext
from desktop.i18n import listed, tr
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.page import Page
from desktop.permissions_ui import guard
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.field_errors import FieldErrors, write_in_dialog
from desktop.widgets.list_table import list_table
from models.accounts import services
from models.accounts.queries import UserRow, list_users
from models.changes import Changes
from models.errors import Problem
from models.incubation.queries import carrier_choices


class _PasswordDialog(QDialog):
    """A form ending in a password typed twice; OK only when both agree. Given ``ctx`` and
    ``operation``, OK also saves, and a refusal (a password too short, a name taken) is shown
    beside its field with the dialog left open and everything typed kept."""

    ctx: AppContext | None = None
    operation: Callable[[Session], Changes] | None = None
    changes: Changes | None = None

    def saving(self, ctx: AppContext, operation: Callable[[Session], Changes]) -> None:
        self.ctx, self.operation = ctx, operation

    def _field_for(self, problem: Problem) -> QWidget | None:
        if problem.code.startswith("accounts.password"):
            return self.password
        username = getattr(self, "username", None)
        if problem.code.startswith("accounts.username") and isinstance(username, QWidget):
            return username
        return self.confirm

    def _build(self, rows: list[tuple[str, QWidget]], password_label: str) -> None:
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        for label, widget in rows:
            form.addRow(label, widget)
        form.addRow(password_label, self.password)
        form.addRow(tr("确认密码"), self.confirm)
        self.errors = FieldErrors(form, self.confirm)
        self.error = self.errors.set(self.confirm, "")  # the line under the confirmation
        self.error.setVisible(False)
        buttons = ok_cancel(self, on_ok=self._check)
        form.addRow(buttons)

    def _check(self) -> None:
        self.errors.clear()
        if self.password.text() != self.confirm.text():
            self.errors.set(self.confirm, tr("两次输入的密码不一致。"))
            return
        if self.ctx is not None and self.operation is not None:
            self.changes = write_in_dialog(self.ctx, self.operation, self.errors, self._field_for)
            if self.changes is None:
                return
        self.accept()


class UserDialog(_PasswordDialog):
    """New user: user name, display name, role, password twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("新增用户"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.role.setCurrentIndex(ROLES.index("clerk"))
        self._build(
            [(tr("用户名"), self.username), (tr("姓名"), self.display_name), (tr("角色"), self.role)],
            tr("密码"),
        )


class PasswordDialog(_PasswordDialog):
    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("重置 {username} 的密码", username=username))
        self._build([], tr("新密码"))


class OwnPasswordDialog(_PasswordDialog):
    """文件 → 修改密码: the logged-in user changes their own password (the current one first)."""

    def __init__(self, ctx: AppContext, user_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("修改密码"))
        self.old_password = QLineEdit()
        self.old_password.setEchoMode(QLineEdit.EchoMode.Password)
        self._build([(tr("当前密码"), self.old_password)], tr("新密码"))
        self.saving(
            ctx,
            lambda s: services.change_own_password(
                s, user_id=user_id, old_password=self.old_password.text(), new_password=self.password.text()
            ),
        )

    def _field_for(self, problem: Problem) -> QWidget | None:
        return self.old_password if problem.code == "auth.failed" else super()._field_for(problem)


class CarrierDialog(QDialog):
    """Tick the carriers a carrier manager looks after."""

    def __init__(
        self, username: str, carriers: list[tuple[int, str]], chosen: set[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("分配载体：{username}", username=username))
        self.list = QListWidget()
        for cid, name in carriers:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if cid in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("载体管理员只能查看和修改勾选的载体。")))
        layout.addWidget(self.list)
        buttons = ok_cancel(self)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out


class UsersPage(Page):
    key = "users"
    areas = ("accounts", "incubation")
    reads = ("users",)

    @classmethod
    def title(cls) -> str:
        return tr("用户管理")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._carrier_names: dict[int, str] = {}
        self.model = RowTableModel(
            [
                TableColumn(tr("用户名"), lambda r: r.username, width=120),
                TableColumn(tr("姓名"), lambda r: r.display_name, width=120),
                TableColumn(tr("角色"), lambda r: r.role, role_label, width=100),
                TableColumn(tr("状态"), self._state, width=170),
                TableColumn(
                    tr("负责载体"),
                    lambda r: listed(self._carrier_names.get(c, str(c)) for c in r.carrier_ids),
                    width=260,
                ),
                TableColumn(
                    tr("创建时间"), lambda r: r.created_at, lambda v: v.strftime("%Y-%m-%d"), width=100
                ),
            ],
            self,
        )
        self.table = list_table(self.model)
        self.table.setSortingEnabled(True)

        self.add_button = QPushButton(tr("新增用户…"))
        self.role_box = QComboBox()
        self.role_box.setAccessibleName(tr("角色"))
        for role in ROLES:
            self.role_box.addItem(role_label(role), role)
        self.role_button = QPushButton(tr("设为此角色"))
        self.password_button = QPushButton(tr("重置密码…"))
        self.active_button = QPushButton(tr("停用"))
        self.carriers_button = QPushButton(tr("分配载体…"))
        bar = QHBoxLayout()
        for w in (
            self.add_button,
            self.role_box,
            self.role_button,
            self.password_button,
            self.active_button,
            self.carriers_button,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        self.notice = QLabel()
        self.notice.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.apply_role)
        for w in (self.add_button, self.role_button, self.password_button, self.active_button):
            guard(self.ctx, w, "users")
        guard(self.ctx, self.carriers_button, "user_carriers")
        self.password_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.carriers_button.clicked.connect(self.assign_carriers)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    @staticmethod
    def _state(row: UserRow) -> str:
        if not row.active:
            return tr("已停用")
        if row.is_locked():
            assert row.locked_until is not None
            return tr("锁定至 {time}", time=row.locked_until.strftime("%H:%M"))
        return tr("启用")

    def allowed(self) -> bool:
        return self.ctx.user.is_admin

    def selected(self) -> UserRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def reload(self) -> None:
        if not self.allowed():
            self.model.set_rows([])
            self.notice.setText(tr("只有管理员可以管理用户。"))
            self._update_buttons()
            return
        db = self.ctx.db

        def query(_progress: Any) -> tuple[Any, dict[int, str]]:
            with db.read() as s:
                return list_users(s), dict(carrier_choices(s))

        self.load(query, self._apply, title=tr("正在读取用户…"))

    def _apply(self, data: tuple[Any, dict[int, str]]) -> None:
        rows, self._carrier_names = data
        self.model.set_rows(rows)
        if len(rows) <= 1:
            self.notice.setText(
                tr(
                    "只有一个用户时，打开程序不需要登录，操作人记为电脑的登录名。"
                    "添加第二个用户后，每次打开都需要登录。"
                )
            )
        else:
            self.notice.setText(tr("共 {n} 个用户。连续输错密码 5 次，账户锁定 15 分钟。", n=len(rows)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        admin = self.allowed()
        self.add_button.setEnabled(admin)
        for w in (self.role_box, self.role_button, self.password_button, self.active_button):
            w.setEnabled(admin and row is not None)
        self.carriers_button.setEnabled(admin and row is not None and row.role == "carrier_manager")
        if row is not None:
            self.active_button.setText(tr("停用") if row.active else tr("启用"))
            self.role_box.setCurrentIndex(max(self.role_box.findData(row.role), 0))

    # --- commands ------------------------------------------------------------------------
    def add_user(self) -> None:
        dialog = UserDialog(self)
        dialog.saving(
            self.ctx,
            lambda s: services.create_user(
                s,
                username=dialog.username.text(),
                password=dialog.password.text(),
                role=str(dialog.role.currentData()),
                display_name=dialog.display_name.text(),
            ),
        )
        dialog.exec()

    def apply_role(self) -> None:
        row = self.selected()
        if row is not None:
            role = str(self.role_box.currentData())
            self.ctx.write(lambda s: services.set_role(s, user_id=row.id, role=role), self)

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = PasswordDialog(row.username, self)
        dialog.saving(
            self.ctx, lambda s: services.reset_password(s, user_id=row.id, password=dialog.password.text())
        )
        dialog.exec()

    def toggle_active(self) -> None:
        row = self.selected()
        if row is not None:
            self.ctx.write(lambda s: services.set_active(s, user_id=row.id, active=not row.active), self)

    def assign_carriers(self) -> None:
        row = self.selected()
        if row is None:
            return
        carriers = sorted(self._carrier_names.items(), key=lambda kv: kv[1])
        dialog = CarrierDialog(row.username, carriers, set(row.carrier_ids), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        self.ctx.write(lambda s: services.assign_carriers(s, user_id=row.id, carrier_ids=chosen), self)


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(UsersPage, sys.argv[1:]))
