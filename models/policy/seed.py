"""The four platforms of the policy and its district-wide rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.policy.documents import seed_register
from models.policy.entities import ChoiceItem, Platform, PolicyRule

POLICY_DOC = "临政函〔2023〕74号"
POLICY_IN_FORCE = dt.date(2023, 12, 1)

# code, name, short name, priority. Science City first (seed 六(十) and the closing clause).
PLATFORMS = (
    ("QSH", "青山湖科技城", "科技城", 1),
    ("GXY", "高新技术产业园", "高新园", 2),
    ("LL", "玲珑工业功能区", "玲珑", 3),
    ("YQ", "於潜工业功能区", "於潜", 4),
)

CHOICES: dict[str, tuple[str, ...]] = {
    "industry_chain": ("高端装备", "集成电路", "生命健康", "其他"),
}
CHOICES_EN: dict[str, dict[str, str]] = {
    "industry_chain": {
        "高端装备": "High-end equipment",
        "集成电路": "Integrated circuits",
        "生命健康": "Life and health",
        "其他": "Other",
    },
}


def upsert_rule(
    session: Session,
    *,
    key: str,
    value: Any,
    title: str,
    document_no: str,
    clause: str,
    effective_from: dt.date,
    is_example: bool = False,
    platform_id: int | None = None,
    note: str = "",
    example_source: str = "",
    effective_to: dt.date | None = None,
) -> PolicyRule:
    """Add the rule unless one with the same key, scope and start date exists (idempotent seeding)."""
    existing = session.scalar(
        select(PolicyRule).where(
            PolicyRule.key == key,
            PolicyRule.platform_id.is_(None)
            if platform_id is None
            else PolicyRule.platform_id == platform_id,
            PolicyRule.building_id.is_(None),
            PolicyRule.effective_from == effective_from,
        )
    )
    if existing is not None:
        return existing
    rule = PolicyRule(
        key=key,
        value=value,
        title=title,
        document_no=document_no,
        clause=clause,
        effective_from=effective_from,
        effective_to=effective_to,
        is_example=is_example,
        platform_id=platform_id,
        note=note,
        example_source=example_source,
    )
    session.add(rule)
    session.flush()
    return rule


def seed_choices(
    session: Session, choices: dict[str, tuple[str, ...]], english: dict[str, dict[str, str]] | None = None
) -> None:
    """Add the missing values of each list, with their English (``english``: category → value →
    label); a seeded value still without English gets it (a label the bureau wrote stays)."""
    english = english or {}
    for category, values in choices.items():
        have = {
            c.value: c for c in session.scalars(select(ChoiceItem).where(ChoiceItem.category == category))
        }
        labels = english.get(category, {})
        for order, value in enumerate(values):
            item = have.get(value)
            if item is None:
                session.add(
                    ChoiceItem(
                        category=category, value=value, sort_order=order, label_en=labels.get(value, "")
                    )
                )
            elif not item.label_en and labels.get(value):
                item.label_en = labels[value]
    session.flush()


def seed_defaults(session: Session) -> None:
    seed_register(session)
    have = set(session.scalars(select(Platform.code)))
    for code, name, short, priority in PLATFORMS:
        if code not in have:
            session.add(Platform(code=code, name=name, short_name=short, priority=priority, is_main=True))
    session.flush()
    seed_choices(session, CHOICES, CHOICES_EN)
    # 六(十): "全区每年新增产业用地指标优先用于保障科技城等主平台" — industrial quota, the
    # Science City first and the other main platforms as a group after it (no order among
    # them is written); other recipients after the main platforms (models.quotas.planner).
    upsert_rule(
        session,
        key="quota.priority_order",
        value=[PLATFORMS[0][0]],
        title="新增产业用地指标优先保障顺序",
        document_no=POLICY_DOC,
        clause="六(十)",
        effective_from=POLICY_IN_FORCE,
        note="全区每年新增产业用地指标优先用于保障科技城等主平台：科技城第一，其他主平台同一顺位，"
        "非主平台的接收方在主平台之后；只适用于产业用地指标",
    )
