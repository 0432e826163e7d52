"""The priority planner: a proposal of allocations for a year, explained line by line.

Rules applied (each line says which):
1. A grant earmarked for a major project (``major_project`` set — 省级/市级预留 won for it)
   goes to the open demand of that project, and to nothing else.
2. Every other grant of the year goes first to industrial demands (新增产业用地), in the
   order of the dated rule ``quota.priority_order`` in force on the planning date. Seeded
   from 临政函〔2023〕74号 六(十) ("优先用于保障科技城等主平台"): the rule lists the Science
   City first; the main platforms it does not list share the next rank as a group; other
   recipients (``Platform.is_main`` false) come after the main platforms. Within a rank,
   major projects first, then the demand's own priority, then the request date.
3. Then demands for other purposes (其他用地), to which 六(十) does not speak: by major
   project, the demand's priority and the request date, whatever the recipient.
   Grants are drawn in order of expiry (soonest first), then grant date.
The proposal changes nothing; ``accept_plan`` creates the allocations through
``allocate_quota`` (so every limit is checked again), after the clerk's adjustments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy.orm import Session

from models.changes import NO_CHANGES, Changes
from models.errors import Problem
from models.policy.rules import RuleRef, rule_in_force
from models.quotas import services
from models.quotas.entities import Purpose
from models.quotas.entries import DemandRow, GrantOption, demand_rows, grant_options
from models.quotas.ledger import ZERO, with_mu
from models.quotas.queries import PlatformRef, platforms

PRIORITY_RULE = "quota.priority_order"


@dataclass(frozen=True)
class PlanLine:
    """One proposed allocation (``area_m2`` > 0) or one explanation (``area_m2`` = 0, e.g. a
    shortfall). ``problem`` explains it: code + fields for the message catalogue."""

    problem: Problem
    area_m2: Decimal = ZERO
    grant_id: int | None = None
    grant_document_no: str = ""
    platform_id: int | None = None
    platform: str = ""
    project: str = ""
    demand_id: int | None = None
    rank: int = 0

    @property
    def is_allocation(self) -> bool:
        return self.area_m2 > 0 and self.grant_id is not None and self.platform_id is not None


@dataclass(frozen=True)
class Plan:
    year: int
    on: dt.date
    rule: RuleRef | None
    lines: tuple[PlanLine, ...]

    @property
    def allocations(self) -> tuple[PlanLine, ...]:
        return tuple(line for line in self.lines if line.is_allocation)

    def total_m2(self) -> Decimal:
        return sum((line.area_m2 for line in self.allocations), ZERO)


OrderText = tuple[str | tuple[str, ...], ...]  # names in rank order; a tuple inside is a group of equal rank


def _ranks(session: Session, rule: RuleRef | None) -> tuple[dict[int, int], list[PlanLine], OrderText]:
    """Platform id → rank (1 first): the rule's listed platform codes one by one, then the
    main platforms it does not list as one group, then the other recipients as one group.
    Without a rule, the platforms' own default priority. Also the order as text."""
    refs = platforms(session)
    notes: list[PlanLine] = []
    if rule is None:
        ranked = sorted(refs, key=lambda p: (p.priority, p.id))
        return {p.id: i + 1 for i, p in enumerate(ranked)}, notes, tuple(p.label for p in ranked)
    order = [str(c) for c in rule.value] if isinstance(rule.value, list) else []
    ranks: dict[int, int] = {}
    listed = sorted((p for p in refs if p.code in order), key=lambda p: order.index(p.code))
    for i, p in enumerate(listed):
        ranks[p.id] = i + 1
    mains = [p for p in refs if p.id not in ranks and p.is_main]
    others = [p for p in refs if p.id not in ranks and not p.is_main]
    for p in mains:
        ranks[p.id] = len(listed) + 1
    for p in others:
        ranks[p.id] = len(listed) + (2 if mains else 1)
        notes.append(
            PlanLine(
                Problem(
                    "quota.plan.platform_not_in_rule",
                    {"platform": p.name, "rule_document": rule.document_no, "clause": rule.clause},
                    "info",
                ),
                platform_id=p.id,
                platform=p.name,
            )
        )
    parts: list[str | tuple[str, ...]] = [p.label for p in listed]
    if mains:
        parts.append(tuple(p.label for p in mains))
    if others:
        parts.append(tuple(p.label for p in others))
    return ranks, notes, tuple(parts)


