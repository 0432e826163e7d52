"""The priority planner follows the dated rule, earmarks reserved grants, explains each line,
and accepting it creates exactly the proposed allocations."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.i18n import set_language
from desktop.messages import render
from models.database import Database
from models.errors import DomainError
from models.policy.seed import upsert_rule
from models.quotas import services
from models.quotas.entities import QuotaAllocation
from models.quotas.planner import accept_plan, adjust_line, propose_plan
from tests.models.quotas.helpers import D, grant, mu, platform_id


def _demands(s: Session) -> None:
    for code, project, area, major in (
        ("YQ", "於潜项目", 80, False),
        ("GXY", "高新项目", 100, False),
        ("QSH", "科技城项目", 150, False),
        ("QSH", "晶圆项目", 120, True),
    ):
        services.add_demand(
            s,
            year=2024,
            platform_id=platform_id(s, code),
            project=project,
            area_m2=mu(area),
            requested_on=D(2024, 2, 1),
            is_major=major,
        )


def test_science_city_first_and_reserved_grant_to_its_project(db: Database) -> None:
    with db.write() as s:
        grant(s, "区计划", area=mu(300))
        grant(s, "浙自然资函〔2024〕118号", area=mu(100), source="省级预留", major_project="晶圆项目")
        _demands(s)
        plan = propose_plan(s, year=2024, on=D(2024, 6, 1))
    lines = plan.allocations
    assert [(line.platform, line.project, line.area_m2, line.grant_document_no) for line in lines] == [
        ("青山湖科技城", "晶圆项目", mu(100), "浙自然资函〔2024〕118号"),  # earmarked grant to its project
        (
            "青山湖科技城",
            "晶圆项目",
            mu(20),
            "区计划",
        ),  # the rest of it: major projects first within a platform
        ("青山湖科技城", "科技城项目", mu(150), "区计划"),
        # 六(十) puts the Science City first and the other main platforms after it as one group:
        # within the group, the demand's priority and request date (於潜 asked first)
        ("於潜工业功能区", "於潜项目", mu(80), "区计划"),
        (
            "高新技术产业园",
            "高新项目",
            mu(300) - mu(20) - mu(150) - mu(80),
            "区计划",
        ),  # what is left, exactly
    ]
    assert {line.rank for line in lines[3:]} == {2}
    short = [line for line in plan.lines if line.problem.code == "quota.plan.short"]
    assert [(line.project, line.problem.fields["short_mu"]) for line in short] == [
        ("高新项目", Decimal("50.00"))
    ]
    set_language("zh")
    text = render(lines[2].problem)
    assert "第 1 顺位 青山湖科技城" in text and "临政函〔2023〕74号 六(十)" in text
    assert "科技城、（高新园、玲珑、於潜）" in text
    assert "为重大项目“晶圆项目”争取" in render(lines[0].problem)


def test_the_rule_in_force_decides_the_order(db: Database) -> None:
    with db.write() as s:
        upsert_rule(
            s,
            key="quota.priority_order",
            value=["GXY", "QSH", "LL", "YQ"],
            title="t",
            document_no="临政函〔2024〕9号",
            clause="二",
            effective_from=D(2024, 5, 1),
        )
        grant(s, "区计划", area=mu(100))
        _demands(s)
        before = propose_plan(s, year=2024, on=D(2024, 4, 30)).allocations
        after = propose_plan(s, year=2024, on=D(2024, 5, 2)).allocations
    assert before[0].platform == "青山湖科技城"
    assert (
        after[0].platform == "高新技术产业园"
        and after[0].problem.fields["rule_document"] == "临政函〔2024〕9号"
    )


def test_accept_creates_the_allocations_and_adjustments_are_checked(db: Database) -> None:
    with db.write() as s:
        grant(s, "区计划", area=mu(300))
        _demands(s)
        plan = propose_plan(s, year=2024, on=D(2024, 6, 1))
        lines = list(plan.allocations)
        lines[0] = adjust_line(lines[0], mu(50))
        ch = accept_plan(s, lines=lines, allocated_on=D(2024, 6, 1))
        assert ch.created == len(lines)
        total = s.scalar(select(func.sum(QuotaAllocation.area_m2)))
        assert total == sum((line.area_m2 for line in lines), mu(0))
        again = propose_plan(s, year=2024, on=D(2024, 6, 2)).allocations
        assert sum((line.area_m2 for line in again), mu(0)) == mu(300) - total
        with pytest.raises(DomainError, match="allocation_exceeds"):
            accept_plan(s, lines=[adjust_line(again[0], mu(900))], allocated_on=D(2024, 6, 2))


def test_plan_never_proposes_more_than_is_left(db: Database) -> None:
    rng = random.Random(7)
    with db.write() as s:
        for n in range(3):
            grant(s, f"G{n}", area=mu(rng.randint(10, 200)), on=D(2024, 1, 5))
        for n in range(12):
            services.add_demand(
                s,
                year=2024,
                platform_id=platform_id(s, rng.choice(["QSH", "GXY", "LL", "YQ"])),
                project=f"P{n}",
                area_m2=mu(rng.randint(5, 90)),
                requested_on=D(2024, 1, 9),
            )
        plan = propose_plan(s, year=2024, on=dt.date(2024, 3, 1))
        accept_plan(s, lines=plan.allocations, allocated_on=D(2024, 3, 1))
        ranks = [line.rank for line in plan.allocations]
        assert ranks == sorted(ranks)


def test_industrial_quota_follows_the_rule_other_uses_and_other_recipients_come_after(db: Database) -> None:
    from models.policy.entities import Platform

    with db.write() as s:
        s.add(Platform(code="XZ", name="锦北街道", short_name="锦北", priority=9, is_main=False))
        s.flush()
        grant(s, "区计划", area=mu(300))
        services.add_demand(
            s,
            year=2024,
            platform_id=platform_id(s, "XZ"),
            project="街道产业项目",
            area_m2=mu(50),
            requested_on=D(2024, 1, 2),
            priority=1,
        )
        services.add_demand(
            s,
            year=2024,
            platform_id=platform_id(s, "QSH"),
            project="科技城道路",
            area_m2=mu(40),
            requested_on=D(2024, 1, 1),
            priority=1,
            purpose="other",
        )
        services.add_demand(
            s,
            year=2024,
            platform_id=platform_id(s, "LL"),
            project="玲珑产业项目",
            area_m2=mu(100),
            requested_on=D(2024, 3, 1),
        )
        services.add_demand(
            s,
            year=2024,
            platform_id=platform_id(s, "QSH"),
            project="科技城产业项目",
            area_m2=mu(100),
            requested_on=D(2024, 4, 1),
        )
        plan = propose_plan(s, year=2024, on=D(2024, 6, 1))
        lines = plan.allocations
        assert [(line.project, line.area_m2, line.problem.code) for line in lines] == [
            ("科技城产业项目", mu(100), "quota.plan.by_priority"),  # the Science City first
            ("玲珑产业项目", mu(100), "quota.plan.by_priority"),  # then the main platforms
            ("街道产业项目", mu(50), "quota.plan.by_priority"),  # a recipient that is not a main platform
            ("科技城道路", mu(40), "quota.plan.other_purpose"),  # 六(十) does not order other uses
        ]
        assert [line.rank for line in lines[:3]] == [1, 2, 3]
        notes = [line for line in plan.lines if line.problem.code == "quota.plan.platform_not_in_rule"]
        assert [line.platform for line in notes] == ["锦北街道"]
        set_language("en")
        assert "orders only new industrial land" in render(lines[3].problem)
        set_language("zh")
        accept_plan(s, lines=list(lines), allocated_on=D(2024, 6, 1))
        purposes = dict(s.execute(select(QuotaAllocation.project, QuotaAllocation.purpose)).all())
        assert purposes == {
            "科技城产业项目": "industrial",
            "玲珑产业项目": "industrial",
            "街道产业项目": "industrial",
            "科技城道路": "other",
        }
