"""The base of every page in the main window's navigation."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from desktop import gc_pause
from models.changes import Changes
from models.errors import DomainError
from models.progress import CancelledError, Progress

if TYPE_CHECKING:
    from desktop.context import AppContext
    from desktop.widgets.load_overlay import LoadOverlay

T = TypeVar("T")


class Page(QWidget):
    """A page: built in code, given the ``AppContext``.

    ``areas`` lists the ``Changes`` areas it shows; ``on_changes`` is called after
    every write. When the ``Changes`` touch one of them, the page reloads if it is
    the one being seen; a page hidden in the window's stack is only marked stale and
    reloads when it is shown again (``refresh`` does the same for 视图 → 刷新).

    ``reload`` loads through ``load(query, apply)``: ``query(progress)`` runs on the
    worker thread with its own session and returns frozen rows (tuples, dataclasses —
    never ORM objects); ``apply(rows)`` runs on the UI thread. A load that takes longer
    than ``PROGRESS_AFTER_MS`` shows a progress bar inside the page; a newer load of the
    same page supersedes an older one still running (its result is dropped). Loads given
    different ``part`` names (e.g. the master list and the selected record's detail) do not
    supersede each other.
    """

    key: ClassVar[str] = ""
    areas: ClassVar[tuple[str, ...]] = ()
    reads: ClassVar[tuple[str, ...]] = ()  # tables it shows: hidden from roles that may not read them
    PROGRESS_AFTER_MS: ClassVar[int] = 300

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = False
        self._load_seqs: dict[str, int] = {}
        self._loads_running = 0
        self._overlay: LoadOverlay | None = None

    @classmethod
    def title(cls) -> str:
        raise NotImplementedError

    def reload(self) -> None:
        """Re-read what the page shows."""

    # --- refresh only what is seen --------------------------------------------------------
    def hidden_in_stack(self) -> bool:
        """Built into the window but not the page on show (a page on its own, as in tests or
        a dialog, counts as seen)."""
        return self.parentWidget() is not None and self.isHidden()

    def refresh(self) -> None:
        """Reload now if seen, else when next shown."""
        if self.hidden_in_stack():
            self.stale = True
        else:
            self.stale = False
            self.reload()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*self.areas):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.reload()

    # --- load then apply ------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loads_running > 0

    def load_overlay(self) -> LoadOverlay:
        if self._overlay is None:
            from desktop.widgets.load_overlay import LoadOverlay

            self._overlay = LoadOverlay(self)
        return self._overlay

    def load(
        self,
        query: Callable[[Progress], T],
        apply: Callable[[T], None],
        *,
        title: str = "",
        on_error: Callable[[BaseException], None] | None = None,
        part: str = "",
    ) -> None:
        """Run ``query`` on the worker thread and ``apply`` its result on the UI thread."""
        seq = self._load_seqs[part] = self._load_seqs.get(part, 0) + 1
        tasks: Any = self.ctx.tasks
        if tasks is None:  # no worker (a page used on its own): read here
            try:
                result = query(Progress())
            except DomainError as exc:
                if on_error is None:
                    self.ctx.show_error(exc, self)
                else:
                    on_error(exc)
                return
            apply(result)
            return
        from desktop.i18n import tr

        text = title or tr("正在读取…")
        overlay = self.load_overlay()
        overlay.start(text, self.PROGRESS_AFTER_MS)
        self._loads_running += 1

        def finish() -> bool:
            self._loads_running -= 1
            if self._loads_running <= 0:
                self._loads_running = 0
                overlay.stop()
            return seq == self._load_seqs[part]  # False: a newer load of this part is on its way

        def work(progress: Progress) -> T:
            # No collection walks the rows while they are built, and they are frozen before the
            # collector is back on (see ``gc_pause``): all on the worker, nothing left held.
            gc_pause.pause()
            try:
                result = query(progress)
                gc.freeze()
                return result
            finally:
                gc_pause.resume()

        def done(result: T) -> None:
            if finish():
                apply(result)
                # The rows a page now holds live until its next load: keep the cyclic GC from
                # walking them on every collection (a full collection over every page's rows
                # froze the window for hundreds of ms at 10×). Refcounting still frees them.
                gc.freeze()

        def failed(exc: BaseException) -> None:
            if not finish() or isinstance(exc, CancelledError):
                return
            if on_error is not None:
                on_error(exc)
            else:
                tasks.show_failure(text, self, exc)

        tasks.submit(
            work,
            done,
            title=text,
            parent=self,
            on_error=failed,
            on_cancelled=lambda: finish() and None,
            dialog=False,
            on_progress=overlay.progress,
        )
