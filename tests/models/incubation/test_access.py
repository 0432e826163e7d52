"""A carrier manager reads and writes only the carriers assigned to them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from models.database import Database
from models.errors import PermissionDeniedError
from models.incubation import access, queries, services, usage
from tests.models.incubation.helpers import D, carrier, day, enterprise, space, user


@pytest.fixture
def setup(db: Database) -> tuple[int, int, int, int]:
    with db.write() as s:
        mine, other = carrier(s, name="我的孵化器"), carrier(s, name="别人的孵化器")
        space(s, mine, "101", "100")
        space(s, other, "201", "100")
        services.create_tenancy(
            s, carrier_id=other, enterprise_id=enterprise(s, 1), start_on=day(2024, 1, 1), area_m2=D("50")
        )
        manager = user(s, "zhang", "carrier_manager", (mine,))
        viewer = user(s, "li", "viewer")
    return mine, other, manager, viewer


def as_user(db: Database, uid: int | None) -> Database:
    db.user_id = uid
    return db


def test_scope(db: Database, setup: tuple[int, int, int, int]) -> None:
    mine, other, manager, viewer = setup
    with as_user(db, manager).read() as s:
        assert access.visible_carrier_ids(s) == {mine}
        assert [r.id for r in queries.list_carriers(s, on=day(2025, 1, 1))] == [mine]
        assert queries.carrier_choices(s) == [(mine, "我的孵化器")]
        assert queries.list_tenancies(s, on=day(2025, 1, 1)) == []
        assert [v.carrier_id for v in queries.vacancies(s, on=day(2025, 1, 1))] == [mine]
        assert [x.label for x in usage.occupancy_series(s, first=day(2025, 1, 1), last=day(2025, 1, 1))] == [
            "我的孵化器"
        ]
    with as_user(db, viewer).read() as s:
        assert access.visible_carrier_ids(s) is None
    with as_user(db, None).read() as s:
        assert access.visible_carrier_ids(s) is None


def test_manager_cannot_read_another_carrier(db: Database, setup: tuple[int, int, int, int]) -> None:
    mine, other, manager, _ = setup
    with pytest.raises(PermissionDeniedError) as e, as_user(db, manager).read() as s:
        queries.list_spaces(s, other, on=day(2025, 1, 1))
    assert e.value.code == "incubation.carrier_out_of_scope"
    assert e.value.fields["carrier"] == "别人的孵化器"
    for call in (
        lambda s: queries.list_tenancies(s, on=day(2025, 1, 1), carrier_id=other),
        lambda s: usage.list_usage(s, other),
        lambda s: usage.report_draft(s, other, day(2025, 1, 1)),
    ):
        with pytest.raises(PermissionDeniedError), as_user(db, manager).read() as s:
            call(s)


def test_manager_writes_only_own_carrier(db: Database, setup: tuple[int, int, int, int]) -> None:
    mine, other, manager, _ = setup
    db = as_user(db, manager)
    with db.write() as s:
        services.save_usage_report(
            s, carrier_id=mine, month=day(2025, 1, 1), occupied_area_m2=D("0"), tenants=0
        )
        services.update_carrier(s, carrier_id=mine, version=None, operator="运营方")
    forbidden: tuple[Callable[[Session], object], ...] = (
        lambda s: services.save_usage_report(
            s, carrier_id=other, month=day(2025, 1, 1), occupied_area_m2=D("0"), tenants=0
        ),
        lambda s: services.update_carrier(s, carrier_id=other, version=None, operator="x"),
        lambda s: services.create_space(s, carrier_id=other, code="9", area_m2=D("1")),
        lambda s: services.create_tenancy(
            s, carrier_id=other, enterprise_id=1, start_on=day(2025, 1, 1), area_m2=D("1")
        ),
        lambda s: services.create_carrier(s, code="N", name="新载体", usable_area_m2=D("1")),
        lambda s: services.delete_carrier(s, carrier_id=mine, version=None),
    )
    for call in forbidden:
        with pytest.raises(PermissionDeniedError), db.write() as s:
            call(s)


def test_viewer_reads_but_cannot_write(db: Database, setup: tuple[int, int, int, int]) -> None:
    mine, _other, _manager, viewer = setup
    db = as_user(db, viewer)
    with db.read() as s:
        assert len(queries.list_carriers(s, on=day(2025, 1, 1))) == 2
    with pytest.raises(PermissionDeniedError) as e, db.write() as s:
        services.save_usage_report(
            s, carrier_id=mine, month=day(2025, 1, 1), occupied_area_m2=D("0"), tenants=0
        )
    assert e.value.code == "permission.denied"


def test_unknown_user_sees_nothing(db: Database, setup: tuple[int, int, int, int]) -> None:
    with as_user(db, 9999).read() as s:
        assert access.visible_carrier_ids(s) == set()
    with pytest.raises(PermissionDeniedError) as e, as_user(db, 9999).read() as s:
        queries.list_carriers(s, on=day(2025, 1, 1))  # deny by default: an unknown user reads nothing
    assert (e.value.role, e.value.operation) == ("", "read")
