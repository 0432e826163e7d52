"""The demo data, checks, report sheets and overview figures of efficiency and renewal."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import func, select

from models.database import Database
from models.demo import seed_demo
from models.efficiency import checks as EC
from models.efficiency import overview as EO
from models.efficiency import queries as Q
from models.efficiency import report as ER
from models.efficiency.entities import EfficiencyRecord, EfficiencyResult
from models.renewal import checks as RC
from models.renewal import overview as RO
from models.renewal import queries as RQ
from models.renewal import report as RR
from models.renewal.demo import PLAN
from tests.template_db import load_prepared


def test_demo_gives_three_evaluated_years_and_a_dozen_cases(db: Database) -> None:
    load_prepared(db, "full-demo", seed_demo)  # models.demo.seed_demo, run once per process
    with db.read() as s:
        assert Q.years(s) == [2024, 2023, 2022]
        n_rec = s.scalar(select(func.count()).select_from(EfficiencyRecord))
        assert n_rec is not None
        assert n_rec == s.scalar(select(func.count()).select_from(EfficiencyResult)) and n_rec >= 90
        projects = RQ.list_projects(s)
        assert Counter(p.stage for p in projects) == Counter(PLAN)
        producing = [p for p in projects if p.stage in ("producing", "checked")]
        assert all(p.tax_per_mu_before is not None and p.tax_per_mu_after is not None for p in producing)
        assert not [f for f in EC.run_checks(s) + RC.run_checks(s) if f.problem.is_error]
        sheets = ER.report_sheets(s, 2024) + RR.report_sheets(s, 2024)
        assert [sh.title for sh in sheets][:1] == ["亩均效益分类"] and "腾笼换鸟项目" in [
            sh.title for sh in sheets
        ]
        figs = EO.overview_figures(s, dt.date(2025, 1, 1)) + RO.overview_figures(s, dt.date(2025, 1, 1))
        assert {f.label for f in figs} >= {"efficiency.overview.d_count", "renewal.overview.area_freed"}
    # demo twice adds nothing
    with db.write() as s:
        seed_demo(s)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(EfficiencyRecord)) == n_rec
        assert len(RQ.list_projects(s)) == len(PLAN)


def test_checks_report_unevaluated_years(db: Database) -> None:
    from tests.models.efficiency.util import enterprise, record

    with db.write() as s:
        record(s, enterprise(s, 1), 2024, tax=10)
    with db.read() as s:
        [f] = EC.run_checks(s)
        assert f.problem.code == "efficiency.not_evaluated" and f.problem.fields["year"] == 2024


def test_demo_firm_past_its_production_review_leaves_protection(db: Database) -> None:
    from models.land.entities import Plot

    load_prepared(db, "full-demo", seed_demo)
    with db.read() as s:
        plot = s.scalar(
            select(Plot).where(Plot.production_reviewed_on.is_not(None), Plot.holder_id.is_not(None))
        )
        assert plot is not None and plot.production_reviewed_on is not None
        reviewed = plot.production_reviewed_on.year
        groups = dict(
            s.execute(
                select(EfficiencyResult.year, EfficiencyResult.group).where(
                    EfficiencyResult.enterprise_id == plot.holder_id
                )
            ).all()
        )
        statuses = set(
            s.scalars(select(EfficiencyRecord.status).where(EfficiencyRecord.enterprise_id == plot.holder_id))
        )
    assert statuses == {"protected"}
    assert groups[reviewed] != "protected" and groups[reviewed - 1] == "protected"
