"""The register of policy documents is edited through one service, checked before it changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from models.database import Database
from models.errors import DomainError
from models.policy import services
from models.policy.checks import run_checks
from models.policy.documents import INCUBATOR_2018_DOC, document
from models.policy.seed import upsert_rule


def test_register_a_document_with_its_clauses(db: Database) -> None:
    with db.write() as s:
        ch = services.save_document(
            s,
            document_no=" 临政办〔2026〕3号 ",
            title="工业楼宇分割转让实施意见",
            issuer="临安区人民政府办公室",
            issued_on=dt.date(2026, 3, 1),
            in_force_from=dt.date(2026, 4, 1),
            clauses=[
                {"clause": "五", "summary": "最小分割单元为整层", "figures": False},
                {"clause": "六", "summary": "分割转让比例不超过40%", "figures": True},
            ],
        )
        assert ch.created == 1
        row = document(s, "临政办〔2026〕3号")
        assert row is not None and row.issuer == "临安区人民政府办公室"
        six = row.clause("六")
        assert six is not None and six["figures"] is True
        assert [c["clause"] for c in row.clauses] == ["五", "六"]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"document_no": "  "}, "policy.document_no_required"),
        ({"document_no": INCUBATOR_2018_DOC}, "policy.document_exists"),
        ({"status": "repealed"}, "policy.bad_status"),
        ({"status": "superseded"}, "policy.superseded_by_required"),
        ({"status": "superseded", "superseded_by": "临政〔2026〕9号"}, "policy.superseded_by_itself"),
        (
            {"issued_on": dt.date(2026, 5, 1), "in_force_from": dt.date(2026, 4, 1)},
            "policy.in_force_before_issue",
        ),
        (
            {
                "status": "superseded",
                "superseded_by": "X",
                "issued_on": dt.date(2026, 5, 1),
                "superseded_on": dt.date(2026, 1, 1),
            },
            "policy.superseded_before_start",
        ),
        ({"clauses": [{"clause": "一", "summary": ""}]}, "policy.clause_summary_required"),
        (
            {"clauses": [{"clause": "一", "summary": "a"}, {"clause": "一", "summary": "b"}]},
            "policy.clause_duplicate",
        ),
    ],
)
def test_refusals(db: Database, fields: dict[str, Any], code: str) -> None:
    with db.write() as s, pytest.raises(DomainError) as err:
        services.save_document(s, **{"document_no": "临政〔2026〕9号", **fields})
    assert err.value.code == code


def test_marking_a_document_superseded_flags_the_rules_citing_it(db: Database) -> None:
    with db.write() as s:
        services.save_document(
            s,
            document_no="临政〔2024〕1号",
            title="旧办法",
            issued_on=dt.date(2024, 1, 1),
            clauses=[{"clause": "三", "summary": "比例30%"}],
        )
        upsert_rule(
            s,
            key="test.ratio",
            value="0.30",
            title="t",
            document_no="临政〔2024〕1号",
            clause="三",
            effective_from=dt.date(2024, 1, 1),
        )
        assert not [
            f
            for f in run_checks(s, on=dt.date(2026, 6, 1))
            if f.problem.fields.get("rule_key") == "test.ratio"
        ]
        row = document(s, "临政〔2024〕1号")
        assert row is not None
        services.save_document(
            s,
            document_id=row.id,
            document_no="临政〔2024〕1号",
            title="旧办法",
            issued_on=dt.date(2024, 1, 1),
            status="superseded",
            superseded_by="临政〔2026〕2号",
            superseded_on=dt.date(2026, 1, 1),
            clauses=list(row.clauses),
        )
        codes = [
            f.problem.code
            for f in run_checks(s, on=dt.date(2026, 6, 1))
            if f.problem.fields.get("rule_key") == "test.ratio"
        ]
        assert codes == ["policy.document_superseded"]
        # its 文号 is what the rule cites: it cannot be renamed under the rule
        with pytest.raises(DomainError) as err:
            services.save_document(s, document_id=row.id, document_no="临政〔2024〕1号之一")
        assert err.value.code == "policy.document_cited"
