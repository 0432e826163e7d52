"""The base of every page in the main window's navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtWidgets import QWidget

from models.changes import Changes

if TYPE_CHECKING:
    from desktop.context import AppContext


class Page(QWidget):
    """A page: built in code, given the ``AppContext``.

    ``areas`` lists the ``Changes`` areas it shows; ``on_changes`` is called after
    every write whose ``Changes`` touches one of them (by default it calls
    ``reload``). ``reload`` re-queries through ``ctx.db.read()`` (or a task).
    """

    key: ClassVar[str] = ""
    areas: ClassVar[tuple[str, ...]] = ()
    reads: ClassVar[tuple[str, ...]] = ()  # tables it shows: hidden from roles that may not read them

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    @classmethod
    def title(cls) -> str:
        raise NotImplementedError

    def reload(self) -> None:
        """Re-read what the page shows."""

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.areas):
            self.reload()
