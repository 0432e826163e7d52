"""Audit anchors catch what the hash chain alone cannot: history rewritten with every hash
recomputed. And a dropped append-only trigger is reported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import cli
from models.accounts.anchors import make_anchor, missing_triggers, read_anchor, verify_anchor
from models.accounts.audit import entry_hash, verify_chain
from models.accounts.entities import AuditEntry
from models.database import Database
from models.enterprises import services as enterprises
from models.errors import DomainError
from tests.models.buildings.helpers import uscc


def _three_changes(db: Database) -> None:
    for i in range(3):
        with db.write() as s:
            enterprises.create_enterprise(s, uscc=uscc(i + 1), name=f"杭州{i}号公司")


def _rewrite_history(path: Path, entry_id: int) -> None:
    """What a knowing attacker with the file does: drop the triggers, change an entry, recompute
    every later hash so the chain verifies, put the triggers back."""
    con = sqlite3.connect(path)
    triggers = con.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'"
    ).fetchall()
    con.execute("DROP TRIGGER audit_entries_no_update")
    con.execute("DROP TRIGGER audit_entries_no_delete")
    con.execute("UPDATE audit_entries SET actor = '别人' WHERE id = ?", (entry_id,))
    prev = con.execute(
        "SELECT hash FROM audit_entries WHERE id < ? ORDER BY id DESC LIMIT 1", (entry_id,)
    ).fetchone()
    prev_hash = prev[0] if prev else ""
    rows = con.execute(
        "SELECT id, at, actor, user_id, action, entity, record_id, changes, reason FROM audit_entries "
        "WHERE id >= ? ORDER BY id",
        (entry_id,),
    ).fetchall()
    import datetime as dt

    for rid, at, actor, user_id, action, entity, record_id, changes, reason in rows:
        digest = entry_hash(
            prev_hash,
            at=dt.datetime.fromisoformat(at),
            actor=actor,
            user_id=user_id,
            action=action,
            entity=entity,
            record_id=record_id,
            changes=changes,
            reason=reason,
        )
        con.execute("UPDATE audit_entries SET prev_hash = ?, hash = ? WHERE id = ?", (prev_hash, digest, rid))
        prev_hash = digest
    for (sql,) in triggers:
        con.execute(sql)
    con.commit()
    con.close()


def test_a_rewritten_history_passes_the_chain_but_not_the_anchor(db: Database, db_path: Path) -> None:
    _three_changes(db)
    with db.read() as s:
        anchor = make_anchor(s)
        first = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id).limit(1))
        assert verify_anchor(s, anchor) == []
    assert first is not None
    db.dispose()
    _rewrite_history(db_path, first)
    reopened = Database(f"sqlite:///{db_path}")
    try:
        with reopened.read() as s:
            assert verify_chain(s) == []  # the naive check is fooled …
            [problem] = verify_anchor(s, anchor)  # … the anchor is not
            assert problem.code == "audit.anchor_mismatch"
            assert missing_triggers(s) == []
    finally:
        reopened.dispose()


def test_a_dropped_trigger_is_reported(db: Database, db_path: Path) -> None:
    _three_changes(db)
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER audit_entries_no_delete")
    con.commit()
    con.close()
    with db.read() as s:
        assert missing_triggers(s) == ["audit_entries_no_delete"]


def test_a_file_that_is_not_an_anchor_is_refused_naming_it(tmp_path: Path) -> None:
    other = tmp_path / "x.json"
    other.write_text('{"entry_id": 1}', encoding="utf-8")
    with pytest.raises(DomainError) as info:
        read_anchor(other)
    assert info.value.code == "audit.anchor_unreadable"


def test_the_command_line_takes_and_checks_anchors(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _three_changes(db)
    db.dispose()
    anchor = tmp_path / "锚点-2026-12.json"
    assert cli.main(["--db", str(db_path), "audit-anchor", str(anchor)]) == 0
    out = capsys.readouterr().out
    assert "审计锚点" in out and str(anchor) in out
    assert read_anchor(anchor).entries >= 3
    assert cli.main(["--db", str(db_path), "check", "--anchor", str(anchor)]) == 0
    assert "核对一致" in capsys.readouterr().out
    plain = Database(f"sqlite:///{db_path}")
    with plain.read() as s:
        first = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id).limit(1))
    plain.dispose()
    assert first is not None
    _rewrite_history(db_path, first)
    assert cli.main(["--db", str(db_path), "check", "--anchor", str(anchor)]) == 1
    assert "被改写" in capsys.readouterr().out
