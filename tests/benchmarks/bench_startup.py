"""Cold start (issue 2 §6): a fresh process to the shown main window ≤ 4× a fresh process
showing an empty ``QMainWindow``. Median of a few runs of each, alternating.

The window frame is shown before the database is opened (``run_window`` does the
same), so the bound is measured to the first shown frame. The time until the first
page is filled from an existing database is reported beside it (no bound), and the
child checks that numpy, openpyxl and shapely were not imported on the way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import Result

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
from desktop.context import AppContext, CurrentUser
from models.database import open_database
db = open_database(sys.argv[1])
w.attach(AppContext(db, CurrentUser(None, "bench", "admin")), show_welcome=False)
app.processEvents()
while w.ctx.tasks.busy():  # the first page may gather its figures on the worker thread
    app.processEvents()
app.processEvents()
print("READY", flush=True)
heavy = [m for m in ("numpy", "openpyxl", "shapely") if m in sys.modules]
if heavy:
    print("HEAVY:" + ",".join(heavy), flush=True)
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
    folder = Path(tempfile.mkdtemp())
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LANDSPACE_SETTINGS=str(folder / "s.ini"),
        PYTHONPATH=str(ROOT),
    )
    db_path = folder / "bench.sqlite3"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from models.database import open_database; open_database(sys.argv[1]).dispose()",
            str(db_path),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    _time(BASELINE, env=env)  # warm the OS file cache for both
    _time(OURS, str(db_path), env=env)
    shown, ready, base = [], [], []
    heavy = ""
    for _ in range(RUNS):
        marks, _lines = _time(BASELINE, env=env)
        base.append(marks["SHOWN"])
        marks, lines = _time(OURS, str(db_path), env=env)
        shown.append(marks["SHOWN"])
        ready.append(marks["READY"])
        heavy = heavy or next((line[6:] for line in lines if line.startswith("HEAVY:")), "")
    if heavy:
        print(f"  note: imported during start-up: {heavy}")
    for values in (shown, ready, base):
        values.sort()
    mid = RUNS // 2
    return [
        Result("cold start to the shown main window", shown[mid], base[mid], 4.0, "empty QMainWindow"),
        Result(
            "cold start until the first page shows the database",
            ready[mid],
            base[mid],
            None,
            "empty QMainWindow",
        ),
    ]
