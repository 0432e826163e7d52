"""Policy rules, platforms and choice lists as frozen rows for display."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.exchange.keys import KeyIndex
from models.policy.entities import ChoiceItem, Platform, PolicyRule


@dataclass(frozen=True)
class RuleRow:
    id: int
    key: str
    title: str
    value: Any
    platform_id: int | None
    platform_name: str
    building_id: int | None
    effective_from: dt.date
    effective_to: dt.date | None
    document_no: str
    clause: str
    is_example: bool
    note: str
    version: int
    example_source: str = ""

    @property
    def value_text(self) -> str:
        if isinstance(self.value, str):
            return self.value
        return json.dumps(self.value, ensure_ascii=False)

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or self.effective_to >= on)


def list_rules(session: Session, *, key: str | None = None) -> list[RuleRow]:
    """Every rule version, by key, then scope, then newest first."""
    names = platform_names(session)
    stmt = select(PolicyRule).order_by(
        PolicyRule.key,
        PolicyRule.platform_id,
        PolicyRule.building_id,
        PolicyRule.effective_from.desc(),
        PolicyRule.id.desc(),
    )
    if key is not None:
        stmt = stmt.where(PolicyRule.key == key)
    return [
        RuleRow(
            r.id,
            r.key,
            r.title,
            r.value,
            r.platform_id,
            names.get(r.platform_id, "") if r.platform_id is not None else "",
            r.building_id,
            r.effective_from,
            r.effective_to,
            r.document_no,
            r.clause,
            r.is_example,
            r.note,
            r.version,
            r.example_source,
        )
        for r in session.scalars(stmt)
    ]


@dataclass(frozen=True)
class PlatformRow:
    id: int
    code: str
    name: str
    short_name: str
    priority: int
    is_main: bool
    note: str


def platform_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every platform in priority order: what a platform picker or a
    per-platform table offers."""
    return [
        (int(i), str(n))
        for i, n in session.execute(
            select(Platform.id, Platform.name).order_by(Platform.priority, Platform.id)
        )
    ]


def platform_names(session: Session) -> dict[int, str]:
    """Platform id → name."""
    return dict(platform_choices(session))


def platform_index(session: Session) -> KeyIndex:
    """Platform ids by what a clerk or another office may write for one: its code, name or
    short name (青山湖科技城 / 科技城 / QSH), matched through ``match_key`` (width, spaces and
    case do not count)."""
    return KeyIndex(session, Platform.id, Platform.code, Platform.name, Platform.short_name)


def list_platforms(session: Session) -> list[PlatformRow]:
    return [
        PlatformRow(p.id, p.code, p.name, p.short_name, p.priority, p.is_main, p.note)
        for p in session.scalars(select(Platform).order_by(Platform.priority, Platform.code))
    ]


@dataclass(frozen=True)
class ChoiceRow:
    id: int
    category: str
    value: str
    label_en: str
    sort_order: int
    active: bool
    version: int


def list_choices(
    session: Session, category: str | None = None, *, active_only: bool = False
) -> list[ChoiceRow]:
    stmt = select(ChoiceItem).order_by(ChoiceItem.category, ChoiceItem.sort_order, ChoiceItem.id)
    if category is not None:
        stmt = stmt.where(ChoiceItem.category == category)
    if active_only:
        stmt = stmt.where(ChoiceItem.active.is_(True))
    return [
        ChoiceRow(c.id, c.category, c.value, c.label_en, c.sort_order, c.active, c.version)
        for c in session.scalars(stmt)
    ]


def choice_labels(session: Session) -> dict[tuple[str, str], str]:
    """(category, value) → English label, for every list value that has one."""
    return {
        (c, v): e
        for c, v, e in session.execute(
            select(ChoiceItem.category, ChoiceItem.value, ChoiceItem.label_en).where(
                ChoiceItem.label_en != ""
            )
        )
    }


def choice_values(session: Session, category: str) -> tuple[str, ...]:
    """The active values of one list, in order (what workbooks and forms accept)."""
    return tuple(c.value for c in list_choices(session, category, active_only=True))
