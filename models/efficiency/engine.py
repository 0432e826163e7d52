"""The evaluation engine: records of one year + a rule set → scores, ranks, classes, and
the reasons for each score. Pure Python over plain values (no session), so the same code
serves the stored evaluation, the what-if and the benchmark.

Arithmetic is ``Decimal`` throughout: land 亩 = ㎡ × 15 / 10000 (exact), indicator values
and benchmarks quantised half-even to 6 places, points to 4 places; a score is the exact
sum of its points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from itertools import compress, count, islice, repeat
from operator import attrgetter, ne, not_
from typing import Any, NamedTuple, cast

from models.efficiency.rules import INDICATORS, GroupRule, RuleSet

Q6 = Decimal("0.000001")
Q4 = Decimal("0.0001")
_ZERO = Decimal(0)
_MU_PER_M2 = Decimal(15) / Decimal(10000)  # exact: 0.0015


class RecordInput(NamedTuple):
    """What the engine needs of one enterprise-year (money 万元, land ㎡, energy tce …).
    A named tuple: 20,000 of them are built per evaluation."""

    enterprise_id: int
    above_scale: bool
    land_m2: Decimal | None
    tax: Decimal | None
    value_added: Decimal | None
    energy_tce: Decimal | None
    emissions_t: Decimal | None
    electricity_mwh: Decimal | None
    rd_spending: Decimal | None
    main_revenue: Decimal | None
    employees: int | None
    status: str = "normal"
    protection_from: dt.date | None = None
    protection_to: dt.date | None = None
    rented_out_plants: int = 0
    major_incident: bool = False
    industry: str = (
        ""  # the enterprise's industry (产业链/行业): the subgroup where the rule groups by industry
    )
    production_reviewed_on: dt.date | None = None  # 达产复核 of the enterprise's land: ends protection


class ItemScore(NamedTuple):
    """One indicator's contribution: the value, the benchmark it was compared with, the
    points before and after the cap (``cap`` = cap_factor × weight) and the floor at 0."""

    key: str
    value: Decimal | None
    benchmark: Decimal | None
    benchmark_mode: str
    weight: Decimal
    cap: Decimal
    raw_points: Decimal
    points: Decimal
    capped: bool
    floored: bool
    missing: bool
    imputed: bool

    def to_json(self) -> dict[str, Any]:
        def s(v: Decimal | None) -> str | None:
            return None if v is None else str(v)

        return {
            "key": self.key,
            "value": s(self.value),
            "benchmark": s(self.benchmark),
            "benchmark_mode": self.benchmark_mode,
            "weight": str(self.weight),
            "cap": str(self.cap),
            "raw_points": str(self.raw_points),
            "points": str(self.points),
            "capped": self.capped,
            "floored": self.floored,
            "missing": self.missing,
            "imputed": self.imputed,
        }

    @staticmethod
    def from_json(d: dict[str, Any]) -> ItemScore:
        def dd(v: Any) -> Decimal | None:
            return None if v is None else Decimal(str(v))

        return ItemScore(
            str(d["key"]),
            dd(d.get("value")),
            dd(d.get("benchmark")),
            str(d.get("benchmark_mode", "")),
            Decimal(str(d["weight"])),
            Decimal(str(d["cap"])),
            Decimal(str(d["raw_points"])),
            Decimal(str(d["points"])),
            bool(d.get("capped")),
            bool(d.get("floored")),
            bool(d.get("missing")),
            bool(d.get("imputed")),
        )


@dataclass(frozen=True, slots=True)
class _Column:
    """One indicator over a whole group (column-wise, so evaluating allocates little)."""

    key: str
    mode: str
    weight: Decimal
    cap: Decimal
    benchmark: Decimal | None
    values: list[Decimal | None]
    raws: list[Decimal]
    points: list[Decimal]
    missing: list[bool]
    imputed: bool


class Evaluation(NamedTuple):
    """One enterprise's outcome (a named tuple: 20,000 are made per evaluation, and a frozen
    dataclass spent a fifth of a microsecond on each of its ten fields)."""

    enterprise_id: int
    group: str  # above | below_large | below_small | leasing | exempt | protected
    score: Decimal | None  # None for exempt / protected
    rank: int | None  # competition rank within the group (1 = best), None when not graded
    klass: str  # A B C D, '' when not graded
    columns: tuple[_Column, ...] = ()
    position: int = 0  # this enterprise's index in the columns
    deducted: Decimal = _ZERO  # points taken off by the rule's deductions (e.g. plants rented out)
    vetoed: bool = False  # a veto (e.g. a safety or environmental incident) moved the class down
    industry: str = ""  # the industry subgroup ranked and graded together ('' when the group is not split)

    @property
    def items(self) -> tuple[ItemScore, ...]:
        """The explanation: one ``ItemScore`` per indicator of the group."""
        i = self.position
        out = []
        for c in self.columns:
            raw, missing = c.raws[i], c.missing[i]
            out.append(
                ItemScore(
                    c.key,
                    c.values[i],
                    c.benchmark,
                    c.mode,
                    c.weight,
                    c.cap,
                    raw,
                    c.points[i],
                    raw > c.cap,
                    raw < 0,
                    missing,
                    missing and c.imputed,
                )
            )
        return tuple(out)


def land_mu(land_m2: Decimal | None) -> Decimal | None:
    return None if land_m2 is None else land_m2 * _MU_PER_M2


def group_of(rec: RecordInput, rules: RuleSet, year: int) -> str:
    """The enterprise's group for data ``year``. A protection period (保护期) ends with the
    land's 达产复核: once reviewed on or before the end of the data year, the enterprise is
    evaluated whatever its protection dates say."""
    status = rec.status
    if status == "exempt":
        return "exempt"
    if status == "protected" or rec.protection_from is not None or rec.protection_to is not None:
        reviewed = rec.production_reviewed_on is not None and rec.production_reviewed_on <= dt.date(
            year, 12, 31
        )
        if not reviewed:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            lo = rec.protection_from or dt.date.min
            hi = rec.protection_to or dt.date.max
            if status == "protected" and rec.protection_from is None and rec.protection_to is None:
                return "protected"
            if lo <= end and hi >= start:
                return "protected"
    if status == "leasing":
        return "leasing"
    return _on_land(rec, rules.small_land_mu)


def _on_land(rec: RecordInput, small_land_mu: Decimal) -> str:
    """The group of an evaluated enterprise by its land and scale (leasing without land)."""
    land = rec.land_m2
    if land is None or land <= 0:
        return "leasing"
    if rec.above_scale:
        return "above"
    return "below_large" if land * _MU_PER_M2 >= small_land_mu else "below_small"


def _operand(members: Sequence[RecordInput], name: str) -> list[Decimal | None]:
    """One operand of an indicator (a record field, the employees as a Decimal, or the land
    in 亩) for every member of a group."""
    if name == "land_mu":
        return [None if m is None else m * _MU_PER_M2 for m in map(_LAND_M2, members)]
    values = list(map(attrgetter(name), members))
    if name == "employees":
        return [None if v is None else Decimal(v) for v in values]
    return values


_LAND_M2 = attrgetter("land_m2")


def _kept(values: Sequence[Decimal | None], kept: Sequence[bool]) -> list[Decimal]:
    """The values where ``kept`` (where the indicator has a value: none of them is None)."""
    return cast("list[Decimal]", list(compress(values, kept)))


def _score_group(
    group: GroupRule, members: Sequence[RecordInput]
) -> tuple[list[Decimal], tuple[_Column, ...]]:
    """Score one group, column by column in list comprehensions: 20,000 enterprises must
    evaluate in about the time it takes to read them (bench_efficiency)."""
    operands: dict[str, list[Decimal | None]] = {}  # each operand column made once per group
    scores = [_ZERO] * len(members)
    columns: list[_Column] = []
    he, q6, q4, zero = ROUND_HALF_EVEN, Q6, Q4, _ZERO
    for ind in group.indicators:
        num_name, den_name = INDICATORS[ind.key]
        nums = operands.get(num_name)
        if nums is None:
            nums = operands[num_name] = _operand(members, num_name)
        dens = operands.get(den_name)
        if dens is None:
            dens = operands[den_name] = _operand(members, den_name)
        values: list[Decimal | None] = [
            None if n is None or d is None or d <= zero else (n / d).quantize(q6, he)
            for n, d in zip(nums, dens, strict=True)
        ]
        kept = [v is not None for v in values]  # a value implies its numerator and denominator
        present = _kept(values, kept)
        if ind.benchmark_mode == "fixed":
            bench = ind.benchmark
        elif ind.benchmark_mode == "mean":
            bench = (sum(present, _ZERO) / len(present)).quantize(Q6, he) if present else None
        else:
            num_sum = sum(_kept(nums, kept), _ZERO)
            den_sum = sum(_kept(dens, kept), _ZERO)
            bench = (num_sum / den_sum).quantize(Q6, he) if den_sum > 0 else None
        missing = list(map(not_, kept))
        w = ind.weight
        cap = (ind.cap_factor * w).quantize(Q4)
        if bench is not None and bench > 0:
            raws = [zero if v is None else (w * v / bench).quantize(q4, he) for v in values]
        else:
            raws = [_ZERO] * len(values)
        points = [cap if r > cap else zero if r < zero else r for r in raws]
        # Missing data takes the group's average SCORE on this item (黄岩: a 规上 firm without
        # emission data gets the group's average score), never the score of the average value:
        # the latter rewards not reporting when values are skewed.
        reported = list(compress(points, kept))
        impute = ind.missing == "group_average" and bool(reported)
        if impute:
            average_points = (sum(reported, _ZERO) / len(reported)).quantize(Q4, he)
            raws = [average_points if m else r for r, m in zip(raws, missing, strict=True)]
            points = [average_points if m else p for p, m in zip(points, missing, strict=True)]
        scores = [s + p for s, p in zip(scores, points, strict=True)]
        columns.append(
            _Column(ind.key, ind.benchmark_mode, w, cap, bench, values, raws, points, missing, impute)
        )
    return scores, tuple(columns)


def _count(n: int, share: Decimal, rounding: str) -> int:
    return int((Decimal(n) * share).to_integral_value(rounding=rounding))


def assign_classes(scores: Sequence[Decimal], rules: RuleSet) -> tuple[list[int], list[str]]:
    """Competition ranks and classes for one group's scores (in the given order)."""
    n = len(scores)
    order = sorted(range(n), key=scores.__getitem__, reverse=True)
    ranks = [0] * n
    klass = [""] * n
    c = rules.classes
    # tie groups: (start, end) 1-based positions in rank order (equal scores side by side)
    ranked = list(map(scores.__getitem__, order))
    starts = [0, *compress(count(1), map(ne, ranked, islice(ranked, 1, None))), n]
    ties = [(a + 1, b, order[a:b]) for a, b in zip(starts, islice(starts, 1, None), strict=False) if a < b]
    # D counts round down unless the rule says so (``d_round_up``): a group of 3 at "D the
    # bottom 5 %" has no D, rather than one forced D.
    d_rounding = ROUND_CEILING if c.d_round_up else ROUND_FLOOR
    n_a_max = n if c.a_max_share is None else _count(n, c.a_max_share, ROUND_FLOOR)
    n_d_min = 0 if c.d_min_share is None else _count(n, c.d_min_share, d_rounding)
    n_a, n_b = (_count(n, s, ROUND_FLOOR) for s in (c.a_share, c.b_share))
    n_c = n - _count(n, Decimal(1) - c.c_share, d_rounding)
    for start, end, members in ties:
        score = scores[members[0]]
        if c.method == "percentile":
            k = "A" if end <= n_a else "B" if start <= n_b else "C" if start <= n_c else "D"
        else:
            k = (
                "A"
                if score >= c.a_score
                else "B"
                if score >= c.b_score
                else "C"
                if score >= c.c_score
                else "D"
            )
        if k == "A" and end > n_a_max:
            k = "B"
        if k != "D" and end > n - n_d_min:
            k = "D"
        for i in members:
            ranks[i] = start
            klass[i] = k
    return ranks, klass


