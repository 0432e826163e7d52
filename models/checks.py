"""``landspace check``: the database's integrity check plus every area's domain checks.

The database's own check (``models.db.integrity``) runs first, then each area's
``checks`` hook in ``models.areas.AREAS`` (``models/<area>/checks.py``,
``run_checks(session) -> list[Finding]``). A finding explains itself through its
problem code and fields (which rule, which document, which numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.errors import Problem


@dataclass(frozen=True)
class Finding:
    """One result of a check: the area, the record it is about, and the problem."""

    area: str
    problem: Problem
    entity: str = ""
    record_id: int | None = None
    record_label: str = ""


def run_all_checks(session: Session, *, audit_after: tuple[int, str] | None = None) -> list[Finding]:
    """Every check; ``audit_after`` (a verified checkpoint's id and hash) limits the audit
    chain's walk to the entries after it (``models.accounts.audit_checkpoint``)."""
    # Imported here, not at the top: every checks module imports ``Finding`` from this one.
    from models import areas
    from models.db import integrity

    findings = integrity.run_checks(session, audit_after=audit_after)
    for area in areas.AREAS:
        if area.checks is not None:
            findings.extend(area.checks(session))
    return findings
