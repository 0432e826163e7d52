"""``landspace check`` (database part): SQLite's own checks and the audit hash chain."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from models.checks import Finding
from models.errors import Problem

AREA = "database"
MAX_REPORTED = 50


def run_checks(session: Session, *, audit_after: tuple[int, str] | None = None) -> list[Finding]:
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
    from models.accounts.anchors import missing_triggers
    from models.accounts.audit import verify_chain

    for problem in verify_chain(session, after=audit_after)[:MAX_REPORTED]:
        findings.append(
            Finding("audit", problem, entity="audit_entries", record_id=int(problem.fields["entry_id"]))
        )
    from models.accounts.server_security import security_problems

    for what, where in security_problems(session)[:MAX_REPORTED]:
        if what == "not_installed":  # a server used without separation: said, not an error
            findings.append(Finding(AREA, Problem("server.not_installed", {}, "warning")))
        else:
            findings.append(Finding(AREA, Problem("server.security", {"what": what, "where": where})))
    for trigger in missing_triggers(session):
        findings.append(
            Finding("audit", Problem("audit.trigger_missing", {"trigger": trigger}), entity="audit_entries")
        )
    return findings