def _deductions(members: Sequence[RecordInput], rules: RuleSet) -> list[Decimal]:
    """Points the rule's deductions take off each member (each deduction: points per unit, at
    most its maximum), deduction by deduction over the group."""
    totals = [_ZERO] * len(members)
    for d in rules.deductions:
        if d.field not in _INPUT_FIELDS:  # nothing to deduct by (``rules.validate`` refuses it)
            continue
        per_unit, most = d.points_per_unit, d.max_points
        units = list(map(attrgetter(d.field), members))
        for j in compress(count(), units):  # the members with any
            points = per_unit * units[j]
            totals[j] += points if most is None else min(most, points)
    return totals


_INPUT_FIELDS = frozenset(RecordInput._fields)


def _grouped(recs: Sequence[RecordInput], rules: RuleSet, year: int) -> dict[tuple[str, str], list[int]]:
    """The index of each record by (group, industry subgroup). A group the rule splits by
    industry (``industry_groups``) is scored, ranked and graded within each industry:
    benchmarks, averages and class shares are the industry's own."""
    groups: dict[tuple[str, str], list[int]] = {}
    split, small = rules.industry_groups, rules.small_land_mu
    for i, rec in enumerate(recs):
        if rec.status == "normal" and rec.protection_from is None and rec.protection_to is None:
            g = _on_land(rec, small)  # ``group_of`` of a plain record (most of them)
        else:
            g = group_of(rec, rules, year)
        key = (g, rec.industry if g in split else "")
        members = groups.get(key)
        if members is None:
            groups[key] = [i]
        else:
            members.append(i)
    return groups


