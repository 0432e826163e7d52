"""Users and audit entries as frozen rows for display."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models.accounts.entities import AuditEntry, User, UserCarrier


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: dt.datetime | None
    failed_logins: int
    has_password: bool
    carrier_ids: tuple[int, ...]
    created_at: dt.datetime
    version: int

    def is_locked(self, now: dt.datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or dt.datetime.now())


def user_row(session: Session, user: User) -> UserRow:
    carriers = tuple(
        sorted(session.scalars(select(UserCarrier.carrier_id).where(UserCarrier.user_id == user.id)))
    )
    return UserRow(
        user.id,
        user.username,
        user.display_name,
        user.role,
        user.active,
        user.locked_until,
        user.failed_logins,
        bool(user.password_hash),
        carriers,
        user.created_at,
        user.version,
    )


def list_users(session: Session) -> list[UserRow]:
    users = list(session.scalars(select(User).order_by(User.username)))
    links: dict[int, list[int]] = {}
    for uid, cid in session.execute(select(UserCarrier.user_id, UserCarrier.carrier_id)):
        links.setdefault(uid, []).append(cid)
    return [
        UserRow(
            u.id,
            u.username,
            u.display_name,
            u.role,
            u.active,
            u.locked_until,
            u.failed_logins,
            bool(u.password_hash),
            tuple(sorted(links.get(u.id, []))),
            u.created_at,
            u.version,
        )
        for u in users
    ]


def has_users(session: Session) -> bool:
    """Whether any account exists (without one, the welcome panel offers the first administrator)."""
    return session.scalar(select(User.id).limit(1)) is not None


def role_of(session: Session, user_id: int | None) -> str:
    """The role of the account ``user_id`` ("" when there is none)."""
    role = session.scalar(select(User.role).where(User.id == user_id)) if user_id is not None else None
    return str(role or "")


def count_active_users(session: Session) -> int:
    """How many accounts may log in."""
    return int(session.scalar(select(func.count()).select_from(User).where(User.active.is_(True))) or 0)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor: str
    user_id: int | None
    action: str
    entity: str
    record_id: int | None
    changes: dict[str, Any]
    reason: str

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(k for k in self.changes if not k.startswith("_"))


@dataclass(frozen=True)
class AuditFilter:
    entity: str | None = None
    actor: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive
    text: str = ""
    record_id: int | None = None
    limit: int = 5000
    after_id: int | None = None  # only entries newer than this one (the audit page appends them)


def _changes(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"_raw": text}
    return value if isinstance(value, dict) else {"_raw": value}


def audit_entries(session: Session, flt: AuditFilter = AuditFilter()) -> list[AuditRow]:  # noqa: B008
    """Newest first, filtered in SQL (entity, actor, date range, text in changes or reason)."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(flt.limit)
    if flt.entity:
        stmt = stmt.where(AuditEntry.entity == flt.entity)
    if flt.actor:
        stmt = stmt.where(AuditEntry.actor == flt.actor)
    if flt.record_id is not None:
        stmt = stmt.where(AuditEntry.record_id == flt.record_id)
    if flt.after_id is not None:
        stmt = stmt.where(AuditEntry.id > flt.after_id)
    if flt.date_from:
        stmt = stmt.where(AuditEntry.at >= dt.datetime.combine(flt.date_from, dt.time.min))
    if flt.date_to:
        stmt = stmt.where(
            AuditEntry.at < dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time.min)
        )
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        stmt = stmt.where(
            or_(
                AuditEntry.changes.like(like),
                AuditEntry.reason.like(like),
                AuditEntry.entity.like(like),
                AuditEntry.actor.like(like),
            )
        )
    return [
        AuditRow(
            e.id, e.at, e.actor, e.user_id, e.action, e.entity, e.record_id, _changes(e.changes), e.reason
        )
        for e in session.scalars(stmt)
    ]


def distinct_values(session: Session, column: Any) -> list[str]:
    """The distinct values of an indexed column, ascending, by one index seek per value
    (``MIN(col) WHERE col > previous``): time grows with the number of values, not rows."""
    out: list[str] = []
    while True:
        stmt = select(func.min(column))
        if out:
            stmt = stmt.where(column > out[-1])
        value = session.scalar(stmt)
        if value is None:
            return out
        out.append(value)


@dataclass(frozen=True)
class AuditNews:
    """What the log gained after entry ``after_id``: the new entries matching a filter, the
    entities and actors among all new entries, and the newest id."""

    rows: list[AuditRow]
    entities: list[str]
    actors: list[str]
    last_id: int


def last_audit_id(session: Session) -> int:
    return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def audit_news(session: Session, flt: AuditFilter, *, after_id: int) -> AuditNews:
    """Entries after ``after_id`` (a range of the primary key: grows with what is new, not with
    the log)."""
    from dataclasses import replace

    rows = audit_entries(session, replace(flt, after_id=after_id))
    new = AuditEntry.id > after_id
    entities = sorted(session.scalars(select(AuditEntry.entity).where(new).distinct()))
    actors = sorted(session.scalars(select(AuditEntry.actor).where(new).distinct()))
    return AuditNews(rows, entities, actors, last_audit_id(session))


def audit_facets(session: Session) -> tuple[list[str], list[str]]:
    """The entities and actors that occur in the log (for the filter lists), through their indexes."""
    return distinct_values(session, AuditEntry.entity), distinct_values(session, AuditEntry.actor)
