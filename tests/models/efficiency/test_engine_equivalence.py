"""The engine made cheaper (issue 12) gives exactly the results of the engine before it
(``engine_before``): every score, rank, class, deduction, veto and item, to the last digit and
exponent, on random groups with ties, missing data, zero and negative values."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

from models.efficiency import rules as R
from models.efficiency.engine import RecordInput, evaluate
from models.efficiency.services import breakdown_json, breakdowns_json
from models.policy.rules import RuleRef
from tests.models.efficiency import engine_before

# few distinct values, so ties, equal ratios and equal scores are common
_AMOUNT = st.one_of(
    st.none(),
    st.sampled_from(["0", "1", "2.5", "-3", "100", "0.000001", "33.333333"]).map(Decimal),
    st.integers(-50, 5000).map(lambda v: Decimal(v).scaleb(-2)),
)
_LAND = st.one_of(
    st.none(), st.sampled_from(["0", "-1", "666.6667", "2000", "1333.3333", "6666.6667"]).map(Decimal)
)


@st.composite
def _record(draw: Any, eid: int) -> RecordInput:
    protected = draw(st.sampled_from([None, None, None, (2023, 2024), (2026, 2027)]))
    return RecordInput._make(
        (
            eid,
            draw(st.booleans()),
            draw(_LAND),
            *(draw(_AMOUNT) for _ in range(7)),
            draw(st.one_of(st.none(), st.integers(0, 40))),
            draw(st.sampled_from(["normal", "normal", "normal", "leasing", "exempt", "protected"])),
            None if protected is None else dt.date(protected[0], 1, 1),
            None if protected is None else dt.date(protected[1], 12, 31),
            draw(st.integers(0, 3)),
            draw(st.booleans()),
            draw(st.sampled_from(["", "chem", "textile"])),
            draw(st.sampled_from([None, None, dt.date(2024, 6, 1)])),
        )
    )


@st.composite
def _records(draw: Any) -> list[RecordInput]:
    n = draw(st.integers(1, 40))
    return [draw(_record(i + 1)) for i in range(n)]


@st.composite
def _rules(draw: Any) -> R.RuleSet:
    rs = R.example_rule_set()
    for g in rs.groups:
        for ind in g.indicators:
            mode = draw(st.sampled_from(R.BENCHMARK_MODES))
            bench = draw(st.sampled_from(["0", "7.5", "-1", "123.456789"])) if mode == "fixed" else None
            rs = rs.with_indicator(
                g.key,
                ind.key,
                benchmark_mode=mode,
                benchmark=None if bench is None else Decimal(bench),
                missing=draw(st.sampled_from(R.MISSING_MODES)),
                cap_factor=draw(st.sampled_from([Decimal("1.5"), Decimal("1.25"), Decimal("2")])),
            )
    return replace(
        rs,
        classes=replace(
            rs.classes,
            method=draw(st.sampled_from(R.CLASS_METHODS)),
            a_max_share=draw(st.sampled_from([None, Decimal("0.2")])),
            d_min_share=draw(st.sampled_from([None, Decimal("0.05")])),
            d_round_up=draw(st.booleans()),
        ),
        industry_groups=draw(st.sampled_from([(), ("above",), ("above", "below_small")])),
    )


def _facts(results: list[Any]) -> list[str]:
    # repr keeps each Decimal's exponent: 1.50 and 1.5 differ here
    return [
        repr(
            (
                e.enterprise_id,
                e.group,
                e.score,
                e.rank,
                e.klass,
                e.deducted,
                e.vetoed,
                e.industry,
                tuple(tuple(it) for it in e.items),
            )
        )
        for e in results
    ]


@settings(max_examples=200, deadline=None)
@given(_records(), _rules(), st.sampled_from([2023, 2024, 2025]))
def test_the_engine_gives_exactly_the_results_it_gave_before(
    records: list[RecordInput], rules: R.RuleSet, year: int
) -> None:
    assert _facts(evaluate(records, rules, year)) == _facts(
        # the same named tuple, field for field, as engine_before.RecordInput
        engine_before.evaluate(cast(list[engine_before.RecordInput], records), rules, year)
    )


@settings(max_examples=100, deadline=None)
@given(_records(), _rules(), st.sampled_from([2023, 2024, 2025]))
def test_the_stored_breakdowns_are_each_results_own_text(
    records: list[RecordInput], rules: R.RuleSet, year: int
) -> None:
    """The column-wise text (capped, floored, missing and imputed items among it) is exactly
    ``breakdown_json``'s, one result at a time."""
    ref = RuleRef(
        7, R.RULE_KEY, "t", None, "文号%s", "第1条", dt.date(2024, 1, 1), None, True, None, None, '来源"%'
    )
    loaded = R.LoadedRuleSet(ref, rules)
    results = evaluate(records, rules, year)
    assert breakdowns_json(results, loaded) == [breakdown_json(ev, loaded) for ev in results]


def test_the_comparison_sees_an_exponent() -> None:
    rec = RecordInput(1, True, Decimal("6666.6667"), *(Decimal("1"),) * 7, 10)
    ours = evaluate([rec], R.example_rule_set(), 2024)[0]
    assert ours.score is not None
    exponent = ours.score.as_tuple().exponent
    assert isinstance(exponent, int)
    longer = ours._replace(score=ours.score.quantize(Decimal(1).scaleb(exponent - 1)))
    assert longer.score == ours.score
    assert _facts([longer]) != _facts([ours])
