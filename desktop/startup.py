"""Opening the database at start-up without freezing the window: the integrity check (when
needed), migrations and seeds run on a thread of their own while the UI thread keeps
painting the shown frame ("正在打开数据库…")."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop

from desktop import gc_pause

T = TypeVar("T")


def run_live(work: Callable[[], T], *, poll_ms: int = 15) -> T:
    """``work()`` on a new thread; the UI thread processes its events meanwhile. Returns the
    result or raises what ``work`` raised."""
    out: dict[str, object] = {}

    def target() -> None:
        try:
            out["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the UI thread
            out["error"] = exc

    # Python's cyclic GC runs on whichever thread allocates: it must not free an unreachable Qt
    # widget on this worker thread (a crash). Collect here on the UI thread, then pause it
    # (``desktop.gc_pause``; the UI-thread collector of ``desktop.gc_guard`` waits meanwhile).
    gc.collect()
    gc_pause.pause()
    try:
        thread = threading.Thread(target=target, name="landspace-open", daemon=True)
        thread.start()
        while thread.is_alive():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, poll_ms)
            thread.join(poll_ms / 1000)
    finally:
        # What start-up imported (SQLAlchemy, the models, the pages) stays for good: frozen, no
        # collection walks it again (full collections over it held the GIL for ~0.25 s each,
        # freezing the window while the first page was read on the worker).
        gc.freeze()
        gc_pause.resume()
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["result"]  # type: ignore[return-value]


def import_pages() -> None:
    """Import every page's module (about a quarter of a second): called on the thread that opens
    the database, so the window does not import them on the UI thread when it attaches."""
    from desktop.pages import page_classes

    page_classes()
