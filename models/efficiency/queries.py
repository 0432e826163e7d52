"""Read-only views for the efficiency page, exports and checks: frozen rows, never ORM objects."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.efficiency import rules as R
from models.efficiency.engine import Q6, ItemScore
from models.efficiency.entities import EfficiencyRecord, EfficiencyResult
from models.enterprises.entities import Enterprise
from models.errors import NotFoundError, Problem
from models.policy.entities import Platform, PolicyRule
from models.policy.queries import platform_choices

_MU = Decimal(15) / Decimal(10000)


@dataclass(frozen=True, slots=True)
class RecordRow:
    id: int
    enterprise_id: int
    uscc: str
    name: str
    platform_id: int | None
    platform_name: str
    year: int
    above_scale: bool
    land_m2: Decimal | None
    tax: Decimal | None
    value_added: Decimal | None
    output: Decimal | None
    main_revenue: Decimal | None
    energy_tce: Decimal | None
    emissions_t: Decimal | None
    electricity_mwh: Decimal | None
    rd_spending: Decimal | None
    employees: int | None
    status: str
    protection_from: dt.date | None
    protection_to: dt.date | None
    note: str
    version: int
    rented_out_plants: int = 0  # 出租厂房（处）: the rule's deductions
    major_incident: bool = False  # 重大安全、环保事故: the rule's vetoes

    @property
    def land_mu(self) -> Decimal | None:
        return None if self.land_m2 is None else self.land_m2 * _MU

    def per_mu(self, value: Decimal | None) -> Decimal | None:
        mu = self.land_mu
        if value is None or mu is None or mu <= 0:
            return None
        return (value / mu).quantize(Q6)

    @property
    def tax_per_mu(self) -> Decimal | None:
        return self.per_mu(self.tax)

    @property
    def va_per_mu(self) -> Decimal | None:
        return self.per_mu(self.value_added)


def latest_classes(session: Session) -> dict[int, str]:
    """Each evaluated enterprise's class (A–D) in its latest evaluated year."""
    latest = (
        select(EfficiencyResult.enterprise_id, func.max(EfficiencyResult.year).label("y"))
        .group_by(EfficiencyResult.enterprise_id)
        .subquery()
    )
    stmt = select(EfficiencyResult.enterprise_id, EfficiencyResult.klass).join(
        latest,
        (latest.c.enterprise_id == EfficiencyResult.enterprise_id) & (latest.c.y == EfficiencyResult.year),
    )
    return {eid: klass for eid, klass in session.execute(stmt) if klass}


def has_results(session: Session) -> bool:
    """Whether any year has been evaluated."""
    return session.scalar(select(EfficiencyResult.id).limit(1)) is not None


def years(session: Session) -> list[int]:
    """Years with records, newest first."""
    return [
        int(y)
        for y in session.scalars(
            select(EfficiencyRecord.year).distinct().order_by(EfficiencyRecord.year.desc())
        )
    ]


def list_records(
    session: Session,
    *,
    year: int | None = None,
    platform_id: int | None = None,
    enterprise_id: int | None = None,
) -> list[RecordRow]:
    r = EfficiencyRecord
    stmt = (
        select(
            r.id,
            r.enterprise_id,
            Enterprise.uscc,
            Enterprise.name,
            Enterprise.platform_id,
            Platform.name,
            r.year,
            r.above_scale,
            r.land_area_m2,
            r.tax,
            r.value_added,
            r.output,
            r.main_revenue,
            r.energy_tce,
            r.emissions_t,
            r.electricity_mwh,
            r.rd_spending,
            r.employees,
            r.status,
            r.protection_from,
            r.protection_to,
            r.note,
            r.version,
            r.rented_out_plants,
            r.major_incident,
        )
        .join(Enterprise, Enterprise.id == r.enterprise_id)
        .outerjoin(Platform, Platform.id == Enterprise.platform_id)
        .order_by(r.year.desc(), Enterprise.name, r.id)
    )
    if year is not None:
        stmt = stmt.where(r.year == year)
    if platform_id is not None:
        stmt = stmt.where(Enterprise.platform_id == platform_id)
    if enterprise_id is not None:
        stmt = stmt.where(r.enterprise_id == enterprise_id)
    out = []
    for row in session.execute(stmt):
        vals = list(row)
        vals[5] = vals[5] or ""
        vals[21] = vals[21] or ""
        vals[23] = vals[23] or 0
        vals[24] = bool(vals[24])
        out.append(RecordRow(*vals))
    return out


