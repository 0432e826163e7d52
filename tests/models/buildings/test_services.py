from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from models.accounts.entities import AuditEntry, Role, User
from models.buildings import services
from models.buildings.entities import Building, Transfer, TransferUnit, Unit, UnitStatus
from models.buildings.services import Override
from models.database import Database
from models.errors import ConflictError, DomainError, PermissionDeniedError
from models.policy.entities import PolicyRule
from models.policy.rules import rule_in_force
from tests.models.buildings.helpers import DAY, D, building, enterprise, unit_ids


def test_record_transfer_updates_units_and_keeps_checks(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)[:3]
        ch = services.record_transfer(
            s,
            building_id=bid,
            unit_ids=ids,
            buyer_id=buyer,
            transfer_date=DAY,
            price=D("1234.5"),
            approval_no="临资规批〔2024〕1号",
        )
        assert ch.touches("buildings") and ch.created == 1 and ch.updated == 3
    with db.read() as s:
        t = s.get(Transfer, ch.ids[0])
        assert t is not None
        assert t.area_m2 == D("3000") and t.seller_id == s.get(Building, bid).owner_id  # type: ignore[union-attr]
        assert {r["code"] for r in json.loads(t.checks)} >= {
            "building.ratio_within_cap",
            "building.buyback_clear",
        }
        assert t.override_reason == ""
        for u in s.scalars(select(Unit).where(Unit.id.in_(ids))):
            assert (u.status, u.owner_id, u.acquired_on) == (UnitStatus.TRANSFERRED.value, buyer, DAY)
        assert s.scalar(select(func.count()).select_from(TransferUnit)) == 3


def test_violation_blocks_with_every_failed_rule(db: Database) -> None:
    with db.write() as s:
        bid = building(s, land_price_paid=False)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)[:7]
    with pytest.raises(DomainError) as err, db.write() as s:
        services.record_transfer(s, building_id=bid, unit_ids=ids, buyer_id=buyer, transfer_date=DAY)
    codes = {p.code for p in err.value.problems}
    assert codes == {"building.ratio_exceeded", "building.land_price_unpaid"}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Transfer)) == 0
        assert all(u.status == UnitStatus.HELD.value for u in s.scalars(select(Unit)))


def test_admin_override_records_reason_and_document(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)[:7]
    with pytest.raises(DomainError, match="override_incomplete"), db.write() as s:
        services.record_transfer(
            s,
            building_id=bid,
            unit_ids=ids,
            buyer_id=buyer,
            transfer_date=DAY,
            override=Override(reason=" ", document_no="X"),
        )
    with db.write() as s:
        ch = services.record_transfer(
            s,
            building_id=bid,
            unit_ids=ids,
            buyer_id=buyer,
            transfer_date=DAY,
            override=Override(reason="重大项目招商需要", document_no="临政办〔2024〕9号"),
        )
    with db.read() as s:
        t = s.get(Transfer, ch.ids[0])
        assert t is not None
        assert (t.override_reason, t.override_document, t.override_by) == (
            "重大项目招商需要",
            "临政办〔2024〕9号",
            "tester",
        )
        assert any(r["code"] == "building.ratio_exceeded" for r in json.loads(t.checks))
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "override"))
        assert entry is not None and (entry.entity, entry.record_id) == ("transfers", t.id)
        assert entry.reason == "重大项目招商需要"
        changes = json.loads(entry.changes)
        assert changes["document_no"] == [None, "临政办〔2024〕9号"]
        assert changes["failed_checks"] == [None, ["building.ratio_exceeded"]]


def test_viewer_cannot_record(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)[:1]
        viewer = User(username="viewer1", role=Role.VIEWER.value)
        s.add(viewer)
        s.flush()
        viewer_id = viewer.id
    db.user_id = viewer_id
    with pytest.raises(PermissionDeniedError), db.write() as s:
        services.record_transfer(s, building_id=bid, unit_ids=ids, buyer_id=buyer, transfer_date=DAY)


def test_override_by_non_admin_refused(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)[:7]
        clerk = User(username="clerk1", role=Role.CLERK.value)
        s.add(clerk)
        s.flush()
        clerk_id = clerk.id
    db.user_id = clerk_id
    with pytest.raises(PermissionDeniedError), db.write() as s:
        services.record_transfer(
            s,
            building_id=bid,
            unit_ids=ids,
            buyer_id=buyer,
            transfer_date=DAY,
            override=Override(reason="r", document_no="d"),
        )


