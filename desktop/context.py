"""What every page is given: the database, the current user, settings, background tasks,
and the application-wide ``changes_applied`` signal (views refresh on the areas they show).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import tr
from desktop.messages import render
from models.changes import Changes
from models.errors import DomainError
from models.progress import CancelledError, Progress
from models.units import AreaUnit

if TYPE_CHECKING:  # not at run time: the start-up frame shows before SQLAlchemy is imported
    from sqlalchemy.orm import Session

    from models.database import Database

T = TypeVar("T")


@dataclass(frozen=True)
class CurrentUser:
    id: int | None
    username: str
    role: str  # models.accounts.entities.Role value

    @property
    def can_write(self) -> bool:
        return self.role != "viewer"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class _NotOpenYet:
    """The database of a context made before the file is open (``AppContext.before_open``):
    any use of it is a mistake, and says so."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(f"the database is not open yet (asked for {name!r})")


class AppContext(QObject):
    """Shared by the main window and its pages. Lives on the UI thread."""

    changes_applied = Signal(object)  # Changes
    display_changed = Signal()  # the area unit (or another display setting) changed: re-render

    def __init__(self, db: Database, user: CurrentUser, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.tasks: Any = None  # desktop.tasks.TaskRunner, set by the main window

    @classmethod
    def before_open(cls) -> AppContext:
        """A context for a page shown while the database is still being opened (the overview's
        start-up snapshot, ``MainWindow.show_snapshot``): given its database and user by
        ``opened`` once they are known; until then using the database raises."""
        return cls(cast("Database", _NotOpenYet()), CurrentUser(None, "", "viewer"))

    def opened(self, db: Database, user: CurrentUser) -> AppContext:
        """This context (made by ``before_open``) with its database and user."""
        self.db = db
        self.user = user
        return self

    def write(self, operation: Callable[[Session], Changes], parent: QWidget | None = None) -> Changes | None:
        """Run a quick service command in one transaction; on a ``DomainError`` show it
        and return None. Emits ``changes_applied`` after a successful commit."""
        try:
            with self.db.write() as session:
                changes = operation(session)
        except DomainError as exc:
            self.show_error(exc, parent)
            return None
        self.changes_applied.emit(changes)
        return changes

    def submit(
        self,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        *,
        title: str = "",
        parent: QWidget | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> None:
        """Run long ``work`` off the UI thread with a progress dialog (after ~600 ms) and
        Cancel; ``on_done`` runs on the UI thread with the result. Errors are shown
        (or given to ``on_error``); after Cancel, ``on_cancelled`` runs (if given)."""
        if self.tasks is not None:
            self.tasks.submit(
                work, on_done, title=title, parent=parent, on_error=on_error, on_cancelled=on_cancelled
            )
            return
        try:
            result = work(Progress())
        except CancelledError:
            if on_cancelled is not None:
                on_cancelled()
            return
        except DomainError as exc:
            if on_error is not None:
                on_error(exc)
            else:
                self.show_error(exc, parent)
            return
        on_done(result)

    def area_unit(self) -> AreaUnit:
        """The area unit the user chose (㎡ / 亩 / 公顷) for showing and entering areas."""
        from desktop.settings import settings

        return settings().area_unit()

    def show_error(self, exc: DomainError, parent: QWidget | None = None) -> None:
        text = "\n".join(render(p) for p in exc.problems)
        QMessageBox.warning(parent, tr("无法完成操作"), text)
