from __future__ import annotations

import pytest
from sqlalchemy import select

from models.database import Database
from models.errors import ConflictError, DomainError
from models.incubation import queries, services
from models.incubation.entities import Tenancy
from tests.models.incubation.helpers import D, carrier, day, enterprise, space


def test_carrier_validation(db: Database) -> None:
    with db.write() as s:
        carrier(s, name="甲孵化器")
    with pytest.raises(DomainError) as e, db.write() as s:
        carrier(s, name="甲孵化器", code="X2")
    assert e.value.code == "incubation.duplicate_carrier"
    with pytest.raises(DomainError) as e, db.write() as s:
        services.create_carrier(s, code="B", name="乙", usable_area_m2=D("100"), kind="castle")
    assert e.value.code == "incubation.unknown_kind"
    with pytest.raises(DomainError) as e, db.write() as s:
        services.create_carrier(s, code="B", name="乙", usable_area_m2=D("100"), incubation_area_m2=D("120"))
    assert e.value.code == "incubation.incubation_area_exceeds_usable"
    assert e.value.fields["usable_area_m2"] == D("100")


def test_update_checks_version(db: Database) -> None:
    with db.write() as s:
        c = carrier(s)
    with db.write() as s:
        services.update_carrier(s, carrier_id=c, version=1, operator="科技城运营公司", level="provincial")
    with pytest.raises(ConflictError), db.write() as s:
        services.update_carrier(s, carrier_id=c, version=1, operator="别人")
    with db.read() as s:
        row = queries.get_carrier(s, c, on=day(2025, 1, 1))
    assert (row.operator, row.level, row.version) == ("科技城运营公司", "provincial", 2)


def test_spaces_cannot_exceed_usable_area(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="1000")
        space(s, c, "101", "600")
    with pytest.raises(DomainError) as e, db.write() as s:
        space(s, c, "102", "500")
    assert e.value.code == "incubation.spaces_exceed_usable"
    assert e.value.fields["spaces_m2"] == D("1100")


def test_tenancy_takes_area_of_its_spaces_and_refuses_double_letting(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="1000")
        s1, s2 = space(s, c, "101", "120"), space(s, c, "102", "80.5")
        a, b = enterprise(s, 1, "甲科技"), enterprise(s, 2, "乙科技")
        services.create_tenancy(
            s,
            carrier_id=c,
            enterprise_id=a,
            start_on=day(2024, 1, 1),
            end_on=day(2025, 12, 31),
            space_ids=[s1, s2],
        )
    with db.read() as s:
        (t,) = queries.list_tenancies(s, on=day(2025, 1, 1), carrier_id=c)
    assert t.area_m2 == D("200.5000") and t.space_codes == "101、102"
    with pytest.raises(DomainError) as e, db.write() as s:
        services.create_tenancy(s, carrier_id=c, enterprise_id=b, start_on=day(2025, 6, 1), space_ids=[s2])
    assert e.value.code == "incubation.space_already_let"
    assert e.value.fields["enterprise"] == "甲科技" and e.value.fields["space"] == "102"
    with db.write() as s:  # after the lease ends the space is free
        services.create_tenancy(s, carrier_id=c, enterprise_id=b, start_on=day(2026, 1, 1), space_ids=[s2])


def test_tenancies_cannot_occupy_more_than_the_carrier(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="1000")
        services.create_tenancy(
            s,
            carrier_id=c,
            enterprise_id=enterprise(s, 1),
            start_on=day(2024, 1, 1),
            end_on=day(2024, 12, 31),
            area_m2=D("700"),
        )
        services.create_tenancy(
            s, carrier_id=c, enterprise_id=enterprise(s, 2), start_on=day(2025, 1, 1), area_m2=D("700")
        )
    with pytest.raises(DomainError) as e, db.write() as s:
        services.create_tenancy(
            s,
            carrier_id=c,
            enterprise_id=enterprise(s, 3),
            start_on=day(2024, 6, 1),
            end_on=day(2024, 6, 30),
            area_m2=D("301"),
        )
    assert e.value.code == "incubation.occupied_exceeds_usable"
    assert e.value.fields["occupied_m2"] == D("1001") and e.value.fields["day"] == day(2024, 6, 1)


