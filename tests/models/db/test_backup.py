from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.database import Database, backup_database, open_database
from models.db.backup import integrity_ok
from models.errors import DomainError
from models.policy.entities import ChoiceItem
from models.progress import CancelledError, Progress


class Recorder(Progress):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[int, int]] = []

    def on_update(self) -> None:
        self.seen.append((self.done, self.total))


def _fill(db: Database, n: int, tag: str) -> None:
    with db.write() as s:
        for i in range(n):
            s.add(ChoiceItem(category=f"bulk_{tag}", value=f"{tag}-{i}-" + "x" * 80))


def test_backup_is_a_working_landspace_database_with_progress(db: Database, tmp_path: Path) -> None:
    _fill(db, 2000, "a")
    dest = tmp_path / "out" / "copy.sqlite3"
    progress = Recorder()
    backup_database(db, dest, progress)
    assert integrity_ok(dest)
    assert progress.seen and progress.seen[-1][0] == progress.seen[-1][1] > 0
    copy = open_database(dest)
    with copy.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(ChoiceItem).where(ChoiceItem.category == "bulk_a"))
            == 2000
        )
    copy.dispose()


def test_backup_taken_while_another_thread_writes_passes_integrity_check(
    db: Database, tmp_path: Path
) -> None:
    _fill(db, 3000, "seed")
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        i = 0
        try:
            while not stop.is_set() or i < 20:
                _fill(db, 25, f"w{i}")
                written.append(i)
                i += 1
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 3:
            threading.Event().wait(0.01)
        backups = [tmp_path / f"b{i}.sqlite3" for i in range(3)]
        for dest in backups:
            backup_database(db, dest)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    for dest in backups:
        assert integrity_ok(dest)
        con = sqlite3.connect(dest)
        try:
            # a consistent snapshot: every batch of 25 is whole
            counts = con.execute(
                "SELECT category, count(*) FROM choice_items WHERE category LIKE 'bulk_w%' GROUP BY category"
            ).fetchall()
        finally:
            con.close()
        assert all(n == 25 for _c, n in counts)


def test_cancelled_backup_leaves_nothing(db: Database, tmp_path: Path) -> None:
    _fill(db, 3000, "c")

    class CancelAtOnce(Progress):
        def on_update(self) -> None:
            self.cancel()

    dest = tmp_path / "c.sqlite3"
    with pytest.raises(CancelledError):
        backup_database(db, dest, CancelAtOnce())
    assert list(tmp_path.glob("c.sqlite3*")) == []


def test_backup_onto_itself_is_refused(db: Database) -> None:
    assert db.path is not None
    with pytest.raises(DomainError) as info:
        backup_database(db, db.path)
    assert info.value.code == "backup.same_file"


def test_automatic_backups_before_an_operation_are_pruned(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from models.db import backup as backup_module
    from models.db.backup import AUTOMATIC_KEEP, backup_before, backups_of

    assert db.path is not None
    clock = [dt.datetime(2025, 1, 1, 8, 0, 0)]
    real = backup_module.backup_name

    def stamped(path: Path, label: str, when: dt.datetime | None = None) -> Path:
        clock[0] += dt.timedelta(seconds=1)
        return real(path, label, clock[0])

    monkeypatch.setattr(backup_module, "backup_name", stamped)
    made = [backup_before(db.path, "import") for _ in range(AUTOMATIC_KEEP + 3)]
    kept = backups_of(db.path)
    assert len(kept) == AUTOMATIC_KEEP
    assert made[-1] in kept and made[0] not in kept
    assert all(integrity_ok(p) for p in kept)