@dataclass(frozen=True, slots=True)
class ResultRow:
    enterprise_id: int
    uscc: str
    name: str
    platform_id: int | None
    platform_name: str
    year: int
    group: str
    score: Decimal | None
    rank: int | None
    group_size: int
    klass: str
    rule_id: int | None
    evaluated_at: dt.datetime
    industry: str = ""  # the industry subgroup where the rule groups by industry


def list_results(session: Session, *, year: int, platform_id: int | None = None) -> list[ResultRow]:
    """The year's results ordered by group (and industry, where the rule splits by it), then rank."""
    r = EfficiencyResult
    sizes = {
        (g, ind): int(n)
        for g, ind, n in session.execute(
            select(r.group, r.industry, func.count()).where(r.year == year).group_by(r.group, r.industry)
        )
    }
    stmt = (
        select(
            r.enterprise_id,
            Enterprise.uscc,
            Enterprise.name,
            Enterprise.platform_id,
            Platform.name,
            r.year,
            r.group,
            r.score,
            r.rank,
            r.klass,
            r.rule_id,
            r.evaluated_at,
            r.industry,
        )
        .join(Enterprise, Enterprise.id == r.enterprise_id)
        .outerjoin(Platform, Platform.id == Enterprise.platform_id)
        .where(r.year == year)
        .order_by(r.group, r.industry, r.rank.is_(None), r.rank, Enterprise.name)
    )
    if platform_id is not None:
        stmt = stmt.where(Enterprise.platform_id == platform_id)
    return [
        ResultRow(
            eid, uscc, name, pid, pname or "", y, g, score, rank, sizes.get((g, ind), 0), k, rid, at, ind
        )
        for eid, uscc, name, pid, pname, y, g, score, rank, k, rid, at, ind in session.execute(stmt)
    ]


@dataclass(frozen=True)
class ResultDetail:
    """Why an enterprise got its score: the items and the rule (with its citation)."""

    enterprise_id: int
    year: int
    group: str
    score: Decimal | None
    rank: int | None
    klass: str
    items: tuple[ItemScore, ...]
    rule_id: int | None
    document_no: str
    clause: str
    is_example: bool
    example_source: str = ""
    industry: str = ""  # the industry subgroup it was graded in ('' when the rule does not split)
    # the data years the rule version states (None = open): each version says which it evaluates
    data_year_from: int | None = None
    data_year_to: int | None = None
    rule_title: str = ""
    rule_from: dt.date | None = None  # the version's adoption date


def result_detail(session: Session, *, enterprise_id: int, year: int) -> ResultDetail:
    res = session.scalar(
        select(EfficiencyResult).where(
            EfficiencyResult.enterprise_id == enterprise_id, EfficiencyResult.year == year
        )
    )
    if res is None:
        raise NotFoundError("record.not_found", entity="efficiency_results", key=f"{enterprise_id}/{year}")
    data: dict[str, Any] = json.loads(res.breakdown or "{}")
    items = tuple(ItemScore.from_json(d) for d in data.get("items", []))
    rule = session.get(PolicyRule, res.rule_id) if res.rule_id is not None else None
    years = R.from_json(rule.value) if rule is not None else None
    return ResultDetail(
        enterprise_id,
        year,
        res.group,
        res.score,
        res.rank,
        res.klass,
        items,
        res.rule_id,
        str(data.get("document_no", "")),
        str(data.get("clause", "")),
        bool(data.get("is_example", False)),
        str(data.get("example_source", "")),
        res.industry or "",
        years.data_year_from if years is not None else None,
        years.data_year_to if years is not None else None,
        rule.title if rule is not None else "",
        rule.effective_from if rule is not None else None,
    )


@dataclass(frozen=True, slots=True)
class ClassCount:
    platform_id: int | None
    platform_name: str
    a: int
    b: int
    c: int
    d: int
    ungraded: int

    @property
    def total(self) -> int:
        return self.a + self.b + self.c + self.d + self.ungraded


