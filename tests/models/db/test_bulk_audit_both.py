"""The year's evaluation stores and audits its results the same way on SQLite and PostgreSQL:
one slim entry per result (key, class, hash of the stored breakdown), the chain whole."""

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
            select(AuditEntry.record_id, AuditEntry.changes)
            .where(AuditEntry.entity == "efficiency_results", AuditEntry.action == "insert")
            .order_by(AuditEntry.id.desc())
            .limit(6)
        ).all()
        assert sorted(r for r, _ in entries) == sorted(results)
        for rid, changes in entries:
            data = json.loads(changes)
            assert set(data) == set(S.AUDITED_RESULT_COLUMNS)
            assert data["breakdown_sha256"][1] == hashlib.sha256(results[rid].breakdown.encode()).hexdigest()
            assert data["klass"][1] == results[rid].klass
        assert verify_chain(s) == []
