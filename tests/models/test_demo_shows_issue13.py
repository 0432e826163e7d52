"""Issue 13's "Done means", one item at a time, on the demonstration database (``landspace
demo``, ``models.demo.seed_demo``): the demo shows each of them.

(a) every explanation and check cites a document that contains its figure, or says
    示例（无文件依据） with where the example comes from;
(b) an enterprise with missing data does not outscore reporters;
(c) each rule version's data years are explicit;
(d) idle land is derived from plot contract dates and feeds the transfer precondition;
(e) the quota priority 六(十) and 增存挂钩 are data, visible in the demo's quota ledger;
(f) incubator qualification with the sectors' 60-month limit and the 专业孵化器 variant;
(g) evaluation groups by industry where the rule says so.

Figures are recomputed from the records, never pasted from a run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.areas import run_all_checks
from models.buildings import compliance
from models.buildings import demo as buildings_demo
from models.buildings import queries as BQ
from models.buildings.entities import Building, Unit, UnitStatus, UnitUse
from models.database import Database
from models.demo import seed_demo
from models.efficiency import queries as EQ
from models.efficiency import rules as ER
from models.efficiency.demo import INDUSTRY_DATA_FROM, MISSING_EMISSIONS
from models.efficiency.engine import Q4, assign_classes
from models.efficiency.entities import EfficiencyRecord, EfficiencyResult
from models.efficiency.exchange import GROUP_LABELS
from models.efficiency.measures import measures_for
from models.enterprises.entities import Enterprise
from models.exchange.registry import get_kind
from models.exchange.writer import export_kind
from models.incubation import demo as incubation_demo
from models.incubation import queries as IQ
from models.incubation import rules as IR
from models.incubation.checks import run_checks as incubation_checks
from models.incubation.entities import Carrier, Tenancy
from models.incubation.qualification import qualify
from models.land.entities import Plot
from models.land.idle import IDLE_RULE, idle_plots
from models.policy import checks as policy_checks
from models.policy.documents import EXAMPLE_MARK, SEED_DOC, DocumentRow, basis_of, list_documents
from models.policy.entities import Platform, PolicyRule
from models.quotas.entities import QuotaAllocation, QuotaDemand
from models.quotas.linkage import linkage_for_year
from models.quotas.planner import PRIORITY_RULE
from models.quotas.seed import LINKAGE_RULE

TODAY = dt.date.today()  # the demo's carriers and the window's checks are dated today


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from models.database import open_database

    db = open_database(tmp_path_factory.mktemp("issue13") / "demo.sqlite3")
    with db.write() as s:
        seed_demo(s)
    yield db
    db.dispose()


# ---- (a) every basis is a document that contains the figure, or an example with its source ----


def _is_example(fields: Mapping[str, Any]) -> bool:
    return fields.get("is_example") in (True, "true", "True")


def _unsound(
    fields: Mapping[str, Any], docs: dict[str, DocumentRow], rules: dict[int, PolicyRule]
) -> str | None:
    """Why the citation in ``fields`` does not hold, or None. An example names its source; a
    cited document is in the register (a building's own approval excepted), and so is the
    cited clause. What the text shows says the one or the other."""
    shown = basis_of(fields)
    if _is_example(fields):
        if not str(fields.get("example_source") or "").strip():
            return "example without a source"
        return None if shown.startswith(EXAMPLE_MARK + "，来源：") else f"shown as {shown!r}"
    number = str(fields.get("document_no") or "")
    if not number:
        return "neither a document nor an example"
    if not shown.startswith(number):
        return f"shown as {shown!r}"
    doc = docs.get(number)
    if doc is None:
        rule = rules.get(int(fields.get("rule_id") or 0))
        return None if rule is not None and rule.building_id is not None else f"{number} not registered"
    clause = str(fields.get("clause") or "")
    if clause and doc.clause(clause) is None:
        return f"{number} {clause} not registered"
    return None


def _registers(s: Session) -> tuple[dict[str, DocumentRow], dict[int, PolicyRule]]:
    return {d.document_no: d for d in list_documents(s)}, {r.id: r for r in s.scalars(select(PolicyRule))}


def test_a_every_rule_and_check_cites_a_document_or_says_example(demo: Database) -> None:
    with demo.read() as s:
        docs, rules = _registers(s)
        # the rules themselves: a clause that holds no figure is never cited for one
        assert not [f for f in policy_checks.run_checks(s, on=TODAY) if f.problem.is_error]
        bad = {r.key: why for r in rules.values() if (why := _unsound(_citation(r), docs, rules))}
        assert not bad
        # landspace check (the CLI and the window's check page render these fields): every finding
        # that gives a basis (a rule's citation, or a document and clause; a grant's own 文号 is
        # the record's, not a basis)
        cited = [f for f in run_all_checks(s) if {"rule_key", "clause"} & set(f.problem.fields)]
        assert cited
        bad = {f.problem.code: why for f in cited if (why := _unsound(f.problem.fields, docs, rules))}
        assert not bad


def _citation(r: PolicyRule) -> dict[str, Any]:
    return {
        "rule_id": r.id,
        "document_no": r.document_no,
        "clause": r.clause,
        "is_example": r.is_example,
        "example_source": r.example_source,
    }


def test_a_every_explanation_the_window_shows_cites_its_basis(demo: Database) -> None:
    with demo.read() as s:
        docs, rules = _registers(s)
        problems: list[tuple[str, str]] = []

        def check(what: str, fields: Mapping[str, Any]) -> None:
            why = _unsound(fields, docs, rules)
            if why:
                problems.append((what, why))

        # efficiency: every result's 依据 (the score card) and the measures its class brings
        for eid, year, breakdown in s.execute(
            select(EfficiencyResult.enterprise_id, EfficiencyResult.year, EfficiencyResult.breakdown)
        ):
            check(f"efficiency {eid}/{year}", json.loads(breakdown))
            for m in measures_for(s, enterprise_id=eid, year=year):
                check(f"measure {eid}/{year}", m.citation)
        # buildings: every recorded transfer's checks (the 审核表), and each building's cap
        for t in BQ.list_transfers(s):
            for c in t.checks:
                if c.rule_key:
                    check(f"transfer {t.id} {c.code}", c.fields)
        for b in BQ.list_buildings(s, on=TODAY):
            assert b.cap_document, b.code
        # land: idle plots; quotas: the 增存挂钩 panel; incubation: the criteria
        for f in idle_plots(s, on=TODAY):
            check(f"idle {f.plot_code}", f.fields)
        for year in (2023, 2024, 2025):
            link = linkage_for_year(s, year=year)
            assert link.rule is not None
            check(f"linkage {year}", link.rule.citation())
        for q in qualify(s, on=TODAY):
            for crit in (*q.criteria, *q.excellent):
                check(f"{q.carrier_name} {crit.key}", crit.citation)
    assert not problems


# ---- (b) missing data takes the group's average score on the item ------------------------------


def test_b_a_firm_without_emission_data_scores_its_groups_average_score(demo: Database) -> None:
    year, n_missing = MISSING_EMISSIONS
    with demo.read() as s:
        missing = set(
            s.scalars(
                select(EfficiencyRecord.enterprise_id).where(
                    EfficiencyRecord.year == year,
                    EfficiencyRecord.above_scale.is_(True),
                    EfficiencyRecord.emissions_t.is_(None),
                )
            )
        )
        results = list(s.scalars(select(EfficiencyResult).where(EfficiencyResult.year == year)))
    assert len(missing) == n_missing
    points: dict[int, Decimal] = {}
    subgroup: dict[int, tuple[str, str]] = {}
    for r in results:
        item = next((i for i in json.loads(r.breakdown)["items"] if i["key"] == "va_per_emission"), None)
        if item is not None:
            points[r.enterprise_id] = Decimal(item["points"])
            subgroup[r.enterprise_id] = (r.group, r.industry)
    for eid in missing:
        peers = [points[e] for e in points if subgroup[e] == subgroup[eid] and e not in missing]
        average = (sum(peers, Decimal(0)) / len(peers)).quantize(Q4, ROUND_HALF_EVEN)
        assert points[eid] == average  # the average reporter's score, not the average value's
        assert max(peers) > points[eid]  # a firm that did not report never tops its reporters


# ---- (c) data years ---------------------------------------------------------------------------


def test_c_each_rule_version_states_its_data_years(demo: Database) -> None:
    with demo.read() as s:
        versions = list(s.scalars(select(PolicyRule).where(PolicyRule.key == ER.RULE_KEY)))
        assert len(versions) >= 2  # the seeded example and the demo's industry version
        for v in versions:
            assert v.value["data_years"]["from"] is not None  # stated, not implied by a date
            assert ER.from_json(v.value).data_year_from is not None
        for r in s.scalars(select(EfficiencyResult)):
            rule = ER.from_json(next(v for v in versions if v.id == r.rule_id).value)
            assert rule.covers(r.year)
        # the score card says them: 2024's data under the version for 2024 on, earlier years not
        eid = s.scalar(select(EfficiencyResult.enterprise_id).limit(1))
        assert eid is not None
        for year in (2023, 2024):
            detail = EQ.result_detail(s, enterprise_id=eid, year=year)
            loaded = ER.rule_set_for(s, year)
            assert detail.rule_id == loaded.ref.id
            assert (detail.data_year_from, detail.data_year_to) == (
                loaded.rules.data_year_from,
                loaded.rules.data_year_to,
            )
            assert detail.rule_from == loaded.ref.effective_from
        assert ER.rule_set_for(s, 2024).rules.data_year_from == INDUSTRY_DATA_FROM
        assert ER.rule_set_for(s, 2023).rules.data_year_from < INDUSTRY_DATA_FROM  # type: ignore[operator]


# ---- (d) idle land ----------------------------------------------------------------------------


def test_d_idle_land_is_derived_from_contract_dates_and_stops_a_transfer(demo: Database) -> None:
    with demo.read() as s:
        idle = idle_plots(s, on=TODAY)
        assert idle and all(f.fields["rule_key"] == IDLE_RULE for f in idle)
        for f in idle:
            plot = s.get(Plot, f.plot_id)
            assert plot is not None and plot.agreed_start_on is not None  # from the contract's dates
        code = buildings_demo.IDLE_LAND_BUILDING[0]
        b = s.scalar(select(Building).where(Building.code == code))
        assert b is not None and not b.idle_land_finding  # nobody ticked it: derived
        assert b.plot_id in {f.plot_id for f in idle}
        row = BQ.get_building(s, b.id, on=TODAY)
        assert row.idle_land_since == next(f.since for f in idle if f.plot_id == b.plot_id)
        unit = s.scalar(
            select(Unit.id)
            .where(
                Unit.building_id == b.id,
                Unit.status == UnitStatus.HELD.value,
                Unit.use == UnitUse.PRODUCTION.value,
            )
            .limit(1)
        )
        buyer = s.scalar(select(Enterprise.id).where(Enterprise.is_manufacturing.is_(True)).limit(1))
        assert unit is not None and buyer is not None
        results = compliance.check_transfer(
            s, building_id=b.id, unit_ids=[unit], buyer_id=buyer, transfer_date=TODAY
        )
        [refused] = [r for r in results if r.code == "building.idle_land_derived"]
        assert refused.severity == "error" and refused.fields["plot"] == row.plot_code


# ---- (e) quota priority and 增存挂钩 as data ----------------------------------------------------


def test_e_quota_priority_and_stock_linkage_are_data_in_the_ledger(demo: Database) -> None:
    with demo.read() as s:
        priority = s.scalar(select(PolicyRule).where(PolicyRule.key == PRIORITY_RULE))
        assert priority is not None and (priority.document_no, priority.clause) == (SEED_DOC, "六(十)")
        # the order is the rule's value: the Science City, then the other main platforms as one
        # group, then other recipients (e.g. 锦北街道)
        assert priority.value == ["QSH"]
        mains = {p.code for p in s.scalars(select(Platform).where(Platform.is_main.is_(True)))}
        by_code = {
            p.code: 1 if p.code == "QSH" else 2 if p.code in mains else 3 for p in s.scalars(select(Platform))
        }
        assert 3 in by_code.values()
        # in the demo's ledger no industrial demand of a later rank got quota while one of an
        # earlier rank in the same year went short
        given: dict[int, Decimal] = defaultdict(Decimal)
        for demand_id, area in s.execute(select(QuotaAllocation.demand_id, QuotaAllocation.area_m2)):
            if demand_id is not None:
                given[demand_id] += area
        codes = dict(s.execute(select(Platform.id, Platform.code)).all())
        demands = list(s.scalars(select(QuotaDemand).where(QuotaDemand.purpose == "industrial")))
        assert {codes[d.platform_id] for d in demands} > {"QSH"}
        for d in demands:
            if given[d.id] < d.area_m2:
                later = [
                    e
                    for e in demands
                    if e.year == d.year and by_code[codes[e.platform_id]] > by_code[codes[d.platform_id]]
                ]
                assert not [e.project for e in later if given[e.id] > 0], d.project
        # 增存挂钩: the proportion and the supply-rate threshold are parameters of an example rule
        linkage = s.scalar(select(PolicyRule).where(PolicyRule.key == LINKAGE_RULE))
        assert linkage is not None and linkage.is_example and linkage.example_source
        assert set(linkage.value) == {"quota_per_disposed", "supply_rate_threshold", "supply_rate_years"}
        link = linkage_for_year(s, year=2024)
        assert link.rule is not None and link.rule.id == linkage.id
        assert link.threshold == Decimal(str(linkage.value["supply_rate_threshold"]))
        assert link.ratio == Decimal(str(linkage.value["quota_per_disposed"]))
        expected = Decimal(0) if link.blocked else link.disposed_m2 * link.ratio
        assert link.linked_quota_m2 == expected.quantize(link.linked_quota_m2)


# ---- (f) incubators: the sectors' 60 months and the 专业孵化器 ----------------------------------


def test_f_the_professional_incubator_and_the_sector_limit(demo: Database) -> None:
    code, _name, specialty, _usable, _public = incubation_demo.PROFESSIONAL
    with demo.read() as s:
        cid = s.scalar(select(Carrier.id).where(Carrier.code == code))
        assert cid is not None
        [q] = qualify(s, [cid], on=TODAY)
        crit = {c.key: c for c in q.criteria}
        assert q.met and crit["industry_share"].detail["specialty"] == specialty
        # the professional variant's own tests, not the general ones it would fail
        for key, pro, general_key in (
            ("tenants", IR.PRO_MIN_TENANTS, IR.MIN_TENANTS),
            ("density", IR.PRO_MIN_DENSITY, IR.MIN_DENSITY),
            ("graduates", IR.PRO_MIN_GRADUATES, IR.MIN_GRADUATES),
        ):
            assert crit[key].required == IR.decimal_value(IR.rule(s, pro, on=TODAY))
            assert crit[key].actual < IR.decimal_value(IR.rule(s, general_key, on=TODAY))
        # a biomedicine tenant past the general limit, within its sector's, is not over the limit
        general = IR.int_value(IR.rule(s, IR.MAX_MONTHS, on=TODAY))
        sectors, sector_ref = IR.sector_limits(s, on=TODAY)
        assert sector_ref is not None and sectors[specialty] > general
        clock = crit["clock"]
        assert clock.met and general < clock.detail["longest_months"] <= sectors[specialty]
        long = [
            t
            for t in IQ.list_tenancies(s, on=TODAY, carrier_id=cid)
            if t.clock_state and t.clock_months > general
        ]
        assert long and all(t.sector == specialty and t.clock_state != "over" for t in long)
        assert all(t.max_months == sectors[specialty] for t in long)
        over = {
            f.record_id
            for f in incubation_checks(s, today=TODAY)
            if f.problem.code == "incubation.clock_over_limit"
        }
        assert not over & {t.id for t in long}
        # entry age: every incubating tenant was young enough on entry
        assert crit["entry_age"].met
        n_in_force = len(
            [t for t in s.scalars(select(Tenancy).where(Tenancy.carrier_id == cid)) if t.graduated_on is None]
        )
        assert n_in_force == incubation_demo.PRO_TENANTS


# ---- (g) evaluation by industry ----------------------------------------------------------------


def test_g_the_results_export_names_the_industry_subgroup(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "results.xlsx"
    export_kind(demo, get_kind("efficiency-results"), path, options={"year": INDUSTRY_DATA_FROM})
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)]
    with demo.read() as s:
        chains = dict(s.execute(select(Enterprise.uscc, Enterprise.industry_chain)).all())
    above = [r for r in rows if r["评价分组"] == GROUP_LABELS["above"]]
    assert above and all(r["行业分组"] == chains[r["统一社会信用代码"]] for r in above)
    assert all(r["组内企业数"] == sum(1 for o in above if o["行业分组"] == r["行业分组"]) for r in above)
    assert all(str(r["评价依据"]).startswith(EXAMPLE_MARK) for r in rows)


def test_g_one_evaluation_year_is_graded_by_industry(demo: Database) -> None:
    with demo.read() as s:
        loaded = ER.rule_set_for(s, INDUSTRY_DATA_FROM)
        assert loaded.rules.industry_groups == ("above",)
        assert loaded.ref.is_example and loaded.ref.example_source  # 示例（无文件依据）
        assert not ER.rule_set_for(s, INDUSTRY_DATA_FROM - 1).rules.industry_groups
        chains = dict(s.execute(select(Enterprise.id, Enterprise.industry_chain)).all())
        rows = EQ.list_results(s, year=INDUSTRY_DATA_FROM)
        above = [r for r in rows if r.group == "above"]
        assert len({r.industry for r in above}) >= 2
        for r in above:
            assert r.industry == chains[r.enterprise_id]
        # ranks, sizes and classes are each industry's own: rank 1 and an A in every industry
        by_industry: dict[str, list[EQ.ResultRow]] = defaultdict(list)
        for r in above:
            by_industry[r.industry].append(r)
        for members in by_industry.values():
            assert all(r.group_size == len(members) for r in members)
            assert min(r.rank for r in members if r.rank is not None) == 1
            # ranks and classes from this industry's scores alone
            ranks, classes = assign_classes([r.score or Decimal(0) for r in members], loaded.rules)
            assert [(r.rank, r.klass) for r in members] == list(zip(ranks, classes, strict=True))
        # other groups, and earlier years, are not split
        assert all(r.industry == "" for r in rows if r.group != "above")
        assert all(r.industry == "" for r in EQ.list_results(s, year=INDUSTRY_DATA_FROM - 1))
        # the benchmark of an industry is its own: Σ tax ÷ Σ 亩 of its reporters
        first = above[0]
        detail = EQ.result_detail(s, enterprise_id=first.enterprise_id, year=INDUSTRY_DATA_FROM)
        assert detail.industry == first.industry
        ids = [r.enterprise_id for r in by_industry[first.industry]]
        recs = list(
            s.scalars(
                select(EfficiencyRecord).where(
                    EfficiencyRecord.year == INDUSTRY_DATA_FROM, EfficiencyRecord.enterprise_id.in_(ids)
                )
            )
        )
        tax = sum((r.tax for r in recs if r.tax is not None), Decimal(0))
        mu = sum((r.land_area_m2 * Decimal(15) / Decimal(10000) for r in recs if r.land_area_m2), Decimal(0))
        bench = next(i.benchmark for i in detail.items if i.key == "tax_per_mu")
        assert bench == (tax / mu).quantize(Decimal("0.000001"), ROUND_HALF_EVEN)
