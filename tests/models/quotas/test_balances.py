"""Balances as of past dates, the overview figure, 增存挂钩, the report and the demo."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy.orm import Session

from desktop.i18n import set_language
from desktop.messages import render
from models.database import Database
from models.errors import Problem
from models.quotas import services
from models.quotas.checks import run_checks
from models.quotas.demo import seed_demo
from models.quotas.entries import allocation_options, grant_options, ledger_entries, use_rows
from models.quotas.linkage import linkage_for_year
from models.quotas.overview import overview_figures
from models.quotas.queries import balance_tree, platform_balances
from models.quotas.report import report_sheets
from tests.models.quotas.helpers import D, allocate, grant, mu, platform_id, use


def _ledger(s: Session) -> int:
    g = grant(s, area=mu(300), on=D(2024, 3, 1))
    a = allocate(s, g, "QSH", mu(200), D(2024, 4, 1))
    allocate(s, g, "GXY", mu(50), D(2024, 7, 1))
    u = use(s, a, mu(80), D(2024, 5, 1))
    services.advance_use(s, use_id=u, on=D(2024, 6, 1))
    services.advance_use(s, use_id=u, on=D(2024, 8, 1))
    u2 = use(s, a, mu(30), D(2024, 6, 15))
    services.cancel_use(s, use_id=u2, on=D(2024, 9, 1), reason="项目终止")
    return a


def test_balances_as_of_any_past_date(db: Database) -> None:
    with db.write() as s:
        _ledger(s)
    with db.read() as s:

        def qsh(on: dt.date):  # type: ignore[no-untyped-def]
            _, rows = platform_balances(s, year=2024, as_of=on)
            return rows[0].figures

        assert qsh(D(2024, 3, 31)).allocated == 0
        may = qsh(D(2024, 5, 31))
        assert (may.allocated, may.reserved, may.deducted, may.remaining) == (mu(200), mu(80), 0, mu(120))
        july = qsh(D(2024, 7, 1))
        assert (july.reserved, july.deducted, july.used) == (mu(30), mu(80), mu(110))
        sept = qsh(D(2024, 9, 30))
        assert (sept.reserved, sept.approved, sept.returned, sept.used, sept.remaining) == (
            0,
            mu(80),
            mu(30),
            mu(80),
            mu(120),
        )
        tree = balance_tree(s, as_of=D(2024, 9, 30))
        year = tree.years[0]
        assert year.figures.granted == mu(300) and year.figures.unallocated == mu(300) - mu(200) - mu(50)
        assert year.sources[0].source == "区年度计划"
        assert [pb.platform.code for pb in year.sources[0].platforms] == ["QSH", "GXY"]
        assert year.figures.utilisation() == mu(80) / mu(300)


def test_entries_and_options(db: Database) -> None:
    with db.write() as s:
        a = _ledger(s)
    with db.read() as s:
        kinds = [e.kind for e in ledger_entries(s)]
        assert sorted(kinds) == sorted(["grant", "allocation", "allocation", "use", "use", "return"])
        assert grant_options(s)[0].remaining_m2 == mu(300) - mu(200) - mu(50)
        opts = {o.id: o for o in allocation_options(s)}
        assert opts[a].remaining_m2 == mu(120)
        rows = use_rows(s)
        assert {r.returned_m2 for r in rows} == {mu(30), 0}


def test_overview_headline_is_the_science_city_remainder(db: Database) -> None:
    with db.write() as s:
        _ledger(s)
        figures = overview_figures(s, D(2024, 10, 1))
    head = [f for f in figures if f.emphasis]
    assert len(head) == 1 and head[0].value == mu(120) and head[0].fields["platform"] == "科技城"
    assert head[0].platform_id is None  # a card on the overview, not a table row
    per = {(f.fields["platform"], f.label): f.value for f in figures if f.platform_id is not None}
    assert per[("科技城", "quotas.overview.remaining")] == mu(120)
    assert per[("高新园", "quotas.overview.remaining")] == mu(50)
    set_language("zh")
    assert render(Problem(head[0].label, head[0].fields)) == "科技城 2024 年剩余指标"


def test_linkage_what_if(db: Database) -> None:
    with db.write() as s:
        grant(s, "Y25", area=mu(400), year=2025, on=D(2025, 3, 1))
        services.record_disposal(s, year=2024, kind="unsupplied", target_m2=mu(100), disposed_m2=mu(60))
        services.record_use(
            s,
            area_m2=mu(10),
            reserved_on=D(2024, 3, 1),
            land_source="existing",
            platform_id=platform_id(s, "QSH"),
            deducted_on=D(2024, 4, 1),
            approved_on=D(2024, 5, 1),
            supplied_on=D(2024, 6, 1),
        )
        link = linkage_for_year(s, year=2024)
    # the ledger's 10 亩 of stock supply is 批而未供 land disposed: counted once, not added to the 60
    assert (link.disposed_m2, link.target_m2, link.met) == (mu(60), mu(100), False)
    assert link.linked_quota_m2 == mu(60) and not link.blocked  # proportional, ratio 1 (an example)
    assert link.supply_rate == 1 and link.threshold == Decimal("0.60")
    assert link.rule is not None and link.rule.is_example and link.rule.document_no == ""
    assert "自然资规〔2018〕1号" in link.rule.example_source
    set_language("zh")
    assert "挂钩新增指标 60.00 亩" in render(link.problem) and "20%" not in render(link.problem)


def test_linkage_gives_no_new_quota_below_the_supply_rate_threshold(db: Database) -> None:
    with db.write() as s:
        services.record_disposal(s, year=2024, kind="idle", target_m2=mu(50), disposed_m2=mu(50))
        for k, supplied in enumerate((D(2023, 6, 1), None, None)):
            services.record_use(
                s,
                area_m2=mu(10),
                reserved_on=D(2022, 3, 1 + k),
                platform_id=platform_id(s, "QSH"),
                land_source="existing",
                deducted_on=D(2022, 4, 1),
                approved_on=D(2022, 5, 1),
                supplied_on=supplied,
            )
        link = linkage_for_year(s, year=2024)
    assert link.supply_rate == Decimal("0.3333") and link.blocked and link.linked_quota_m2 == 0
    assert link.problem.code == "quota.linkage.blocked"


def test_report_and_demo(db: Database) -> None:
    with db.write() as s:
        seed_demo(s, random.Random(3))
        # the demo's advance (预支) is still partly owed: a notice; a stock-land use recorded as the
        # Science City's own decision: a warning under 四(四) (no allocation involved)
        assert [f.problem.code for f in run_checks(s)] == [
            "quota.check.land_decided_by_science_city",
            "quota.check.advance_outstanding",
            "quota.check.ok",
        ]
        sheets = report_sheets(s, 2024)
        seed_demo(s, random.Random(3))  # a second run adds nothing
        assert len(grant_options(s)) == 9  # eight grants and the advance (预支)
    assert sheets[0].headers[0] == "平台" and len(sheets[0].rows) == 5  # the four platforms and 锦北街道
    assert sheets[0].chart is not None and sheets[0].chart.kind == "stacked_bar"
    used = sum((r[7] for r in sheets[0].rows), Decimal(0))
    assert used > 0
