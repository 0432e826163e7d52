"""The 2030 targets of seed 二 (临政函〔2023〕74号 二、目标要求), for the Science City:
规上工业总产值 above 1,800 亿元; 制造业投资 growing at least 20 % a year on average; one
industrial cluster above 千亿 and several (若干) above 百亿.

Idempotent and additive: a target already present (same key, platform, year) is left as
the district edited it.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.policy.entities import Platform, Target
from models.policy.seed import POLICY_DOC
from models.targets.services import set_target

CLAUSE = "二"  # 二、目标要求, as the register names the clause (models.policy.documents)
SCIENCE_CITY = "QSH"
BASE_YEAR = 2022  # the last full year before the policy (in force 2023-12-01)

# key, title, indicator, measure, value, unit, threshold (亿元), base year, is example, note
TARGETS = (
    (
        "output.above_scale",
        "规上工业总产值",
        "规上工业总产值",
        "level",
        Decimal(1800),
        "亿元",
        None,
        None,
        False,
        "到 2030 年规上工业总产值突破 1800 亿元",
    ),
    (
        "investment.manufacturing",
        "制造业投资年均增速",
        "制造业投资",
        "growth",
        Decimal(20),
        "%",
        None,
        BASE_YEAR,
        False,
        "制造业投资增速年均增长 20% 以上；基期年份 2022 为示例，待区里确认",
    ),
    (
        "cluster.thousand",
        "千亿级产业集群",
        "规上工业总产值",
        "clusters",
        Decimal(1),
        "个",
        Decimal(1000),
        None,
        False,
        "形成一个千亿级产业集群（按产业链的规上工业总产值计）",
    ),
    (
        "cluster.hundred",
        "百亿级产业集群",
        "规上工业总产值",
        "clusters",
        Decimal(3),
        "个",
        Decimal(100),
        None,
        True,
        "原文“若干百亿级产业集群”，暂按 3 个计，待区里确定",
    ),
)
TARGET_YEAR = 2030


def seed_defaults(session: Session) -> None:
    platform_id = session.scalar(select(Platform.id).where(Platform.code == SCIENCE_CITY))
    if platform_id is None:
        return
    have = {
        (k, y)
        for k, y in session.execute(select(Target.key, Target.year).where(Target.platform_id == platform_id))
    }
    for key, title, indicator, measure, value, unit, threshold, base_year, example, note in TARGETS:
        if (key, TARGET_YEAR) in have:
            continue
        set_target(
            session,
            key=key,
            title=title,
            scope="platform",
            platform_id=platform_id,
            indicator=indicator,
            measure=measure,
            year=TARGET_YEAR,
            value=value,
            unit=unit,
            threshold=threshold,
            base_year=base_year,
            document_no=POLICY_DOC,
            clause=CLAUSE,
            is_example=example,
            note=note,
        )
