"""Users, roles, carrier scoping and the append-only, hash-chained audit log."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import Base, Versioned


class Role(StrEnum):
    ADMIN = "admin"
    CLERK = "clerk"
    CARRIER_MANAGER = "carrier_manager"
    VIEWER = "viewer"


class User(Versioned, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(20), default=Role.CLERK.value)
    # Deferred: loaded only where a password is checked, never with the rest of the row (in
    # PostgreSQL mode no application role may read this column at all).
    password_hash: Mapped[str | None] = mapped_column(String(255), deferred=True)
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=dt.datetime.now)


class UserCarrier(Base):
    """A carrier manager's scope: the carriers this user may see and edit."""

    __tablename__ = "user_carriers"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id", ondelete="CASCADE"), primary_key=True)


class AuditEntry(Base):
    """One change: who, when, which record, before/after per field (JSON).

    Append-only (a trigger refuses UPDATE and DELETE) and hash-chained: ``hash`` =
    sha256(prev_hash + canonical JSON of this row), so an edit behind the app's
    back breaks the chain that ``landspace check`` verifies.
    """

    __tablename__ = "audit_entries"
    # entity and actor are indexed so the filter lists seek their distinct values instead of
    # reading the whole log (see models.accounts.queries.distinct_values)
    __table_args__ = (
        Index("ix_audit_entries_entity_record", "entity", "record_id"),
        Index("ix_audit_entries_actor", "actor"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime]
    actor: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None]  # the logged-in user, None in single-user mode (no FK: append-only)
    action: Mapped[str] = mapped_column(String(20))  # insert | update | delete | override | login …
    entity: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[int | None]
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: [before, after]}
    reason: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
