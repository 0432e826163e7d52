"""Scheduled backups with a retention policy the user sets, and how much disk backups use.

Imports do not copy the database first: an import is one transaction, and SQLite commits
it whole or not at all (docs/reliability.md B), so the copy protected nothing the
transaction did not. Migrations keep their verified backup (``models.db.migrate``).

Instead the application takes a verified online backup on a schedule — at exit, or at the
first start/exit when the newest backup is older than a day (or a week) — and only when
something changed since the last one (the newest audit entry is not that backup's own).
Backups are kept by a grandfather-father rule: the newest of each of the last
``keep_daily`` days and the newest of each of the last ``keep_weekly`` ISO weeks; the
newest backup is always kept. Scheduled backups are named
``<stem>.<YYYYmmdd-HHMMSS>.scheduled.bak<suffix>`` beside the database; only those are
pruned (migration backups keep their own count, manual backups are the user's), and
the ``before-import`` copies earlier versions left once a newer scheduled backup exists.

The policy belongs to the database and lives beside it (``<file>.backup-policy.json``), so
the command line (``landspace backup --when/--keep-daily/--keep-weekly``) and the window
read and write the same one without Qt.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from models.database import backup_database
from models.db.backup import BACKUP_MARK, backup_name, backups_of
from models.errors import DomainError

if TYPE_CHECKING:
    from models.database import Database

SCHEDULED = "scheduled"
LEGACY_IMPORT = "before-import"  # the copies earlier versions took before every import
WHEN = ("off", "exit", "daily", "weekly")
_PERIOD = {"exit": dt.timedelta(0), "daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}
_STAMP = re.compile(r"\.(\d{8}-\d{6})\.([^.]+)" + re.escape(BACKUP_MARK) + r"(?:\.[^.]*)?$")


@dataclass(frozen=True)
class BackupPolicy:
    when: str = "daily"  # "off" | "exit" (every exit with changes) | "daily" | "weekly"
    keep_daily: int = 7
    keep_weekly: int = 4

    def __post_init__(self) -> None:
        if self.when not in WHEN:
            raise DomainError("backup.policy_invalid", field="when", value=self.when)
        if self.keep_daily < 1 or self.keep_weekly < 0:
            raise DomainError(
                "backup.policy_invalid", field="keep", value=f"{self.keep_daily}/{self.keep_weekly}"
            )


def policy_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backup-policy.json")


def load_policy(db_path: Path | None) -> BackupPolicy:
    """The database's policy; the default (daily, 7 days, 4 weeks) when none is stored or it is unreadable."""
    if db_path is None:
        return BackupPolicy()
    try:
        data = json.loads(policy_file(db_path).read_text(encoding="utf-8"))
        return BackupPolicy(
            when=str(data["when"]), keep_daily=int(data["keep_daily"]), keep_weekly=int(data["keep_weekly"])
        )
    except (OSError, ValueError, KeyError, TypeError, DomainError):
        return BackupPolicy()


def save_policy(db_path: Path, policy: BackupPolicy) -> None:
    target = policy_file(db_path)
    tmp = target.with_name(target.name + ".partial")
    tmp.write_text(
        json.dumps({"when": policy.when, "keep_daily": policy.keep_daily, "keep_weekly": policy.keep_weekly})
        + "\n",
        encoding="utf-8",
    )
    tmp.replace(target)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    label: str  # "scheduled", "before-<revision>", "manual" … (from the name)
    taken: dt.datetime | None  # from the name; None for a name without a stamp
    size: int


@dataclass(frozen=True)
class PolicyOutcome:
    made: Path | None
    removed: tuple[Path, ...]
    reason: str  # "made" | "not_due" | "unchanged" | "off" | "not_sqlite"


def _parse(path: Path) -> tuple[str, dt.datetime | None]:
    m = _STAMP.search(path.name)
    if m is None:
        return "", None
    try:
        return m.group(2), dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return m.group(2), None


def list_backups(path: Path) -> list[BackupFile]:
    """Every backup LandSpace made beside ``path`` (scheduled, before a migration, older
    before-import ones), newest first, with its size."""
    out = []
    for p in backups_of(path):
        label, taken = _parse(p)
        try:
            size = p.stat().st_size
        except OSError:
            continue
        out.append(BackupFile(p, label, taken, size))
    return out


