"""The incubator criteria as the documents state them: public-service area in the use ratio,
60 months for 生物医药 / 现代农业 / 集成电路, tenants at most 24 months old on entry, the
专业孵化器 variant, and the 300号 set ended by the 2025 set (工信部科〔2025〕131号)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.database import Database
from models.incubation import services
from models.incubation.entities import Carrier, Tenancy
from models.incubation.qualification import qualify_one
from models.incubation.rules import MIN_AREA, rule
from models.policy.documents import INCUBATOR_2025_FROM
from tests.models.incubation.helpers import D, carrier, day, enterprise

ON = day(2025, 6, 30)
START = day(2023, 1, 1)


def _tenants(
    s: Session,
    c: int,
    n: int,
    *,
    each: str,
    first: int = 1,
    start: dt.date = START,
    sector: str = "",
    founded: dt.date | None = None,
) -> list[int]:
    ids = []
    for k in range(first, first + n):
        eid = enterprise(s, k)
        services.create_tenancy(s, carrier_id=c, enterprise_id=eid, start_on=start, area_m2=D(each))
        t = s.scalar(select(Tenancy).where(Tenancy.carrier_id == c, Tenancy.enterprise_id == eid))
        assert t is not None
        t.sector, t.founded_on = sector, founded
        ids.append(t.id)
    s.flush()
    return ids


def test_public_service_area_counts_in_the_use_ratio(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="12000")
        _tenants(s, c, 50, each="150")  # 7,500 ㎡ = 62.5 %
        cid = c
    with db.read() as s:
        assert not {x.key: x for x in qualify_one(s, cid, on=ON).criteria}["use_ratio"].met
    with db.write() as s:
        obj = s.get(Carrier, cid)
        assert obj is not None
        obj.public_service_area_m2 = D("1500")  # + 1,500 ㎡ → 75 %
    with db.read() as s:
        use = {x.key: x for x in qualify_one(s, cid, on=ON).criteria}["use_ratio"]
        assert use.met and use.actual == D("0.7500") and use.detail["public_service_area_m2"] == D("1500")


def test_sector_limit_is_60_months_and_entry_age_24_months(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="2000")
        _tenants(s, c, 1, each="100", start=day(2020, 3, 1), sector="集成电路")  # 63 months: over 60
        _tenants(s, c, 1, each="100", first=2, start=day(2020, 12, 1), sector="生物医药")  # 54: within 60
        _tenants(s, c, 1, each="100", first=3, start=day(2020, 12, 1))  # 54 months: over 48
        _tenants(
            s, c, 1, each="100", first=4, start=day(2024, 1, 1), founded=day(2021, 6, 1)
        )  # 31 months old
        cid = c
    with db.read() as s:
        crit = {x.key: x for x in qualify_one(s, cid, on=ON).criteria}
    assert crit["clock"].actual == 2 and crit["clock"].detail["sector_months"]["生物医药"] == 60
    assert crit["entry_age"].actual == 1 and not crit["entry_age"].met
    assert crit["entry_age"].citation["is_example"]  # [L]: an example naming its source


def test_professional_incubator_has_its_own_thresholds(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="10000")
        obj = s.get(Carrier, c)
        assert obj is not None
        obj.specialty, obj.public_service_area_m2 = "集成电路", D("3000")
        _tenants(s, c, 24, each="200", sector="集成电路")
        _tenants(s, c, 6, each="200", first=25, sector="其他")  # 24 / 30 = 80 % in one industry
        cid = c
    with db.read() as s:
        crit = {x.key: x for x in qualify_one(s, cid, on=ON).criteria}
    assert crit["tenants"].required == 30 and crit["tenants"].met  # not 50
    assert crit["density"].required == D("2") and crit["density"].met  # 3.0 per 1,000 ㎡
    assert crit["graduates"].required == 15 and not crit["graduates"].met
    assert crit["industry_share"].actual == D("0.8000") and crit["industry_share"].met
    assert (
        crit["tenants"].citation["document_no"] == "国科发区〔2018〕300号"
        and crit["tenants"].citation["clause"] == ""
    )


def test_the_2025_set_replaces_the_300_set_at_its_date(db: Database) -> None:
    with db.read() as s:
        before = rule(s, MIN_AREA, on=INCUBATOR_2025_FROM - dt.timedelta(days=1))
        after = rule(s, MIN_AREA, on=INCUBATOR_2025_FROM)
    assert before.document_no == "国科发区〔2018〕300号" and before.effective_from == dt.date(2018, 12, 14)
    assert before.effective_to == INCUBATOR_2025_FROM - dt.timedelta(days=1)
    assert after.is_example and "工信部科〔2025〕131号" in after.example_source and "标准级" in after.title
