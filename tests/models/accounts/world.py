"""A small database with one record of every kind, and one user of every role, for the
generated permission tests. Built in single-user mode (no login: everything allowed)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from models.accounts import services as accounts
from models.accounts.entities import User
from models.buildings import services as buildings
from models.buildings.entities import Building, BuyBackOffer, Unit
from models.database import Database
from models.efficiency import services as efficiency
from models.efficiency.entities import EfficiencyRecord
from models.enterprises import services as enterprises
from models.enterprises.entities import Enterprise
from models.incubation import services as incubation
from models.incubation import tenancy_services
from models.incubation.entities import Carrier, Space, Tenancy, UsageReport
from models.land import services as land
from models.land.entities import Plot
from models.land.geometry import SurveyPoint
from models.policy import services as policy
from models.policy.entities import ChoiceItem, Platform
from models.quotas import services as quotas
from models.quotas.entities import QuotaAllocation, QuotaDemand, QuotaGrant, QuotaUse
from models.renewal import services as renewal
from models.renewal.entities import RenewalProject
from models.uscc import check_char

PW = "correct horse 9"
D = Decimal
ROLES = ("admin", "clerk", "carrier_manager", "viewer", "inactive")


def uscc(n: int) -> str:
    body = f"913301{n:011d}"
    return body + check_char(body)


@dataclass
class World:
    users: dict[str, int] = field(default_factory=dict)
    platform: int = 0
    enterprise: int = 0
    enterprise2: int = 0
    enterprise3: int = 0  # referenced by nothing
    plot: int = 0
    plot2: int = 0
    grant: int = 0
    allocation: int = 0
    use: int = 0
    demand: int = 0
    building: int = 0
    unit: int = 0
    offer: int = 0
    carrier: int = 0  # the carrier manager's
    other_carrier: int = 0  # someone else's
    space: int = 0
    other_space: int = 0
    free_space: int = 0  # the manager's, let to nobody
    tenancy: int = 0
    report: int = 0
    project: int = 0
    record: int = 0
    choice: int = 0


def _one(session: Session, stmt: object) -> int:
    value = session.scalar(stmt)  # type: ignore[call-overload]
    assert value is not None, stmt
    return int(value)


def build_world(db: Database) -> World:
    w = World()
    day = dt.date(2024, 3, 1)
    with db.write() as s:
        w.platform = _one(s, select(Platform.id).where(Platform.code == "QSH"))
        enterprises.create_enterprise(s, uscc=uscc(1), name="甲企业", platform_id=w.platform)
        enterprises.create_enterprise(s, uscc=uscc(2), name="乙企业", platform_id=w.platform)
        w.enterprise = _one(s, select(Enterprise.id).where(Enterprise.name == "甲企业"))
        w.enterprise2 = _one(s, select(Enterprise.id).where(Enterprise.name == "乙企业"))
        enterprises.create_enterprise(s, uscc=uscc(3), name="丙企业")
        w.enterprise3 = _one(s, select(Enterprise.id).where(Enterprise.name == "丙企业"))
        land.create_plot(
            s,
            code="P-1",
            name="地块一",
            platform_id=w.platform,
            cert_area_m2=D(20000),
            holder_id=w.enterprise,
        )
        land.create_plot(s, code="P-2", name="地块二", platform_id=w.platform, cert_area_m2=D(10000))
        w.plot = _one(s, select(Plot.id).where(Plot.code == "P-1"))
        w.plot2 = _one(s, select(Plot.id).where(Plot.code == "P-2"))
        land.set_indicator(s, plot_id=w.plot, indicator="plot_ratio", promised=D("2.0"), actual=D("2.5"))
        x, y = D(3300000), D(400000)
        land.set_plot_boundary(
            s,
            plot_id=w.plot,
            points=[
                SurveyPoint("J1", x, y),
                SurveyPoint("J2", x, y + 100),
                SurveyPoint("J3", x + 100, y + 100),
                SurveyPoint("J4", x + 100, y),
            ],
        )
        source = quotas.quota_sources(s)[0]
        quotas.add_grant(
            s, year=2024, source=source, document_no="浙土资〔2024〕1号", granted_on=day, area_m2=D(100000)
        )
        w.grant = _one(s, select(QuotaGrant.id))
        # an advance (预支) of 2023, partly repaid from a later grant
        advance = quotas.add_grant(
            s,
            year=2023,
            source=source,
            document_no="浙土资预〔2023〕1号",
            granted_on=dt.date(2023, 6, 1),
            area_m2=D(20000),
            major_project="省重大项目",
            is_advance=True,
        ).ids[0]
        later = quotas.add_grant(
            s, year=2024, source=source, document_no="浙土资〔2024〕9号", granted_on=day, area_m2=D(20000)
        ).ids[0]
        quotas.repay_advance(s, advance_id=advance, grant_id=later, area_m2=D(5000), repaid_on=day)
        quotas.allocate_quota(s, grant_id=w.grant, platform_id=w.platform, area_m2=D(50000), allocated_on=day)
        w.allocation = _one(s, select(QuotaAllocation.id))
        quotas.record_use(s, area_m2=D(1000), reserved_on=day, allocation_id=w.allocation, project="项目甲")
        w.use = _one(s, select(QuotaUse.id).where(QuotaUse.project == "项目甲"))
        quotas.record_use(s, area_m2=D(2000), reserved_on=day, allocation_id=w.allocation, project="项目乙")
        returned = _one(s, select(QuotaUse.id).where(QuotaUse.project == "项目乙"))
        quotas.advance_use(s, use_id=returned, on=day, approval_no="批2")
        quotas.advance_use(s, use_id=returned, on=day, approval_no="批2")
        quotas.return_quota(s, use_id=returned, area_m2=D(100), returned_on=day, reason="部分收回")
        quotas.add_demand(
            s, year=2024, platform_id=w.platform, project="需求甲", area_m2=D(500), requested_on=day
        )
        w.demand = _one(s, select(QuotaDemand.id))
        buildings.create_building(
            s,
            code="B-1",
            name="一号楼",
            total_floor_area_m2=D(10000),
            floors=5,
            platform_id=w.platform,
            owner_id=w.enterprise,
        )
        w.building = _one(s, select(Building.id))
        buildings.create_unit(
            s, building_id=w.building, floor=1, number="101", floor_area_m2=D(500), owner_id=w.enterprise
        )
        w.unit = _one(s, select(Unit.id))
        buildings.record_buyback_offer(s, building_id=w.building, offered_on=day, unit_id=w.unit)
        w.offer = _one(s, select(BuyBackOffer.id))
        incubation.create_carrier(
            s, code="C-1", name="我的孵化器", usable_area_m2=D(2000), platform_id=w.platform
        )
        incubation.create_carrier(
            s, code="C-2", name="别人的孵化器", usable_area_m2=D(2000), platform_id=w.platform
        )
        w.carrier = _one(s, select(Carrier.id).where(Carrier.code == "C-1"))
        w.other_carrier = _one(s, select(Carrier.id).where(Carrier.code == "C-2"))
        incubation.create_space(s, carrier_id=w.carrier, code="101", area_m2=D(100))
        incubation.create_space(s, carrier_id=w.other_carrier, code="201", area_m2=D(100))
        w.space = _one(s, select(Space.id).where(Space.carrier_id == w.carrier))
        w.other_space = _one(s, select(Space.id).where(Space.carrier_id == w.other_carrier))
        incubation.create_space(s, carrier_id=w.carrier, code="103", area_m2=D(30))
        w.free_space = _one(s, select(Space.id).where(Space.code == "103"))
        tenancy_services.create_tenancy(
            s, carrier_id=w.carrier, enterprise_id=w.enterprise, start_on=day, space_ids=[w.space]
        )
        tenancy_services.create_tenancy(
            s,
            carrier_id=w.other_carrier,
            enterprise_id=w.enterprise2,
            start_on=day,
            space_ids=[w.other_space],
        )
        w.tenancy = _one(s, select(Tenancy.id).where(Tenancy.carrier_id == w.carrier))
        incubation.save_usage_report(
            s, carrier_id=w.carrier, month=dt.date(2024, 3, 1), occupied_area_m2=D(100), tenants=1
        )
        incubation.save_usage_report(
            s, carrier_id=w.other_carrier, month=dt.date(2024, 3, 1), occupied_area_m2=D(100), tenants=1
        )
        w.report = _one(s, select(UsageReport.id).where(UsageReport.carrier_id == w.carrier))
        renewal.create_project(s, code="R-1", name="更新项目", identified_on=day, plot_ids=(w.plot,))
        w.project = _one(s, select(RenewalProject.id))
        efficiency.upsert_record(
            s, enterprise_id=w.enterprise, year=2023, land_area_m2=D(20000), tax=D(100), output=D(1000)
        )
        w.record = _one(s, select(EfficiencyRecord.id))
        from models.targets.services import record_statistic

        record_statistic(
            s,
            year=2023,
            indicator="制造业投资",
            value=D(120),
            unit="亿元",
            platform_id=w.platform,
            source_department="区统计局",
        )
        policy.add_choice(s, category="industry_chain", value="测试产业链")
        w.choice = _one(s, select(ChoiceItem.id).where(ChoiceItem.value == "测试产业链"))
        for role in ("admin", "clerk", "carrier_manager", "viewer", "inactive"):
            accounts.create_user(s, username=role, password=PW, role="clerk" if role == "inactive" else role)
        w.users = {u.username: u.id for u in s.scalars(select(User))}
        accounts.set_active(s, user_id=w.users["inactive"], active=False)
        accounts.assign_carriers(s, user_id=w.users["carrier_manager"], carrier_ids=[w.carrier])
    return w


_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@contextmanager
def written_tables(db: Database) -> Iterator[set[str]]:
    """The tables written by SQL on ``db``'s engine while inside (the audit log left out):
    ORM flushes, bulk statements and raw DBAPI executemany alike."""
    tables: set[str] = set()

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        m = _WRITE.match(statement)
        if m and m.group(1) != "audit_entries":
            tables.add(m.group(1))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        yield tables
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