def test_graduate_and_leave(db: Database) -> None:
    with db.write() as s:
        c = carrier(s)
        services.create_tenancy(
            s, carrier_id=c, enterprise_id=enterprise(s, 1), start_on=day(2022, 1, 1), area_m2=D("100")
        )
        tid = s.scalar(select(Tenancy.id))
    assert tid is not None
    with pytest.raises(DomainError) as e, db.write() as s:
        services.graduate_tenancy(
            s, tenancy_id=tid, version=1, graduated_on=day(2021, 1, 1), criterion="营收超千万"
        )
    assert e.value.code == "incubation.graduation_outside_tenancy"
    with db.write() as s:
        services.graduate_tenancy(
            s, tenancy_id=tid, version=1, graduated_on=day(2024, 5, 1), criterion="营收超千万"
        )
    with db.read() as s:
        (t,) = queries.list_tenancies(s, on=day(2025, 1, 1))
    assert (t.status, t.graduated_on, t.clock_months, t.clock_state) == ("graduated", day(2024, 5, 1), 28, "")
    with pytest.raises(DomainError) as e, db.write() as s:
        services.update_tenancy(s, tenancy_id=tid, version=None, status="left", graduated_on=None)
    assert e.value.code == "incubation.left_needs_end"


def test_clock_warns_near_and_over_the_limit(db: Database) -> None:
    with db.write() as s:
        c = carrier(s)
        for n, start in enumerate((day(2020, 12, 1), day(2021, 3, 2), day(2024, 1, 1))):
            services.create_tenancy(
                s, carrier_id=c, enterprise_id=enterprise(s, n), start_on=start, area_m2=D("10")
            )
    with db.read() as s:
        rows = queries.list_tenancies(s, on=day(2025, 3, 1))
    assert [(r.clock_months, r.clock_state) for r in rows] == [(51, "over"), (47, "near"), (14, "ok")]


def test_usage_report_upsert_and_limits(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="1000")
        ch = services.save_usage_report(
            s,
            carrier_id=c,
            month=day(2025, 2, 14),
            occupied_area_m2=D("800"),
            tenants=10,
            new_tenants=2,
            employees=120,
            today=day(2025, 3, 1),
        )
    assert ch.created == 1
    with db.write() as s:
        ch = services.save_usage_report(
            s,
            carrier_id=c,
            month=day(2025, 2, 1),
            occupied_area_m2=D("810"),
            tenants=10,
            new_tenants=2,
            employees=120,
            version=1,
            today=day(2025, 3, 1),
        )
    assert ch.updated == 1
    with pytest.raises(DomainError) as e, db.write() as s:
        services.save_usage_report(
            s,
            carrier_id=c,
            month=day(2025, 2, 1),
            occupied_area_m2=D("1000.01"),
            tenants=10,
            today=day(2025, 3, 1),
        )
    assert e.value.code == "incubation.report_exceeds_usable"
    with pytest.raises(DomainError) as e, db.write() as s:
        services.save_usage_report(
            s, carrier_id=c, month=day(2025, 4, 1), occupied_area_m2=D("1"), tenants=1, today=day(2025, 3, 1)
        )
    assert e.value.code == "incubation.report_in_future"
    with pytest.raises(ConflictError), db.write() as s:
        services.save_usage_report(
            s,
            carrier_id=c,
            month=day(2025, 2, 1),
            occupied_area_m2=D("1"),
            tenants=1,
            version=1,
            today=day(2025, 3, 1),
        )


def test_space_in_use_cannot_be_deleted(db: Database) -> None:
    with db.write() as s:
        c = carrier(s)
        sid = space(s, c, "A1", "50")
        services.create_tenancy(
            s, carrier_id=c, enterprise_id=enterprise(s, 1), start_on=day(2025, 1, 1), space_ids=[sid]
        )
    with pytest.raises(DomainError) as e, db.write() as s:
        services.delete_space(s, space_id=sid, version=None)
    assert e.value.code == "incubation.space_in_use"


def test_the_clock_applies_to_incubators_not_to_parks(db: Database) -> None:
    from models.incubation import checks

    with db.write() as s:
        park = carrier(s, name="智能装备产业园", kind="park")
        services.create_tenancy(
            s, carrier_id=park, enterprise_id=enterprise(s, 1), start_on=day(2018, 1, 1), area_m2=D("500")
        )
    with db.read() as s:
        (t,) = queries.list_tenancies(s, on=day(2025, 3, 1))
        found = checks.run_checks(s, today=day(2025, 3, 1))
    assert t.clock_months == 86 and t.clock_state == ""
    assert not [f for f in found if f.problem.code.startswith("incubation.clock")]
