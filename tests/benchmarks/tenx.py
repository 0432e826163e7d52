"""The 10× database as a benchmark fixture, and the heartbeat that measures UI freezes.

``tenx_database()`` builds ``landspace demo --scale 10`` (about a minute) once per code
version: the file is kept in the temporary folder under a key made of the code that builds it
(``models/demo*.py`` and the baseline migration), so the next benchmark run, or the next
session, reuses it. Each run works on its own copy (the benchmarks write). ``LANDSPACE_TENX_DB``
points at an existing one instead (built with ``python -m desktop.app --db FILE demo --scale 10``).

``Heartbeat``: a 20 ms ``QTimer`` on the UI thread; the longest gap between two of its ticks
is the longest the window was frozen, and ``max_cpu`` the most CPU the UI thread itself spent
inside one gap (the steadier figure on a loaded machine: a gap also grows while the OS runs
other processes).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The code the 10× file depends on: a change to any of them builds a new one.
BUILT_FROM = ("models/demo.py", "models/demo_scale.py", "models/db/migrations/versions")

_built: Path | None = None


def code_key() -> str:
    digest = hashlib.sha256()
    for name in BUILT_FROM:
        path = ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(ROOT).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _build(path: Path) -> None:
    from models.database import open_database
    from models.demo import seed_demo
    from models.demo_scale import seed_scale

    started = time.perf_counter()
    partial = path.with_name(path.name + ".building")
    partial.unlink(missing_ok=True)
    db = open_database(str(partial), actor="bench")
    try:
        with db.write() as session:
            seed_demo(session)
            seed_scale(session, scale=10)
    finally:
        db.dispose()
    partial.rename(path)  # only a finished build is ever found under the key
    print(
        f"   (10× database built in {time.perf_counter() - started:.0f} s, "
        f"{path.stat().st_size / 1e6:.0f} MB, kept in {path.parent})",
        flush=True,
    )


def tenx_database() -> Path:
    """This run's copy of the 10× database (built once per code version)."""
    global _built
    given = os.environ.get("LANDSPACE_TENX_DB")
    if given:
        return Path(given)
    if _built is not None:
        return _built
    cache = Path(tempfile.gettempdir()) / f"landspace-tenx-{code_key()}"
    cache.mkdir(exist_ok=True)
    kept = cache / "tenx.db"
    if not kept.exists():
        _build(kept)
    folder = Path(tempfile.mkdtemp(prefix="landspace-tenx-run-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "tenx.db"
    shutil.copyfile(kept, path)
    # closed cleanly: no quick_check at the first open (as for a clerk's file)
    from models.db.clean_close import end_session

    end_session(path)
    _built = path
    return path


class Heartbeat:
    """Ticks every 20 ms on the UI thread; ``max_gap`` is the longest freeze since ``start``
    (seconds of wall time), ``max_cpu`` the most UI-thread CPU time spent inside one gap."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.last_cpu = 0.0
        self.max_gap = 0.0
        self.max_cpu = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.max_gap = max(self.max_gap, now - self.last)
        self.max_cpu = max(self.max_cpu, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu

    def start(self) -> None:
        self.max_gap = 0.0
        self.max_cpu = 0.0
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
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


def machine_load() -> str:
    """The load while measuring (other processes share the cores: freezes grow with it)."""
    try:
        one = os.getloadavg()[0]
    except OSError:  # not on Windows
        return ""
    return f"load average {one:.1f} on {os.cpu_count()} cores"
