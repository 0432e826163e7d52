"""``check`` walks only the audit entries after its checkpoint; ``check --full`` walks all.
An edit before the checkpoint is still caught by ``--full``, an edit after it by plain ``check``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop import cli
from models.accounts import audit_checkpoint
from models.accounts.audit import verify_chain
from models.accounts.entities import AuditEntry
from models.database import Database
from models.enterprises import services as enterprises
from tests.models.accounts.test_anchors import _rewrite_history
from tests.models.buildings.helpers import uscc


def _changes(db: Database, start: int, n: int) -> None:
    for i in range(start, start + n):
        with db.write() as s:
            enterprises.create_enterprise(s, uscc=uscc(i + 1), name=f"杭州{i}号公司")


def _ids(db: Database) -> list[int]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def _tamper(path: Path, entry_id: int) -> None:
    """A naive edit behind the app's back: the triggers dropped, one entry's actor changed."""
    con = sqlite3.connect(path)
    triggers = con.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'"
    ).fetchall()
    con.execute("DROP TRIGGER audit_entries_no_update")
    con.execute("UPDATE audit_entries SET actor = '别人' WHERE id = ?", (entry_id,))
    for (sql,) in triggers:
        if "no_update" in sql:
            con.execute(sql)
    con.commit()
    con.close()


def _check(db_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = cli.main(["--db", str(db_path), "check", *extra])
    return code, capsys.readouterr().out


def test_verify_after_a_checkpoint_walks_only_what_is_new(db: Database) -> None:
    _changes(db, 0, 3)
    with db.read() as s:
        head = audit_checkpoint.head(s)
        assert head is not None
        before = int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    _changes(db, 3, 2)
    with db.read() as s:
        assert verify_chain(s, after=head.after) == []
        walked = int(
            s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.id > head.entry_id)) or 0
        )
    assert 0 < walked < before + walked  # the walk covers only the newer entries


def test_a_checkpoint_that_does_not_match_the_file_walks_the_whole_chain(db: Database, db_path: Path) -> None:
    _changes(db, 0, 3)
    first = _ids(db)[0]
    db.dispose()
    _tamper(db_path, first)
    reopened = Database(f"sqlite:///{db_path}")
    try:
        with reopened.read() as s:
            # a checkpoint naming an entry that is not there (a restored older file): the whole chain
            assert [p.fields["entry_id"] for p in verify_chain(s, after=(10**9, "0" * 64))] == [first]
    finally:
        reopened.dispose()


def test_check_keeps_a_checkpoint_and_full_still_catches_an_edit_before_it(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _changes(db, 0, 3)
    db.dispose()
    code, out = _check(db_path, capsys)
    assert code == 0 and "检查点" not in out  # the first check walks everything
    assert "备份共 0 份" in out  # and says what backups use on disk
    stored = audit_checkpoint.read_checkpoint(audit_checkpoint.checkpoint_file(db_path))
    assert stored is not None
    db = Database(f"sqlite:///{db_path}")
    _changes(db, 3, 2)
    ids = _ids(db)
    db.dispose()
    _tamper(db_path, ids[0])  # before the checkpoint
    code, out = _check(db_path, capsys)
    assert code == 0 and f"检查点（第 {stored.entry_id} 条" in out  # plain check: only the new entries
    moved = audit_checkpoint.read_checkpoint(audit_checkpoint.checkpoint_file(db_path))
    assert moved is not None and moved.entry_id == ids[-1]  # … verified, so the checkpoint moves on
    code, out = _check(db_path, capsys, "--full")
    assert code == 1 and "审计" in out  # the whole chain: the edit is found
    # a check that found a break does not move the checkpoint
    assert audit_checkpoint.read_checkpoint(audit_checkpoint.checkpoint_file(db_path)) == moved


def test_an_edit_after_the_checkpoint_is_caught_by_plain_check(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _changes(db, 0, 2)
    db.dispose()
    assert _check(db_path, capsys)[0] == 0
    stored = audit_checkpoint.read_checkpoint(audit_checkpoint.checkpoint_file(db_path))
    assert stored is not None
    db = Database(f"sqlite:///{db_path}")
    _changes(db, 2, 2)
    newer = [i for i in _ids(db) if i > stored.entry_id]
    db.dispose()
    _tamper(db_path, newer[1])
    code, out = _check(db_path, capsys)
    assert code == 1 and "检查点" in out


def test_anchors_still_prove_the_whole_history_with_a_checkpoint(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _changes(db, 0, 3)
    db.dispose()
    anchor = tmp_path / "anchor.json"
    assert cli.main(["--db", str(db_path), "audit-anchor", str(anchor)]) == 0
    assert _check(db_path, capsys)[0] == 0  # a checkpoint now exists
    first = _ids(Database(f"sqlite:///{db_path}"))[0]
    _rewrite_history(db_path, first)
    code, out = _check(db_path, capsys, "--anchor", str(anchor))
    assert code == 1 and "被改写" in out and "检查点" not in out  # with an anchor: the whole chain
