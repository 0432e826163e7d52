"""Idle land (闲置土地), derived from each plot's land-contract dates and progress.

国土资源部令第53号 第二条 ([L], docs/domain.md §10): idle when more than one year has passed since the
agreed start date without starting; or when started, less than one third of the area is
developed or less than 25 % of the committed investment made, and work has been halted for
a year. The thresholds are a dated rule (``land.idle_land``), entered as an example with its
source until the text is verified. A plot whose 达产复核 is done is past that stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.land.entities import Plot
from models.policy.rules import RuleRef, rule_in_force

IDLE_RULE = "land.idle_land"
IDLE_DEFAULT = {
    "start_overdue_years": 1,
    "developed_share_below": "0.333333",
    "investment_share_below": "0.25",
    "halted_years": 1,
}
IDLE_SOURCE = "国土资源部令第53号 第二条（[L] 条文未逐字核对）"
IDLE_FROM = dt.date(2012, 7, 1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class IdleFinding:
    plot_id: int
    plot_code: str
    reason: str  # not_started | halted_underdeveloped
    since: dt.date
    fields: dict[str, Any]


def idle_reason(plot: Plot, on: dt.date, value: dict[str, Any]) -> tuple[str, dt.date, dict[str, Any]] | None:
    """Why ``plot`` is idle on ``on`` under the rule value, or None."""
    if plot.production_reviewed_on is not None and plot.production_reviewed_on <= on:
        return None
    years = int(value.get("start_overdue_years", 1))
    if plot.agreed_start_on is not None and (plot.started_on is None or plot.started_on > on):
        since = _add_years(plot.agreed_start_on, years)
        if on > since:
            return "not_started", since, {"agreed_start_on": plot.agreed_start_on, "years": years}
        return None
    if plot.started_on is None or plot.halted_since is None:
        return None
    halted = _add_years(plot.halted_since, int(value.get("halted_years", 1)))
    if on < halted:
        return None
    dev_below = Decimal(str(value.get("developed_share_below", "0.333333")))
    inv_below = Decimal(str(value.get("investment_share_below", "0.25")))
    developed = plot.developed_share
    inv_share = (
        plot.invested / plot.committed_investment
        if plot.invested is not None and plot.committed_investment
        else None
    )
    if (developed is not None and developed < dev_below) or (inv_share is not None and inv_share < inv_below):
        return (
            "halted_underdeveloped",
            halted,
            {"developed_share": developed, "investment_share": inv_share, "halted_since": plot.halted_since},
        )
    return None


def idle_plots(session: Session, *, on: dt.date, plot_ids: list[int] | None = None) -> list[IdleFinding]:
    """Every plot idle on ``on`` (or among ``plot_ids``), by code, citing the rule applied."""
    ref: RuleRef | None = rule_in_force(session, IDLE_RULE, on=on)
    if ref is None or not isinstance(ref.value, dict):
        return []
    stmt = select(Plot).order_by(Plot.code)
    if plot_ids is not None:
        stmt = stmt.where(Plot.id.in_(plot_ids))
    out = []
    for plot in session.scalars(stmt):
        found = idle_reason(plot, on, ref.value)
        if found is not None:
            reason, since, fields = found
            out.append(IdleFinding(plot.id, plot.code, reason, since, {**fields, **ref.citation()}))
    return out


def is_idle(session: Session, plot_id: int | None, *, on: dt.date) -> IdleFinding | None:
    if plot_id is None:
        return None
    found = idle_plots(session, on=on, plot_ids=[plot_id])
    return found[0] if found else None