def disk_usage(path: Path) -> int:
    """Bytes used by the backups beside ``path``."""
    return sum(b.size for b in list_backups(path))


def retained(backups: list[BackupFile], policy: BackupPolicy, now: dt.datetime) -> set[Path]:
    """The scheduled backups the policy keeps: the newest per day for ``keep_daily`` days, the
    newest per ISO week for ``keep_weekly`` weeks, and the newest of all."""
    dated = sorted(
        ((b.taken, b.path) for b in backups if b.label == SCHEDULED and b.taken is not None), reverse=True
    )
    keep: set[Path] = set()
    if not dated:
        return keep
    keep.add(dated[0][1])
    first_day = now.date() - dt.timedelta(days=policy.keep_daily - 1)
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    this_week = now.date() - dt.timedelta(days=now.weekday())
    first_week = this_week - dt.timedelta(weeks=max(policy.keep_weekly - 1, 0))
    for taken, p in dated:  # newest first: the first seen per day/week is that day's/week's newest
        day = taken.date()
        if day >= first_day and day not in days:
            days.add(day)
            keep.add(p)
        week = day.isocalendar()[:2]
        if policy.keep_weekly and day >= first_week and week not in weeks:
            weeks.add(week)
            keep.add(p)
    return keep


def prune(path: Path, policy: BackupPolicy, now: dt.datetime | None = None) -> list[Path]:
    """Remove the scheduled backups of ``path`` the policy does not keep; the removed files."""
    now = now or dt.datetime.now()
    backups = list_backups(path)
    keep = retained(backups, policy, now)
    removed = [b.path for b in backups if b.label == SCHEDULED and b.path not in keep]
    newest = max((b.taken for b in backups if b.label == SCHEDULED and b.taken is not None), default=None)
    # Earlier versions copied the whole database before every import and kept ten: once a
    # newer scheduled backup exists, those copies protect nothing it does not.
    removed += [
        b.path
        for b in backups
        if b.label == LEGACY_IMPORT and newest is not None and b.taken is not None and b.taken < newest
    ]
    for p in removed:
        p.unlink(missing_ok=True)
    return removed


def last_scheduled(path: Path) -> dt.datetime | None:
    stamps = [b.taken for b in list_backups(path) if b.label == SCHEDULED and b.taken is not None]
    return max(stamps, default=None)


def changed_since_backup(db: Database) -> bool:
    """Whether anything was written since the last backup: the newest audit entry is not a
    backup's own (every change is audited in its transaction, a backup records itself last)."""
    from models.accounts.entities import AuditEntry

    with db.read() as session:
        head = session.execute(
            select(AuditEntry.action, AuditEntry.entity).order_by(AuditEntry.id.desc()).limit(1)
        ).first()
    return head is None or tuple(head) != ("backup", "database")


def due(db: Database, policy: BackupPolicy, *, now: dt.datetime, at_exit: bool) -> str:
    """ "made" when a scheduled backup should be taken now, otherwise why not."""
    path = db.path
    if path is None:
        return "not_sqlite"
    if policy.when == "off":
        return "off"
    if policy.when == "exit" and not at_exit:
        return "not_due"
    last = last_scheduled(path)
    if last is not None and now - last < _PERIOD[policy.when]:
        return "not_due"
    if last is not None and not changed_since_backup(db):
        return "unchanged"
    return "made"


def apply_policy(
    db: Database, policy: BackupPolicy, *, at_exit: bool, now: dt.datetime | None = None
) -> PolicyOutcome:
    """Take the scheduled backup if it is due (verified, audited), then prune by the policy.
    The application calls this at start (``at_exit=False``) and at exit (``True``)."""
    now = now or dt.datetime.now()
    reason = due(db, policy, now=now, at_exit=at_exit)
    made = None
    if reason == "made":
        assert db.path is not None
        made = backup_name(db.path, SCHEDULED, now)
        backup_database(db, made)
    removed = tuple(prune(db.path, policy, now)) if db.path is not None else ()
    return PolicyOutcome(made, removed, reason)
