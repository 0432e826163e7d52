"""What a year's evaluation stores does not change when its code is made faster (issue 12 (e)).

A generated database (every group, missing and negative values, exemptions, protection,
deductions, vetoes, a group split by industry, fixed and mean benchmarks, ties) is evaluated
for two years and one year again; every stored result row (score, rank, class, group,
industry, breakdown text) and every audit entry of the results (action, record, ``changes``
text; each evaluation's one entry read as the entry per result it replaced) must hash to what
the engine and encoders of main 46c5395 stored, and the chain holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert

from models.accounts.audit import canonical, verify_chain
from models.database import Database
from models.efficiency import rules as R
from models.efficiency import services as S
from models.efficiency.entities import EfficiencyRecord
from tests.models.efficiency.util import add_enterprises

# sha256 of the dump below, as stored by main 46c5395 (before issue 12 (e)'s changes)
GOLDEN = "def943b67a9ad7ad941052f62fa07f4f382fe6450acb74e8b5bedda801cf459e"

_STAMP = dt.datetime(2025, 6, 30, 17, 45, 12, 345678)


def _amount(rng: random.Random, *, scale: int, negative: bool = False) -> Decimal | None:
    roll = rng.random()
    if roll < 0.08:
        return None
    if roll < 0.12:
        return Decimal(0)
    if roll < 0.2:  # a few repeated values: equal ratios and tied scores
        return Decimal(rng.choice(["10", "25.5", "100"]))
    low = -100_000 if negative else 1
    return Decimal(rng.randint(low, 500_000)).scaleb(-scale)


def _populate(db: Database, n: int) -> None:
    rng = random.Random(12)
    with db.write() as s:
        ids = add_enterprises(s, n, lambda _i: rng.choice(["", "集成电路", "纺织", 'quote"%s']))
        recs = []
        for year in (2023, 2024):
            for eid in ids:
                roll = rng.random()
                status = (
                    "exempt"
                    if roll < 0.04
                    else "leasing"
                    if roll < 0.1
                    else "protected"
                    if roll < 0.13
                    else "normal"
                )
                protected = rng.random() < 0.05
                land = rng.choice([None, Decimal(0), Decimal("1333.3333"), Decimal("2000"), *[None] * 16])
                recs.append(
                    {
                        "enterprise_id": eid,
                        "year": year,
                        "above_scale": rng.random() < 0.6,
                        "land_area_m2": Decimal(rng.randint(300, 200_000)).scaleb(-1)
                        if land is None and rng.random() > 0.05
                        else land,
                        "tax": _amount(rng, scale=2, negative=True),
                        "value_added": _amount(rng, scale=2, negative=True),
                        "output": _amount(rng, scale=2),
                        "main_revenue": _amount(rng, scale=2),
                        "energy_tce": _amount(rng, scale=1),
                        "emissions_t": _amount(rng, scale=3),
                        "electricity_mwh": _amount(rng, scale=1),
                        "rd_spending": _amount(rng, scale=2),
                        "employees": None if rng.random() < 0.05 else rng.randint(0, 900),
                        "status": status,
                        "protection_from": dt.date(year - 1, 3, 1) if protected else None,
                        "protection_to": dt.date(year + rng.randint(-1, 1), 6, 30) if protected else None,
                        "rented_out_plants": rng.choice([0, 0, 0, 1, 3]),
                        "major_incident": rng.random() < 0.05,
                        "note": "",
                        "version": 1,
                    }
                )
        s.execute(insert(EfficiencyRecord), recs)
        # 2024 data under a rule of its own: 规上 split by industry, a fixed and a mean benchmark,
        # missing data at the group's average, a D floor and an A cap
        trial = (
            R.example_rule_set()
            .with_indicator("above", "tax_per_mu", benchmark_mode="fixed", benchmark=Decimal("7.5"))
            .with_indicator("above", "va_per_mu", benchmark_mode="mean")
            .with_indicator("below_small", "tax_per_mu", missing="group_average")
            .with_indicator("leasing", "labour_productivity", cap_factor=Decimal("2"))
            .with_classes(a_max_share=Decimal("0.2"), d_min_share=Decimal("0.05"))
        )
        trial = replace(trial, data_year_from=2024, industry_groups=("above",))
        S.save_rule_set(
            s, rule_set=trial, effective_from=dt.date(2024, 1, 1), document_no="临经信〔2024〕7号"
        )


def _dump(db: Database) -> str:
    with db.read() as s:
        conn = s.connection()
        results = conn.exec_driver_sql(
            'SELECT id, enterprise_id, year, rule_id, "group", industry, score, typeof(score), rank, '
            "klass, breakdown, evaluated_at FROM efficiency_results ORDER BY id"
        ).fetchall()
        entries = conn.exec_driver_sql(
            "SELECT action, entity, record_id, changes, reason, actor FROM audit_entries "
            "WHERE entity = 'efficiency_results' ORDER BY id"
        ).fetchall()
        assert verify_chain(s) == []
    assert len(results) == 2 * 240 and len(entries) == 3 + 3  # each evaluation: its delete, its results
    return repr((results, _per_result(entries)))


def _per_result(entries: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The log as an entry per result would have held it (main 46c5395): each evaluation's one
    entry expanded into an ``insert`` per result with that result's logged values — the golden
    dump holds, to the byte, what the evaluation's single entry now holds."""
    out: list[tuple[Any, ...]] = []
    for action, entity, record_id, changes, reason, actor in entries:
        if action != "evaluate":
            out.append((action, entity, record_id, changes, reason, actor))
            continue
        data = json.loads(changes)
        for row in data["rows"]:
            item = dict(zip(data["columns"], row, strict=True))
            logged = canonical({**{k: [None, v] for k, v in item.items()}, "year": [None, data["year"]]})
            out.append(("insert", entity, item["id"], logged, reason, actor))
    return out


@pytest.mark.parametrize("chunk", [None, 7])
def test_a_years_stored_evaluation_is_what_it_was(
    db: Database, monkeypatch: pytest.MonkeyPatch, chunk: int | None
) -> None:
    if chunk is not None:  # a group's texts made a few members at a time
        monkeypatch.setattr(S, "_CHUNK", chunk)
    _populate(db, 240)
    for year in (2023, 2024, 2024):  # 2024 again: its results replaced, the earlier ones in the log
        with db.write() as s:
            S.evaluate_year(s, year=year, now=_STAMP)
    assert hashlib.sha256(_dump(db).encode("utf-8")).hexdigest() == GOLDEN
