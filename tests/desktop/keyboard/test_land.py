"""docs/guide/land.md by keyboard alone: 从 Excel 粘贴坐标 (a plot chosen with the arrows,
粘贴坐标…, Ctrl+V of the block copied in Excel, 确定); 导入测绘单位提交的界址点坐标表 (a surveyor's
界址点 workbook and a 部颁 TXT) and 其他格式 (a plots workbook with WKT, a GeoJSON, 标准地指标)
imported through 导入… ▾, the import wizard and the file dialog (the path typed); each checked in
the database."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QPlainTextEdit
from sqlalchemy import select

from desktop.main_window import MainWindow
from models.land.entities import BoundaryPoint, Plot, PlotIndicator
from tests.desktop.keyboard.driver import (
    CTRL,
    button,
    cell,
    choose_row,
    file_name,
    go_to,
    key,
    press_button,
    press_menu,
    tab_to,
    table_in,
    with_dialog,
)
from tests.desktop.loads import settle

BLOCK = "J1\t3347800\t480700\r\nJ2\t3347800\t480800\r\nJ3\t3347900\t480800\r\nJ4\t3347900\t480700\r\n"


def test_paste_coordinates(window: MainWindow) -> None:
    page = go_to(window, "plots")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    row = choose_row(view, lambda r: r == 0, window.ctx)
    code = cell(view, row, "地块编号")

    def act(dialog: QDialog) -> None:
        tab_to(lambda w: isinstance(w, QPlainTextEdit))
        QApplication.clipboard().setText(BLOCK)  # copied in Excel: 点号, X, Y
        key(Qt.Key.Key_V, CTRL)
        tab_to(button("确定"))
        key(Qt.Key.Key_Space)
        assert not dialog.isVisible()

    assert press_button(window, "粘贴坐标…", act) == []
    with window.ctx.db.read() as s:
        plot = s.scalars(select(Plot).where(Plot.code == code)).one()
        assert plot.geom_area_m2 == Decimal(10000)


def test_plot_detail_saves_on_ctrl_s(window: MainWindow) -> None:
    """详情: a plot's attributes changed in the page form and saved with Ctrl+S."""
    from tests.desktop.keyboard.driver import focus, named, set_field

    page = go_to(window, "plots")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    row = choose_row(view, lambda r: r == 1, window.ctx)
    code = cell(view, row, "地块编号")
    tab_to(named("地块名称"))
    set_field(focus(), "键盘改名地块")
    key(Qt.Key.Key_S, CTRL)
    settle(window.ctx)
    with window.ctx.db.read() as s:
        assert s.scalars(select(Plot).where(Plot.code == code)).one().name == "键盘改名地块"


N, E = 3_347_800, 480_700  # a 100 m square (1 公顷) the surveyor measured anew: 北 (X), 东 (Y)
SQUARE = [("J1", N + 100, E), ("J2", N + 100, E + 100), ("J3", N, E + 100), ("J4", N, E)]


def _a_plot(window: MainWindow) -> str:
    """A plot of the demonstration register whose boundary the file replaces (not 1 公顷 now)."""
    with window.ctx.db.read() as s:
        plot = s.scalars(select(Plot).where(Plot.geometry.is_not(None)).order_by(Plot.code)).first()
        assert plot is not None and plot.geom_area_m2 != Decimal(10000)
        return plot.code


def _space() -> None:
    key(Qt.Key.Key_Space)


def _import(window: MainWindow, entry: str, path: Path) -> None:
    """导入… ▾ → ``entry``; in the wizard 浏览… (the path typed in the file dialog), 检查, 导入, 完成."""
    go_to(window, "plots")

    def wizard(dialog: QDialog) -> None:
        tab_to(button("浏览…"))
        assert with_dialog(_space, file_name(path)) == []
        for step in ("检查", "导入", "完成"):
            tab_to(button(step))
            _space()
            settle(window.ctx)
        assert not dialog.isVisible()

    assert press_menu(window, "导入…", entry, wizard) == []


