"""Audit anchors: the chain's head written down OUTSIDE the database, so a rewrite is caught.

The hash chain alone catches naive edits only: whoever can write the file can change an
entry and recompute every later hash, or append a forged entry. An anchor — the id and
hash of the newest entry on a date — filed on paper or sent to another office cannot be
recomputed. ``landspace check --anchor FILE`` then proves that the history up to each
anchor is the one that was anchored: the anchored entry still exists with that hash and
the chain from the first entry to now verifies. An anchor is a small UTF-8 JSON file
(``landspace audit-anchor FILE``); the same facts are printed for a paper record.

Also checked here: the append-only triggers are in place (a dropped trigger is reported).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from models.accounts.entities import AuditEntry
from models.db.migrations.baseline import AUDIT_TRIGGERS
from models.errors import DomainError, Problem

FORMAT = "landspace-audit-anchor/1"


@dataclass(frozen=True)
class Anchor:
    entry_id: int
    hash: str
    entries: int
    at: str  # the anchored entry's time, ISO 8601
    made_on: str  # when the anchor was taken, ISO 8601

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, **asdict(self)}, ensure_ascii=False, indent=2) + "\n"


def make_anchor(session: Session, *, now: dt.datetime | None = None) -> Anchor:
    """The chain's head now; refuses an empty log (``audit.nothing_to_anchor``)."""
    head = session.execute(
        select(AuditEntry.id, AuditEntry.hash, AuditEntry.at).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    if head is None:
        raise DomainError("audit.nothing_to_anchor")
    count = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    return Anchor(
        entry_id=int(head.id),
        hash=str(head.hash),
        entries=count,
        at=head.at.isoformat(),
        made_on=(now or dt.datetime.now()).isoformat(timespec="seconds"),
    )


def read_anchor(path: Path) -> Anchor:
    """An anchor file; refuses (``audit.anchor_unreadable``) anything else, naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.pop("format", None) != FORMAT:
            raise ValueError("format")
        return Anchor(
            entry_id=int(data["entry_id"]),
            hash=str(data["hash"]),
            entries=int(data["entries"]),
            at=str(data["at"]),
            made_on=str(data["made_on"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DomainError("audit.anchor_unreadable", file=str(path), reason=type(exc).__name__) from exc


def verify_anchor(session: Session, anchor: Anchor) -> list[Problem]:
    """Problems if the anchored entry is gone or its hash differs (history rewritten). Together
    with ``verify_chain`` (every link from the first entry to now) this proves the log up to
    the anchor is the anchored one."""
    stored = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == anchor.entry_id))
    if stored is None:
        return [Problem("audit.anchor_missing", {"entry_id": anchor.entry_id, "made_on": anchor.made_on})]
    if stored != anchor.hash:
        return [Problem("audit.anchor_mismatch", {"entry_id": anchor.entry_id, "made_on": anchor.made_on})]
    return []


def missing_triggers(session: Session) -> list[str]:
    """The append-only triggers of ``audit_entries`` that are not in place."""
    dialect = session.get_bind().dialect.name
    expected = AUDIT_TRIGGERS.get(dialect, ())
    if dialect == "sqlite":
        present = set(
            session.scalars(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'")
            )
        )
    elif dialect == "postgresql":
        present = set(
            session.scalars(
                text(
                    "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_entries'::regclass "
                    "AND NOT tgisinternal AND tgenabled <> 'D'"
                )
            )
        )
    else:
        return []
    return [name for name in expected if name not in present]
