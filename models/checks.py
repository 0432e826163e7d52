"""``landspace check``: the database's integrity check plus every area's domain checks.

Each area may provide ``models/<area>/checks.py`` with
``run_checks(session) -> list[Finding]``. A finding explains itself through its
problem code and fields (which rule, which document, which numbers).
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.errors import Problem

AREA_MODULES = (
    "models.db.integrity",
    "models.accounts.checks",
    "models.policy.checks",
    "models.quotas.checks",
    "models.land.checks",
    "models.efficiency.checks",
    "models.renewal.checks",
    "models.buildings.checks",
    "models.incubation.checks",
)


@dataclass(frozen=True)
class Finding:
    """One result of a check: the area, the record it is about, and the problem."""

    area: str
    problem: Problem
    entity: str = ""
    record_id: int | None = None
    record_label: str = ""


def run_all_checks(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    for name in AREA_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        findings.extend(importlib.import_module(name).run_checks(session))
    return findings
