from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from models.database import Database
from models.incubation import services
from models.incubation.qualification import qualify_one
from models.incubation.rules import months_elapsed
from models.policy.seed import upsert_rule
from tests.models.incubation.helpers import D, carrier, day, enterprise

ON = day(2025, 6, 30)


def fill(s: Session, c: int, *, tenants: int, each: str, graduates: int, old: int = 0) -> None:
    n = 0
    for _ in range(tenants):
        n += 1
        start = day(2020, 1, 1) if n <= old else day(2023, 1, 1)
        services.create_tenancy(
            s, carrier_id=c, enterprise_id=enterprise(s, n), start_on=start, area_m2=D(each)
        )
    for _ in range(graduates):
        n += 1
        services.create_tenancy(
            s,
            carrier_id=c,
            enterprise_id=enterprise(s, n),
            start_on=day(2019, 1, 1),
            end_on=day(2023, 6, 30),
            area_m2=D("10"),
            status="graduated",
            graduated_on=day(2022, 12, 31),
            graduation_criterion="被兼并收购",
        )


def test_a_carrier_meeting_every_criterion(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="12000")
        fill(s, c, tenants=50, each="180", graduates=20)  # 9,000 ㎡ = 75 %, 4.17 per 1,000 ㎡
    with db.read() as s:
        q = qualify_one(s, c, on=ON)
    assert q.met, q.failed
    by = {cr.key: cr for cr in q.criteria}
    assert by["area"].actual == D("12000") and by["area"].required == D("10000")
    assert by["use_ratio"].actual == D("0.7500") and by["use_ratio"].required == D("0.75")
    assert by["tenants"].actual == 50
    assert by["density"].actual == D("4.17")
    assert by["graduates"].actual == 20
    assert by["clock"].actual == 0 and by["clock"].detail["max_months"] == 48
    if ON < dt.date(2025, 9, 9):  # the 300号 set; article numbers unverified: the document alone
        assert (
            by["area"].citation["document_no"] == "国科发区〔2018〕300号"
            and by["area"].citation["clause"] == ""
        )
    else:  # the 2025 set (工信部科〔2025〕131号): unverified thresholds are examples, marked
        assert by["area"].citation["is_example"] and "131号" in by["area"].citation["example_source"]
    assert by["clock"].citation["is_example"]  # 48 months is [L]: an example with its source


def test_a_carrier_narrowly_failing(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="17000")
        # 50 tenants on 17,000 ㎡ = 2.94 per 1,000 ㎡ (needs 3); one firm past 48 months
        fill(s, c, tenants=50, each="256", graduates=19, old=1)
    with db.read() as s:
        q = qualify_one(s, c, on=ON)
    failed = {cr.key: cr for cr in q.failed}
    assert set(failed) == {"density", "graduates", "clock"}
    assert failed["density"].actual == D("2.94")
    assert failed["graduates"].actual == 19
    assert failed["clock"].actual == 1 and failed["clock"].detail["longest_months"] == 65
    use = next(cr for cr in q.criteria if cr.key == "use_ratio")
    assert use.met and use.actual == D("0.7529")  # 12,800 / 17,000


def test_density_compares_exactly_not_rounded(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="1001")  # 3 tenants / 1001 ㎡ = 2.997 per 1,000 ㎡ → shown 3.00 but not met
        fill(s, c, tenants=3, each="10", graduates=0)
    with db.read() as s:
        q = qualify_one(s, c, on=ON)
    density = next(cr for cr in q.criteria if cr.key == "density")
    assert density.actual == D("3.00") and not density.met


def test_a_newer_rule_applies_from_its_date(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="12000")
        fill(s, c, tenants=50, each="180", graduates=20)
        upsert_rule(
            s,
            key="incubation.national.min_graduates",
            value=25,
            title="测试",
            document_no="测试文号",
            clause="一",
            effective_from=day(2025, 1, 1),
        )
    with db.read() as s:
        assert qualify_one(s, c, on=day(2024, 12, 31)).met
        q = qualify_one(s, c, on=ON)
    (failed,) = q.failed
    assert failed.key == "graduates" and failed.required == Decimal(25)
    assert failed.citation["document_no"] == "测试文号"


@pytest.mark.parametrize(
    ("start", "until", "months"),
    [
        (day(2021, 3, 15), day(2025, 3, 14), 47),
        (day(2021, 3, 15), day(2025, 3, 15), 48),
        (day(2021, 1, 31), day(2021, 2, 28), 0),
        (day(2021, 1, 1), day(2020, 1, 1), 0),
    ],
)
def test_months_elapsed(start: dt.date, until: dt.date, months: int) -> None:
    assert months_elapsed(start, until) == months


def test_the_excellent_level_of_the_2025_set_is_judged_from_its_date(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="21000")
        fill(s, c, tenants=85, each="190", graduates=45)  # 16,150 ㎡ = 76.9 %, 4.05 per 1,000 ㎡
    with db.read() as s:
        before = qualify_one(s, c, on=ON)
        after = qualify_one(s, c, on=dt.date(2025, 10, 1))
    assert before.excellent == () and before.excellent_met is None  # the 300号 set has no 卓越级
    assert [cr.key for cr in after.excellent] == ["area", "tenants", "density", "graduates"]
    assert after.met and after.excellent_met
    area = after.excellent[0]
    assert area.required == D("20000") and area.citation["is_example"]  # unverified: a marked example
    assert "卓越级门槛未核实" in area.citation["example_source"]