def test_structural_errors_cannot_be_overridden(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        other = building(s, code="B2")
        buyer = enterprise(s, 1)
        foreign = unit_ids(s, other)[:1]
    with pytest.raises(DomainError, match="unit_not_in_building"), db.write() as s:
        services.record_transfer(
            s,
            building_id=bid,
            unit_ids=foreign,
            buyer_id=buyer,
            transfer_date=DAY,
            override=Override(reason="r", document_no="d"),
        )


def test_set_building_ratio(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        with pytest.raises(DomainError, match="ratio_out_of_range"):
            services.set_building_ratio(
                s, building_id=bid, max_ratio=D("1.2"), document_no="X", effective_from=dt.date(2024, 1, 1)
            )
        with pytest.raises(DomainError, match="ratio_document_required"):
            services.set_building_ratio(
                s, building_id=bid, max_ratio=D("0.7"), document_no=" ", effective_from=dt.date(2024, 1, 1)
            )
        services.set_building_ratio(
            s,
            building_id=bid,
            max_ratio=D("0.7"),
            document_no="青科城〔2024〕3号",
            effective_from=dt.date(2024, 1, 1),
        )
        with pytest.raises(DomainError, match="version_not_after"):
            services.set_building_ratio(
                s,
                building_id=bid,
                max_ratio=D("0.75"),
                document_no="青科城〔2024〕4号",
                effective_from=dt.date(2024, 1, 1),
            )
        again = services.set_building_ratio(
            s,
            building_id=bid,
            max_ratio=D("0.75"),
            document_no="青科城〔2024〕4号",
            effective_from=dt.date(2024, 5, 1),
        )
        assert again.touches("policy", "buildings") and again.updated == 1
        ref = rule_in_force(s, "building.max_transfer_ratio", on=DAY, platform_id=None, building_id=bid)
        assert ref is not None and ref.value == "0.75" and ref.document_no == "青科城〔2024〕4号"
        before = rule_in_force(
            s, "building.max_transfer_ratio", on=dt.date(2024, 4, 30), platform_id=None, building_id=bid
        )
        assert (
            before is not None and before.document_no == "青科城〔2024〕3号"
        )  # earlier checks keep their rule
        assert (
            s.scalar(
                select(func.count())
                .select_from(PolicyRule)
                .where(PolicyRule.building_id == bid, PolicyRule.key == "building.max_transfer_ratio")
            )
            == 2
        )


def test_building_and_unit_validation(db: Database) -> None:
    with db.write() as s:
        bid = building(s, units=0)
        with pytest.raises(DomainError, match="duplicate_code"):
            services.create_building(s, code="B1", name="x", total_floor_area_m2=D(1))
        with pytest.raises(DomainError, match="area_not_positive"):
            services.create_building(s, code="B9", name="x", total_floor_area_m2=D(0))
        with pytest.raises(DomainError, match="floor_out_of_range"):
            services.create_unit(s, building_id=bid, floor=6, number="601", floor_area_m2=D(10))
        with pytest.raises(DomainError, match="unknown_use"):
            services.create_unit(s, building_id=bid, floor=1, number="101", floor_area_m2=D(10), use="生产")
        services.create_unit(s, building_id=bid, floor=-1, number="B101", floor_area_m2=D(10), use="garage")
        with pytest.raises(DomainError, match="duplicate_unit"):
            services.create_unit(s, building_id=bid, floor=1, number="B101", floor_area_m2=D(10))
        with pytest.raises(DomainError, match="registered_before_accepted"):
            services.update_building(s, building_id=bid, version=None, registered_on=dt.date(2020, 1, 1))
        version = s.get(Building, bid).version  # type: ignore[union-attr]
    with pytest.raises(ConflictError), db.write() as s:
        services.update_building(s, building_id=bid, version=version + 5, name="新名")
    with db.write() as s:
        assert services.update_building(s, building_id=bid, version=version, name="新名").updated == 1


def test_building_with_transfers_cannot_be_deleted(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        services.record_transfer(
            s, building_id=bid, unit_ids=unit_ids(s, bid)[:1], buyer_id=enterprise(s, 1), transfer_date=DAY
        )
    with pytest.raises(DomainError, match="has_transfers"), db.write() as s:
        services.delete_building(s, building_id=bid, version=None)


def test_unit_status_cannot_be_edited_into_or_out_of_transferred(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        ids = unit_ids(s, bid)
        services.update_unit(s, unit_id=ids[0], version=None, status=UnitStatus.LEASED.value)
        with pytest.raises(DomainError, match="status_change_needs_transfer"):
            services.update_unit(s, unit_id=ids[1], version=None, status=UnitStatus.TRANSFERRED.value)
        services.record_transfer(
            s, building_id=bid, unit_ids=ids[2:3], buyer_id=enterprise(s, 1), transfer_date=DAY
        )
        with pytest.raises(DomainError, match="status_change_needs_transfer"):
            services.update_unit(s, unit_id=ids[2], version=None, status=UnitStatus.HELD.value)


def test_units_generated_floor_by_floor(db: Database) -> None:
    with db.write() as s:
        bid = building(s, units=0)
        ch = services.create_units_for_floors(
            s, building_id=bid, first_floor=-1, last_floor=3, per_floor=2, floor_area_m2=D("500")
        )
        assert ch.created == 8
        numbers = sorted(s.scalars(select(Unit.number).where(Unit.building_id == bid)))
        assert numbers == ["101", "102", "201", "202", "301", "302", "B101", "B102"]
        with pytest.raises(DomainError, match="duplicate_unit"):
            services.create_units_for_floors(
                s, building_id=bid, first_floor=3, last_floor=3, per_floor=1, floor_area_m2=D("500")
            )
