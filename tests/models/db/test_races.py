"""Check-then-write races, on both backends: two clerks acting at the same moment.

Each test widens the window between a service's check and its write (a pause injected
right after the check) and runs two or more writers at once. Without the row locks the
services take (``FOR UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), both writers
would pass the check on the same old figures. PostgreSQL runs when
``LANDSPACE_TEST_PG_URL`` names a server (``scripts/pg_test_server.sh``; CI starts one).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from models.buildings import compliance
from models.buildings import services as buildings
from models.database import Database
from models.errors import ConflictError, DomainError
from models.incubation import services as incubation
from models.incubation.entities import UsageReport
from models.policy.entities import Platform
from models.quotas import services as quotas
from models.quotas.entities import QuotaAllocation
from tests.models.buildings.helpers import building, enterprise, unit_ids

D = Decimal
PAUSE = 0.3  # seconds between a check and its write: far longer than the race needs


def _pause_after(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
    real = getattr(owner, name)

    def slow(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        time.sleep(PAUSE)
        return result

    monkeypatch.setattr(owner, name, slow)


def _at_once(db: Database, jobs: list[Callable[[Any], Any]]) -> list[BaseException | None]:
    """Run each job in its own write transaction, all started together; each one's error."""
    start = threading.Barrier(len(jobs))
    outcome: list[BaseException | None] = [None] * len(jobs)

    def run(i: int) -> None:
        start.wait(timeout=30)
        try:
            with db.write() as s:
                jobs[i](s)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted by the test
            outcome[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
        assert not t.is_alive()
    return outcome


def _grant(db: Database, area: str) -> tuple[int, int]:
    with db.write() as s:
        grant_id = quotas.add_grant(
            s,
            year=2025,
            source="区年度计划",
            document_no=f"临规资〔2025〕{uuid.uuid4().hex[:6]}号",
            granted_on=dt.date(2025, 3, 1),
            area_m2=D(area),
        ).ids[0]
        platform_id = s.scalar(select(Platform.id).where(Platform.priority == 1))
    assert platform_id is not None
    return grant_id, platform_id


def test_two_clerks_cannot_together_allocate_more_than_the_grant(
    shared_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    grant_id, platform_id = _grant(shared_db, "1000")
    _pause_after(monkeypatch, quotas, "check_allocation")

    def whole_grant(s: Any) -> None:
        quotas.allocate_quota(
            s, grant_id=grant_id, platform_id=platform_id, area_m2=D("1000"), allocated_on=dt.date(2025, 4, 1)
        )

    outcome = _at_once(shared_db, [whole_grant, whole_grant])
    assert sum(e is None for e in outcome) == 1, outcome
    refused = [e for e in outcome if e is not None]
    assert isinstance(refused[0], DomainError) and refused[0].code == "quota.allocation_exceeds_grant"
    with shared_db.read() as s:
        assert s.scalar(select(func.sum(QuotaAllocation.area_m2))) == D("1000")


def test_many_clerks_allocating_small_parts_never_overspend(shared_db: Database) -> None:
    grant_id, platform_id = _grant(shared_db, "1000")

    def thirty(s: Any) -> None:
        for _ in range(5):
            try:
                with s.begin_nested():
                    quotas.allocate_quota(
                        s,
                        grant_id=grant_id,
                        platform_id=platform_id,
                        area_m2=D("30"),
                        allocated_on=dt.date(2025, 4, 1),
                    )
            except DomainError:
                pass

    outcome = _at_once(shared_db, [thirty] * 8)  # 8 × 5 × 30 = 1,200 ㎡ asked of 1,000
    assert outcome == [None] * 8
    with shared_db.read() as s:
        total = s.scalar(select(func.sum(QuotaAllocation.area_m2)))
        count = s.scalar(select(func.count(QuotaAllocation.id)))
    assert total == D("990") and count == 33


def test_two_transfers_cannot_together_pass_the_ratio_cap(
    shared_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with shared_db.write() as s:
        bid = building(s)  # 10 units of 1,000 ㎡, two a floor
        buildings.set_building_ratio(
            s,
            building_id=bid,
            max_ratio=D("0.50"),
            document_no="青科城〔2024〕9号",
            effective_from=dt.date(2023, 12, 1),
        )
        a, b = enterprise(s, 1), enterprise(s, 2)
        ids = unit_ids(s, bid)
    _pause_after(monkeypatch, compliance, "check_transfer")

    def sell(units: list[int], buyer: int) -> Callable[[Any], None]:
        def job(s: Any) -> None:  # floors 1–2 or 3–4: 40 % each, 80 % together against a 50 % cap
            buildings.record_transfer(
                s, building_id=bid, unit_ids=units, buyer_id=buyer, transfer_date=dt.date(2024, 6, 1)
            )

        return job

    outcome = _at_once(shared_db, [sell(ids[:4], a), sell(ids[4:8], b)])
    assert sum(e is None for e in outcome) == 1, outcome
    refused = next(e for e in outcome if e is not None)
    assert isinstance(refused, DomainError)
    assert "building.ratio_exceeded" in [p.code for p in refused.problems]


def test_two_people_entering_the_same_new_monthly_report_do_not_overwrite(
    shared_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with shared_db.write() as s:
        cid = incubation.create_carrier(s, code="C1", name="青山湖孵化器", usable_area_m2=D("5000")).ids[0]
    _pause_after(monkeypatch, incubation, "load_carrier")

    def entry(area: str) -> Callable[[Any], None]:
        def job(s: Any) -> None:
            incubation.save_usage_report(
                s,
                carrier_id=cid,
                month=dt.date(2025, 5, 1),
                occupied_area_m2=D(area),
                tenants=3,
                version=None,
                today=dt.date(2025, 6, 1),
            )

        return job

    outcome = _at_once(shared_db, [entry("1200"), entry("3400")])
    assert sum(e is None for e in outcome) == 1, outcome
    refused = next(e for e in outcome if e is not None)
    assert isinstance(refused, ConflictError) and refused.code == "incubation.report_exists"
    saved = "1200" if outcome[0] is None else "3400"
    with shared_db.read() as s:
        reports = s.scalars(select(UsageReport)).all()
    assert [r.occupied_area_m2 for r in reports] == [D(saved)]


def test_an_import_still_replaces_a_months_report(shared_db: Database) -> None:
    with shared_db.write() as s:
        cid = incubation.create_carrier(s, code="C1", name="青山湖孵化器", usable_area_m2=D("5000")).ids[0]
        incubation.save_usage_report(
            s,
            carrier_id=cid,
            month=dt.date(2025, 5, 1),
            occupied_area_m2=D("100"),
            tenants=1,
            today=dt.date(2025, 6, 1),
        )
    with shared_db.write() as s, pytest.raises(ConflictError):
        incubation.save_usage_report(
            s,
            carrier_id=cid,
            month=dt.date(2025, 5, 1),
            occupied_area_m2=D("200"),
            tenants=1,
            today=dt.date(2025, 6, 1),
        )
    with shared_db.write() as s:
        incubation.save_usage_report(
            s,
            carrier_id=cid,
            month=dt.date(2025, 5, 1),
            occupied_area_m2=D("200"),
            tenants=1,
            replace=True,
            today=dt.date(2025, 6, 1),
        )
    with shared_db.read() as s:
        assert s.scalar(select(UsageReport.occupied_area_m2)) == D("200")
