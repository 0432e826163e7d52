"""The window's side of the role matrix: a write control is enabled only when the user's
role may do what it writes.

``guard(ctx, control, "plots", ...)`` records on the button or action the tables (and
operation) it writes and keeps it disabled — whatever the page later asks with
``setEnabled(True)`` — unless ``models.accounts.permissions.can`` allows every one of
them for the current role. Pages call it once per write control; the rule itself stays
in ``models`` (the core refuses anyway: this only spares the user a refusal).
``guarded_controls(widget)`` lists what a page guarded (the tests walk it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.i18n import tr
from models.accounts.permissions import Operation, can

if TYPE_CHECKING:
    from desktop.context import AppContext
    from desktop.page import Page

WRITES = "landspace_writes"  # Qt property: "table:operation table:operation …"
C = TypeVar("C", QWidget, QAction)


def allowed(ctx: AppContext, table: str, operation: Operation = "write") -> bool:
    """Whether the current user's role may ``operation`` the table (single-user mode: the
    OS account is an administrator)."""
    return can(ctx.user.role, table, operation)


class _KeepDisabled(QObject):
    """Turns a forbidden widget off again whenever something turns it on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


def guard(ctx: AppContext, control: C, *tables: str, operation: Operation = "write") -> C:
    """Enable ``control`` only if the role may ``operation`` every one of ``tables``."""
    control.setProperty(WRITES, " ".join(f"{t}:{operation}" for t in tables))
    if all(allowed(ctx, t, operation) for t in tables):
        return control
    control.setEnabled(False)
    control.setToolTip(tr("当前角色无权进行此操作"))
    if isinstance(control, QWidget):
        keeper = _KeepDisabled(control)
        control.installEventFilter(keeper)
    else:
        control.enabledChanged.connect(lambda on, c=control: on and c.setEnabled(False))
    return control


def readable_pages(ctx: AppContext, classes: Sequence[type[Page]]) -> list[type[Page]]:
    """The pages whose tables (``Page.reads``) the role may read: the navigation shows only these."""
    return [cls for cls in classes if all(allowed(ctx, table, "read") for table in cls.reads)]


def writes_of(control: QObject) -> list[tuple[str, str]]:
    """The (table, operation) pairs a guarded control writes (empty: not guarded)."""
    text = control.property(WRITES)
    if not text:
        return []
    return [(pair.split(":")[0], pair.split(":")[1]) for pair in str(text).split()]


def guarded_controls(root: QObject) -> list[QWidget | QAction]:
    """Every guarded button (or other widget) and action under ``root``."""
    found: list[QWidget | QAction] = [*root.findChildren(QWidget), *root.findChildren(QAction)]
    return [c for c in found if c.property(WRITES)]
