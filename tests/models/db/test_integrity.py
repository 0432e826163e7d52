from __future__ import annotations

import sqlite3
from pathlib import Path

from models.accounts.integrity import run_checks as audit_checks
from models.areas import run_all_checks
from models.database import Database
from models.db.integrity import run_checks


def test_a_new_database_checks_clean(db: Database) -> None:
    with db.read() as s:
        assert run_checks(s) == []
        assert audit_checks(s) == []
        assert [f for f in run_all_checks(s) if f.problem.is_error] == []


def test_a_dangling_foreign_key_is_found(db: Database, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute(
        "INSERT INTO policy_rules (key, title, platform_id, value, effective_from, document_no, "
        "clause, is_example, note, version) VALUES ('x', '', 999, '1', '2024-01-01', '', '', 0, '', 1)"
    )
    con.commit()
    con.close()
    with db.read() as s:
        findings = run_checks(s)
    assert [f.problem.code for f in findings] == ["database.foreign_key"]
    assert findings[0].problem.fields["parent"] == "platforms"


def test_an_audit_row_edited_behind_the_apps_back_is_found(db: Database, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER audit_entries_no_update")
    con.execute("UPDATE audit_entries SET actor = 'someone-else' WHERE id = 2")
    con.commit()
    con.close()
    with db.read() as s:
        findings = audit_checks(s)
    assert [(f.problem.code, f.record_id) for f in findings] == [
        ("audit.chain_broken", 2),
        ("audit.trigger_missing", None),
    ]
