"""Evaluating 20,000 enterprises for a year ≤ 2× the time to read their records (issue 5).

Baseline (issue 12: the same work, not ORM hydration): the project's own read of the year
(``load_inputs``) plus a raw ``executemany`` INSERT of the same result rows (breakdowns
prepared beforehand). Ours: ``evaluate_year`` as the app runs it — read, score, rank, class,
replace the stored results (bound ≤ 2×); the evaluation without storing is shown beside it.
The three run in alternating rounds, the fastest of each; the CPU time of the store and of
the baseline is shown too (steadier than the wall clock on a shared machine).
"""

from __future__ import annotations

import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from models.database import open_database
from models.efficiency import rules as R
from models.efficiency.engine import evaluate
from models.efficiency.entities import EfficiencyRecord
from models.efficiency.services import evaluate_year, load_inputs
from tests.benchmarks.common import Result, scale
from tests.benchmarks.tenx import machine_load
from tests.models.efficiency.util import add_enterprises

YEAR = 2024
ROUNDS = 4


def _populate(db_path: Path, n: int) -> object:
    db = open_database(db_path, actor="bench")
    rng = random.Random(5)
    with db.write() as s:
        ids = add_enterprises(s, n)
        recs = []
        for eid in ids:
            mu = Decimal(rng.randint(50, 1500)) / 10
            tax = (mu * Decimal(rng.randint(0, 500)) / 10).quantize(Decimal("0.01"))
            roll = rng.random()
            recs.append(
                {
                    "enterprise_id": eid,
                    "year": YEAR,
                    "above_scale": rng.random() < 0.6,
                    "land_area_m2": (mu * 10000 / 15).quantize(Decimal("0.0001")),
                    "tax": tax,
                    "value_added": tax * 5,
                    "output": tax * 20,
                    "main_revenue": tax * 18,
                    "energy_tce": Decimal(rng.randint(10, 5000)),
                    "emissions_t": Decimal(rng.randint(1, 100)),
                    "electricity_mwh": Decimal(rng.randint(10, 4000)),
                    "rd_spending": None if roll < 0.1 else tax * Decimal("0.3"),
                    "employees": rng.randint(5, 900),
                    "status": "exempt" if roll < 0.02 else "leasing" if roll < 0.05 else "normal",
                    "protection_from": None,
                    "protection_to": None,
                    "note": "",
                    "version": 1,
                }
            )
        s.execute(insert(EfficiencyRecord), recs)
    return db


def run() -> list[Result]:
    n = scale(20_000)
    with tempfile.TemporaryDirectory() as tmp:
        db = _populate(Path(tmp) / "bench.sqlite3", n)

        with db.write() as s:  # type: ignore[attr-defined]
            evaluate_year(s, year=YEAR)
        with db.read() as s:  # type: ignore[attr-defined]
            conn = s.connection()
            cols = [
                f'"{r[1]}"'
                for r in conn.exec_driver_sql("PRAGMA table_info(efficiency_results)")
                if r[1] != "id"
            ]
            stored_rows = conn.exec_driver_sql(
                f"SELECT {', '.join(cols)} FROM efficiency_results WHERE year = {YEAR}"
            ).fetchall()
        assert len(stored_rows) == n
        sql = f"INSERT INTO efficiency_results ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"

        def read_and_insert() -> None:
            with db.write() as s:  # type: ignore[attr-defined]
                assert len(load_inputs(s, YEAR)) == n
                raw = s.connection().connection.dbapi_connection
                raw.execute(f"DELETE FROM efficiency_results WHERE year = {YEAR}")
                raw.executemany(sql, stored_rows)

        def evaluate_records() -> None:
            with db.read() as s:  # type: ignore[attr-defined]
                rules = R.rule_set_for(s, YEAR).rules
                results = evaluate(load_inputs(s, YEAR), rules, YEAR)
                assert len(results) == n

        def evaluate_and_store() -> None:
            with db.write() as s:  # type: ignore[attr-defined]
                evaluate_year(s, year=YEAR)

        # Alternating rounds, the fastest of each (wall clock; the process's CPU time beside it,
        # steadier on a shared machine: the store's commit waits for the disk on both sides).
        walls: dict[str, list[float]] = {"base": [], "ours": [], "stored": []}
        cpus: dict[str, list[float]] = {"base": [], "ours": [], "stored": []}
        for _ in range(ROUNDS):
            for name, fn in (
                ("base", read_and_insert),
                ("ours", evaluate_records),
                ("stored", evaluate_and_store),
            ):
                wall, cpu = time.perf_counter(), time.process_time()
                fn()
                walls[name].append(time.perf_counter() - wall)
                cpus[name].append(time.process_time() - cpu)
        db.dispose()  # type: ignore[attr-defined]
    print(f"   ({machine_load()})", flush=True)
    baseline, ours, stored = (min(walls[k]) for k in ("base", "ours", "stored"))
    what = "load_inputs + raw INSERT of the same results"
    return [
        Result(f"evaluate {n} enterprises and store results with breakdowns", stored, baseline, 2.0, what),
        Result(
            f"evaluate {n} enterprises and store results with breakdowns, CPU",
            min(cpus["stored"]),
            min(cpus["base"]),
            None,
            what,
        ),
        Result(
            f"evaluate {n} enterprises (read + score + rank + class, not stored)", ours, baseline, None, what
        ),
    ]
