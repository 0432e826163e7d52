"""Each target with its actuals, the path needed to reach it and whether it is on track.

Actuals of an indicator for a scope, year by year: the statistics bureau's figure when
one was imported (``statistics``), otherwise — for 规上工业总产值 only — the sum of the
output of above-scale (规上) enterprises in the efficiency records (万元 → 亿元), by
platform and by industry chain. Money is compared in 亿元; every number is a Decimal.

The path (``measure``):

- ``level`` — reach ``value`` by ``year``: the constant-growth path from the first
  actual year (or ``base_year``) to the target; on track when the latest actual is on
  or above the path; ``required_rate`` is the yearly growth still needed from the latest
  actual to the target.
- ``growth`` — grow at least ``value`` % a year on average from the base year: the
  achieved average rate against ``value``; ``required_rate`` is what the remaining
  years need to bring the average back to ``value`` by ``year``.
- ``clusters`` — at least ``value`` industry chains at ``threshold`` or more: the largest
  chain not yet at the threshold is followed like a ``level`` target (with fewer chains
  than clusters wanted, the target is behind with nothing to follow).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, localcontext

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.efficiency.entities import EfficiencyRecord
from models.enterprises.entities import Enterprise
from models.policy.entities import Target
from models.policy.queries import platform_names
from models.targets.entities import Statistic
from models.targets.status import RECORDS, VALUE_PLACES, ChainValue, TargetStatus, YearValue, grow, on_path

OUTPUT = "规上工业总产值"
MONEY_TO_YI = {"亿元": Decimal(1), "万元": Decimal("0.0001"), "元": Decimal("0.00000001")}
RATE_PLACES = Decimal("0.0001")


def _root(ratio: Decimal, years: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return ratio ** (Decimal(1) / Decimal(years))


def rate(start: Decimal, end: Decimal, years: int) -> Decimal | None:
    """Average yearly growth from ``start`` to ``end`` over ``years`` (None when undefined)."""
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return (_root(end / start, years) - 1).quantize(RATE_PLACES)


def to_yi(value: Decimal, unit: str) -> Decimal:
    return value * MONEY_TO_YI[unit] if unit in MONEY_TO_YI else value


def statistics_series(
    session: Session, *, indicator: str, platform_id: int | None, chain: str | None
) -> dict[tuple[str, int], YearValue]:
    """(chain, year) → the bureau's figure; ``chain`` None: every chain (and the totals, chain '')."""
    stmt = select(Statistic).where(
        Statistic.indicator == indicator,
        Statistic.platform_id.is_(None) if platform_id is None else Statistic.platform_id == platform_id,
    )
    if chain is not None:
        stmt = stmt.where(Statistic.chain == chain)
    return {
        (s.chain, s.year): YearValue(
            s.year, to_yi(s.value, s.unit).quantize(VALUE_PLACES), s.source_department or "-"
        )
        for s in session.scalars(stmt)
    }


def records_output(session: Session, *, platform_id: int | None) -> dict[tuple[str, int], Decimal]:
    """(chain, year) → output of above-scale enterprises in 亿元 from the efficiency records;
    chain '' holds the total of all chains."""
    out: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    # Summed in SQL per (chain, year): exact (scaled integers), and ~100 groups read instead of
    # every record (200,000 at ten times the district, read at each start for the overview).
    rows = session.execute(
        select(Enterprise.industry_chain, EfficiencyRecord.year, func.sum(EfficiencyRecord.output))
        .join(Enterprise, Enterprise.id == EfficiencyRecord.enterprise_id)
        .where(
            EfficiencyRecord.above_scale.is_(True),
            EfficiencyRecord.output.is_not(None),
            *([Enterprise.platform_id == platform_id] if platform_id is not None else []),
        )
        .group_by(Enterprise.industry_chain, EfficiencyRecord.year)
    )
    for chain, year, output in rows:
        yi = (output or Decimal(0)) * MONEY_TO_YI["万元"]
        out[(chain or "其他", year)] += yi
        out[("", year)] += yi
    return {k: v.quantize(VALUE_PLACES) for k, v in out.items()}


def actual_series(
    session: Session, *, indicator: str, platform_id: int | None
) -> dict[str, tuple[YearValue, ...]]:
    """chain → the indicator year by year ('' = the scope's total), statistics first."""
    merged: dict[tuple[str, int], YearValue] = {}
    if indicator == OUTPUT:
        merged = {
            k: YearValue(k[1], v, RECORDS)
            for k, v in records_output(session, platform_id=platform_id).items()
        }
    merged.update(statistics_series(session, indicator=indicator, platform_id=platform_id, chain=None))
    by_chain: dict[str, list[YearValue]] = defaultdict(list)
    for (chain, _year), yv in merged.items():
        by_chain[chain].append(yv)
    return {c: tuple(sorted(vs, key=lambda v: v.year)) for c, vs in by_chain.items()}


