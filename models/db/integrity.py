"""``landspace check`` (database part): SQLite's own integrity and foreign-key checks.

The audit hash chain, its triggers and the server's separation are the accounts area's
(``models.accounts.integrity``); ``models.areas.run_all_checks`` runs both."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from models.checks import Finding
from models.errors import Problem

AREA = "database"
MAX_REPORTED = 50


def run_checks(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    if session.get_bind().dialect.name == "sqlite":
        rows = [r[0] for r in session.execute(text("PRAGMA integrity_check")).all()]
        if rows != ["ok"]:
            for line in rows[:MAX_REPORTED]:
                findings.append(Finding(AREA, Problem("database.integrity", {"detail": str(line)})))
        for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check")).all()[
            :MAX_REPORTED
        ]:
            findings.append(
                Finding(
                    AREA,
                    Problem("database.foreign_key", {"table": table, "record_id": rowid, "parent": parent}),
                    entity=str(table),
                    record_id=int(rowid) if rowid is not None else None,
                )
            )
    return findings
