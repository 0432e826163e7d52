"""登录: asked when the database has more than one active user."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.context import CurrentUser
from desktop.i18n import tr
from desktop.messages import render
from desktop.widgets.dialog_buttons import ok_cancel
from models.accounts.permissions import internal_lookup
from models.accounts.queries import UserRow, role_of
from models.accounts.services import login, needs_login
from models.database import Database
from models.errors import DomainError


class LoginDialog(QDialog):
    """User name and password; a wrong answer keeps the dialog open with one generic message."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user: UserRow | None = None
        self.setWindowTitle(tr("登录 LandSpace"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        where = QLabel(tr("数据库：{path}", path=str(db.path or db.engine.url.render_as_string())))
        where.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(where)
        form.addRow(tr("用户名"), self.username)
        form.addRow(tr("密码"), self.password)
        form.addRow(self.error)
        self.buttons = ok_cancel(self, ok=tr("登录"), on_ok=self.attempt)
        form.addRow(self.buttons)
        self.setMinimumWidth(360)

    def attempt(self) -> None:
        try:
            with self.db.write() as s:
                self.user = login(s, username=self.username.text(), password=self.password.text())
        except DomainError as exc:
            self.error.setText("\n".join(render(p) for p in exc.problems))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


def run_login(db: Database) -> CurrentUser | None:
    """The current user: without asking when the database has zero or one active user
    (single-user mode: the OS account is the actor), else through the dialog (None when
    cancelled). Sets ``db.user_id`` and ``db.actor`` for the audit log. In PostgreSQL mode
    the server has already authenticated the person (``db.user_id`` is set at opening)."""
    if db.server_login:
        with db.read() as s, internal_lookup(s):  # one's own account, whatever the role may read
            role = role_of(s, db.user_id)
        return CurrentUser(id=db.user_id, username=db.actor, role=role)
    with db.read() as s:
        ask = needs_login(s)
    if not ask:
        return CurrentUser(id=None, username=db.actor, role="admin")
    dialog = LoginDialog(db)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
        return None
    db.user_id = dialog.user.id
    db.actor = dialog.user.username
    return CurrentUser(id=dialog.user.id, username=dialog.user.username, role=dialog.user.role)