def _level(target: Target, series: tuple[YearValue, ...], end: Decimal) -> dict[str, object]:
    if not series:
        return {"state": "no_data"}
    base = next((v for v in series if v.year == target.base_year), series[0])
    latest = series[-1]
    out: dict[str, object] = {
        "latest_year": latest.year,
        "latest_value": latest.value,
        "base_year": base.year,
        "base_value": base.value,
        "achieved_rate": rate(base.value, latest.value, latest.year - base.year),
        "required_rate": rate(latest.value, end, target.year - latest.year),
    }
    if latest.value >= end:
        return {**out, "state": "reached", "required_rate": None}
    path = on_path(base.value, end, base.year, target.year, latest.year)
    state = "on_track" if latest.value >= path else "behind"
    return {**out, "state": state, "path_value": path, "gap": latest.value - path}


def _growth(target: Target, series: tuple[YearValue, ...]) -> dict[str, object]:
    wanted = target.value / 100
    usable = [v for v in series if target.base_year is None or v.year >= target.base_year]
    if len(usable) < 2:
        return {
            "state": "no_data",
            **({"latest_year": usable[-1].year, "latest_value": usable[-1].value} if usable else {}),
        }
    base, latest = usable[0], usable[-1]
    achieved = rate(base.value, latest.value, latest.year - base.year)
    path = grow(base.value, wanted, latest.year - base.year).quantize(VALUE_PLACES)
    end = grow(base.value, wanted, target.year - base.year)
    state = "on_track" if achieved is not None and achieved >= wanted else "behind"
    return {
        "state": state,
        "latest_year": latest.year,
        "latest_value": latest.value,
        "base_year": base.year,
        "base_value": base.value,
        "achieved_rate": achieved,
        "path_value": path,
        "gap": latest.value - path,
        "required_rate": rate(latest.value, end, target.year - latest.year),
    }


def _clusters(target: Target, chains: dict[str, tuple[YearValue, ...]]) -> dict[str, object]:
    assert target.threshold is not None
    ranked = sorted(
        ((c, s) for c, s in chains.items() if c and s), key=lambda cs: cs[1][-1].value, reverse=True
    )
    values = tuple(ChainValue(c, s) for c, s in ranked)
    if not ranked:
        return {"state": "no_data"}
    latest_year = max(s[-1].year for _, s in ranked)
    now = sum(1 for _, s in ranked if s[-1].year == latest_year and s[-1].value >= target.threshold)
    needed = int(target.value)
    common = {"chains": values, "clusters_now": now}
    if now >= needed:
        return {**common, "state": "reached", "latest_year": latest_year}
    candidates = [(c, s) for c, s in ranked if s[-1].value < target.threshold]
    if not candidates:  # fewer chains than clusters wanted: nothing to follow
        return {**common, "state": "behind", "latest_year": latest_year}
    followed_chain, series = candidates[0]  # the largest chain not yet a cluster
    result = _level(target, series, target.threshold)
    return {**result, **common, "followed_chain": followed_chain, "actual": series}


def target_statuses(session: Session, *, up_to: int | None = None) -> list[TargetStatus]:
    """Every target (by year, then as entered); ``up_to``: actuals of that year and before only."""
    names = platform_names(session)
    statuses: list[TargetStatus] = []
    cache: dict[tuple[str, int | None], dict[str, tuple[YearValue, ...]]] = {}
    for target in session.scalars(select(Target).order_by(Target.year, Target.id)):
        indicator = target.indicator or OUTPUT
        key = (indicator, target.platform_id)
        if key not in cache:
            found_series = actual_series(session, indicator=indicator, platform_id=target.platform_id)
            if up_to is not None:
                found_series = {c: tuple(v for v in s if v.year <= up_to) for c, s in found_series.items()}
            cache[key] = {c: s for c, s in found_series.items() if s}
        chains = cache[key]
        series = chains.get(target.chain if target.scope == "chain" else "", ())
        if target.measure == "growth":
            found = _growth(target, series)
        elif target.measure == "clusters":
            found = _clusters(target, chains)
        else:
            found = _level(target, series, target.value)
        scope_label = names.get(target.platform_id, "") if target.platform_id is not None else ""
        if target.scope == "chain":
            scope_label = f"{scope_label} {target.chain}".strip()
        actual = found.pop("actual", series)
        statuses.append(
            TargetStatus(
                target_id=target.id,
                key=target.key,
                title=target.title or target.key,
                scope=target.scope,
                scope_label=scope_label,
                indicator=indicator,
                measure=target.measure,
                year=target.year,
                value=Decimal(target.value),
                unit=target.unit,
                threshold=None if target.threshold is None else Decimal(target.threshold),
                document_no=target.document_no,
                clause=target.clause,
                is_example=target.is_example,
                actual=actual,  # type: ignore[arg-type]
                **found,  # type: ignore[arg-type]
            )
        )
    return statuses
