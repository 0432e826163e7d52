"""The 10× database as a benchmark fixture, and the heartbeat that measures UI freezes.

``tenx_database()`` builds ``landspace demo --scale 10`` once per benchmark run (about two
minutes) into a temporary folder and hands the same file to every benchmark that asks;
``LANDSPACE_TENX_DB`` points at an existing one instead (built with
``python -m desktop.app --db FILE demo --scale 10``).

``Heartbeat``: a 20 ms ``QTimer`` on the UI thread; the longest gap between two of its ticks
is the longest the window was frozen.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_built: Path | None = None


def tenx_database() -> Path:
    global _built
    given = os.environ.get("LANDSPACE_TENX_DB")
    if given:
        return Path(given)
    if _built is not None:
        return _built
    from models.db.migrate import open_database
    from models.demo import seed_demo
    from models.demo_scale import seed_scale

    folder = Path(tempfile.mkdtemp(prefix="landspace-tenx-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "tenx.db"
    started = time.perf_counter()
    db = open_database(str(path), actor="bench")
    try:
        with db.write() as session:
            seed_demo(session)
            seed_scale(session, scale=10)
    finally:
        db.dispose()
    print(f"   (10× database built in {time.perf_counter() - started:.0f} s, "
          f"{path.stat().st_size / 1e6:.0f} MB)", flush=True)
    _built = path
    return path


class Heartbeat:
    """Ticks every 20 ms on the UI thread; ``max_gap`` is the longest freeze since ``start``."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.max_gap = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def start(self) -> None:
        self.max_gap = 0.0
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.max_gap


def spin_until(done: Callable[[], bool], timeout_s: float = 600.0) -> float:
    """Run the UI event loop until ``done()``; seconds it took."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    started = time.perf_counter()
    while not done():
        if time.perf_counter() - started > timeout_s:
            raise TimeoutError("the window did not settle")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.002)
    return time.perf_counter() - started


def idle(window: Any) -> Callable[[], bool]:
    """The window's background work is done and every built page has applied its load."""
    return lambda: not window.ctx.tasks.busy() and not any(p.loading for p in window.pages.values())
