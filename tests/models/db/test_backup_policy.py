"""Scheduled backups: taken when due and only after a change, pruned by the user's rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models import backup_policy
from models.backup_policy import SCHEDULED, BackupFile, BackupPolicy, apply_policy, retained
from models.database import Database
from models.db.backup import backup_name
from models.errors import DomainError
from models.policy.services import add_choice

NOW = dt.datetime(2026, 12, 6, 18, 0, 0)  # a Sunday


def _taken(t: dt.datetime | None) -> dt.datetime:
    assert t is not None
    return t


def _files(path: Path, stamps: list[dt.datetime]) -> list[BackupFile]:
    return [BackupFile(backup_name(path, SCHEDULED, s), SCHEDULED, s, 1) for s in stamps]


def test_retention_keeps_the_newest_per_day_and_per_week(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    # two a day for 60 days
    stamps = [NOW - dt.timedelta(days=d, hours=h) for d in range(60) for h in (1, 9)]
    files = _files(db, stamps)
    kept = retained(files, BackupPolicy(when="daily", keep_daily=7, keep_weekly=4), NOW)
    by_path = {f.path: f.taken for f in files}
    kept_times = sorted((_taken(by_path[p]) for p in kept), reverse=True)
    days = [t for t in kept_times if t.date() > NOW.date() - dt.timedelta(days=7)]
    assert [t.hour for t in days] == [17] * 7  # the newest of each of the last 7 days
    older = [t for t in kept_times if t not in days]
    # the newest of each of the 3 earlier ISO weeks (this week's newest is already among the days)
    assert [t.date().isocalendar()[:2] for t in older] == [(2026, 48), (2026, 47), (2026, 46)]
    assert all(t.weekday() == 6 and t.hour == 17 for t in older)  # each week's newest: its Sunday evening
    assert len(kept) == 10


def test_retention_always_keeps_the_newest(tmp_path: Path) -> None:
    files = _files(tmp_path / "d.sqlite3", [NOW - dt.timedelta(days=400)])
    assert retained(files, BackupPolicy(keep_daily=1, keep_weekly=0), NOW) == {files[0].path}


def test_invalid_policy_is_refused() -> None:
    with pytest.raises(DomainError):
        BackupPolicy(when="hourly")
    with pytest.raises(DomainError):
        BackupPolicy(keep_daily=0)


def _change(db: Database, name: str) -> None:
    with db.write() as s:
        add_choice(s, category="test", value=name)


def test_scheduled_backup_only_when_due_and_changed(db: Database) -> None:
    assert db.path is not None
    daily = BackupPolicy(when="daily")
    first = apply_policy(db, daily, at_exit=True, now=NOW)
    assert first.reason == "made" and first.made is not None and first.made.exists()
    assert apply_policy(db, daily, at_exit=True, now=NOW + dt.timedelta(hours=2)).reason == "not_due"
    # a day later but nothing changed: the last backup is still the database
    assert (
        apply_policy(db, daily, at_exit=False, now=NOW + dt.timedelta(days=1, hours=1)).reason == "unchanged"
    )
    _change(db, "甲")
    later = apply_policy(db, daily, at_exit=False, now=NOW + dt.timedelta(days=1, hours=2))
    assert later.reason == "made" and later.made is not None
    assert [b.path for b in backup_policy.list_backups(db.path)] == [later.made, first.made]


def test_exit_policy_backs_up_at_every_exit_after_a_change_and_prunes(db: Database) -> None:
    assert db.path is not None
    policy = BackupPolicy(when="exit", keep_daily=2, keep_weekly=0)
    assert apply_policy(db, policy, at_exit=False, now=NOW).reason == "not_due"
    made = []
    for day in range(4):
        _change(db, f"v{day}")
        outcome = apply_policy(db, policy, at_exit=True, now=NOW + dt.timedelta(days=day))
        assert outcome.reason == "made"
        made.append(outcome.made)
    assert [b.path for b in backup_policy.list_backups(db.path)] == [made[3], made[2]]  # 2 days kept
    assert backup_policy.disk_usage(db.path) == sum(p.stat().st_size for p in made[2:] if p is not None)


def test_off_never_backs_up(db: Database) -> None:
    assert apply_policy(db, BackupPolicy(when="off"), at_exit=True, now=NOW).made is None


def test_migration_and_manual_backups_are_never_pruned(db: Database, tmp_path: Path) -> None:
    from models.db.backup import backup_file

    assert db.path is not None
    before = backup_name(db.path, "before-0002", NOW - dt.timedelta(days=300))
    backup_file(db.path, before)
    apply_policy(db, BackupPolicy(when="exit", keep_daily=1, keep_weekly=0), at_exit=True, now=NOW)
    assert before.exists()
    assert {b.label for b in backup_policy.list_backups(db.path)} == {"before-0002", SCHEDULED}


def test_the_policy_lives_beside_the_database(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    assert backup_policy.load_policy(path) == BackupPolicy()  # none stored: daily, 7 days, 4 weeks
    backup_policy.save_policy(path, BackupPolicy("weekly", 3, 8))
    assert backup_policy.load_policy(path) == BackupPolicy("weekly", 3, 8)
    backup_policy.policy_file(path).write_text('{"when": "hourly", "keep_daily": 1, "keep_weekly": 1}')
    assert backup_policy.load_policy(path) == BackupPolicy()  # an invalid file: the default, not a crash


def test_copies_earlier_versions_took_before_imports_go_once_a_newer_scheduled_backup_exists(
    db: Database,
) -> None:
    from models.db.backup import backup_file

    assert db.path is not None
    old = [backup_name(db.path, "before-import", NOW - dt.timedelta(days=d)) for d in (1, 2)]
    for p in old:
        backup_file(db.path, p)
    assert backup_policy.prune(db.path, BackupPolicy(), NOW) == []  # no scheduled backup yet: kept
    outcome = apply_policy(db, BackupPolicy(), at_exit=True, now=NOW)
    assert outcome.made is not None and set(outcome.removed) == set(old)
    assert [b.label for b in backup_policy.list_backups(db.path)] == [SCHEDULED]
