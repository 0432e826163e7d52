"""Default rules for subdividing and transferring industrial buildings (工业楼宇分割转让).

The district's own implementing rules (规范工业楼宇转让管理实施意见, seed 三(三)) are
not yet issued, so every platform starts with the examples of docs/domain.md §7 and §10
(惠州: division by building or floor, the seller keeps ≥ 40 % → at most 60 % sold, buyer a
manufacturer or the seller's chain partner, resale lock-up 5 years), each marked
``is_example`` with ``example_source``; none cites seed 三(三), which holds no figure. The
Science City may set its own ratio per platform and per building
(``services.set_building_ratio``).

Values are JSON; numbers as strings to stay exact.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.policy.entities import Platform
from models.policy.seed import POLICY_IN_FORCE, upsert_rule

CLAUSE = "三(三)"
EXAMPLE_NOTE = "待区规范工业楼宇转让管理实施意见出台后调整"
HUIZHOU = "惠州 工业楼宇分割转让操作指引"
PRODUCT_EXAMPLE = "LandSpace 示例（无任何文件出处）"
DOMAIN_7 = "各地分割转让办法的通行做法（docs/domain.md §7）"

# Rule keys (every check cites one of them).
MAX_TRANSFER_RATIO = "building.max_transfer_ratio"
MIN_HELD_RATIO = "building.min_held_ratio"
MIN_UNIT_AREA = "building.min_unit_area"
BUYER_ELIGIBILITY = "building.buyer_eligibility"
REFUSED_BUYER_CLASSES = "building.refused_buyer_classes"
RESALE_LOCKUP_YEARS = "building.resale_lockup_years"
NEVER_SOLD_ALONE = "building.never_sold_alone"
PRECONDITIONS = "building.preconditions"
BUYBACK_RIGHT = "building.buyback_right"
WARNING_MARGIN = "building.warning_margin"

# Seed 三(一) lists these chains and ends with "等": not exhaustive.
LEADING_CHAINS = ("高端装备", "集成电路", "生命健康")

# key, title, value, where the example comes from. Seed 三(三) contains none of these
# figures (it announces rules and lets the Science City set its ratio), so each is an
# example: none cites 临政函〔2023〕74号.
DEFAULTS: tuple[tuple[str, str, Any, str], ...] = (
    (MAX_TRANSFER_RATIO, "可分割转让建筑面积占比上限（自持不低于40%）", "0.60", HUIZHOU),
    (MIN_UNIT_AREA, "最小分割单元（整层）", {"mode": "floor"}, HUIZHOU),
    (
        BUYER_ELIGIBILITY,
        "受让企业条件：制造业企业，或转让方产业链上下游企业",
        {"any_of": ["manufacturing", "seller_chain_partner"]},
        HUIZHOU,
    ),
    (RESALE_LOCKUP_YEARS, "受让后再转让限制年限", 5, HUIZHOU),
    (
        NEVER_SOLD_ALONE,
        "不得单独分割转让的部分",
        {"never": ["shared"], "only_with_production": ["office", "dormitory", "canteen", "garage"]},
        DOMAIN_7,
    ),
    (
        PRECONDITIONS,
        "分割转让前提条件",
        {
            "accepted": True,
            "registered": True,
            "land_price_paid": True,
            "no_lien_without_consent": True,
            "no_idle_land": True,
        },
        DOMAIN_7,
    ),
    (BUYBACK_RIGHT, "政府优先回购权", {"enabled": True}, DOMAIN_7),
    (WARNING_MARGIN, "接近上限提醒（百分点）", "0.05", PRODUCT_EXAMPLE),
)

# Explicit example values a district may choose instead (not seeded as rules).
EXAMPLE_MIN_UNIT_AREA = {"mode": "area", "area_m2": "300"}  # 300 ㎡: invented example (docs/domain.md §10)
EXAMPLE_REFUSED_CLASSES = {"refused_classes": ["D"]}  # refusing D-class buyers: invented example


def seed_defaults(session: Session) -> None:
    """One example rule of each key per platform (idempotent)."""
    for platform_id in session.scalars(select(Platform.id).order_by(Platform.priority)):
        for key, title, value, source in DEFAULTS:
            upsert_rule(
                session,
                key=key,
                value=value,
                title=title,
                document_no="",
                clause="",
                effective_from=POLICY_IN_FORCE,
                is_example=True,
                platform_id=platform_id,
                note=EXAMPLE_NOTE,
                example_source=source,
            )
