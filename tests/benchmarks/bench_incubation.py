"""Occupancy over 200 carriers × 120 months ≤ 2× a raw SQL aggregate over the same rows.

Ours: ``models.incubation.occupancy.monthly_occupancy`` — start-of-month and day-prorated
occupied area of every carrier for every month, beside the carrier's own report. Baseline,
timed in the same run on the same file: one SQL statement (the months given as a literal
``VALUES`` list — issue 12: not a recursive CTE, which SQLite evaluates slowly — joined to the
tenancies) computing the same two figures per carrier-month.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, text

from models.database import open_database
from models.enterprises.entities import Enterprise
from models.incubation.entities import Carrier, Tenancy, UsageReport
from models.incubation.occupancy import add_months, monthly_occupancy
from models.uscc import check_char
from tests.benchmarks.common import Result, best_of, scale

FIRST = dt.date(2016, 1, 1)
MONTHS = 120


def baseline_sql(first: dt.date, months: int) -> str:
    pairs = ", ".join(
        f"('{add_months(first, k).isoformat()}', '{add_months(first, k + 1).isoformat()}')"
        for k in range(months)
    )
    return f"""
WITH months(m, nxt) AS (VALUES {pairs})
SELECT t.carrier_id, months.m,
       SUM(CASE WHEN t.start_on <= months.m THEN t.area_m2 ELSE 0 END) AS at_start,
       SUM(t.area_m2 * (julianday(MIN(COALESCE(date(t.end_on, '+1 day'), months.nxt), months.nxt))
                        - julianday(MAX(t.start_on, months.m)))) AS area_days
FROM months JOIN tenancies t ON t.start_on < months.nxt AND (t.end_on IS NULL OR t.end_on >= months.m)
GROUP BY t.carrier_id, months.m
"""


def _build(folder: Path, carriers: int) -> object:
    db = open_database(folder / "bench.sqlite3", actor="bench")
    rng = random.Random(1)
    last = add_months(FIRST, MONTHS)
    with db.write() as s:
        s.execute(
            insert(Carrier),
            [
                {"code": f"C{i:04d}", "name": f"载体{i:04d}", "usable_area_m2": Decimal(20000)}
                for i in range(carriers)
            ],
        )
        ents = []
        for i in range(carriers * 60):
            body = f"9133011200{i:07d}"
            ents.append({"uscc": body + check_char(body), "name": f"企业{i}"})
        s.execute(insert(Enterprise), ents)
        ids = list(s.scalars(text("SELECT id FROM carriers ORDER BY id")))
        eids = list(s.scalars(text("SELECT id FROM enterprises ORDER BY id")))
        rows, reports, e = [], [], 0
        for cid in ids:
            for _slot in range(20):  # 20 rooms, each let in turn over the ten years
                day = FIRST - dt.timedelta(days=rng.randint(0, 400))
                while day < last:
                    end = day + dt.timedelta(days=rng.randint(300, 1500))
                    rows.append(
                        {
                            "carrier_id": cid,
                            "enterprise_id": eids[e % len(eids)],
                            "start_on": day,
                            "end_on": end if end < last else None,
                            "area_m2": Decimal(rng.randint(50, 900)),
                        }
                    )
                    e += 1
                    day = end + dt.timedelta(days=rng.randint(1, 120))
            for k in range(MONTHS):
                reports.append(
                    {
                        "carrier_id": cid,
                        "month": add_months(FIRST, k),
                        "occupied_area_m2": Decimal(rng.randint(5000, 15000)),
                    }
                )
        s.execute(insert(Tenancy), rows)
        s.execute(insert(UsageReport), reports)
    return db


def run() -> list[Result]:
    carriers = scale(200)
    with tempfile.TemporaryDirectory() as tmp:
        db = _build(Path(tmp), carriers)
        last = add_months(FIRST, MONTHS - 1)
        sql = baseline_sql(FIRST, MONTHS)

        def ours() -> None:
            with db.read() as s:  # type: ignore[attr-defined]
                out = monthly_occupancy(s, first=FIRST, last=last)
                assert len(out) == carriers * MONTHS

        def baseline() -> None:
            with db.read() as s:  # type: ignore[attr-defined]
                s.connection().exec_driver_sql(sql).fetchall()

        ours()  # warm the page cache for both
        baseline()
        result = Result(
            f"occupancy {carriers} carriers × {MONTHS} months (start-of-month + prorated)",
            best_of(ours),
            best_of(baseline),
            2.0,
            "raw SQL aggregate",
        )
        db.dispose()  # type: ignore[attr-defined]
    return [result]
