"""The ``Page`` base: loads run on the worker thread, progress inside the page after ~300 ms,
hidden pages go stale and reload when shown."""

from __future__ import annotations

import threading
import time
from typing import Any, ClassVar

from PySide6.QtWidgets import QStackedWidget

from desktop.page import Page
from models.changes import Changes
from models.progress import Progress
from tests.desktop.loads import settle


class CountingPage(Page):
    key: ClassVar[str] = "counting"
    areas: ClassVar[tuple[str, ...]] = ("enterprises",)

    def __init__(self, ctx: Any, delay: float = 0.0) -> None:
        super().__init__(ctx)
        self.delay = delay
        self.query_threads: list[threading.Thread] = []
        self.apply_threads: list[threading.Thread] = []
        self.applied: list[int] = []
        self.loads = 0

    @classmethod
    def title(cls) -> str:
        return "counting"

    def reload(self) -> None:
        self.loads += 1
        n = self.loads

        def query(progress: Progress) -> int:
            self.query_threads.append(threading.current_thread())
            progress.set(0, 2)
            time.sleep(self.delay)
            progress.set(1)
            return n

        self.load(query, self._apply, title="loading")

    def _apply(self, n: int) -> None:
        self.apply_threads.append(threading.current_thread())
        self.applied.append(n)


def test_query_runs_off_the_ui_thread_and_apply_on_it(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = CountingPage(ctx)
    qtbot.addWidget(page)
    page.reload()
    assert page.loading
    settle(ctx)
    assert page.applied == [1]
    assert page.query_threads[0] is not threading.main_thread()
    assert page.apply_threads == [threading.main_thread()]
    assert not page.loading


def test_slow_load_shows_progress_inside_the_page(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = CountingPage(ctx, delay=1.0)
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    page.reload()
    overlay = page.load_overlay()
    assert not overlay.isVisible()  # nothing flashes for a quick load
    qtbot.waitUntil(overlay.isVisible, timeout=900)
    assert overlay.parentWidget() is page and overlay.width() == page.width()
    settle(ctx)
    assert not overlay.isVisible() and page.applied == [1]


def test_a_newer_load_supersedes_an_older_one(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = CountingPage(ctx, delay=0.2)
    qtbot.addWidget(page)
    page.reload()
    page.reload()
    settle(ctx)
    assert page.applied == [2]


def test_hidden_page_goes_stale_and_reloads_when_shown(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    seen, hidden = CountingPage(ctx), CountingPage(ctx)
    stack.addWidget(seen)
    stack.addWidget(hidden)
    stack.setCurrentWidget(seen)
    stack.show()
    for page in (seen, hidden):
        ctx.changes_applied.connect(page.on_changes)
    ctx.changes_applied.emit(Changes.of("enterprises", updated=1))
    settle(ctx)
    assert seen.loads == 1 and hidden.loads == 0 and hidden.stale
    ctx.changes_applied.emit(Changes.of("quotas", updated=1))  # not shown by either page
    settle(ctx)
    assert seen.loads == 1
    stack.setCurrentWidget(hidden)
    settle(ctx)
    assert hidden.loads == 1 and not hidden.stale and hidden.applied == [1]
    stack.setCurrentWidget(seen)  # nothing changed meanwhile: no reload
    settle(ctx)
    assert seen.loads == 1


def test_loads_of_different_parts_do_not_supersede_each_other(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = CountingPage(ctx, delay=0.2)
    qtbot.addWidget(page)
    details: list[str] = []
    page.reload()  # the list
    page.load(lambda _p: "first", details.append, part="detail")
    page.load(lambda _p: "second", details.append, part="detail")  # supersedes "first" only
    settle(ctx)
    assert page.applied == [1] and details == ["second"]


def test_a_page_that_loads_from_its_init_is_read_once_by_the_window(ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.admin import audit_page
    from desktop.main_window import MainWindow
    from models.accounts import queries

    reads: list[int] = []
    original = queries.audit_entries  # what audit_page.audit_entries is before the patch

    def counting(s: Any, flt: Any) -> Any:
        reads.append(1)
        return original(s, flt)

    monkeypatch.setattr(audit_page, "audit_entries", counting)
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    assert window.select_page("audit")
    settle(ctx)
    assert reads == [1]


def test_the_collector_is_paused_while_rows_are_built_and_on_again_after(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    import gc

    from desktop import gc_pause

    page = CountingPage(ctx)
    qtbot.addWidget(page)
    seen: list[bool] = []
    held: list[int] = []
    before = gc.isenabled()  # off where desktop/gc_guard.py owns the collector (the application, Qt tests)

    def work(_p: Any) -> int:
        seen.append(gc.isenabled())
        held.append(gc_pause.held())
        return 1

    page.load(work, lambda _r: None)
    settle(ctx)
    assert seen == [False] and held == [1]  # off (and held) on the worker while the query ran
    assert gc.isenabled() == before and gc_pause.held() == 0  # as it was, nothing left held

    def fails(_p: Progress) -> int:
        raise ValueError("boom")

    errors: list[BaseException] = []
    page.load(fails, lambda _r: None, on_error=errors.append)
    settle(ctx)
    assert isinstance(errors[0], ValueError) and gc.isenabled() == before and gc_pause.held() == 0
