"""The evaluation engine on plain inputs: points, benchmarks, caps, groups and classes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from models.efficiency import rules as R
from models.efficiency.engine import RecordInput, assign_classes, evaluate, group_of
from models.errors import DomainError
from models.units import AreaUnit, to_m2

D = Decimal


def rec(
    eid: int,
    *,
    mu: str | None = "10",
    tax: str | None = "100",
    va: str | None = "500",
    energy: str | None = "100",
    emis: str | None = "10",
    elec: str | None = "50",
    rd: str | None = "30",
    rev: str | None = "1000",
    emp: int | None = 50,
    above: bool = True,
    status: str = "normal",
    pfrom: dt.date | None = None,
    pto: dt.date | None = None,
) -> RecordInput:
    def d(v: str | None) -> Decimal | None:
        return None if v is None else D(v)

    land = None if mu is None else to_m2(D(mu), AreaUnit.MU)
    return RecordInput(
        eid, above, land, d(tax), d(va), d(energy), d(emis), d(elec), d(rd), d(rev), emp, status, pfrom, pto
    )


def fixed_rules() -> R.RuleSet:
    rs = R.example_rule_set()
    for key, bench in (
        ("tax_per_mu", "10"),
        ("va_per_mu", "50"),
        ("va_per_energy", "5"),
        ("va_per_emission", "50"),
        ("labour_productivity", "10"),
        ("rd_ratio", "0.03"),
    ):
        rs = rs.with_benchmark("above", key, D(bench))
    return rs


def test_points_are_weight_times_value_over_benchmark_with_cap() -> None:
    # tax/亩 = 100/10 = 10 → 30 × 10/10 = 30; VA/亩 = 50 → 20; VA/tce = 5 → 20; VA/t = 50 → 10;
    # VA/employee = 10 → 10; R&D 30/1000 = 0.03 → 10.  Total 100.
    [ev] = evaluate([rec(1)], fixed_rules(), 2024)
    assert ev.group == "above"
    assert ev.score == D("100")
    assert {i.key: i.points for i in ev.items}["tax_per_mu"] == D("30")
    # double the tax: raw 60 capped at 1.5 × 30 = 45
    [ev] = evaluate([rec(1, tax="200")], fixed_rules(), 2024)
    tax = ev.items[0]
    assert (tax.raw_points, tax.points, tax.cap, tax.capped) == (D("60"), D("45"), D("45.0"), True)
    assert ev.score == D("115")


def test_negative_value_floors_at_zero_and_missing_scores_zero() -> None:
    [ev] = evaluate([rec(1, tax="-20", energy=None)], fixed_rules(), 2024)
    items = {i.key: i for i in ev.items}
    assert items["tax_per_mu"].floored and items["tax_per_mu"].points == 0
    assert items["va_per_energy"].missing and items["va_per_energy"].points == 0
    assert ev.score == D("50")


def test_missing_value_can_take_the_group_average() -> None:
    rs = R.RuleSet(
        groups=tuple(
            g
            if g.key != "above"
            else R.GroupRule(
                "above",
                True,
                tuple(
                    R.IndicatorRule(i.key, i.weight, "fixed", D("5"), i.cap_factor, "group_average")
                    if i.key == "va_per_energy"
                    else i
                    for i in g.indicators
                ),
            )
            for g in fixed_rules().groups
        )
    )
    evs = evaluate([rec(1, energy="100"), rec(2, energy="50"), rec(3, energy=None)], rs, 2024)
    item = {i.key: i for i in evs[2].items}["va_per_energy"]
    # values 5 and 10 score 20 and 40 → capped 30; the missing firm takes the average SCORE
    # (20 + 30) / 2 = 25, not the score of the average value (7.5 → 30)
    assert item.missing and item.imputed and item.value is None and item.points == D("25")


def test_an_enterprise_without_data_cannot_outscore_the_reporters() -> None:
    """Skewed values: one outlier lifts the average value (whose score is capped at 15). The
    firm with no emission figure takes the reporters' average score on that item, so it no
    longer beats the typical reporter and at most equals the average reporter."""
    rs = R.example_rule_set()
    recs = [rec(i, emis="100") for i in range(1, 9)] + [rec(9, emis="0.5"), rec(10, emis=None)]
    evs = evaluate(recs, rs, 2024)
    items = [{i.key: i for i in e.items}["va_per_emission"] for e in evs]
    reporters = [it.points for it in items[:-1]]
    average = (sum(reporters, D(0)) / len(reporters)).quantize(D("0.0001"))
    assert items[-1].missing and items[-1].imputed and items[-1].points == average
    assert items[-1].points < D("15")  # the old rule gave the capped 15 to the firm without data
    mean_score = sum((e.score for e in evs[:-1] if e.score is not None), D(0)) / 9
    assert evs[-1].score is not None and evs[-1].score <= mean_score + D("0.0001")


def test_year_average_benchmark_is_the_groups_aggregate() -> None:
    rs = R.example_rule_set()
    evs = evaluate([rec(1, mu="10", tax="100"), rec(2, mu="30", tax="100")], rs, 2024)
    tax1 = evs[0].items[0]
    # Σtax / Σ亩 = 200 / 40 = 5; firm 1: 10 / 5 × 30 = 60 → capped 45
    assert tax1.benchmark == D("5") and tax1.benchmark_mode == "aggregate"
    assert tax1.raw_points == D("60") and tax1.points == D("45")
    tax2 = evs[1].items[0]
    assert tax2.value == D("3.333333") and tax2.points == D("20.0000")


def test_groups() -> None:
    rs = R.example_rule_set()
    assert group_of(rec(1, status="exempt"), rs, 2024) == "exempt"
    assert group_of(rec(1, status="protected"), rs, 2024) == "protected"
    assert group_of(rec(1, pfrom=dt.date(2023, 6, 1), pto=dt.date(2026, 5, 31)), rs, 2024) == "protected"
    # protection ended before the year: graded normally
    assert (
        group_of(rec(1, status="protected", pfrom=dt.date(2019, 1, 1), pto=dt.date(2022, 12, 31)), rs, 2024)
        == "above"
    )
    assert group_of(rec(1, mu=None), rs, 2024) == "leasing"
    assert group_of(rec(1, status="leasing"), rs, 2024) == "leasing"
    assert group_of(rec(1, above=False, mu="3"), rs, 2024) == "below_large"
    assert group_of(rec(1, above=False, mu="2.99"), rs, 2024) == "below_small"


def test_exempt_and_leasing_get_no_class() -> None:
    evs = evaluate([rec(1, status="exempt"), rec(2, mu=None), rec(3)], R.example_rule_set(), 2024)
    assert (evs[0].score, evs[0].klass, evs[0].items) == (None, "", ())
    assert evs[1].group == "leasing" and evs[1].score is not None and evs[1].klass == ""
    assert evs[2].klass != ""


def test_below_scale_uses_tax_per_mu_and_per_electricity() -> None:
    [ev] = evaluate([rec(1, above=False, mu="5")], R.example_rule_set(), 2024)
    assert [i.key for i in ev.items] == ["tax_per_mu", "tax_per_electricity"]
    assert ev.score == D("100")  # alone in its group: each value equals the average


def shandong_bounds(rs: R.RuleSet) -> R.RuleSet:
    """鲁政字〔2019〕235号: A ≤ 20 %, D ≥ 5 % (rounded up): set only when a rule says so."""
    return rs.with_classes(a_max_share=D("0.20"), d_min_share=D("0.05"), d_round_up=True)


def test_default_classes_have_no_cap_and_the_a_share_matters() -> None:
    rs = R.example_rule_set()
    assert rs.classes.a_max_share is None and rs.classes.d_min_share is None
    scores = [D(100 - i) for i in range(20)]
    _, classes = assign_classes(scores, rs)
    assert classes == ["A"] * 5 + ["B"] * 9 + ["C"] * 5 + ["D"]
    _, classes = assign_classes(scores, rs.with_classes(a_share=D("0.30")))
    assert classes.count("A") == 6  # changing the A share changes the result (no hidden 20 % cap)


def test_a_small_group_gets_no_forced_d_unless_the_rule_says_so() -> None:
    rs = R.example_rule_set()
    _, classes = assign_classes([D(90), D(80), D(70)], rs)
    assert "D" not in classes
    _, classes = assign_classes([D(90), D(80), D(70)], rs.with_classes(d_round_up=True))
    assert classes[-1] == "D"
    _, classes = assign_classes([D(90), D(80), D(70)], shandong_bounds(rs))
    assert classes[-1] == "D"


def test_percentile_classes_with_bounds() -> None:
    rs = shandong_bounds(R.example_rule_set())  # A top 25 % but ≤ 20 %, B to 70 %, C to 95 %, D ≥ 5 %
    scores = [D(100 - i) for i in range(20)]
    ranks, classes = assign_classes(scores, rs)
    assert ranks == list(range(1, 21))
    assert classes == ["A"] * 4 + ["B"] * 10 + ["C"] * 5 + ["D"]


def test_ties_never_break_an_upper_bound_and_join_the_lower_one() -> None:
    rs = shandong_bounds(R.example_rule_set())
    scores = [D(100)] * 5 + [D(50)] * 13 + [D(10)] * 2  # 5 tied at the top > 20 % of 20
    ranks, classes = assign_classes(scores, rs)
    assert classes[:5] == ["B"] * 5 and ranks[:5] == [1] * 5
    assert classes[-2:] == ["D", "D"] and ranks[-2:] == [19, 19]


def test_score_method_with_bounds() -> None:
    rs = shandong_bounds(R.example_rule_set()).with_classes(
        method="score", a_score=D(90), b_score=D(70), c_score=D(50)
    )
    scores = [D(95), D(94), D(93), D(80), D(75), D(60), D(55), D(52), D(51), D(50)]
    _, classes = assign_classes(scores, rs)
    # three ≥ 90 but A ≤ 20 % of 10 = 2: the third drops to B; D ≥ 5 % → the last one D
    assert classes == ["A", "A", "B", "B", "B", "C", "C", "C", "C", "D"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60),
    st.sampled_from(["percentile", "score"]),
)
def test_class_invariants(raw: list[int], method: str) -> None:
    rs = shandong_bounds(R.example_rule_set()).with_classes(method=method)
    scores = [D(x) / 4 for x in raw]
    ranks, classes = assign_classes(scores, rs)
    n = len(scores)
    assert classes.count("A") <= int(n * D("0.20"))
    assert classes.count("D") >= -(-n * 5 // 100)
    order = "ABCD"
    for i in range(n):
        for j in range(n):
            if scores[i] > scores[j]:
                assert ranks[i] < ranks[j] and order.index(classes[i]) <= order.index(classes[j])
            if scores[i] == scores[j]:
                assert ranks[i] == ranks[j] and classes[i] == classes[j]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 300), st.integers(-50, 5000), st.integers(0, 900)), min_size=1, max_size=25
    )
)
def test_points_stay_within_floor_and_cap(rows: list[tuple[int, int, int]]) -> None:
    recs = [rec(i, mu=str(m), tax=str(t), energy=str(e)) for i, (m, t, e) in enumerate(rows)]
    for ev in evaluate(recs, R.example_rule_set(), 2024):
        assert ev.score == sum((i.points for i in ev.items), D(0))
        for item in ev.items:
            assert 0 <= item.points <= item.cap
            assert item.capped == (item.raw_points > item.cap)


def test_rule_set_json_round_trip_and_validation() -> None:
    rs = R.example_rule_set().with_weight("above", "tax_per_mu", D("35.5"))
    assert R.from_json(R.to_json(rs)) == rs
    bad = R.to_json(rs)
    bad["classes"]["a_share"] = "0.9"
    try:
        R.from_json(bad)
    except Exception as exc:
        assert getattr(exc, "code", "") == "efficiency.rule_invalid"
    else:
        raise AssertionError("accepted shares out of order")


def test_deductions_and_vetoes_are_rule_data() -> None:
    rs = R.example_rule_set()
    assert rs.deductions and rs.vetoes  # 温岭-style deduction, incident veto: examples in the rule
    assert R.from_json(R.to_json(rs)) == rs
    recs = [rec(i, tax=str(100 + 10 * i)) for i in range(1, 9)]
    recs[-1] = recs[-1]._replace(rented_out_plants=3)  # best scorer, three plants rented out
    recs[-2] = recs[-2]._replace(major_incident=True)  # second best, an incident
    plain = evaluate([r._replace(rented_out_plants=0, major_incident=False) for r in recs], rs, 2024)
    evs = evaluate(recs, rs, 2024)
    assert plain[-1].score is not None
    assert evs[-1].deducted == D("10") and evs[-1].score == plain[-1].score - D("10")  # 3 × 5 capped at 10
    assert plain[-2].klass in ("A", "B") and evs[-2].vetoed and evs[-2].klass == "C"
    no_rules = evaluate(recs, replace(rs, deductions=(), vetoes=()), 2024)
    assert no_rules[-1].deducted == 0 and not no_rules[-2].vetoed


def test_groups_split_by_industry_where_the_rule_says_so() -> None:
    # Two industries of three firms each: by tax, chips pay far more than the others.
    recs = [
        rec(1, tax="300")._replace(industry="集成电路"),
        rec(2, tax="200")._replace(industry="集成电路"),
        rec(3, tax="100")._replace(industry="集成电路"),
        rec(4, tax="30")._replace(industry="高端装备"),
        rec(5, tax="20")._replace(industry="高端装备"),
        rec(6, tax="10")._replace(industry="高端装备"),
    ]
    rs = R.example_rule_set()
    together = {e.enterprise_id: e for e in evaluate(recs, rs, 2024)}
    assert together[4].rank == 4 and together[4].industry == ""
    split = replace(rs, industry_groups=("above",))
    assert R.from_json(R.to_json(split)).industry_groups == ("above",)
    by = {e.enterprise_id: e for e in evaluate(recs, split, 2024)}
    # each industry ranks on its own: the best of 高端装备 is first there, against its own benchmark
    assert (by[1].rank, by[4].rank, by[6].rank) == (1, 1, 3)
    assert by[4].industry == "高端装备" and by[1].industry == "集成电路"
    assert by[4].items[0].benchmark == D("2") and by[1].items[0].benchmark == D("20")
    assert together[4].score is not None and by[4].score is not None and by[4].score > together[4].score
    try:
        R.validate(replace(rs, industry_groups=("nowhere",)))
    except DomainError as exc:
        assert exc.code == "efficiency.rule_invalid"
    else:
        raise AssertionError("an unknown group was accepted")


def test_production_review_ends_protection() -> None:
    rs = R.example_rule_set()
    protected = rec(1, status="protected", pfrom=dt.date(2023, 6, 1), pto=dt.date(2026, 5, 31))
    assert group_of(protected, rs, 2024) == "protected"
    # 达产复核 in 2025: still protected for the 2024 data, evaluated from the 2025 data on
    reviewed = protected._replace(production_reviewed_on=dt.date(2025, 3, 1))
    assert group_of(reviewed, rs, 2024) == "protected"
    assert group_of(reviewed, rs, 2025) == "above"
    assert (
        group_of(rec(1, status="protected")._replace(production_reviewed_on=dt.date(2024, 12, 31)), rs, 2024)
        == "above"
    )
