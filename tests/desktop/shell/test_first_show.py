"""A page opened in a shown window is built in one turn of the event loop, shown (polished, laid
out, painted) in the next and read after that: a worker reading while the page was first shown
held the GIL the UI thread needed (issue 12 (b): 用地指标 froze 88–127 ms at 10×, 57 after).
Until the read is on its way the task runner counts as busy, so waiting for loads still works."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.page import Page
from tests.desktop.loads import settle


@pytest.fixture
def shown(qtbot: QtBot, ctx: AppContext, monkeypatch: Any) -> tuple[MainWindow, list[tuple[str, bool]]]:
    """A shown window, and each page read from then on with whether its page was on show."""
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle(ctx)
    started: list[tuple[str, bool]] = []
    original = Page.load

    def load(self: Page, *args: Any, **kwargs: Any) -> None:
        started.append((self.key, self.isVisible()))
        original(self, *args, **kwargs)

    monkeypatch.setattr(Page, "load", load)
    return window, started


def test_a_page_is_read_after_it_is_shown_and_waiting_covers_the_read(
    ctx: AppContext, shown: tuple[MainWindow, list[tuple[str, bool]]]
) -> None:
    window, started = shown
    assert window.select_page("quotas")
    page = window.page_by_key("quotas")
    assert page is not None and page.stale and not started  # built, not read yet
    assert ctx.tasks.busy()  # the read is announced: settle waits for it
    settle(ctx)
    assert started and started[0] == ("quotas", True) and not page.stale
    assert window.stack.currentWidget() is page and not ctx.tasks.busy()


def test_a_page_left_before_it_was_shown_is_read_when_it_is_shown(
    ctx: AppContext, shown: tuple[MainWindow, list[tuple[str, bool]]]
) -> None:
    window, started = shown
    assert window.select_page("quotas")
    assert window.select_page("enterprises")  # before the quota page was raised
    settle(ctx)
    quotas = window.page_by_key("quotas")
    assert quotas is not None and quotas.stale and ("quotas", True) not in started
    assert started[-1] == ("enterprises", True)
    assert window.select_page("quotas")
    settle(ctx)
    assert started[-1] == ("quotas", True) and not quotas.stale
