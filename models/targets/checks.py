"""``landspace check`` for targets: a notice for each target behind its path."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.checks import Finding
from models.errors import Problem
from models.targets.queries import target_statuses
from models.targets.status import TargetStatus


def behind_problem(status: TargetStatus) -> Problem:
    def pct(rate: object) -> object:
        return None if rate is None else rate * 100  # type: ignore[operator]

    code = {"growth": "targets.behind_growth", "clusters": "targets.behind_cluster"}.get(
        status.measure, "targets.behind"
    )
    if status.measure == "clusters" and not status.followed_chain:
        code = "targets.behind_cluster_chains"
    return Problem(
        code,
        {
            "title": status.title,
            "scope": status.scope_label,
            "year": status.year,
            "value": int(status.value) if status.measure == "clusters" else status.value,
            "unit": status.unit,
            "latest_year": status.latest_year,
            "latest_value": status.latest_value,
            "path_value": status.path_value,
            "gap": status.gap,
            "achieved_pct": pct(status.achieved_rate),
            "required_pct": pct(status.required_rate),
            "chain": status.followed_chain,
            "threshold": status.threshold,
            "clusters_now": status.clusters_now,
            "document_no": status.document_no,
            "clause": status.clause,
        },
        "info",
    )


def run_checks(session: Session) -> list[Finding]:
    return [
        Finding("targets", behind_problem(s), "targets", s.target_id, s.title)
        for s in target_statuses(session)
        if s.state == "behind"
    ]
