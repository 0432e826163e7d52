"""Standard-land indicators with two sides (容积率, 建筑系数: a minimum and a maximum)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from models.database import Database
from models.errors import DomainError
from models.land import services
from models.land.entities import Plot
from models.land.queries import plot_indicators
from models.land.seed import INDICATORS
from models.land.services import indicator_met


def test_two_sided_indicators_compare_within_bounds() -> None:
    assert {k: c for k, _, _, c in INDICATORS}["plot_ratio"] == "<>"
    assert {k: c for k, _, _, c in INDICATORS}["building_coverage"] == "<>"
    assert indicator_met(D("1.2"), D("1.5"), "<>", D("2.0")) is True
    assert indicator_met(D("1.2"), D("2.5"), "<>", D("2.0")) is False  # over the ceiling
    assert indicator_met(D("1.2"), D("1.0"), "<>", D("2.0")) is False  # under the floor
    assert indicator_met(None, D("2.5"), "<>", D("2.0")) is False  # a ceiling alone
    assert indicator_met(D("1.2"), D("9"), "<>") is True  # no ceiling set
    assert indicator_met(D("30"), D("29"), ">=") is False


def test_set_indicator_stores_the_maximum_and_refuses_crossed_bounds(db: Database) -> None:
    with db.write() as s:
        plot = Plot(code="P-STD")
        s.add(plot)
        s.flush()
        services.set_indicator(
            s,
            plot_id=plot.id,
            indicator="plot_ratio",
            promised=D("1.2"),
            actual=D("2.4"),
            promised_max=D("2.0"),
        )
        with pytest.raises(DomainError) as err:
            services.set_indicator(
                s,
                plot_id=plot.id,
                indicator="building_coverage",
                promised=D("0.4"),
                actual=None,
                promised_max=D("0.3"),
            )
        assert err.value.code == "land.bad_bounds"
        [row] = plot_indicators(s, plot.id)
    assert row.comparison == "<>" and row.promised_max == D("2.0") and row.met is False
