"""``landspace check`` for efficiency: years not (fully) evaluated, and D-class streaks."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.checks import Finding
from models.efficiency import queries as Q
from models.efficiency import rules as R
from models.efficiency.entities import EfficiencyRecord, EfficiencyResult
from models.errors import Problem


def run_checks(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    records = {
        k: v
        for k, v in session.execute(
            select(EfficiencyRecord.year, func.count()).group_by(EfficiencyRecord.year)
        )
    }
    results = {
        k: v
        for k, v in session.execute(
            select(EfficiencyResult.year, func.count()).group_by(EfficiencyResult.year)
        )
    }
    for year, n in sorted(records.items()):
        have = results.get(year, 0)
        if have == 0:
            findings.append(
                Finding(
                    "efficiency", Problem("efficiency.not_evaluated", {"year": year, "records": n}, "warning")
                )
            )
        elif have != n:
            findings.append(
                Finding(
                    "efficiency",
                    Problem(
                        "efficiency.results_stale", {"year": year, "records": n, "results": have}, "warning"
                    ),
                )
            )
    latest = max(results) if results else None
    if latest is None:
        return findings
    rule = R.rule_set_for(session, latest)
    for flag in Q.d_streaks(session, min_years=rule.rules.d_streak_years):
        findings.append(
            Finding(
                "efficiency", flag.problem(rule.ref.citation()), "enterprises", flag.enterprise_id, flag.name
            )
        )
    return findings
