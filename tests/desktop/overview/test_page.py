from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from desktop.overview.page import OverviewPage, figure_text
from desktop.settings import AREA_UNIT
from models import overview_areas
from models.overview import OverviewFigure
from models.policy import queries
from models.units import AreaUnit


def fake_figures(platforms: list[tuple[int, str]]):  # type: ignore[no-untyped-def]
    def figures(session, on):  # type: ignore[no-untyped-def]
        out = [
            OverviewFigure("quotas", "quotas.overview.remaining", Decimal("66666.6667"), "m2", emphasis=True),
            OverviewFigure("buildings", "buildings.overview.count", Decimal(12), "count"),
            OverviewFigure("buildings", "buildings.overview.transferred_share", Decimal("38.5"), "percent"),
        ]
        for i, (pid, _name) in enumerate(platforms):
            out.append(
                OverviewFigure(
                    "quotas",
                    "quotas.overview.remaining",
                    Decimal(15000 * (i + 1)),
                    "m2",
                    platform_id=pid,
                    fields={"platform": _name},
                )
            )
        return out

    return figures


def test_cards_platforms_and_chart(qtbot, ctx, monkeypatch, isolated_settings) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        platforms = queries.platform_choices(s)
    monkeypatch.setattr(overview_areas, "overview_figures", fake_figures(platforms))  # read on the worker
    isolated_settings.set(AREA_UNIT, "mu")
    page = OverviewPage(ctx, today=dt.date(2025, 6, 30))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()  # gathered on the worker thread
    cards: list[Any] = sorted(page.card_widgets, key=page.cards.indexOf)
    assert all(page.cards.indexOf(card) >= 0 for card in cards)
    assert len(cards) == 3
    assert (
        cards[0].value.text() == "100.00" and cards[0].property("emphasis") == "true"
    )  # 66666.6667 ㎡ = 100 亩
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
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    assert not page.empty.isHidden()
    # the 2030 targets are policy data seeded in every database: shown, with no actuals yet
    assert not page.targets_box.isHidden()
    model = page.targets_box.model
    assert model.rowCount() == 4
    assert {model.text_at(r, 1) for r in range(4)} == {"无数据"}


def test_targets_panel_with_statistics(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from models.targets.demo import seed_demo

    with ctx.db.write() as s:
        seed_demo(s, random.Random(0))  # the targets' demo ignores its generator
    page = OverviewPage(ctx, today=dt.date(2025, 6, 30))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    panel = page.targets_box
    rows = {
        panel.model.text_at(r, 0): [panel.model.text_at(r, c) for c in range(12)]
        for r in range(panel.model.rowCount())
    }
    output = rows["规上工业总产值"]
    assert output[2] == "≥ 1800 亿元" and output[3] == "2024" and output[4] == "1,068.00"
    assert output[1] == "符合进度" and output[8] == "9.09%" and output[9] == "青山湖科技城"
    assert rows["制造业投资年均增速"][1] == "落后于进度"
    assert rows["百亿级产业集群"][1] == "已达成（现有 3 个）"
    assert panel.chart.kind == "lines"
    spec = panel.chart.chart_spec()
    assert spec is not None and spec.categories[0] == "2022" and spec.categories[-1] == "2030"
    assert [name for name, _ in spec.series] == ["实际", "路径"] and spec.source == "临安区统计局"


def test_figure_text_units() -> None:
    f = OverviewFigure("x", "x.y", Decimal("0.523"), "ratio")
    assert figure_text(f, AreaUnit.MU) == ("52.3", "%")
    f = OverviewFigure("x", "x.y", Decimal("1234.5"), "wan")
    assert figure_text(f, AreaUnit.MU) == ("1,234.50", "万元")
    f = OverviewFigure("x", "x.y", Decimal("20000"), "m2")
    assert figure_text(f, AreaUnit.HA) == ("2.0000", "公顷")


def test_targets_panel_from_an_imported_statistics_workbook(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The statistics bureau's workbook, imported as the ``statistics`` kind, is what the
    overview's 制造业投资 target is measured by: its actuals, the growth achieved and still
    needed, on track, and a chart of actuals against the path naming the bureau."""
    from models.exchange.importer import run_import
    from models.exchange.registry import get_kind
    from tests.models.targets.test_targets import _statistics_workbook

    path = tmp_path / "统计.xlsx"
    _statistics_workbook(path)
    assert run_import(ctx.db, get_kind("statistics"), path).committed
    page = OverviewPage(ctx, today=dt.date(2025, 6, 30))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    panel = page.targets_box
    row = next(r for r in range(panel.model.rowCount()) if panel.model.text_at(r, 0) == "制造业投资年均增速")
    texts = [panel.model.text_at(row, c) for c in range(12)]
    assert texts[1] == "符合进度" and texts[3] == "2024" and texts[4] == "150.00" and texts[7] == "22.47%"
    panel.view.setCurrentIndex(panel.model.index(row, 0))
    spec = panel.chart.chart_spec()
    assert spec is not None and spec.source == "区统计局" and spec.categories[0] == "2022"
    assert [v for v in spec.series[0][1] if v is not None] == [
        Decimal("100.00"),
        Decimal("125.00"),
        Decimal("150.00"),
    ]
