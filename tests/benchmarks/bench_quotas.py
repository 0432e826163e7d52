"""Quota balances over 50,000 ledger entries vs raw SQL GROUP BY over the same rows.

The ledger: 400 grants, 9,600 allocations, 30,000 uses (stages dated across the years),
10,000 returns. ``balance_tree`` (SQL aggregates + assembling the tree) is timed against
the same GROUP BY statements run as raw SQL text on the DBAPI cursor, in the same run
(issue 3: ≤ 2×). The single biggest GROUP BY (uses by year × source × platform) is
reported too, without a bound, for scale.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from models.database import open_database
from models.policy.entities import Platform
from models.quotas.entities import QuotaAllocation, QuotaGrant, QuotaReturn, QuotaUse
from models.quotas.queries import balance_tree
from tests.benchmarks.common import Result, median_of, scale

SOURCES = ("区年度计划", "切块", "省级预留", "市级预留", "奖励", "增存挂钩", "增减挂钩")
AS_OF = dt.date(2025, 9, 30)
D = AS_OF.isoformat()

STAGE = (
    f"CASE WHEN u.supplied_on <= '{D}' THEN 'supplied' WHEN u.approved_on <= '{D}' THEN 'approved' "
    f"WHEN u.deducted_on <= '{D}' THEN 'deducted' ELSE 'reserved' END"
)
RAW = (
    f"SELECT year, source, SUM(area_m2) FROM quota_grants WHERE granted_on <= '{D}' GROUP BY year, source",
    f"SELECT g.year, g.source, SUM(c.area_m2) FROM quota_grants c JOIN quota_grants g "
    f"ON c.carried_over_from_id = g.id WHERE c.granted_on <= '{D}' GROUP BY g.year, g.source",
    f"SELECT g.year, g.source, a.platform_id, SUM(a.area_m2) FROM quota_allocations a JOIN quota_grants g "
    f"ON a.grant_id = g.id WHERE a.allocated_on <= '{D}' GROUP BY g.year, g.source, a.platform_id",
    f"SELECT g.year, g.source, a.platform_id, {STAGE}, SUM(u.area_m2) FROM quota_uses u "
    f"JOIN quota_allocations a ON u.allocation_id = a.id JOIN quota_grants g ON a.grant_id = g.id "
    f"WHERE u.reserved_on <= '{D}' GROUP BY 1, 2, 3, 4",
    f"SELECT g.year, g.source, a.platform_id, {STAGE}, SUM(r.area_m2) FROM quota_returns r "
    f"JOIN quota_uses u ON r.use_id = u.id JOIN quota_allocations a ON r.allocation_id = a.id "
    f"JOIN quota_grants g ON a.grant_id = g.id WHERE r.returned_on <= '{D}' GROUP BY 1, 2, 3, 4",
)


def _build(db, rng: random.Random, n_entries: int) -> None:  # type: ignore[no-untyped-def]
    n_grants = max(7, n_entries // 125)
    n_allocs = max(10, n_entries * 24 // 125)
    n_uses = max(10, n_entries * 3 // 5)
    n_returns = max(1, n_entries - n_grants - n_allocs - n_uses)
    with db.write() as s:
        platforms = list(s.scalars(select(Platform.id)))
        grants: list[dict[str, Any]] = []
        for i in range(n_grants):
            year = 2021 + i % 5
            grants.append(
                {
                    "id": i + 1,
                    "year": year,
                    "source": SOURCES[i % len(SOURCES)],
                    "document_no": f"杭规划资源〔{year}〕{i}号",
                    "granted_on": dt.date(year, 3, 1),
                    "area_m2": 10_000_000,
                    "major_project": "",
                    "note": "",
                    "version": 1,
                }
            )
        s.execute(insert(QuotaGrant), grants)
        allocs = []
        for i in range(n_allocs):
            g = grants[i % n_grants]
            allocs.append(
                {
                    "id": i + 1,
                    "grant_id": g["id"],
                    "platform_id": rng.choice(platforms),
                    "project": "",
                    "area_m2": 400_000,
                    "allocated_on": dt.date(g["year"], 5, 1),
                    "document_no": "",
                    "note": "",
                    "version": 1,
                }
            )
        s.execute(insert(QuotaAllocation), allocs)
        uses = []
        for i in range(n_uses):
            a = allocs[i % n_allocs]
            start = a["allocated_on"] + dt.timedelta(days=rng.randint(1, 200))
            dates = [start + dt.timedelta(days=40 * k) for k in range(1, 4)]
            steps = rng.randint(0, 3)
            uses.append(
                {
                    "id": i + 1,
                    "allocation_id": a["id"],
                    "platform_id": a["platform_id"],
                    "project": f"P{i}",
                    "area_m2": rng.randint(1000, 100_000),
                    "land_source": "new",
                    "stage": ("reserved", "deducted", "approved", "supplied")[steps],
                    "reserved_on": start,
                    "deducted_on": dates[0] if steps > 0 else None,
                    "approved_on": dates[1] if steps > 1 else None,
                    "supplied_on": dates[2] if steps > 2 else None,
                    "approval_no": "",
                    "decision_level": "district",
                    "note": "",
                    "version": 1,
                }
            )
        s.execute(insert(QuotaUse), uses)
        returns = []
        for i in range(n_returns):
            u = uses[(i * 3) % n_uses]
            returns.append(
                {
                    "allocation_id": u["allocation_id"],
                    "use_id": u["id"],
                    "area_m2": 500,
                    "returned_on": u["reserved_on"] + dt.timedelta(days=90),
                    "reason": "收回",
                    "document_no": "",
                    "version": 1,
                }
            )
        s.execute(insert(QuotaReturn), returns)


def run() -> list[Result]:
    folder = Path(tempfile.mkdtemp())
    try:
        db = open_database(folder / "bench.sqlite3", actor="bench")
        _build(db, random.Random(3), scale(50_000))

        def ours() -> None:
            with db.read() as s:
                balance_tree(s, as_of=AS_OF)

        raw_conn = db.engine.raw_connection()
        try:

            def raw_all() -> None:
                cur = raw_conn.cursor()
                for sql in RAW:
                    cur.execute(sql).fetchall()
                cur.close()

            def raw_uses() -> None:
                cur = raw_conn.cursor()
                cur.execute(RAW[3]).fetchall()
                cur.close()

            ours()  # warm the caches and SQLAlchemy's statement cache
            raw_all()
            t_ours = median_of(ours, 7)
            t_raw = median_of(raw_all, 7)
            t_uses = median_of(raw_uses, 7)
        finally:
            raw_conn.close()
        db.dispose()
        return [
            Result("quota balances (50k entries)", t_ours, t_raw, 2.0, "raw SQL GROUP BY, same aggregates"),
            Result("quota balances (50k entries)", t_ours, t_uses, None, "raw SQL GROUP BY of uses alone"),
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
