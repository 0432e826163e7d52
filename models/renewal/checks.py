"""``landspace check`` for renewal projects: stage vs history, re-supplied cases without a
plot, new construction land re-supplied without its quota-ledger use."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.checks import Finding
from models.errors import Problem
from models.land.entities import Plot
from models.renewal import queries as Q
from models.renewal.entities import Stage
from models.renewal.services import stage_index


def run_checks(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    for p in Q.list_projects(session):

        def add(code: str, severity: str = "error", p: Q.ProjectRow = p, **fields: object) -> None:
            findings.append(
                Finding(
                    "renewal",
                    Problem(code, {"code": p.code, **fields}, severity),
                    "renewal_projects",
                    p.id,
                    p.code,
                )
            )

        history = Q.stage_history(session, project_id=p.id)
        if not history or history[-1].stage != p.stage:
            add("renewal.stage_mismatch", stage=p.stage, last=history[-1].stage if history else "")
        if any(b.on_date < a.on_date for a, b in zip(history, history[1:], strict=False)):
            add("renewal.history_out_of_order")
        if p.stage != Stage.STOPPED and stage_index(p.stage) >= stage_index(Stage.RESUPPLIED):
            if not p.plot_ids:
                add("renewal.plot_required", "warning")
            elif p.quota_use_id is None:
                new_land = [
                    pl.code
                    for pl in (session.get(Plot, i) for i in p.plot_ids)
                    if pl is not None and pl.land_source == "new"
                ]
                if new_land:
                    add("renewal.quota_use_required", "warning", plots="、".join(new_land))
    return findings
