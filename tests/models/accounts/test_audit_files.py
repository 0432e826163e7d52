"""Imports, exports and backups are identified in the audit: kind, file, size, SHA-256, counts."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import select

from models.accounts.audit import verify_chain
from models.accounts.entities import AuditEntry
from models.database import Database, backup_database
from models.enterprises.exchange import ENTERPRISES
from models.exchange.importer import run_import
from models.exchange.writer import export_kind
from tests.models.buildings.helpers import uscc
from tests.models.exchange.helpers import write_xlsx


def _entries(db: Database, action: str) -> list[dict[str, object]]:
    with db.read() as s:
        return [
            json.loads(c)
            for c in s.scalars(
                select(AuditEntry.changes).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        ]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_import_that_changes_records_names_its_file_and_a_repeat_writes_nothing(
    db: Database, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "名单.xlsx",
        [["统一社会信用代码", "企业名称"], [uscc(1), "杭州甲公司"], [uscc(2), "杭州乙公司"]],
    )
    assert run_import(db, ENTERPRISES, path).committed
    [entry] = _entries(db, "import")
    assert entry["kind"] == "enterprises" and entry["file"] == "名单.xlsx"
    assert entry["size"] == path.stat().st_size and entry["sha256"] == _sha(path)
    assert (entry["rows_read"], entry["created"], entry["updated"], entry["unchanged"]) == (2, 2, 0, 0)
    with db.read() as s:
        before = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    again = run_import(db, ENTERPRISES, path)
    assert again.committed and again.unchanged == 2
    with db.read() as s:
        assert s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) == before
        assert verify_chain(s) == []


def test_exports_and_backups_are_audited(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "企业.xlsx"
    export_kind(db, ENTERPRISES, out)
    [export] = _entries(db, "export")
    assert export["kind"] == "enterprises" and export["file"] == "企业.xlsx" and export["sha256"] == _sha(out)
    assert export["rows"] == 0
    copy = tmp_path / "备份.sqlite3"
    backup_database(db, copy)
    [backup] = _entries(db, "backup")
    assert backup["file"] == "备份.sqlite3" and backup["size"] == copy.stat().st_size