def _boundary(window: MainWindow, code: str) -> tuple[Decimal | None, list[tuple[str, Decimal, Decimal]]]:
    with window.ctx.db.read() as s:
        plot = s.scalars(select(Plot).where(Plot.code == code)).one()
        points = s.scalars(
            select(BoundaryPoint).where(BoundaryPoint.plot_id == plot.id).order_by(BoundaryPoint.seq)
        ).all()
        return plot.geom_area_m2, [(p.name, Decimal(p.x_northing), Decimal(p.y_easting)) for p in points]


def _square_recorded(window: MainWindow, code: str) -> None:
    area, points = _boundary(window, code)
    assert area == Decimal(10000)
    assert [name for name, _x, _y in points][:4] == ["J1", "J2", "J3", "J4"]
    assert (points[0][1], points[0][2]) == (Decimal(N + 100), Decimal(E))


def test_import_boundary_points(window: MainWindow, tmp_path: Path) -> None:
    code = _a_plot(window)
    book = Workbook()
    sheet = book.active
    sheet.append(["界址点坐标表"])  # the surveyor's title row above the header
    sheet.append(["地块编号", "点号", "X坐标", "Y坐标"])
    for name, x, y in SQUARE:
        sheet.append([code, name, x, y])
    path = tmp_path / "界址点.xlsx"
    book.save(path)
    _import(window, "界址点坐标表（含部颁 TXT）", path)
    _square_recorded(window, code)


def test_import_ministry_txt(window: MainWindow, tmp_path: Path) -> None:
    code = _a_plot(window)
    lines = [
        "[属性描述]",
        "格式版本号=1.01版本",
        "坐标系=2000国家大地坐标系",
        "几度分带=3",
        "投影类型=高斯克吕格",
        "计量单位=米",
        "带号=40",
        "精度=0.001",
        "[地块坐标]",
        f"5,1.0000,{code},,面,,工业用地,0601,@",
        *[f"{name},1,{x}.000,40{y}.000" for name, x, y in [*SQUARE, SQUARE[0]]],
    ]
    path = tmp_path / "部颁.txt"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    _import(window, "界址点坐标表（含部颁 TXT）", path)
    _square_recorded(window, code)


def test_import_geojson(window: MainWindow, tmp_path: Path) -> None:
    code = _a_plot(window)
    ring = [[y, x] for _name, x, y in [*SQUARE, SQUARE[0]]]  # GeoJSON: east first
    path = tmp_path / "地块.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "EPSG:4549"}},
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"地块编号": code},
                        "geometry": {"type": "Polygon", "coordinates": [ring]},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    _import(window, "地块（含 WKT；GeoJSON、Shapefile）", path)
    area, _points = _boundary(window, code)
    assert area == Decimal(10000)


def test_import_wkt_workbook(window: MainWindow, tmp_path: Path) -> None:
    code = _a_plot(window)
    ring = ", ".join(f"{y} {x}" for _name, x, y in [*SQUARE, SQUARE[0]])  # WKT: east first
    book = Workbook()
    sheet = book.active
    sheet.append(["地块编号", "WKT"])
    sheet.append([code, f"POLYGON (({ring}))"])
    path = tmp_path / "地块.xlsx"
    book.save(path)
    _import(window, "地块（含 WKT；GeoJSON、Shapefile）", path)
    area, _points = _boundary(window, code)
    assert area == Decimal(10000)


def test_import_indicators(window: MainWindow, tmp_path: Path) -> None:
    code = _a_plot(window)
    book = Workbook()
    sheet = book.active
    sheet.append(["地块编号", "指标", "承诺值", "实际值"])
    sheet.append([code, "亩均税收", "31.5", "27.25"])
    path = tmp_path / "标准地指标.xlsx"
    book.save(path)
    _import(window, "标准地指标", path)
    with window.ctx.db.read() as s:
        pid = s.scalar(select(Plot.id).where(Plot.code == code))
        ind = s.scalars(
            select(PlotIndicator).where(PlotIndicator.plot_id == pid, PlotIndicator.indicator == "tax_per_mu")
        ).one()
        assert (ind.promised, ind.actual) == (Decimal("31.5"), Decimal("27.25"))
