"""The evaluation rule set (亩均效益评价办法) as data: one dated ``PolicyRule`` whose key is
``efficiency.rule_set`` and whose JSON value this module reads and writes.

A rule set has groups (规上, 规下 ≥ 3 亩, 规下 < 3 亩, leasing firms without own land), each
with its indicators (weight, benchmark fixed or the year's average, per-item cap as a
multiple of the weight, missing-value handling) and whether it is graded; and the class
cut-offs (by rank percentile or by score) with bounds (e.g. A ≤ 20 %, D ≥ 5 %).
All numbers are exact decimals, written to JSON as strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import DomainError
from models.policy.entities import PolicyRule
from models.policy.rules import RuleRef, rule_ref

RULE_KEY = "efficiency.rule_set"

# Indicator key → (numerator field, denominator field). Land is in 亩 (converted from ㎡),
# electricity in MWh (兆瓦时, as imported and exported), energy in tce, emissions in t, money in 万元.
INDICATORS: dict[str, tuple[str, str]] = {
    "tax_per_mu": ("tax", "land_mu"),  # 亩均税收 万元/亩
    "va_per_mu": ("value_added", "land_mu"),  # 亩均增加值 万元/亩
    "va_per_energy": ("value_added", "energy_tce"),  # 单位能耗增加值 万元/tce
    "va_per_emission": ("value_added", "emissions_t"),  # 单位排放增加值 万元/t
    "labour_productivity": ("value_added", "employees"),  # 全员劳动生产率 万元/人
    "rd_ratio": ("rd_spending", "main_revenue"),  # R&D 经费占比 (fraction)
    "tax_per_electricity": ("tax", "electricity_mwh"),  # 单位电耗税收 万元/MWh
}

GROUPS = ("above", "below_large", "below_small", "leasing")  # 规上 / 规下≥阈值 / 规下<阈值 / 租赁无地
UNGRADED = ("exempt", "protected")  # 免评, 保护期: never scored
BENCHMARK_MODES = ("fixed", "aggregate", "mean")  # fixed value / Σnum÷Σden of the group / mean of values
MISSING_MODES = ("zero", "group_average")
CLASS_METHODS = ("percentile", "score")
CLASSES = ("A", "B", "C", "D")


@dataclass(frozen=True)
class IndicatorRule:
    key: str
    weight: Decimal
    benchmark_mode: str = "aggregate"
    benchmark: Decimal | None = None  # used when benchmark_mode == "fixed"
    cap_factor: Decimal = Decimal("1.5")  # points ≤ cap_factor × weight
    missing: str = "zero"


@dataclass(frozen=True)
class GroupRule:
    key: str
    graded: bool
    indicators: tuple[IndicatorRule, ...]

    def indicator(self, key: str) -> IndicatorRule:
        for ind in self.indicators:
            if ind.key == key:
                return ind
        raise KeyError(key)


@dataclass(frozen=True)
class ClassRule:
    """``method`` percentile: A = best ``a_share`` of the group by rank, B up to ``b_share``,
    D = worst ``1 - c_share``; method score: A ≥ ``a_score`` points, B ≥ ``b_score``,
    C ≥ ``c_score``, else D. Either way the optional bounds then hold: A at most
    ``a_max_share`` (ties straddling the bound drop to B), D at least ``d_min_share`` (ties
    join D). No bound is set by default: "A ≤ 20 %, D ≥ 5 %" is Shandong's rule
    (鲁政字〔2019〕235号), not Zhejiang's. D counts round down (a small group gets no forced
    D) unless ``d_round_up``."""

    method: str = "percentile"
    a_share: Decimal = Decimal("0.25")
    b_share: Decimal = Decimal("0.70")
    c_share: Decimal = Decimal("0.95")
    a_score: Decimal = Decimal("120")
    b_score: Decimal = Decimal("90")
    c_score: Decimal = Decimal("60")
    a_max_share: Decimal | None = None
    d_min_share: Decimal | None = None
    d_round_up: bool = False


DEDUCTION_FIELDS = ("rented_out_plants",)
VETO_FIELDS = ("major_incident",)


@dataclass(frozen=True)
class Deduction:
    """Points off per unit of a record field (温岭: 5–10 points per rented-out plant)."""

    field: str
    points_per_unit: Decimal
    max_points: Decimal | None = None


@dataclass(frozen=True)
class Veto:
    """A record flag that bars classes (a safety or environmental incident bars A and B)."""

    field: str
    barred: tuple[str, ...] = ("A", "B")


@dataclass(frozen=True)
class RuleSet:
    groups: tuple[GroupRule, ...]
    classes: ClassRule = field(default_factory=ClassRule)
    small_land_mu: Decimal = Decimal("3")  # 规下 split: ≥ this many 亩 vs below
    d_streak_years: int = 3  # flag "D N years running"
    # The data years the rule evaluates (inclusive; None = open). Year Y's data is evaluated
    # in Y+1, so a rule adopted in 2024 typically states data years from 2023.
    data_year_from: int | None = None
    data_year_to: int | None = None
    deductions: tuple[Deduction, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    # Groups evaluated within each industry (the enterprise's 产业链/行业), where a county rules
    # so: each industry of the group has its own benchmarks, averages, ranks and class shares.
    industry_groups: tuple[str, ...] = ()

    def covers(self, year: int) -> bool:
        return (self.data_year_from is None or year >= self.data_year_from) and (
            self.data_year_to is None or year <= self.data_year_to
        )

    def group(self, key: str) -> GroupRule:
        for g in self.groups:
            if g.key == key:
                return g
        raise KeyError(key)

    def with_weight(self, group: str, indicator: str, weight: Decimal) -> RuleSet:
        return self.with_indicator(group, indicator, weight=weight)

    def with_benchmark(self, group: str, indicator: str, benchmark: Decimal | None) -> RuleSet:
        if benchmark is None:
            return self.with_indicator(group, indicator, benchmark_mode="aggregate", benchmark=None)
        return self.with_indicator(group, indicator, benchmark_mode="fixed", benchmark=benchmark)

    def with_classes(self, **changes: Any) -> RuleSet:
        return replace(self, classes=replace(self.classes, **changes))

    def with_indicator(self, group: str, indicator: str, **changes: Any) -> RuleSet:
        groups = []
        for g in self.groups:
            if g.key == group:
                g = replace(
                    g,
                    indicators=tuple(
                        replace(i, **changes) if i.key == indicator else i for i in g.indicators
                    ),
                )
            groups.append(g)
        return replace(self, groups=tuple(groups))


# ---- JSON ------------------------------------------------------------------------------------


def _dec(value: Any, path: str) -> Decimal:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError("efficiency.rule_invalid", path=path, value=str(value)) from exc
    if not d.is_finite():
        raise DomainError("efficiency.rule_invalid", path=path, value=str(value))
    return d


def _opt_dec(value: Any, path: str) -> Decimal | None:
    return None if value is None or value == "" else _dec(value, path)


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def to_json(rs: RuleSet) -> dict[str, Any]:
    c = rs.classes
    return {
        "small_land_mu": str(rs.small_land_mu),
        "d_streak_years": rs.d_streak_years,
        "data_years": {"from": rs.data_year_from, "to": rs.data_year_to},
        "deductions": [
            {"field": d.field, "points_per_unit": str(d.points_per_unit), "max_points": _s(d.max_points)}
            for d in rs.deductions
        ],
        "vetoes": [{"field": v.field, "barred": list(v.barred)} for v in rs.vetoes],
        "industry_groups": list(rs.industry_groups),
        "groups": [
            {
                "key": g.key,
                "graded": g.graded,
                "indicators": [
                    {
                        "key": i.key,
                        "weight": str(i.weight),
                        "benchmark_mode": i.benchmark_mode,
                        "benchmark": _s(i.benchmark),
                        "cap_factor": str(i.cap_factor),
                        "missing": i.missing,
                    }
                    for i in g.indicators
                ],
            }
            for g in rs.groups
        ],
        "classes": {
            "method": c.method,
            "a_share": str(c.a_share),
            "b_share": str(c.b_share),
            "c_share": str(c.c_share),
            "a_score": str(c.a_score),
            "b_score": str(c.b_score),
            "c_score": str(c.c_score),
            "a_max_share": _s(c.a_max_share),
            "d_min_share": _s(c.d_min_share),
            "d_round_up": c.d_round_up,
        },
    }


def from_json(data: Any) -> RuleSet:
    """Parse and validate; a bad value raises ``efficiency.rule_invalid`` naming its path."""
    if not isinstance(data, dict):
        raise DomainError("efficiency.rule_invalid", path="", value=str(data)[:80])
    groups = []
    for gi, g in enumerate(data.get("groups", [])):
        inds = []
        for ii, i in enumerate(g.get("indicators", [])):
            p = f"groups[{gi}].indicators[{ii}]"
            inds.append(
                IndicatorRule(
                    key=str(i.get("key")),
                    weight=_dec(i.get("weight"), p + ".weight"),
                    benchmark_mode=str(i.get("benchmark_mode", "aggregate")),
                    benchmark=_opt_dec(i.get("benchmark"), p + ".benchmark"),
                    cap_factor=_dec(i.get("cap_factor", "1.5"), p + ".cap_factor"),
                    missing=str(i.get("missing", "zero")),
                )
            )
        groups.append(
            GroupRule(key=str(g.get("key")), graded=bool(g.get("graded", True)), indicators=tuple(inds))
        )
    c = data.get("classes", {})
    d = ClassRule()
    classes = ClassRule(
        method=str(c.get("method", d.method)),
        a_share=_dec(c.get("a_share", d.a_share), "classes.a_share"),
        b_share=_dec(c.get("b_share", d.b_share), "classes.b_share"),
        c_share=_dec(c.get("c_share", d.c_share), "classes.c_share"),
        a_score=_dec(c.get("a_score", d.a_score), "classes.a_score"),
        b_score=_dec(c.get("b_score", d.b_score), "classes.b_score"),
        c_score=_dec(c.get("c_score", d.c_score), "classes.c_score"),
        a_max_share=_opt_dec(c.get("a_max_share"), "classes.a_max_share"),
        d_min_share=_opt_dec(c.get("d_min_share"), "classes.d_min_share"),
        d_round_up=bool(c.get("d_round_up", False)),
    )
    years = data.get("data_years") or {}
    rs = RuleSet(
        groups=tuple(groups),
        classes=classes,
        small_land_mu=_dec(data.get("small_land_mu", "3"), "small_land_mu"),
        d_streak_years=int(data.get("d_streak_years", 3)),
        data_year_from=None if years.get("from") in (None, "") else int(years["from"]),
        data_year_to=None if years.get("to") in (None, "") else int(years["to"]),
        deductions=tuple(
            Deduction(
                str(d.get("field")),
                _dec(d.get("points_per_unit"), "deductions"),
                _opt_dec(d.get("max_points"), "deductions"),
            )
            for d in data.get("deductions", [])
        ),
        vetoes=tuple(
            Veto(str(v.get("field")), tuple(str(k) for k in v.get("barred", [])))
            for v in data.get("vetoes", [])
        ),
        industry_groups=tuple(str(g) for g in data.get("industry_groups", [])),
    )
    validate(rs)
    return rs


def validate(rs: RuleSet) -> None:  # noqa: C901, PLR0912  one branch per rule-set constraint, each with its own error
    """Refuse a rule set the engine could not apply consistently."""

    def bad(path: str, value: Any) -> DomainError:
        return DomainError("efficiency.rule_invalid", path=path, value=str(value))

    keys = [g.key for g in rs.groups]
    if sorted(keys) != sorted(GROUPS):
        raise bad("groups", ",".join(keys))
    for g in rs.groups:
        seen: set[str] = set()
        for i in g.indicators:
            p = f"{g.key}.{i.key}"
            if i.key not in INDICATORS or i.key in seen:
                raise bad(p, i.key)
            seen.add(i.key)
            if i.weight < 0:
                raise bad(p + ".weight", i.weight)
            if i.cap_factor < 0:
                raise bad(p + ".cap_factor", i.cap_factor)
            if i.benchmark_mode not in BENCHMARK_MODES:
                raise bad(p + ".benchmark_mode", i.benchmark_mode)
            if i.benchmark_mode == "fixed" and (i.benchmark is None or i.benchmark <= 0):
                raise bad(p + ".benchmark", i.benchmark)
            if i.missing not in MISSING_MODES:
                raise bad(p + ".missing", i.missing)
    c = rs.classes
    if c.method not in CLASS_METHODS:
        raise bad("classes.method", c.method)
    if not (0 <= c.a_share <= c.b_share <= c.c_share <= 1):
        raise bad("classes.shares", f"{c.a_share}/{c.b_share}/{c.c_share}")
    if not (c.a_score >= c.b_score >= c.c_score >= 0):
        raise bad("classes.scores", f"{c.a_score}/{c.b_score}/{c.c_score}")
    for name in ("a_max_share", "d_min_share"):
        v = getattr(c, name)
        if v is not None and not (0 <= v <= 1):
            raise bad("classes." + name, v)
    if rs.small_land_mu < 0:
        raise bad("small_land_mu", rs.small_land_mu)
    if rs.d_streak_years < 2:
        raise bad("d_streak_years", rs.d_streak_years)
    for d in rs.deductions:
        if d.field not in DEDUCTION_FIELDS or d.points_per_unit < 0:
            raise bad("deductions." + d.field, d.points_per_unit)
    for v in rs.vetoes:
        if v.field not in VETO_FIELDS or not set(v.barred) <= set(CLASSES):
            raise bad("vetoes." + v.field, ",".join(v.barred))
    for split in rs.industry_groups:
        if split not in GROUPS:
            raise bad("industry_groups", split)
    if rs.data_year_from is not None and rs.data_year_to is not None and rs.data_year_to < rs.data_year_from:
        raise bad("data_years", f"{rs.data_year_from}-{rs.data_year_to}")


# ---- the example pattern (docs/domain.md §3) ------------------------------------------------------


def _ind(key: str, weight: str, missing: str = "zero") -> IndicatorRule:
    return IndicatorRule(key=key, weight=Decimal(weight), missing=missing)


def example_rule_set() -> RuleSet:
    """黄岩 (黄政发〔2018〕12号 and its yearly notes) weights for 规上 (tax 30, VA 20, energy 20,
    emissions 10, labour 10, R&D 10), a 规上 firm without emission data taking the group's
    average score on that item; 规下 50 % 亩均税收 + 50 % 单位用电税收; benchmarks are the year's
    group averages; each item capped at 1.5 × weight (开化 开政发〔2014〕89号) and floored at 0;
    classes A top 25 %, B to 70 %, C to 95 %, D the rest, no A cap or D floor and no forced D
    in a small group. An example to adjust, not Lin'an's own numbers."""
    above = GroupRule(
        "above",
        True,
        (
            _ind("tax_per_mu", "30"),
            _ind("va_per_mu", "20"),
            _ind("va_per_energy", "20"),
            _ind("va_per_emission", "10", "group_average"),
            _ind("labour_productivity", "10"),
            _ind("rd_ratio", "10"),
        ),
    )
    below_large = GroupRule(
        "below_large", True, (_ind("tax_per_mu", "50"), _ind("tax_per_electricity", "50"))
    )
    below_small = GroupRule(
        "below_small", True, (_ind("tax_per_mu", "50"), _ind("tax_per_electricity", "50"))
    )
    leasing = GroupRule(
        "leasing", False, (_ind("tax_per_electricity", "60"), _ind("labour_productivity", "40"))
    )
    return RuleSet(
        groups=(above, below_large, below_small, leasing),
        data_year_from=EXAMPLE_FROM.year - 1,
        deductions=(Deduction("rented_out_plants", Decimal("5"), Decimal("10")),),
        vetoes=(Veto("major_incident", ("A", "B")),),
    )


# The example is not a document of the district: no 文号 is cited for it (浙政发〔2018〕5号
# sets no weights); its source is named instead and shown as 示例（无文件依据）.
EXAMPLE_DOC = ""
EXAMPLE_CLAUSE = ""
EXAMPLE_SOURCE = (
    "黄岩 黄政发〔2018〕12号及年度计算说明（权重、规下50/50、缺失取平均得分）；开化 开政发〔2014〕89号（单项封顶1.5倍）；"  # noqa: E501
    "温岭（出租厂房每处扣5分，最多10分）；部分县（安全、环保事故不得评A、B类）"
)
EXAMPLE_FROM = dt.date(2018, 1, 1)


def evaluation_date(year: int) -> dt.date:
    """When data ``year`` is evaluated by default: during Y+1 (黄岩 published 2022's on
    2023-09-25), so the rules in force by the end of Y+1."""
    return dt.date(year + 1, 12, 31)


def rule_date(year: int) -> dt.date:
    """Kept for callers that date a rule lookup by data year: the evaluation date."""
    return evaluation_date(year)


@dataclass(frozen=True)
class LoadedRuleSet:
    ref: RuleRef
    rules: RuleSet


def rule_set_for(session: Session, year: int, *, evaluated_on: dt.date | None = None) -> LoadedRuleSet:
    """The district rule set evaluating data ``year``: among the versions adopted by the
    evaluation date (``evaluated_on``, default the end of Y+1), the latest whose data years
    include ``year``. A version closed since still evaluates the data years it states."""
    on = evaluated_on or evaluation_date(year)
    stmt = (
        select(PolicyRule)
        .where(
            PolicyRule.key == RULE_KEY,
            PolicyRule.platform_id.is_(None),
            PolicyRule.building_id.is_(None),
            PolicyRule.effective_from <= on,
        )
        .order_by(PolicyRule.effective_from.desc(), PolicyRule.id.desc())
    )
    for row in session.scalars(stmt):
        rules = from_json(row.value)
        if rules.covers(year):
            return LoadedRuleSet(rule_ref(row), rules)
    raise DomainError("efficiency.no_rule", year=year, rule_key=RULE_KEY)
