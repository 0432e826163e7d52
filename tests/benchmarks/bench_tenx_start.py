"""(c) Start-up at ten times the district (issue 12): a fresh process started as ``run_window``
starts (the frame first, the database opened off the UI thread, then the navigation and the
first page) until the first page shows data from the 10× database, ≤ 5× a fresh process
showing an empty ``QMainWindow``. Median of a few runs of each, alternating.

The child also runs the 20 ms heartbeat from the moment the frame is shown and prints the
longest freeze of the window on the way (reported, no bound here: (b) bounds the pages).
The 10× file was closed cleanly, so no ``quick_check`` runs (``models.db.clean_close``). Both
children run with compiled bytecode cached (in a temporary folder), as an installed LandSpace
does: the shared development environment sets ``PYTHONDONTWRITEBYTECODE``, which would time
the compiler instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import Result
from tests.benchmarks.tenx import machine_load, tenx_database

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5

BASELINE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 800); w.show()
app.processEvents()
print("SHOWN", flush=True)
"""

OURS = """
import sys
from desktop.main_window import make_application, MainWindow
app = make_application()
w = MainWindow()
w.show()
app.processEvents()
print("SHOWN", flush=True)
from tests.benchmarks.tenx import Heartbeat, idle, spin_until
beat = Heartbeat()
beat.start()
from desktop.context import AppContext, CurrentUser
from desktop.startup import run_live

def open_file():  # as run_window: the database layer and the pages are imported off the UI thread too
    from models.database import open_database
    from desktop.startup import import_pages
    db = open_database(sys.argv[1])
    import_pages()
    return db

db = run_live(open_file)
w.attach(AppContext(db, CurrentUser(None, "bench", "admin")), show_welcome=False)
spin_until(idle(w))
print("READY", flush=True)
print(f"FREEZE:{beat.stop() * 1000:.0f}:{type(w.stack.currentWidget()).__name__}", flush=True)
w.close()
w.ctx.tasks.wait()
db.dispose()
"""


def _time(code: str, *args: str, env: dict[str, str]) -> tuple[dict[str, float], list[str]]:
    started = time.perf_counter()
    marks: dict[str, float] = {}
    lines: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            marks.setdefault(line.strip().split(":")[0], time.perf_counter() - started)
            lines.append(line.strip())
    if proc.returncode != 0:
        raise RuntimeError(f"start-up child failed: {lines}")
    return marks, lines


def run() -> list[Result]:
    path = tenx_database()
    folder = Path(tempfile.mkdtemp(prefix="landspace-bench-"))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LANDSPACE_SETTINGS=str(folder / "s.ini"),
        PYTHONPATH=str(ROOT),
        PYTHONPYCACHEPREFIX=str(folder / "pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _time(BASELINE, env=env)  # warm the OS file cache for both
    _time(OURS, str(path), env=env)
    ready, base = [], []
    freezes: list[str] = []
    for _ in range(RUNS):
        marks, _lines = _time(BASELINE, env=env)
        base.append(marks["SHOWN"])
        marks, lines = _time(OURS, str(path), env=env)
        ready.append(marks["READY"])
        freezes.extend(line.split(":", 1)[1] for line in lines if line.startswith("FREEZE:"))
    ready.sort()
    base.sort()
    print(
        f"   (longest freeze from the shown frame to the first page, ms:page per run: {', '.join(freezes)}; "
        f"{machine_load()})",
        flush=True,
    )
    mid = RUNS // 2
    return [
        Result(
            "(c) start to the first page with data at 10×",
            ready[mid],
            base[mid],
            5.0,
            "a fresh process showing an empty window",
        )
    ]
