"""Issue 12, data side: what a clerk waits for in a whole import, and memory bounds.

* (d) ``landspace --db X import enterprises roster.xlsx`` for 100,000 rows as the whole
  process (interpreter, imports, opening the database, pre-flight, reading, parsing,
  validating, auditing, commit, the report) against a baseline process doing the same
  work the plain way: read the workbook with python-calamine, map each platform name to its
  id, ``executemany`` INSERT into the ``enterprises`` table of a copy of the same empty
  LandSpace database (so the same indexes) with the same pragmas (WAL, synchronous=FULL,
  foreign keys on), commit. Bound 2.5×.
* Peak memory (``ru_maxrss`` of a fresh child process): importing 200,000 enterprises
  (bound 400 MB) and exporting 1,000,000 to .xlsx (bound 300 MB). Shown as a ratio to the
  bound, so ≤ 1 is within it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import Result, scale

ROOT = Path(__file__).resolve().parents[2]

# Runs a command in this child and prints the child's own peak RSS (KiB on Linux) last on stderr.
_PEAK = (
    "import resource, runpy, sys\n"
    "sys.argv = sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
    "except SystemExit as e:\n"
    "    code = e.code\n"
    "else:\n"
    "    code = 0\n"
    "sys.stderr.write('\\nPEAK_KB %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    "sys.exit(code)\n"
)

_BASELINE = """
import sqlite3, sys
from python_calamine import CalamineWorkbook
db, path = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db, isolation_level=None)
for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "busy_timeout = 5000"):
    con.execute("PRAGMA " + pragma)
ids = {}
for pid, name, code in con.execute("SELECT id, name, code FROM platforms"):
    ids[name] = ids[code] = pid
rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
manuf = {"是": 1, "否": 0}
data = [(r[0].upper(), r[1], ids.get(r[2]), r[3], manuf.get(r[4], 1), r[5], r[6], r[7], r[8] or "", 1)
        for r in rows[1:]]
con.execute("BEGIN IMMEDIATE")
con.executemany("INSERT INTO enterprises (uscc, name, platform_id, industry_chain, is_manufacturing, address, "
                "contact, phone, note, version) VALUES (?,?,?,?,?,?,?,?,?,?)", data)
con.execute("COMMIT")
print(con.execute("SELECT count(*) FROM enterprises").fetchone()[0])
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _run(args: list[str], *, peak: bool = False) -> tuple[float, int, str]:
    """Seconds, peak RSS in KiB (when ``peak``) and stdout of a fresh Python process."""
    cmd = [sys.executable, "-c", _PEAK, *args] if peak else [sys.executable, *args]
    if hasattr(os, "sync"):
        os.sync()
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{args[:4]} failed ({done.returncode}): {done.stderr[-2000:]}")
    kb = 0
    if peak:
        kb = int(done.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return elapsed, kb, done.stdout


def _empty_database(path: Path) -> Path:
    from models.database import open_database

    db = open_database(path, actor="bench")
    db.dispose()
    return path


def _enterprises_db(path: Path, n: int) -> Path:
    """A LandSpace database holding ``n`` enterprises (raw inserts: the export is timed, not this)."""
    from models.enterprises.uscc import check_char

    _empty_database(path)
    con = sqlite3.connect(path)
    with con:
        con.executemany(
            "INSERT INTO enterprises (uscc, name, platform_id, industry_chain, is_manufacturing, address, contact, "  # noqa: E501
            "phone, note, version) VALUES (?, ?, 1, '高端装备', 1, ?, '张三', ?, '', 1)",
            (
                (
                    f"91330110{i:09d}" + check_char(f"91330110{i:09d}"),
                    f"杭州青山湖第{i}号科技有限公司",
                    f"临安区青山湖街道大园路{i}号",
                    f"0571-6{i % 10_000_000:07d}",
                )
                for i in range(n)
            ),
        )
    con.close()
    return path


def run() -> list[Result]:
    from tests.benchmarks.bench_exchange import _rows, _xlsxwriter

    n_import, n_memory, n_export = scale(100_000), scale(200_000), scale(1_000_000)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        roster = folder / "roster.xlsx"
        _xlsxwriter(_rows(n_import), roster)
        template = _empty_database(folder / "template.sqlite3")
        ours, base = [], []
        for i in range(3):  # alternating; the fastest of each
            raw = folder / f"raw{i}.sqlite3"
            shutil.copy(template, raw)
            t, _, out = _run(["-c", _BASELINE, str(raw), str(roster)])
            assert int(out.split()[-1]) == n_import
            base.append(t)
            mine = folder / f"ours{i}.sqlite3"
            shutil.copy(template, mine)
            t, _, out = _run(["-m", "desktop.app", "--db", str(mine), "import", "enterprises", str(roster)])
            ours.append(t)
        results.append(
            Result(
                f"(d) the whole `landspace import` process, {n_import:,} enterprises",
                min(ours),
                min(base),
                2.5,
                "a process: calamine + executemany, same schema and pragmas",
            )
        )

        big_roster = folder / "big.xlsx"
        _xlsxwriter(_rows(n_memory), big_roster)
        target = folder / "memory.sqlite3"
        shutil.copy(template, target)
        _, kb, _ = _run(
            ["desktop.app", "--db", str(target), "import", "enterprises", str(big_roster)], peak=True
        )
        results.append(
            Result(
                f"peak memory importing {n_memory:,} enterprises ({kb / 1024:.0f} MB)",
                kb / 1024,
                400.0,
                1.0,
                "the 400 MB bound",
            )
        )

        many = _enterprises_db(folder / "many.sqlite3", n_export)
        _, kb, _ = _run(
            ["desktop.app", "--db", str(many), "export", "enterprises", str(folder / "out.xlsx")], peak=True
        )
        results.append(
            Result(
                f"peak memory exporting {n_export:,} enterprises ({kb / 1024:.0f} MB)",
                kb / 1024,
                300.0,
                1.0,
                "the 300 MB bound",
            )
        )
    return results
