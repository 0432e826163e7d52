from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desktop.overview import page as overview
from desktop.overview.page import OverviewPage, figure_text
from desktop.settings import AREA_UNIT
from models.enterprises import queries
from models.overview import OverviewFigure
from models.units import AreaUnit


def fake_figures(platforms: list[tuple[int, str]]):  # type: ignore[no-untyped-def]
    def figures(session, on):  # type: ignore[no-untyped-def]
        out = [
            OverviewFigure("quotas", "quotas.overview.remaining", Decimal("66666.6667"), "m2", emphasis=True),
            OverviewFigure("buildings", "buildings.overview.count", Decimal(12), "count"),
            OverviewFigure("buildings", "buildings.overview.transferred_share", Decimal("38.5"), "percent"),
        ]
        for i, (pid, _name) in enumerate(platforms):
            out.append(OverviewFigure("quotas", "quotas.overview.remaining", Decimal(15000 * (i + 1)), "m2",
                                      platform_id=pid, fields={"platform": _name}))
        return out
    return figures


def test_cards_platforms_and_chart(qtbot, ctx, monkeypatch, isolated_settings) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        platforms = queries.platform_choices(s)
    monkeypatch.setattr(overview, "overview_figures", fake_figures(platforms))
    isolated_settings.set(AREA_UNIT, "mu")
    page = OverviewPage(ctx, today=dt.date(2025, 6, 30))
    qtbot.addWidget(page)
    page.reload()
    cards = [page.cards.itemAt(i).widget() for i in range(page.cards.count())]
    assert len(cards) == 3
    assert cards[0].value.text() == "100.00" and cards[0].property("emphasis") == "true"  # 66666.6667 ㎡ = 100 亩
    assert page.as_of.text() == "截至 2025-06-30"
    assert page.platform_model.rowCount() == 4
    assert page.platform_model.text_at(0, 0) == platforms[0][1]
    assert page.platform_model.text_at(1, 1) == "45.00"  # 30000 ㎡ in 亩
    assert page.chart.kind == "bars"
    isolated_settings.set(AREA_UNIT, "m2")
    ctx.display_changed.emit()
    assert page.platform_model.text_at(1, 1) == "30,000.00"


def test_empty_database_says_so(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.reload()
    assert not page.empty.isHidden()
    assert page.targets_box.isHidden()


def test_figure_text_units() -> None:
    f = OverviewFigure("x", "x.y", Decimal("0.523"), "ratio")
    assert figure_text(f, AreaUnit.MU) == ("52.3", "%")
    f = OverviewFigure("x", "x.y", Decimal("1234.5"), "wan")
    assert figure_text(f, AreaUnit.MU) == ("1,234.50", "万元")
    f = OverviewFigure("x", "x.y", Decimal("20000"), "m2")
    assert figure_text(f, AreaUnit.HA) == ("2.0000", "公顷")
