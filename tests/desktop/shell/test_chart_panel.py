from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from desktop.printing.charts import PALETTE
from desktop.widgets.chart_panel import ChartPanel
from models.buildings.queries import BuildingRow
from tests.child import python_output


def _colour_count(widget: Any, colour: str) -> int:
    """How many pixels of ``widget`` (painted now) are ``colour``."""
    from PySide6.QtGui import QColor

    image = widget.grab().toImage()
    want = QColor(colour).rgb()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) == want
    )


def _left_edge(widget: Any, colour: str) -> int:
    """The leftmost column of ``widget`` holding a pixel of ``colour``."""
    from PySide6.QtGui import QColor

    image = widget.grab().toImage()
    want = QColor(colour).rgb()
    return min(x for x in range(image.width()) for y in range(image.height()) if image.pixel(x, y) == want)


def test_charts_draw_and_export_png(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel("各平台指标")
    qtbot.addWidget(panel)
    panel.resize(640, 400)
    panel.show()
    panel.set_bars(
        ["青山湖科技城", "高新园"],
        [("下达", [Decimal("10.5"), 20]), ("使用", [5, None])],
        y_label="面积（亩）",
    )
    assert panel.kind == "bars"
    spec = panel.view.spec
    assert spec is not None and spec.kind == "bars" and [n for n, _ in spec.series] == ["下达", "使用"]
    # both series are painted in the window (their colours), with the legend's swatches
    assert _colour_count(panel.view, PALETTE[0]) > 200 and _colour_count(panel.view, PALETTE[1]) > 50
    # grouped columns stand side by side; stacked ones on each other (the same left edge)
    panel.set_bars(["甲"], [("A", [10]), ("B", [30])])
    assert _left_edge(panel.view, PALETTE[0]) < _left_edge(panel.view, PALETTE[1])
    panel.set_bars(["甲"], [("A", [10]), ("B", [30])], stacked=True)
    assert _left_edge(panel.view, PALETTE[0]) == _left_edge(panel.view, PALETTE[1])
    panel.set_lines(["2021", "2022", "2023"], [("亩均税收", [1, None, 3])], y_label="万元/亩")
    assert panel.kind == "lines" and _colour_count(panel.view, PALETTE[0]) > 20
    panel.set_hbars(["摸排认定", "谈判协议"], [4, 2], x_label="项目数")
    assert panel.kind == "hbars"
    out = panel.export_png(tmp_path / "chart")
    assert out.suffix == ".png"
    image = QImage(str(out))
    assert image.width() == 1800 and not image.isNull()  # the printed chart, not a screen grab


def test_a_chart_prints_to_pdf_with_its_title_unit_and_source(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.printing.render import write_pdf
    from tests.desktop.printing.pages import ink, page_count, page_image

    panel = ChartPanel("各平台指标", source="指标台账")
    qtbot.addWidget(panel)
    panel.set_bars(
        ["青山湖科技城", "高新园"],
        [("下达", [Decimal("10.5"), 20]), ("使用", [5, None])],
        y_label="面积（亩）",
    )
    spec = panel.chart_spec()
    assert spec is not None and (spec.title, spec.unit, spec.source) == (
        "各平台指标",
        "面积（亩）",
        "指标台账",
    )
    assert [a.text() for a in panel.export_button.menu().actions()] == [
        "导出 PNG…",
        "导出 PDF…",
        "打印…",
        "打印预览…",
    ]
    pdf = tmp_path / "chart.pdf"
    assert write_pdf(panel.print_document(), pdf) == 1 and page_count(pdf) == 1
    assert ink(page_image(pdf, 1)) > 0.01


def test_empty_data_shows_a_message(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel()
    qtbot.addWidget(panel)
    panel.set_bars(["甲"], [("A", [1])])
    assert panel._stack.currentWidget() is panel.view
    panel.set_bars([], [])
    assert panel.kind == "" and panel.message.text() == "暂无数据"
    assert panel._stack.currentWidget() is panel.message and panel.view.spec is None
    assert panel.chart_spec() is None


def test_the_first_chart_imports_no_plotting_library() -> None:
    """In a fresh process: the first chart is painted by the print module's painter, which
    imports nothing beyond Qt (pyqtgraph took 250–350 ms on the UI thread at the first chart)."""
    code = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
before = set(sys.modules)
from desktop.widgets.chart_panel import ChartPanel
panel = ChartPanel()
panel.resize(400, 300)
panel.set_bars(["甲", "乙"], [("A", [1, 2])])
panel.show()
image = panel.view.grab()
new = sorted(m.split(".")[0] for m in set(sys.modules) - before)
print(sorted(set(n for n in new if n in ("numpy", "pyqtgraph", "shapely", "openpyxl", "sqlalchemy"))))
"""
    assert python_output(code).strip().splitlines()[-1] == "[]"


def test_the_buildings_caps_are_marked_on_their_bars(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each building's cap is a marker on its bar, named in the legend, on screen and in the
    printed chart alike (the same painter); a building without a cap has no marker."""
    from desktop.buildings.charts import BuildingCharts
    from desktop.printing.charts import MARK_COLOUR

    fields: dict[str, Any] = {name: None for name in BuildingRow.__dataclass_fields__}
    rows = [
        BuildingRow(**{**fields, "id": i, "code": f"B{i}", "ratio": Decimal(ratio), "cap": cap})
        for i, (ratio, cap) in enumerate((("0.3", Decimal("0.5")), ("0.6", None)), start=1)
    ]
    charts = BuildingCharts()
    qtbot.addWidget(charts)
    charts.resize(600, 700)
    charts.show_data(rows, [])
    charts.show()
    spec = charts.share.chart_spec()
    assert spec is not None
    assert (list(spec.marks), spec.mark_label) == ([None, Decimal(50)], "上限（%）")  # highest first
    marked = _colour_count(charts.share.view, MARK_COLOUR)
    assert marked > 0
    charts.show_data([rows[1]], [])  # no cap anywhere: no marker and no legend entry
    assert _colour_count(charts.share.view, MARK_COLOUR) == 0
    charts.show_data(rows, [])
    png = charts.share.export_png(tmp_path / "share.png")
    assert _colour_count_image(QImage(str(png)), MARK_COLOUR) > marked


def _colour_count_image(image: QImage, colour: str) -> int:
    from PySide6.QtGui import QColor

    want = QColor(colour).rgb()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) == want
    )


def test_every_chart_in_the_window_names_its_data_source() -> None:
    """A printed or exported chart says where its figures come from: every ``ChartPanel``
    the pages build is given its own ``source`` (the targets chart also sets it per target)."""
    import ast

    root = Path(__file__).resolve().parents[3] / "desktop"
    unnamed = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "chart_panel.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "ChartPanel"
                and not any(k.arg == "source" for k in node.keywords)
            ):
                unnamed.append(f"{path.relative_to(root)}:{node.lineno}")
    assert unnamed == []


def test_a_screen_reader_is_given_the_charts_title_and_figures(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The chart is a picture: its accessible name is the title and its description the figures,
    category by category (at most ``DESCRIBED`` of them, the rest counted)."""
    from desktop.widgets.chart_panel import DESCRIBED

    panel = ChartPanel("各平台指标")
    qtbot.addWidget(panel)
    panel.set_bars(
        ["青山湖科技城", "高新园"], [("下达", [Decimal("10.5"), 20]), ("使用", [5, None])], y_label="亩"
    )
    assert panel.view.accessibleName() == "各平台指标"
    assert (
        panel.view.accessibleDescription() == "亩; 青山湖科技城: 下达 10.50, 使用 5; 高新园: 下达 20, 使用 —"
    )
    many = [f"B{i}" for i in range(DESCRIBED + 3)]
    panel.set_hbars(many, list(range(len(many))))
    described = panel.view.accessibleDescription()
    assert described.startswith("B0: 0; B1: 1") and described.endswith("另有 3 项")
    panel.clear()
    assert panel.view.accessibleDescription() == ""
