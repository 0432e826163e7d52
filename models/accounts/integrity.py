"""``landspace check`` (accounts part): the audit log's hash chain and append-only triggers,
and, on a server, the separation of the accounts' roles (``models.accounts.server_security``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.accounts.anchors import missing_triggers
from models.accounts.audit import verify_chain
from models.accounts.server_security import security_problems
from models.checks import Finding
from models.db.integrity import AREA, MAX_REPORTED
from models.errors import Problem


def run_checks(session: Session, *, audit_after: tuple[int, str] | None = None) -> list[Finding]:
    """``audit_after`` (a verified checkpoint's id and hash) limits the chain's walk to the
    entries after it (``models.accounts.audit_checkpoint``)."""
    findings: list[Finding] = []
    for problem in verify_chain(session, after=audit_after)[:MAX_REPORTED]:
        findings.append(
            Finding("audit", problem, entity="audit_entries", record_id=int(problem.fields["entry_id"]))
        )
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
