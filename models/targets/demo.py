"""Demonstration statistics (as the district statistics bureau would send them) for the
Science City: 规上工业总产值 in total and by industry chain, and 制造业投资, 2022–2024.
With them the demo shows one target on track, two behind and one reached."""

from __future__ import annotations

import random
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.policy.entities import Platform
from models.targets.seed import SCIENCE_CITY
from models.targets.services import record_statistic

SOURCE = "临安区统计局"
FIGURES = (  # chain ('' = total), indicator, 2022, 2023, 2024 (亿元)
    ("", "规上工业总产值", "860", "962", "1068"),
    ("高端装备", "规上工业总产值", "310", "352", "401"),
    ("集成电路", "规上工业总产值", "180", "205", "236"),
    ("生命健康", "规上工业总产值", "95", "104", "118"),
    ("", "制造业投资", "120.0", "139.2", "162.9"),
)


def seed_demo(session: Session, rng: random.Random) -> None:
    del rng  # the figures are fixed: the demo's story depends on them
    platform_id = session.scalar(select(Platform.id).where(Platform.code == SCIENCE_CITY))
    if platform_id is None:
        return
    for chain, indicator, *values in FIGURES:
        for year, value in zip((2022, 2023, 2024), values, strict=True):
            record_statistic(
                session,
                year=year,
                indicator=indicator,
                value=Decimal(value),
                unit="亿元",
                platform_id=platform_id,
                chain=chain,
                source_department=SOURCE,
            )
