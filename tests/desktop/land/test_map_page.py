from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QFileDialog

from desktop.context import AppContext
from desktop.land import colours
from desktop.land.map_page import MapPage
from desktop.land.map_view import prepare_plots
from desktop.land.page import PlotPage


@pytest.fixture
def page(ctx: AppContext, qtbot: Any) -> MapPage:
    p = MapPage(ctx)
    qtbot.addWidget(p)
    p.reload()
    p.resize(1200, 800)
    p.show()
    qtbot.waitExposed(p)
    return p


def _centre(plot: Any) -> QPointF:
    from shapely.geometry import Polygon

    c = Polygon(plot.rings[0], plot.rings[1:]).representative_point()
    return QPointF(c.x, -c.y)


def test_click_on_map_selects_in_table_and_shows_vertices(page: MapPage, qtbot: Any) -> None:
    plot = page.data.plots[3]
    page.map.centerOn(_centre(plot))
    page.map.zoom(40)
    pos = page.map.mapFromScene(_centre(plot))
    qtbot.mouseClick(page.map.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert page.map.selected_id() == plot.id
    assert page.table_model.row_at(page.table.currentIndex().row()).id == plot.id
    assert page.vertex_model.rowCount() >= 4
    assert page.vertex_model.row_at(0).name == "J1"
    assert plot.code in page.info.text()


def test_click_on_empty_ground_selects_nothing(page: MapPage, qtbot: Any) -> None:
    page.map.centerOn(QPointF(300_000, -3_000_000))
    qtbot.mouseClick(page.map.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert page.map.selected_id() is None


def test_table_selection_selects_on_map(page: MapPage) -> None:
    page.table.setCurrentIndex(page.table_model.index(5, 0))
    row = page.table_model.row_at(5)
    assert page.map.selected_id() == row.id
    assert page.selection.current == row.id


def test_selection_is_shared_with_the_plot_page(page: MapPage, ctx: AppContext, qtbot: Any) -> None:
    register = PlotPage(ctx)
    qtbot.addWidget(register)
    register.reload()
    target = register.data.rows[7]
    register.select_plot(target.id)
    assert page.map.selected_id() == target.id
    other = page.table_model.row_at(2)
    page.table.setCurrentIndex(page.table_model.index(2, 0))
    assert register.current_row() is not None and register.current_row().id == other.id  # type: ignore[union-attr]


@pytest.mark.parametrize("mode", colours.MODES)
def test_legend_counts_add_up_in_every_mode(page: MapPage, mode: str) -> None:
    page.mode_box.setCurrentIndex(colours.MODES.index(mode))
    total = 0
    for i in range(page.legend.count()):
        text = page.legend.item(i).text()
        total += int(text[text.rindex("（") + 1 : text.rindex("）")])
    assert total == len(page.data.plots)


def test_efficiency_class_colours_follow_latest_result(ctx: AppContext) -> None:
    import datetime as dt

    from models.efficiency.entities import EfficiencyResult
    from models.efficiency.queries import latest_classes
    from models.enterprises.entities import Enterprise
    from models.land import queries
    from models.land.entities import Plot

    with ctx.db.write() as s:
        ent = Enterprise(uscc="91330100799655058B", name="甲公司")
        s.add(ent)
        s.flush()
        s.query(Plot).filter(
            Plot.code == s.query(Plot.code).order_by(Plot.id).limit(1).scalar_subquery()
        ).update({"holder_id": ent.id}, synchronize_session=False)
        now = dt.datetime(2024, 5, 1)
        s.add_all(
            [
                EfficiencyResult(enterprise_id=ent.id, year=2022, group="规上", klass="D", evaluated_at=now),
                EfficiencyResult(enterprise_id=ent.id, year=2023, group="规上", klass="B", evaluated_at=now),
            ]
        )
    with ctx.db.read() as s:
        classes = {p.efficiency_class for p in queries.map_plots(s, classes=latest_classes(s), stages={})}
    assert classes == {"B", ""}


def test_export_png(page: MapPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PNG"))
    page._export_png()
    assert target.exists() and target.stat().st_size > 2000
    from PySide6.QtGui import QImage

    image = QImage(str(target))
    assert image.width() == page.map.viewport().width()


def test_pages_open_in_the_main_window(ctx: AppContext, qtbot: Any) -> None:
    from desktop.main_window import MainWindow

    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    assert window.select_page("plots") and window.select_page("map")
    map_page = window.page_by_key("map")
    plots_page = window.page_by_key("plots")
    assert isinstance(map_page, MapPage) and isinstance(plots_page, PlotPage)
    qtbot.waitUntil(lambda: bool(map_page.data.plots) and bool(plots_page.data.rows), timeout=10_000)
    target = plots_page.data.rows[4]
    window.select_page("plots")
    plots_page.select_plot(target.id)
    assert plots_page.show_on_map()
    assert window.stack.currentWidget() is map_page and map_page.map.selected_id() == target.id
    ctx.tasks.wait(10_000)


def test_map_sheet_of_all_plots_and_of_a_selected_plot(page: MapPage, tmp_path: Path) -> None:
    from desktop.printing.document import Drawing, Table
    from desktop.printing.render import write_pdf
    from tests.desktop.printing.pages import ink, page_count, page_image

    whole = page.sheet_document("all", paper="A3")
    assert whole.paper == "A3" and whole.orientation == "landscape"
    assert "EPSG:4549" in whole.lines[0] and "全部地块" in whole.lines[0]
    assert [type(b) for b in whole.blocks] == [Drawing]
    pdf = tmp_path / "all.pdf"
    assert write_pdf(whole, pdf) == 1 == page_count(pdf)
    assert ink(page_image(pdf, 1)) > 0.02
    page.table.setCurrentIndex(page.table_model.index(5, 0))
    row = page.table_model.row_at(5)
    sheet = page.sheet_document("selected", orientation="portrait")
    assert sheet.title == f"地块图 — {row.code}" and sheet.orientation == "portrait"
    table = next(b for b in sheet.blocks if isinstance(b, Table))
    assert table.caption.startswith(f"界址点坐标表 — {row.code}")
    assert len(table.rows) == page.vertex_model.rowCount() >= 4
    assert table.rows[0][0] == "J1"
    pdf = tmp_path / "plot.pdf"
    pages = write_pdf(sheet, pdf)
    assert pages == page_count(pdf) >= 1
    assert ink(page_image(pdf, 1)) > 0.02


def test_map_sheet_of_several_selected_plots(page: MapPage, tmp_path: Path) -> None:
    """Ctrl+click several rows of the list: one sheet outlines them all, lists them, and
    prints each plot's 界址点坐标表; the legend counts the plots inside the frame."""
    from PySide6.QtCore import QItemSelectionModel

    from desktop.printing.document import Drawing, Table
    from desktop.printing.render import write_pdf
    from tests.desktop.printing.pages import ink, page_count, page_image

    chosen_rows = (2, 3, 7)
    selection = page.table.selectionModel()
    for r in chosen_rows:
        selection.select(
            page.table_model.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    codes = [page.table_model.row_at(r).code for r in chosen_rows]
    assert [page.table_model.row_at(r).id for r in chosen_rows] == page.chosen_ids()
    sheet = page.sheet_document("selected", paper="A3")
    assert sheet.title == "地块图 — 选定 3 宗地块" and sheet.paper == "A3"
    assert "选定地块" in sheet.lines[0] and "3 宗" in sheet.lines[0] and "EPSG:4549" in sheet.lines[0]
    drawing = sheet.blocks[0]
    assert isinstance(drawing, Drawing)
    tables = [b for b in sheet.blocks if isinstance(b, Table)]
    assert tables[0].caption == "选定地块" and [r[0] for r in tables[0].rows] == codes
    assert [t.caption.split(" — ")[1].split()[0] for t in tables[1:]] == codes
    assert all(t.rows and t.rows[0][0] == "J1" for t in tables[1:])
    pdf = tmp_path / "three.pdf"
    pages = write_pdf(sheet, pdf)
    assert pages == page_count(pdf) >= 2
    assert ink(page_image(pdf, 1)) > 0.02 and ink(page_image(pdf, pages)) > 0.003


def test_map_sheet_grid_steps_and_padding() -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor

    from desktop.land.map_sheet import LegendEntry, nice_step, padded

    assert nice_step(23_000, 4) == 10_000 and nice_step(420, 4) == 200
    assert padded(QRectF(0, 0, 100, 40)) == QRectF(-30, -30, 160, 100)
    assert LegendEntry("已供", QColor("red"), 3).count == 3


def test_map_paths_are_built_on_the_worker_thread(
    ctx: AppContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import desktop.land.map_page as map_page_mod
    from desktop.tasks import TaskRunner
    from tests.desktop.loads import settle

    threads: list[threading.Thread] = []
    real = prepare_plots  # what map_page.prepare_plots is before the patch

    def spy(plots: Any, classify: Any) -> Any:
        threads.append(threading.current_thread())
        return real(plots, classify)

    monkeypatch.setattr(map_page_mod, "prepare_plots", spy)
    ctx.tasks = TaskRunner(ctx.show_error)
    p = MapPage(ctx)
    qtbot.addWidget(p)
    p.reload()
    settle(ctx)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert p.map._tree is not None and len(p.map._tree_ids) == len(p.data.plots)
