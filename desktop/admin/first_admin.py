"""The first administrator, offered on the welcome panel of a database without users: with
it, an administrator can create the other accounts (a carrier manager, clerks) at once."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.admin.users_page import UserDialog
from desktop.context import AppContext
from desktop.i18n import tr
from models.accounts import queries, services
from models.changes import Changes


def has_users(ctx: AppContext) -> bool:
    with ctx.db.read() as session:
        return queries.has_users(session)


def first_admin_dialog(ctx: AppContext, parent: QWidget | None = None) -> UserDialog:
    """The new-user dialog with the role fixed to administrator; it saves itself."""
    dialog = UserDialog(parent)
    dialog.setWindowTitle(tr("创建第一个管理员"))
    dialog.role.setCurrentIndex(dialog.role.findData("admin"))
    dialog.role.setEnabled(False)
    dialog.saving(
        ctx,
        lambda s: services.create_user(
            s,
            username=dialog.username.text(),
            password=dialog.password.text(),
            role="admin",
            display_name=dialog.display_name.text(),
        ),
    )
    return dialog


def create_first_admin(ctx: AppContext, parent: QWidget | None = None) -> Changes | None:
    dialog = first_admin_dialog(ctx, parent)
    dialog.exec()
    return dialog.changes


def offer_first_admin(ctx: AppContext, panel: object, window: QWidget) -> None:
    """Show the card on ``panel`` (a ``WelcomePanel``) when the database has no users yet."""
    if has_users(ctx) or not ctx.user.can_write:
        return
    button = panel.offer_first_admin()  # type: ignore[attr-defined]

    def create() -> None:
        if create_first_admin(ctx, window) is not None:
            button.setEnabled(False)
            button.setText(tr("管理员已创建"))

    panel.admin_requested.connect(create)  # type: ignore[attr-defined]
