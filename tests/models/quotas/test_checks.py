"""``run_checks`` finds what the services would have refused when rows arrive another way."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from models.areas import run_all_checks
from models.database import Database
from models.quotas import services
from models.quotas.checks import run_checks
from models.quotas.entities import QuotaAllocation, QuotaReturn, QuotaUse
from tests.models.quotas.helpers import D, allocate, grant, mu, platform_id, use


def codes(session: Session) -> set[str]:
    return {f.problem.code for f in run_checks(session)}


def test_clean_ledger_reports_ok_with_counts(db: Database) -> None:
    with db.write() as s:
        a = allocate(s, grant(s), "QSH", mu(100))
        u = use(s, a, mu(40))
        services.cancel_use(s, use_id=u, on=D(2024, 6, 1), reason="项目终止")
        found = run_checks(s)
    assert [f.problem.code for f in found] == ["quota.check.ok"]
    assert found[0].problem.fields == {"grants": 1, "allocations": 1, "uses": 1, "returns": 1}
    with db.read() as s:
        assert any(f.problem.code == "quota.check.ok" for f in run_all_checks(s))


def test_rows_edited_behind_the_apps_back_are_found(db: Database) -> None:
    with db.write() as s:
        g = grant(s, area=mu(100))
        a = allocate(s, g, "QSH", mu(100))
        u = use(s, a, mu(40))
        services.return_quota(s, use_id=u, area_m2=mu(10), returned_on=D(2024, 6, 1), reason="r")
        s.execute(
            update(QuotaUse)
            .where(QuotaUse.id == u)
            .values(area_m2=mu(150), stage="approved", cancelled_on=D(2024, 7, 1))
        )
        s.execute(update(QuotaReturn).values(area_m2=mu(200)))
        s.execute(update(QuotaAllocation).values(allocated_on=D(2023, 1, 1)))
        s.expire_all()
        found = codes(s)
    assert {
        "quota.check.allocation_negative",
        "quota.check.return_exceeds_use",
        "quota.check.stage_mismatch",
        "quota.check.entry_before_parent",
    } <= found
    assert "quota.check.ok" not in found


def test_science_city_deciding_a_land_use_is_a_warning_citing_the_policy(db: Database) -> None:
    with db.write() as s:
        a = allocate(s, grant(s), "QSH", mu(100))
        use(s, a, mu(10), decision_level="science_city")
        found = run_checks(s)
    warn = [f for f in found if f.problem.code == "quota.check.land_decided_by_science_city"]
    assert warn and warn[0].problem.severity == "warning"
    assert warn[0].problem.fields["document_no"] == "临政函〔2023〕74号"
    assert warn[0].problem.fields["clause"] == "四(四)"


def test_land_decided_by_science_city_is_flagged_without_an_allocation_too(db: Database) -> None:
    with db.write() as s:
        services.record_use(
            s,
            area_m2=mu(8),
            reserved_on=D(2024, 3, 1),
            platform_id=platform_id(s, "QSH"),
            land_source="existing",
            project="存量地块研发楼",
            decision_level="science_city",
        )
        found = run_checks(s)
    warn = [f for f in found if f.problem.code == "quota.check.land_decided_by_science_city"]
    assert [f.record_label for f in warn] == ["存量地块研发楼"] and warn[0].problem.fields[
        "clause"
    ] == "四(四)"
