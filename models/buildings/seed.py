"""Default rules for subdividing and transferring industrial buildings (工业楼宇分割转让).

The district's own implementing rules (规范工业楼宇转让管理实施意见, seed 三(三)) are
not yet issued, so every platform starts with the examples of docs/domain.md §7 (惠州:
the seller keeps ≥ 40 % → at most 60 % sold; resale lock-up 5 years), marked
``is_example`` with a note. The Science City may set its own ratio per platform and
per building (``services.set_building_ratio``).

Values are JSON; numbers as strings to stay exact.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.policy.entities import Platform
from models.policy.seed import POLICY_DOC, POLICY_IN_FORCE, upsert_rule

CLAUSE = "三(三)"
EXAMPLE_NOTE = "待区规范工业楼宇转让管理实施意见出台后调整"

# Rule keys (every check cites one of them).
MAX_TRANSFER_RATIO = "building.max_transfer_ratio"
MIN_HELD_RATIO = "building.min_held_ratio"
MIN_UNIT_AREA = "building.min_unit_area"
BUYER_ELIGIBILITY = "building.buyer_eligibility"
RESALE_LOCKUP_YEARS = "building.resale_lockup_years"
NEVER_SOLD_ALONE = "building.never_sold_alone"
PRECONDITIONS = "building.preconditions"
BUYBACK_RIGHT = "building.buyback_right"
WARNING_MARGIN = "building.warning_margin"

LEADING_CHAINS = ("高端装备", "集成电路", "生命健康")  # seed 三(一)

DEFAULTS: tuple[tuple[str, str, Any], ...] = (
    (MAX_TRANSFER_RATIO, "可分割转让建筑面积占比上限（自持不低于40%）", "0.60"),
    (MIN_UNIT_AREA, "最小分割单元（面积或整层）", {"mode": "area", "area_m2": "300"}),
    (BUYER_ELIGIBILITY, "受让企业条件：制造业、属平台产业链、亩均评价非D类",
     {"manufacturing": True, "industry_chains": list(LEADING_CHAINS), "refused_classes": ["D"]}),
    (RESALE_LOCKUP_YEARS, "受让后再转让限制年限", 5),
    (NEVER_SOLD_ALONE, "不得单独分割转让的部分",
     {"never": ["shared"], "only_with_production": ["office", "dormitory", "canteen", "garage"]}),
    (PRECONDITIONS, "分割转让前提条件",
     {"accepted": True, "registered": True, "land_price_paid": True, "no_lien_without_consent": True,
      "no_idle_land": True}),
    (BUYBACK_RIGHT, "政府优先回购权", {"enabled": True}),
    (WARNING_MARGIN, "接近上限提醒（百分点）", "0.05"),
)


def seed_defaults(session: Session) -> None:
    """One example rule of each key per platform (idempotent)."""
    for platform_id in session.scalars(select(Platform.id).order_by(Platform.priority)):
        for key, title, value in DEFAULTS:
            upsert_rule(session, key=key, value=value, title=title, document_no=POLICY_DOC, clause=CLAUSE,
                        effective_from=POLICY_IN_FORCE, is_example=True, platform_id=platform_id,
                        note=EXAMPLE_NOTE)
