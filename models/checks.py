"""What ``landspace check`` reports: a ``Finding``.

The database's own check (``models.db.integrity``) and each area's ``checks`` hook
(``models/<area>/checks.py``, ``run_checks(session) -> list[Finding]``) return findings;
``models.areas.run_all_checks`` runs them all. A finding explains itself through its
problem code and fields (which rule, which document, which numbers). This module sits
below every area (it imports nothing of them), so an area's checks can name the type.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.errors import Problem


@dataclass(frozen=True)
class Finding:
    """One result of a check: the area, the record it is about, and the problem."""

    area: str
    problem: Problem
    entity: str = ""
    record_id: int | None = None
    record_label: str = ""