def _vetoes(members: Sequence[RecordInput], rules: RuleSet, classes: list[str]) -> list[bool]:
    """Move the class of each member a veto's flag bars down to the next allowed one (in place);
    whether each member was moved."""
    vetoed = [False] * len(members)
    order = ("A", "B", "C", "D")
    for veto in rules.vetoes:
        if veto.field not in _INPUT_FIELDS:  # nothing to veto by (``rules.validate`` refuses it)
            continue
        for j in compress(count(), map(attrgetter(veto.field), members)):  # the members flagged
            if classes[j] in veto.barred:
                allowed = [k for k in order if k not in veto.barred]
                classes[j] = next((k for k in allowed if order.index(k) > order.index(classes[j])), "D")
                vetoed[j] = True
    return vetoed


def evaluate(records: Iterable[RecordInput], rules: RuleSet, year: int) -> list[Evaluation]:
    """Evaluate one year's records. Output order follows the input order."""
    recs = list(records)
    groups = _grouped(recs, rules, year)
    out: list[Evaluation | None] = [None] * len(recs)
    for (gkey, industry), idx in groups.items():
        if gkey in ("exempt", "protected"):
            for i in idx:
                out[i] = Evaluation(recs[i].enterprise_id, gkey, None, None, "", ())
            continue
        group = rules.group(gkey)
        members = [recs[i] for i in idx]
        scores, columns = _score_group(group, members)
        deducted = _deductions(members, rules)
        if any(deducted):
            scores = [max(_ZERO, s - d) for s, d in zip(scores, deducted, strict=True)]
        if group.graded:
            ranks, classes = assign_classes(scores, rules)
        else:
            ranks, classes = [0] * len(idx), [""] * len(idx)
        vetoed = _vetoes(members, rules, classes)
        n = len(idx)
        made = map(
            Evaluation._make,
            zip(
                [recs[i].enterprise_id for i in idx],
                repeat(gkey, n),
                scores,
                [r or None for r in ranks],
                classes,
                repeat(columns, n),
                range(n),
                deducted,
                vetoed,
                repeat(industry, n),
                strict=True,
            ),
        )
        for i, ev in zip(idx, made, strict=True):
            out[i] = ev
    return [e for e in out if e is not None]
