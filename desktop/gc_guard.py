"""Python's cyclic garbage collector runs only on the UI thread.

The automatic collector runs on whichever thread happens to allocate when a generation's
threshold is passed. When that is the task worker (desktop/tasks.py) and the collection finds
an unreachable cycle holding a Qt object (a widget or model a closed page or dialog left in a
reference cycle), the Qt object is destroyed on the worker thread: Qt's objects belong to the
thread that made them, and destroying a widget off the GUI thread crashes the process (seen as
rare segmentation faults while pages loaded). calibre, Camelot and pyqtgraph solve this the same
way: switch the automatic collector off and run the same generational collections from a timer
on the UI thread. Reference counting still frees everything that is not in a cycle at once.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

from desktop import gc_pause

INTERVAL_MS = 500


class UiThreadCollector(QObject):
    """Owns the collector while it lives: automatic collection off, timed collection on."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()
        self.destroyed.connect(_restore_if(self._was_enabled))

    def collect(self) -> int:
        """The generational collection the automatic collector would have run by now."""
        return collect_on_ui_thread(self._threshold)


def collect_on_ui_thread(threshold: tuple[int, int, int] | None = None) -> int:
    """Run the due generations (youngest first), only on the thread that owns the application."""
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        raise RuntimeError("the cyclic garbage collector must run on the UI thread")
    if gc_pause.held():
        return 0  # a worker is building a page's rows; it freezes them when done (desktop/gc_pause.py)
    t0, t1, t2 = threshold or gc.get_threshold()
    c0, c1, c2 = gc.get_count()
    if c0 <= t0:
        return 0
    if c1 <= t1:
        return gc.collect(0)
    if c2 <= t2:
        return gc.collect(1)
    return gc.collect(2)


def _restore_if(enabled: bool) -> Callable[[], None]:
    def restore() -> None:
        if enabled:
            gc.enable()

    return restore


_installed: UiThreadCollector | None = None


def install(app: QCoreApplication) -> UiThreadCollector:
    """Once per application; later calls return the same collector."""
    global _installed
    if _installed is None:
        _installed = UiThreadCollector(app)
    return _installed