def propose_plan(session: Session, *, year: int, on: dt.date) -> Plan:  # noqa: C901  the priority allocation in one pass, as the policy words it
    """The proposal for ``year``'s open demands from ``year``'s grants with a remainder."""
    rule = rule_in_force(session, PRIORITY_RULE, on=on)
    ranks, lines, order_text = _ranks(session, rule)
    if rule is None:
        lines.append(PlanLine(Problem("quota.plan.no_rule", {"on": on}, "warning")))
    refs: dict[int, PlatformRef] = {p.id: p for p in platforms(session)}
    grants = [
        g
        for g in grant_options(session, year=year)
        if g.remaining_m2 > 0 and g.granted_on <= on and (g.expires_on is None or g.expires_on >= on)
    ]
    left = {g.id: g.remaining_m2 for g in grants}
    demands = [d for d in demand_rows(session, year=year, open_only=True) if d.open_m2 > 0]
    need = {d.id: d.open_m2 for d in demands}

    # 1. earmarked grants go to the project they were won for
    for g in (g for g in grants if g.major_project):
        matches = [d for d in demands if d.project == g.major_project]
        if not matches:
            lines.append(
                PlanLine(
                    Problem(
                        "quota.plan.reserved_unmatched",
                        {"document_no": g.document_no, "source": g.source, "project": g.major_project},
                        "info",
                    ),
                    grant_id=g.id,
                    grant_document_no=g.document_no,
                    project=g.major_project,
                )
            )
            continue
        for d in matches:
            take = min(left[g.id], need[d.id])
            if take <= 0:
                continue
            left[g.id] -= take
            need[d.id] -= take
            lines.append(
                _line(
                    "quota.plan.reserved_for_project", g, d, refs, take, ranks[d.platform_id], source=g.source
                )
            )

    # 2. ordinary grants by the priority rule
    ordinary = sorted(
        (g for g in grants if not g.major_project),
        key=lambda g: (g.expires_on or dt.date.max, g.granted_on, g.id),
    )
    cite = {
        "rule_document": rule.document_no if rule else "",
        "clause": rule.clause if rule else "",
        "order": order_text,
    }
    industrial = sorted(
        (d for d in demands if d.purpose == Purpose.INDUSTRIAL.value),
        key=lambda d: (ranks[d.platform_id], not d.is_major, d.priority, d.requested_on, d.id),
    )
    other = sorted(
        (d for d in demands if d.purpose != Purpose.INDUSTRIAL.value),
        key=lambda d: (not d.is_major, d.priority, d.requested_on, d.id),
    )
    for d in industrial + other:
        for g in ordinary:
            if need[d.id] <= 0:
                break
            take = min(left[g.id], need[d.id])
            if take <= 0:
                continue
            left[g.id] -= take
            need[d.id] -= take
            if d.purpose == Purpose.INDUSTRIAL.value:
                lines.append(_line("quota.plan.by_priority", g, d, refs, take, ranks[d.platform_id], **cite))
            else:
                lines.append(
                    _line(
                        "quota.plan.other_purpose",
                        g,
                        d,
                        refs,
                        take,
                        0,
                        clause=cite["clause"],
                        rule_document=cite["rule_document"],
                    )
                )
        if need[d.id] > 0:
            industrial_demand = d.purpose == Purpose.INDUSTRIAL.value
            lines.append(
                PlanLine(
                    Problem(
                        "quota.plan.short" if industrial_demand else "quota.plan.short_other",
                        with_mu(
                            rank=ranks[d.platform_id],
                            platform=refs[d.platform_id].name,
                            project=d.project,
                            short_m2=need[d.id],
                            need_m2=d.open_m2,
                        ),
                        "warning",
                    ),
                    platform_id=d.platform_id,
                    platform=refs[d.platform_id].name,
                    project=d.project,
                    demand_id=d.id,
                    rank=ranks[d.platform_id],
                )
            )
    for g in grants:
        if left[g.id] > 0:
            lines.append(
                PlanLine(
                    Problem(
                        "quota.plan.left_over", with_mu(document_no=g.document_no, area_m2=left[g.id]), "info"
                    ),
                    grant_id=g.id,
                    grant_document_no=g.document_no,
                )
            )
    return Plan(year, on, rule, tuple(lines))


def _line(
    code: str,
    g: GrantOption,
    d: DemandRow,
    refs: dict[int, PlatformRef],
    take: Decimal,
    rank: int,
    **extra: object,
) -> PlanLine:
    platform = refs[d.platform_id].name
    fields = with_mu(
        document_no=g.document_no, platform=platform, project=d.project, area_m2=take, rank=rank, **extra
    )
    return PlanLine(
        Problem(code, fields, "info"),
        take,
        g.id,
        g.document_no,
        d.platform_id,
        platform,
        d.project,
        d.id,
        rank,
    )


def adjust_line(line: PlanLine, area_m2: Decimal) -> PlanLine:
    """The line with the clerk's area (0 drops it)."""
    return replace(line, area_m2=services.exact_area(area_m2))


def _note(line: PlanLine) -> str:
    """The allocation's note (ledger data, Chinese like the workbook vocabulary): why it was made."""
    f = line.problem.fields
    if line.problem.code == "quota.plan.reserved_for_project":
        return f"预留指标定向安排：重大项目“{line.project}”"
    if line.problem.code == "quota.plan.other_purpose":
        return "其他用地：按项目优先级和申请日期安排（六(十)只规定新增产业用地的优先保障）"
    return f"按优先顺序第 {line.rank} 顺位安排（{f.get('rule_document', '')} {f.get('clause', '')}）".replace(
        "（ ）", ""
    )


def accept_plan(
    session: Session,
    *,
    lines: tuple[PlanLine, ...] | list[PlanLine],
    allocated_on: dt.date,
    document_no: str = "",
) -> Changes:
    """Create the allocations of the accepted (possibly adjusted) lines, each checked by
    ``allocate_quota``; the first refusal refuses the whole plan (the caller's transaction)."""
    changes = NO_CHANGES
    for line in lines:
        if not line.is_allocation:
            continue
        assert line.grant_id is not None and line.platform_id is not None
        changes = changes | services.allocate_quota(
            session,
            grant_id=line.grant_id,
            platform_id=line.platform_id,
            area_m2=line.area_m2,
            allocated_on=allocated_on,
            project=line.project,
            document_no=document_no,
            demand_id=line.demand_id,
            note=_note(line),
        )
    return changes
