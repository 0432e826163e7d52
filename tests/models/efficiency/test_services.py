"""Records, the stored yearly evaluation, the what-if and new rule versions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from models.database import Database
from models.efficiency import queries as Q
from models.efficiency import rules as R
from models.efficiency import services as S
from models.efficiency.entities import EfficiencyResult
from models.errors import DomainError
from models.policy.entities import PolicyRule
from tests.models.efficiency.util import enterprise, record

D = Decimal


def _id(record_id: int | None) -> int:
    assert record_id is not None
    return record_id


def _population(db: Database, year: int = 2024, n: int = 20) -> list[int]:
    ids = []
    with db.write() as s:
        for i in range(n):
            eid = enterprise(s, i + 1)
            record(
                s,
                eid,
                year,
                mu=10,
                tax=50 + 2 * i,
                value_added=300 + 10 * i,
                energy_tce=50,
                emissions_t=5,
                employees=40,
                rd_spending=10 + i,
                main_revenue=1000,
            )
            ids.append(eid)
    return ids


def test_seeded_rule_is_the_labelled_example(db: Database) -> None:
    with db.read() as s:
        loaded = R.rule_set_for(s, 2024)
    # the example cites no document of the district (浙政发〔2018〕5号 sets no weights)
    assert loaded.ref.is_example and loaded.ref.document_no == "" and "黄岩" in loaded.ref.example_source
    assert loaded.rules == R.example_rule_set()


def test_record_validation(db: Database) -> None:
    with db.write() as s:
        eid = enterprise(s, 1)
        with pytest.raises(DomainError) as err:
            S.upsert_record(s, enterprise_id=eid, year=2024, energy_tce=D("-1"))
        assert err.value.code == "efficiency.negative_value" and err.value.fields["field"] == "energy_tce"
        with pytest.raises(DomainError) as err:
            S.upsert_record(
                s,
                enterprise_id=eid,
                year=2024,
                status="protected",
                protection_from=dt.date(2024, 5, 1),
                protection_to=dt.date(2024, 1, 1),
            )
        assert err.value.code == "efficiency.protection_dates"
        ch = S.upsert_record(s, enterprise_id=eid, year=2024, tax=D("12.5"))
        assert ch.created == 1
        assert S.upsert_record(s, enterprise_id=eid, year=2024, tax=D("12.5")).updated == 0
        assert S.upsert_record(s, enterprise_id=eid, year=2024, tax=D("13")).updated == 1


def test_evaluate_year_stores_scores_classes_and_reasons(db: Database) -> None:
    ids = _population(db)
    with db.write() as s:
        ch = S.evaluate_year(s, year=2024)
    assert ch.created == 20
    with db.read() as s:
        rows = Q.list_results(s, year=2024)
        assert [r.klass for r in rows].count("A") == 5 and rows[0].rank == 1  # top 25 %, no 20 % cap
        assert rows[0].enterprise_id == ids[-1] and rows[-1].klass == "D"
        detail = Q.result_detail(s, enterprise_id=ids[0], year=2024)
        assert [i.key for i in detail.items][0] == "tax_per_mu"
        assert detail.score == sum((i.points for i in detail.items), D(0))
        assert detail.document_no == "" and detail.is_example and "黄岩" in detail.example_source
        # tax benchmark: Σtax / Σ亩 = (20×50 + 2×190) / 200 = 6.9; firm 1 → 30 × 5 / 6.9
        tax = detail.items[0]
        assert tax.benchmark == D("6.9") and tax.points == D("21.7391")
        dist = Q.class_distribution(s, year=2024)
        assert len(dist) == 1 and (dist[0].a, dist[0].d, dist[0].total) == (5, 1, 20)
    # evaluating again replaces, never duplicates
    with db.write() as s:
        S.evaluate_year(s, year=2024)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(EfficiencyResult)) == 20


def test_stored_breakdowns_are_the_explanations_and_the_audit_does_not_copy_them(db: Database) -> None:
    """The column-wise encoding gives exactly ``breakdown_json``'s text; the evaluation's one
    audit entry holds each result's key, class and the SHA-256 of its stored breakdown, not
    the breakdown again."""
    import hashlib

    from models.accounts.audit import verify_chain
    from models.accounts.entities import AuditEntry
    from models.efficiency.engine import evaluate

    _population(db)
    with db.write() as s:
        eid = enterprise(s, 99)  # a protected one: graded by no indicator
        record(
            s,
            eid,
            2024,
            mu=10,
            tax=1,
            status="protected",
            protection_from=dt.date(2024, 1, 1),
            protection_to=dt.date(2025, 12, 31),
        )
        S.upsert_record(
            s, enterprise_id=enterprise(s, 98), year=2024, land_area_m2=D("6666.6667")
        )  # mostly missing
    with db.read() as s:
        rule = R.rule_set_for(s, 2024)
        results = evaluate(S.load_inputs(s, 2024), rule.rules, 2024)
        assert S.breakdowns_json(results, rule) == [S.breakdown_json(ev, rule) for ev in results]
    with db.write() as s:
        S.evaluate_year(s, year=2024)
    with db.read() as s:
        stored = {r.id: r for r in s.scalars(select(EfficiencyResult))}
        entries = s.execute(
            select(AuditEntry.action, AuditEntry.record_id, AuditEntry.changes).where(
                AuditEntry.entity == "efficiency_results"
            )
        ).all()
        # the replaced results (none here) in one entry, the stored ones in one: no entry per result
        assert [(a, r) for a, r, _ in entries] == [("bulk_delete", None), ("evaluate", None)]
        data = json.loads(entries[1][2])
        assert data["columns"] == list(S.AUDITED_RESULT_COLUMNS) and data["count"] == len(stored)
        assert (data["year"], data["rule_id"]) == (2024, rule.ref.id)
        logged = [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]
        assert sorted(r["id"] for r in logged) == sorted(stored)
        assert len(entries[1][2]) < 120 * len(stored)  # no breakdown copied
        for item in logged:
            result = stored[item["id"]]
            assert item["breakdown_sha256"] == hashlib.sha256(result.breakdown.encode("utf-8")).hexdigest()
            assert (item["enterprise_id"], item["klass"], item["rank"]) == (
                result.enterprise_id,
                result.klass,
                result.rank,
            )
            assert item["score"] == (None if result.score is None else format(result.score, "f"))
        assert verify_chain(s) == []


def test_evaluate_without_records_is_refused(db: Database) -> None:
    with db.write() as s, pytest.raises(DomainError) as err:
        S.evaluate_year(s, year=2030)
    assert err.value.code == "efficiency.no_records"


def test_what_if_lists_class_changes_without_writing(db: Database) -> None:
    ids = _population(db)
    with db.write() as s:
        S.evaluate_year(s, year=2024)
    with db.read() as s:
        before = [(r.enterprise_id, r.klass) for r in Q.list_results(s, year=2024)]
        rules_before = s.scalar(select(func.count()).select_from(PolicyRule))
    trial = R.example_rule_set().with_classes(a_share=D("0.10"))
    with db.write() as s:
        changes = S.what_if(s, year=2024, rule_set=trial)
    assert [(c.enterprise_id, c.old_class, c.new_class) for c in changes] == [
        (ids[15], "A", "B"),
        (ids[16], "A", "B"),
        (ids[17], "A", "B"),
    ]
    assert changes[0].uscc and changes[0].name == "企业16"
    with db.read() as s:
        assert [(r.enterprise_id, r.klass) for r in Q.list_results(s, year=2024)] == before
        assert s.scalar(select(func.count()).select_from(PolicyRule)) == rules_before


def test_what_if_of_the_rule_in_force_changes_nobody(db: Database) -> None:
    _population(db)
    with db.read() as s:
        assert S.what_if(s, year=2024, rule_set=R.example_rule_set()) == []


def test_saving_a_rule_adds_a_dated_version_used_from_then_on(db: Database) -> None:
    _population(db, 2023)
    _population_more = [(2024, 100)]
    with db.write() as s:
        for eid in range(1, 21):
            record(
                s,
                eid,
                2024,
                mu=10,
                tax=10 + eid,
                value_added=100,
                energy_tce=50,
                emissions_t=5,
                employees=40,
                rd_spending=1,
                main_revenue=1000,
            )
    assert _population_more
    trial = replace(R.example_rule_set().with_weight("above", "tax_per_mu", D("50")), data_year_from=2024)
    with db.write() as s:
        with pytest.raises(DomainError) as err:
            S.save_rule_set(s, rule_set=trial, effective_from=dt.date(2024, 1, 1), document_no=" ")
        assert err.value.code == "efficiency.rule_document_required"
        S.save_rule_set(
            s, rule_set=trial, effective_from=dt.date(2024, 1, 1), document_no="临经信〔2024〕1号"
        )
        with pytest.raises(DomainError) as err:
            S.save_rule_set(s, rule_set=trial, effective_from=dt.date(2024, 1, 1), document_no="X")
        assert err.value.code == "efficiency.rule_date_taken"
    with db.write() as s:
        S.evaluate_year(s, year=2023)
        S.evaluate_year(s, year=2024)
    with db.read() as s:
        assert R.rule_set_for(s, 2023).ref.document_no == ""  # 2023 data: the trial states data from 2024
        assert R.rule_set_for(s, 2024).rules == trial
        d24 = Q.result_detail(s, enterprise_id=1, year=2024)
        assert d24.document_no == "临经信〔2024〕1号" and not d24.is_example
        assert d24.items[0].weight == D("50")
        assert len(Q.rule_versions(s)) == 2
        # the earlier version is closed the day before, and still evaluates its data years
        first = R.rule_set_for(s, 2023).ref
        assert first.effective_to == dt.date(2023, 12, 31)


def test_d_three_years_running_is_flagged(db: Database) -> None:
    with db.write() as s:
        ids = [enterprise(s, i + 1) for i in range(20)]
        for year in (2022, 2023, 2024):
            for i, eid in enumerate(ids):
                tax = 1 if i == 0 and year >= 2022 else 10 + i
                if i == 1 and year == 2023:
                    tax = 1000  # one good year breaks the streak
                elif i == 1:
                    tax = 2
                record(
                    s,
                    eid,
                    year,
                    mu=10,
                    tax=tax,
                    value_added=100,
                    energy_tce=10,
                    emissions_t=1,
                    employees=10,
                    rd_spending=1,
                    main_revenue=100,
                )
            S.evaluate_year(s, year=year)
    with db.read() as s:
        flags = Q.d_streaks(s)
        assert [(f.enterprise_id, f.years) for f in flags] == [(ids[0], (2022, 2023, 2024))]
        hist = Q.class_history(s, enterprise_id=ids[0])
        assert [h.klass for h in hist] == ["D", "D", "D"]
        problem = flags[0].problem({"document_no": "X"})
        assert problem.code == "efficiency.d_streak" and problem.fields["count"] == 3


def test_breakdown_json_is_stored(db: Database) -> None:
    _population(db, n=3)
    with db.write() as s:
        S.evaluate_year(s, year=2024)
    with db.read() as s:
        raw = s.scalar(select(EfficiencyResult.breakdown).limit(1))
    data = json.loads(raw or "{}")
    assert data["group"] == "above" and len(data["items"]) == 6 and "cap" in data["items"][0]


def test_engine_inputs_read_the_exact_stored_values(db: Database) -> None:
    with db.write() as s:
        eid = enterprise(s, 1)
        record(
            s,
            eid,
            2024,
            mu="12.5",
            tax="380.123456",
            value_added="-3.5",
            energy_tce="0.000001",
            employees=7,
            rd_spending=None,
        )
    with db.read() as s:
        [inp] = S.load_inputs(s, 2024)
        [row] = Q.list_records(s, year=2024)
    assert (inp.land_m2, inp.tax, inp.value_added, inp.energy_tce, inp.rd_spending, inp.employees) == (
        row.land_m2,
        row.tax,
        row.value_added,
        row.energy_tce,
        None,
        7,
    )
    assert str(inp.tax) == str(row.tax) == "380.123456"


def test_industry_groups_and_production_review_reach_the_stored_evaluation(db: Database) -> None:
    from models.enterprises.entities import Enterprise
    from models.land.services import create_plot, update_plot
    from models.policy.seed import upsert_rule

    ids = _population(db, n=6)
    with db.write() as s:
        for i, eid in enumerate(ids):
            ent = s.get(Enterprise, eid)
            assert ent is not None
            ent.industry_chain = "集成电路" if i < 3 else "高端装备"
        newcomer = enterprise(s, 99)
        s.get(Enterprise, newcomer).industry_chain = "高端装备"  # type: ignore[union-attr]
        record(
            s,
            newcomer,
            2024,
            mu=10,
            tax=60,
            value_added=300,
            energy_tce=50,
            emissions_t=5,
            employees=40,
            rd_spending=10,
            main_revenue=1000,
            status="protected",
            protection_from=dt.date(2023, 1, 1),
            protection_to=dt.date(2027, 12, 31),
        )
        plot_id = create_plot(s, code="T-1", holder_id=newcomer).ids[0]
        update_plot(s, plot_id=plot_id, production_reviewed_on=dt.date(2024, 11, 1))
        upsert_rule(
            s,
            key=R.RULE_KEY,
            value=R.to_json(replace(R.example_rule_set(), industry_groups=("above",))),
            title="t",
            document_no="",
            clause="",
            is_example=True,
            example_source="test",
            effective_from=dt.date(2025, 1, 2),
        )
        S.evaluate_year(s, year=2024)
        rows = {r.enterprise_id: r for r in s.scalars(select(EfficiencyResult))}
    assert rows[newcomer].group == "above"  # 达产复核 in 2024 ended its protection
    assert json.loads(rows[ids[0]].breakdown)["industry"] == "集成电路"
    assert sorted(r.rank for e, r in rows.items() if e in ids[:3] and r.rank) == [1, 2, 3]
    assert sorted(r.rank for e, r in rows.items() if e not in ids[:3] and r.rank) == [1, 2, 3, 4]


def test_bulk_store_gives_the_rows_a_plain_orm_store_gives(db: Database, tmp_path: Path) -> None:
    """``evaluate_year``'s raw executemany stores, column for column and byte for byte, what
    adding ``EfficiencyResult`` objects made from ``evaluate`` and ``breakdown_json`` stores
    (the time at the second as well: no microseconds dropped from the text); the chain holds."""
    from models.accounts.audit import verify_chain
    from models.database import open_database
    from models.efficiency.engine import evaluate

    stamp = dt.datetime(2025, 3, 1, 9, 30)  # microsecond 0: written as SQLAlchemy writes it
    plain = open_database(tmp_path / "plain.sqlite3", actor="test")
    try:
        for target in (db, plain):
            _population(target, n=30)
            with target.write() as s:
                S.upsert_record(s, enterprise_id=enterprise(s, 97), year=2024, land_area_m2=D("6666.6667"))
                eid = enterprise(s, 99)
                record(s, eid, 2024, mu=10, tax=1, status="exempt")
        with db.write() as s:
            S.evaluate_year(s, year=2024, now=stamp)
        with plain.write() as s:
            rule = R.rule_set_for(s, 2024)
            for ev in evaluate(S.load_inputs(s, 2024), rule.rules, 2024):
                s.add(
                    EfficiencyResult(
                        enterprise_id=ev.enterprise_id,
                        year=2024,
                        rule_id=rule.ref.id,
                        group=ev.group,
                        industry=ev.industry,
                        score=ev.score,
                        rank=ev.rank,
                        klass=ev.klass,
                        breakdown=S.breakdown_json(ev, rule),
                        evaluated_at=stamp,
                    )
                )
        raw = (
            'SELECT enterprise_id, year, rule_id, "group", industry, score, rank, klass, breakdown, '
            "evaluated_at, typeof(evaluated_at), typeof(score) FROM efficiency_results ORDER BY enterprise_id"
        )
        rows = {}
        for name, target in (("bulk", db), ("plain", plain)):
            with target.read() as s:
                rows[name] = s.connection().exec_driver_sql(raw).fetchall()
                assert verify_chain(s) == []
        assert len(rows["bulk"]) == 32
        assert rows["bulk"] == rows["plain"]
        assert rows["bulk"][0][9] == "2025-03-01 09:30:00.000000"
    finally:
        plain.dispose()


@pytest.mark.parametrize("rule_id", [3, None])
def test_the_evaluation_entry_is_the_canonical_json_of_its_results(rule_id: int | None) -> None:
    """The evaluation's audit entry is made by a template: exactly the text ``canonical`` gives
    of the same values, ungraded results (no rank, no score) among them."""
    from models.accounts.audit import canonical

    ids, eids = [7, 8, 9, 10], [1, 2, 3, 40]
    klasses, ranks = ["A", "", "D", ""], [1, None, 3, None]
    scores = [D("120.500000"), None, D("0E-6"), D("-1.000001")]
    digests = ["ab" * 32, "0f" * 32, "12" * 32, "ff" * 32]
    ours = S._results_entry(
        year=2024,
        rule_id=rule_id,
        ids=ids,
        eids=eids,
        klasses=klasses,
        ranks=ranks,
        scores=scores,
        digests=digests,
    )
    texts = [None if v is None else format(v, "f") for v in scores]
    rows: list[Sequence[Any]] = [list(r) for r in zip(ids, eids, klasses, ranks, texts, digests, strict=True)]
    expected = {
        "columns": list(S.AUDITED_RESULT_COLUMNS),
        "count": 4,
        "rows": rows,
        "rule_id": rule_id,
        "year": 2024,
    }
    assert ours == canonical(expected)
    assert S._results_entry(
        year=2024, rule_id=None, ids=[], eids=[], klasses=[], ranks=[], scores=[], digests=[]
    ) == canonical({**expected, "count": 0, "rows": [], "rule_id": None})
