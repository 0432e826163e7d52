"""Bulk stores audit the same way on SQLite and PostgreSQL, slim, the chain whole: the year's
evaluation in one entry (each result's key, class, hash of the stored breakdown) and a bulk
import of enterprises, one entry per record (id, USCC, hash of the values it was created
with)."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select

from models.accounts.audit import verify_chain
from models.accounts.entities import AuditEntry
from models.database import Database
from models.efficiency import services as S
from models.efficiency.entities import EfficiencyResult
from tests.models.efficiency.util import enterprise, record


def _id(record_id: int | None) -> int:
    assert record_id is not None
    return record_id


def test_evaluation_results_are_audited_by_key_and_hash(shared_db: Database) -> None:
    with shared_db.write() as s:
        for i in range(6):
            record(
                s,
                enterprise(s, i + 1),
                2024,
                mu=10,
                tax=50 + 3 * i,
                value_added=300,
                energy_tce=50,
                emissions_t=5,
                employees=40,
                rd_spending=10,
                main_revenue=1000,
            )
    for _ in range(2):  # evaluating again replaces the results, audited again
        with shared_db.write() as s:
            S.evaluate_year(s, year=2024)
    with shared_db.read() as s:
        results = {r.id: r for r in s.scalars(select(EfficiencyResult))}
        entries = s.execute(
            select(AuditEntry.action, AuditEntry.changes)
            .where(AuditEntry.entity == "efficiency_results")
            .order_by(AuditEntry.id)
        ).all()
        # each evaluation: the replaced results in one entry, the stored ones in one
        assert [a for a, _ in entries] == ["bulk_delete", "evaluate"] * 2
        data = json.loads(entries[-1][1])
        assert data["columns"] == list(S.AUDITED_RESULT_COLUMNS) and data["count"] == len(results) == 6
        for row in data["rows"]:
            item = dict(zip(data["columns"], row, strict=True))
            result = results[item["id"]]
            assert item["breakdown_sha256"] == hashlib.sha256(result.breakdown.encode()).hexdigest()
            assert (item["enterprise_id"], item["klass"]) == (result.enterprise_id, result.klass)
        assert verify_chain(s) == []


def test_bulk_inserted_enterprises_are_audited_by_key_and_digest(shared_db: Database) -> None:
    """A bulk import's new enterprises: one entry each with its id, USCC and the SHA-256 of the
    values it was created with (what an ORM insert entry would list), not the values again."""
    from models.accounts.audit import row_digest
    from models.enterprises.bulk import COLUMNS, insert_enterprises
    from models.enterprises.entities import Enterprise
    from models.uscc import check_char

    rows = []
    for i in range(5):
        body = f"91330110{i:09d}"
        rows.append({"uscc": body + check_char(body), "name": f"杭州第{i}号有限公司", "phone": "0571-1"})
    with shared_db.write() as s:
        ids = insert_enterprises(s, rows)
    with shared_db.read() as s:
        stored = {e.id: e for e in s.scalars(select(Enterprise).where(Enterprise.id.in_(ids)))}
        entries = dict(
            s.execute(
                select(AuditEntry.record_id, AuditEntry.changes).where(
                    AuditEntry.entity == "enterprises", AuditEntry.action == "insert"
                )
            ).all()
        )
        assert sorted(map(_id, entries)) == sorted(ids)
        for rid, changes in entries.items():
            rid = _id(rid)
            data = json.loads(changes)
            e = stored[rid]
            assert set(data) == {"id", "uscc", "row_sha256"} and "杭州" not in changes
            assert data["uscc"] == [None, e.uscc] and data["id"] == [None, rid]
            values = {"id": e.id, "version": e.version, **{c: getattr(e, c) for c in COLUMNS}}
            assert data["row_sha256"][1] == row_digest(values)
            assert row_digest({**values, "name": "别的名字"}) != data["row_sha256"][1]
        assert verify_chain(s) == []