def class_distribution(session: Session, *, year: int) -> list[ClassCount]:
    """Counts of A/B/C/D (and not graded) per platform, platforms in priority order."""
    r = EfficiencyResult
    stmt = (
        select(Enterprise.platform_id, r.klass, func.count())
        .join(Enterprise, Enterprise.id == r.enterprise_id)
        .where(r.year == year)
        .group_by(Enterprise.platform_id, r.klass)
    )
    counts: dict[int | None, dict[str, int]] = {}
    for pid, k, n in session.execute(stmt):
        counts.setdefault(pid, {})[k or ""] = int(n)
    platforms: list[tuple[int | None, str]] = [*platform_choices(session)]
    out = []
    for pid, pname in [*platforms, (None, "")]:
        c = counts.get(pid)
        if c is None:
            continue
        out.append(
            ClassCount(pid, pname, c.get("A", 0), c.get("B", 0), c.get("C", 0), c.get("D", 0), c.get("", 0))
        )
    return out


@dataclass(frozen=True, slots=True)
class HistoryRow:
    year: int
    group: str
    klass: str
    score: Decimal | None
    rank: int | None
    industry: str = ""  # the industry subgroup where the year's rule graded by industry


def class_history(session: Session, *, enterprise_id: int) -> list[HistoryRow]:
    r = EfficiencyResult
    return [
        HistoryRow(y, g, k, s, rk, ind or "")
        for y, g, k, s, rk, ind in session.execute(
            select(r.year, r.group, r.klass, r.score, r.rank, r.industry)
            .where(r.enterprise_id == enterprise_id)
            .order_by(r.year)
        )
    ]


@dataclass(frozen=True, slots=True)
class StreakFlag:
    enterprise_id: int
    uscc: str
    name: str
    klass: str
    years: tuple[int, ...]

    def problem(self, citation: dict[str, Any]) -> Problem:
        return Problem(
            "efficiency.d_streak",
            {
                "uscc": self.uscc,
                "name": self.name,
                "count": len(self.years),
                "first_year": self.years[0],
                "last_year": self.years[-1],
                **citation,
            },
            "warning",
        )


def d_streaks(session: Session, *, min_years: int | None = None) -> list[StreakFlag]:
    """Enterprises rated D in at least ``min_years`` consecutive years ending with their latest
    evaluated year (default: the rule set's ``d_streak_years``)."""
    if min_years is None:
        latest = session.scalar(select(func.max(EfficiencyResult.year)))
        min_years = R.rule_set_for(session, int(latest)).rules.d_streak_years if latest is not None else 3
    r = EfficiencyResult
    # only the D results (through ix_efficiency_results_klass_enterprise_year), then the latest
    # evaluated year of just those enterprises (through the unique (enterprise_id, year) index)
    d_years: dict[int, list[int]] = {}
    for eid, y in session.execute(
        select(r.enterprise_id, r.year).where(r.klass == "D").order_by(r.enterprise_id, r.year.desc())
    ):
        d_years.setdefault(int(eid), []).append(int(y))
    if not d_years:
        return []
    ids = list(d_years)
    last_year: dict[int, int] = {}
    names: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        last_year.update(
            (int(e), int(y))
            for e, y in session.execute(
                select(r.enterprise_id, func.max(r.year))
                .where(r.enterprise_id.in_(chunk))
                .group_by(r.enterprise_id)
            )
        )
        names.update(
            (int(e), (u, n))
            for e, u, n in session.execute(
                select(Enterprise.id, Enterprise.uscc, Enterprise.name).where(Enterprise.id.in_(chunk))
            )
        )
    flags = []
    for eid in sorted(d_years):
        years = d_years[eid]
        if eid not in names or years[0] != last_year.get(eid):
            continue
        run = [years[0]]
        for y in years[1:]:
            if y != run[-1] - 1:
                break
            run.append(y)
        if len(run) >= min_years:
            uscc, name = names[eid]
            flags.append(StreakFlag(eid, uscc, name, "D", tuple(sorted(run))))
    return flags


def rule_versions(session: Session) -> list[tuple[int, dt.date, str, str, bool]]:
    """All versions of the rule set: (id, effective_from, document_no, title, is_example)."""
    return [
        (int(i), f, d, t, bool(e))
        for i, f, d, t, e in session.execute(
            select(
                PolicyRule.id,
                PolicyRule.effective_from,
                PolicyRule.document_no,
                PolicyRule.title,
                PolicyRule.is_example,
            )
            .where(PolicyRule.key == R.RULE_KEY)
            .order_by(PolicyRule.effective_from)
        )
    ]
