from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.orm import Session

from models.buildings import compliance, services
from models.buildings.compliance import CheckResult, add_years, check_transfer
from models.buildings.entities import Building, Unit, UnitUse
from models.database import Database
from models.efficiency.entities import EfficiencyResult
from models.policy.seed import POLICY_DOC
from tests.models.buildings.helpers import DAY, D, building, enterprise, unit_ids


def by_code(results: list[CheckResult]) -> dict[str, CheckResult]:
    return {r.code: r for r in results}


def run(s: Session, bid: int, ids: list[int], buyer: int, **kw: Any) -> dict[str, CheckResult]:
    return by_code(
        check_transfer(
            s, building_id=bid, unit_ids=ids, buyer_id=buyer, transfer_date=kw.pop("on", DAY), **kw
        )
    )


def test_every_rule_is_reported_with_its_source(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        results = check_transfer(
            s, building_id=bid, unit_ids=unit_ids(s, bid)[:2], buyer_id=buyer, transfer_date=DAY
        )
    assert all(r.severity == "ok" for r in results), [r for r in results if r.severity != "ok"]
    keys = {r.rule_key for r in results}
    assert keys >= {
        "building.max_transfer_ratio",
        "building.min_unit_area",
        "building.buyer_eligibility",
        "building.resale_lockup_years",
        "building.never_sold_alone",
        "building.preconditions",
        "building.buyback_right",
    }
    for r in results:
        if r.rule_key:
            # seed 三(三) holds no figure: every default is an example naming its source
            assert r.fields["document_no"] != POLICY_DOC and r.fields["clause"] == ""
            assert r.fields["is_example"] is True and r.fields["example_source"]


def test_ratio_exceeded_carries_numbers_and_citation(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        r = run(s, bid, unit_ids(s, bid)[:7], buyer)["building.ratio_exceeded"]
    assert r.severity == "error"
    assert r.fields["ratio_after"] == D("0.7000")
    assert r.fields["ratio_after_pct"] == D("70")
    assert r.fields["cap"] == D("0.60")
    assert r.fields["cap_pct"] == D("60")
    assert r.fields["effective_from"] == dt.date(2023, 12, 1)


def test_warning_within_margin_of_cap(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)
        assert "building.ratio_within_cap" in run(s, bid, ids[:5], buyer)  # 50 % < 55 %
        r = run(s, bid, ids[:6], buyer)["building.ratio_near_cap"]  # 60 % within 5 points
    assert r.severity == "warning"
    assert r.fields["margin_pct"] == D("5")


def test_ratio_counts_units_already_transferred(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        a, b = enterprise(s, 1), enterprise(s, 2)
        ids = unit_ids(s, bid)
        services.record_transfer(s, building_id=bid, unit_ids=ids[:5], buyer_id=a, transfer_date=DAY)
        r = run(s, bid, ids[5:7], b)["building.ratio_exceeded"]
    assert r.fields["ratio_before"] == D("0.5000")
    assert r.fields["ratio_after_pct"] == D("70")


def test_building_ratio_set_by_science_city_takes_precedence(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)
        services.set_building_ratio(
            s,
            building_id=bid,
            max_ratio=D("0.80"),
            document_no="青科城〔2024〕3号",
            effective_from=dt.date(2024, 1, 1),
        )
        r = run(s, bid, ids[:7], buyer)
        assert r["building.ratio_within_cap"].fields["document_no"] == "青科城〔2024〕3号"
        assert r["building.ratio_within_cap"].fields["cap_pct"] == D("80")
        # before the building's own rule starts, the platform example applies
        early = run(s, bid, ids[:7], buyer, on=dt.date(2023, 12, 15))
        assert "惠州" in early["building.ratio_exceeded"].fields["example_source"]


def test_min_held_ratio_rule_is_understood(db: Database) -> None:
    from models.policy.entities import PolicyRule

    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        s.add(
            PolicyRule(
                key="building.min_held_ratio",
                value="0.70",
                building_id=bid,
                effective_from=dt.date(2024, 1, 1),
                document_no="X号",
                clause="一",
            )
        )
        s.flush()
        r = run(s, bid, unit_ids(s, bid)[:4], buyer)["building.ratio_exceeded"]
    assert r.fields["cap"] == D("0.30") and r.fields["held_min_pct"] == D("70")
    assert r.fields["basis"] == "min_held"


def test_unit_below_minimum_area(db: Database) -> None:
    with db.write() as s:
        bid = building(s, units=4, unit_area="250", total="1000")
        buyer = enterprise(s, 1)
        r = run(s, bid, unit_ids(s, bid)[:1], buyer)["building.unit_below_minimum"]
    assert r.fields["min_m2"] == D("300") and r.fields["smallest_m2"] == D("250")


def test_whole_floor_is_the_default_minimum_unit(db: Database) -> None:
    with db.write() as s:
        bid = building(s, area_minimum=False)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)
        refused = run(s, bid, ids[:1], buyer)["building.not_whole_floor"]
        assert refused.fields["is_example"] and "惠州" in refused.fields["example_source"]
        assert not refused.fields["document_no"]  # seed 三(三) holds no figure: not cited
        assert run(s, bid, ids[:1], buyer)["building.not_whole_floor"].fields["floors"] == "1"
        assert "building.whole_floor_ok" in run(s, bid, ids[:2], buyer)


def test_buyer_eligibility(db: Database) -> None:
    from models.buildings.seed import EXAMPLE_REFUSED_CLASSES, REFUSED_BUYER_CLASSES
    from models.policy.entities import PolicyRule

    with db.write() as s:
        bid = building(s)  # the owner (seller) is in the 高端装备 chain
        trader = enterprise(s, 1, manufacturing=False, chain="其他")
        ids = unit_ids(s, bid)[:1]
        r = run(s, bid, ids, trader)
        assert r["building.buyer_not_eligible"].is_error
        assert r["building.buyer_not_eligible"].fields["chain"] == "其他"
        partner = enterprise(s, 3, manufacturing=False, chain="高端装备")
        assert "building.buyer_chain_partner" in run(s, bid, ids, partner)  # a chain partner may buy
        maker = enterprise(s, 2)
        assert "building.buyer_manufacturing" in run(s, bid, ids, maker)
        # refusing D-class buyers is not seeded; a district may adopt it as an example
        assert "building.buyer_rated_refused" not in run(s, bid, ids, maker)
        s.add(
            PolicyRule(
                key=REFUSED_BUYER_CLASSES,
                value=EXAMPLE_REFUSED_CLASSES,
                is_example=True,
                example_source="LandSpace 示例",
                effective_from=dt.date(2020, 1, 1),
            )
        )
        s.flush()
        assert "building.buyer_not_rated" in run(s, bid, ids, maker)
        s.add(
            EfficiencyResult(
                enterprise_id=maker, year=2023, group="规上", klass="D", evaluated_at=dt.datetime(2024, 3, 1)
            )
        )
        s.flush()
        rated = run(s, bid, ids, maker)["building.buyer_rated_refused"]
        assert rated.fields["klass"] == "D" and rated.fields["year"] == 2023
        s.add(
            EfficiencyResult(
                enterprise_id=maker, year=2024, group="规上", klass="B", evaluated_at=dt.datetime(2025, 3, 1)
            )
        )
        s.flush()
        assert "building.buyer_rating_ok" in run(s, bid, ids, maker, on=dt.date(2025, 6, 1))


def test_resale_inside_lockup_refused(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        a, b = enterprise(s, 1), enterprise(s, 2)
        ids = unit_ids(s, bid)[:2]
        services.record_transfer(s, building_id=bid, unit_ids=ids, buyer_id=a, transfer_date=DAY)
        r = run(s, bid, ids, b, on=dt.date(2029, 5, 31), is_resale=True)["building.resale_in_lockup"]
        assert r.fields["until"] == dt.date(2029, 6, 1) and r.fields["years"] == 5
        ok = run(s, bid, ids, b, on=dt.date(2029, 6, 1), is_resale=True)
        assert "building.lockup_passed" in ok and "building.ratio_within_cap" in ok
        assert not compliance.errors(list(ok.values()))


def test_first_sale_of_transferred_unit_and_resale_of_held_unit_refused(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        a = enterprise(s, 1)
        ids = unit_ids(s, bid)
        services.record_transfer(s, building_id=bid, unit_ids=ids[:1], buyer_id=a, transfer_date=DAY)
        assert "building.unit_already_transferred" in run(s, bid, ids[:1], enterprise(s, 2))
        assert "building.resale_unit_not_transferred" in run(s, bid, ids[1:2], a, is_resale=True)


def test_shared_and_ancillary_uses(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)
        s.get(Unit, ids[0]).use = UnitUse.SHARED.value  # type: ignore[union-attr]
        s.get(Unit, ids[1]).use = UnitUse.OFFICE.value  # type: ignore[union-attr]
        s.flush()
        assert "building.shared_area_sold" in run(s, bid, ids[:1], buyer)
        assert "building.ancillary_without_production" in run(s, bid, ids[1:2], buyer)
        assert "building.composition_ok" in run(s, bid, ids[1:3], buyer)
        # a buyer who already owns production space here may buy the office alone
        services.record_transfer(s, building_id=bid, unit_ids=ids[2:3], buyer_id=buyer, transfer_date=DAY)
        assert "building.composition_ok" in run(s, bid, ids[1:2], buyer)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("accepted_on", None, "building.not_accepted"),
        ("land_price_paid", False, "building.land_price_unpaid"),
        ("idle_land_finding", True, "building.idle_land_found"),
    ],
)
def test_preconditions(db: Database, field: str, value: object, code: str) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        b = s.get(Building, bid)
        setattr(b, field, value)
        if field == "accepted_on":
            b.registered_on = None  # type: ignore[union-attr]
        s.flush()
        r = run(s, bid, unit_ids(s, bid)[:1], buyer)
    assert r[code].is_error


def test_lien_needs_consent(db: Database) -> None:
    with db.write() as s:
        bid = building(s, has_lien=True)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)[:1]
        assert run(s, bid, ids, buyer)["building.lien_without_consent"].is_error
        s.get(Building, bid).lien_consent = True  # type: ignore[union-attr]
        s.flush()
        assert "building.lien_consented" in run(s, bid, ids, buyer)


def test_open_buyback_offer_blocks(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        ids = unit_ids(s, bid)
        ch = services.record_buyback_offer(s, building_id=bid, unit_id=ids[0], offered_on=dt.date(2024, 5, 1))
        assert run(s, bid, ids[:1], buyer)["building.buyback_pending"].is_error
        assert "building.buyback_clear" in run(s, bid, ids[1:2], buyer)
        services.decide_buyback_offer(s, offer_id=ch.ids[0], status="declined")
        assert run(s, bid, ids[:1], buyer)["building.buyback_clear"].fields["declined"] == 1


def test_results_round_trip_json(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1)
        results = check_transfer(
            s, building_id=bid, unit_ids=unit_ids(s, bid)[:7], buyer_id=buyer, transfer_date=DAY
        )
    back = compliance.loads(compliance.dumps(results))
    assert [r.code for r in back] == [r.code for r in results]
    assert back == results  # decimals and dates come back as such


def test_add_years_on_leap_day() -> None:
    assert add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)


def test_rule_book_resolves_like_rule_in_force(db: Database) -> None:
    from models.buildings.ratio import rule_book
    from models.buildings.seed import DEFAULTS
    from models.policy.entities import PolicyRule
    from models.policy.rules import rule_in_force
    from tests.models.buildings.helpers import platform_id

    with db.write() as s:
        bid = building(s)
        other = building(s, code="B2", platform="LL")
        pid = platform_id(s)
        s.add_all(
            [
                PolicyRule(key="building.resale_lockup_years", value=3, effective_from=dt.date(2024, 1, 1)),
                PolicyRule(
                    key="building.resale_lockup_years",
                    value=4,
                    platform_id=pid,
                    effective_from=dt.date(2024, 3, 1),
                    effective_to=dt.date(2024, 12, 31),
                ),
                PolicyRule(
                    key="building.warning_margin",
                    value="0.1",
                    building_id=bid,
                    effective_from=dt.date(2024, 2, 1),
                ),
                PolicyRule(
                    key="building.min_unit_area",
                    value={"mode": "floor"},
                    building_id=other,
                    effective_from=dt.date(2024, 1, 1),
                ),
            ]
        )
        s.flush()
        keys = [k for k, *_ in DEFAULTS] + ["building.min_held_ratio"]
        for on in (dt.date(2023, 11, 1), dt.date(2024, 2, 15), dt.date(2024, 6, 1), dt.date(2025, 6, 1)):
            for b_id, p_id in ((bid, pid), (other, platform_id(s, "LL")), (None, None), (None, pid)):
                book = rule_book(s, on=on, platform_id=p_id, building_id=b_id)
                for key in keys:
                    assert book(key) == rule_in_force(s, key, on=on, platform_id=p_id, building_id=b_id), (
                        on,
                        key,
                    )
