"""Idle land (闲置土地) derived from the plots' land-contract dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from models.database import Database
from models.land.checks import idle_findings
from models.land.entities import Plot
from models.land.idle import idle_plots


def test_idle_land_is_derived_from_contract_dates_and_progress(db: Database) -> None:
    with db.write() as s:
        s.add_all(
            [
                Plot(code="P-LATE", agreed_start_on=dt.date(2023, 3, 1)),  # never started
                Plot(code="P-STARTED", agreed_start_on=dt.date(2023, 3, 1), started_on=dt.date(2023, 6, 1)),
                Plot(
                    code="P-HALTED",
                    agreed_start_on=dt.date(2022, 3, 1),
                    started_on=dt.date(2022, 5, 1),
                    developed_share=D("0.2"),
                    committed_investment=D("10000"),
                    invested=D("4000"),
                    halted_since=dt.date(2023, 1, 1),
                ),
                Plot(
                    code="P-HALTED-BUILT",
                    agreed_start_on=dt.date(2022, 3, 1),
                    started_on=dt.date(2022, 5, 1),
                    developed_share=D("0.6"),
                    committed_investment=D("10000"),
                    invested=D("6000"),
                    halted_since=dt.date(2023, 1, 1),
                ),
                Plot(
                    code="P-REVIEWED",
                    agreed_start_on=dt.date(2020, 3, 1),
                    production_reviewed_on=dt.date(2023, 12, 1),
                ),  # 达产复核 done: past that stage
            ]
        )
    with db.read() as s:
        early = {f.plot_code for f in idle_plots(s, on=dt.date(2024, 2, 1))}
        assert early == {"P-HALTED"}  # P-LATE: one year past 2023-03-01 is not yet over
        found = {f.plot_code: f for f in idle_plots(s, on=dt.date(2024, 6, 1))}
        assert set(found) == {"P-LATE", "P-HALTED"}
        assert found["P-LATE"].reason == "not_started" and found["P-LATE"].since == dt.date(2024, 3, 1)
        assert found["P-HALTED"].reason == "halted_underdeveloped"
        assert found["P-HALTED"].fields["is_example"] and "53号" in found["P-HALTED"].fields["example_source"]
        codes = {f.record_label: f.problem.code for f in idle_findings(s, on=dt.date(2024, 6, 1))}
        assert codes == {"P-LATE": "land.idle_not_started", "P-HALTED": "land.idle_halted_underdeveloped"}


def test_idle_plot_blocks_a_building_transfer(db: Database) -> None:
    from models.buildings.compliance import check_transfer
    from tests.models.buildings.helpers import building, enterprise, unit_ids

    with db.write() as s:
        plot = Plot(code="P-IDLE", agreed_start_on=dt.date(2022, 1, 1))
        s.add(plot)
        s.flush()
        bid = building(s, plot_id=plot.id)
        buyer = enterprise(s, 1)
        results = check_transfer(
            s,
            building_id=bid,
            unit_ids=unit_ids(s, bid)[:1],
            buyer_id=buyer,
            transfer_date=dt.date(2024, 6, 1),
        )
        idle = [r for r in results if r.code == "building.idle_land_derived"]
        assert idle and idle[0].severity == "error" and idle[0].fields["plot"] == "P-IDLE"
