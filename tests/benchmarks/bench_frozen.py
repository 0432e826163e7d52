"""The frozen build's cold start against the source's (issue 18): a fresh ``LandSpace`` process
(dist/LandSpace, ``make package``) and a fresh ``python -m desktop.app`` process, both running the
same ``--startup-probe`` (desktop/selfcheck.py), to the shown window (bound 1.2×) and to the first
page showing the database (bound 1.0×). Median of a few runs of each, alternating.
Without a frozen build this benchmark is skipped, and says so.
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
# On Windows the windowed LandSpace.exe has no stdout for the marks: its console twin (the same
# program and libraries) is timed instead.
FROZEN = ROOT / "dist" / "LandSpace" / ("landspace-cli.exe" if sys.platform == "win32" else "LandSpace")
RUNS = 5


def _time(command: list[str], env: dict[str, str]) -> dict[str, float]:
    started = time.perf_counter()
    marks: dict[str, float] = {}
    lines: list[str] = []
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            marks.setdefault(line.strip(), time.perf_counter() - started)
            lines.append(line.strip())
    if proc.returncode != 0 or "READY" not in marks:
        raise RuntimeError(f"start-up child failed: {command} {lines}")
    return marks


def run() -> list[Result]:
    if not FROZEN.is_file():
        print(f"  skipped: no frozen build at {FROZEN} (make package builds it)")
        return []
    folder = Path(tempfile.mkdtemp())
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LANDSPACE_SETTINGS=str(folder / "s.ini"),
        LANDSPACE_LOG_DIR=str(folder / "logs"),
        PYTHONPATH=str(ROOT),
    )
    db_path = folder / "bench.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "desktop.app", "--db", str(db_path), "demo"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    frozen = [str(FROZEN), "--startup-probe", str(db_path)]
    source = [sys.executable, "-m", "desktop.app", "--startup-probe", str(db_path)]
    _time(frozen, env)  # warm the OS file cache for both
    _time(source, env)
    runs: dict[str, list[dict[str, float]]] = {"frozen": [], "source": []}
    for _ in range(RUNS):
        runs["frozen"].append(_time(frozen, env))
        runs["source"].append(_time(source, env))

    def median(which: str, mark: str) -> float:
        values = sorted(m[mark] for m in runs[which])
        return values[len(values) // 2]

    return [
        Result(
            "frozen cold start to the shown window",
            median("frozen", "SHOWN"),
            median("source", "SHOWN"),
            1.2,
            "from source",
        ),
        Result(
            "frozen cold start to the first page with data",
            median("frozen", "READY"),
            median("source", "READY"),
            1.0,
            "from source",
        ),
    ]
