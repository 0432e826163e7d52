from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from desktop.widgets.chart_panel import ChartPanel
from tests.child import python_output


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
    panel.flush()
    plot = panel.plot_widget().getPlotItem()
    assert len(plot.items) == 2 and plot.legend is not None
    panel.set_bars(["甲", "乙"], [("A", [1, 2]), ("B", [3, 4])], stacked=True)
    panel.flush()
    assert plot.viewRange()[1][1] >= 6  # stacked: the top of the stack is visible
    panel.set_lines(["2021", "2022", "2023"], [("亩均税收", [1, None, 3])], y_label="万元/亩")
    assert panel.kind == "lines"
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
    panel.set_bars([], [])
    assert panel.kind == "" and panel.message.text() == "暂无数据"
    assert panel._plot_widget is None  # pyqtgraph not even created


def test_drawing_waits_until_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel()
    qtbot.addWidget(panel)
    panel.set_bars(["甲"], [("A", [1])])
    assert panel.kind == "bars" and panel._plot_widget is None
    panel.show()
    qtbot.waitUntil(lambda: panel._plot_widget is not None, timeout=2000)


def test_pyqtgraph_is_imported_on_the_ui_thread_when_a_chart_is_first_drawn() -> None:
    """In a fresh process (pyqtgraph not yet imported): the first shown chart imports it on the
    UI thread (pyqtgraph makes Qt objects as it imports), draws, and the collector is as it was."""

    code = """
import gc, sys, threading, time
threads = []
class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == "pyqtgraph":
            threads.append(threading.current_thread().name)
        return None
sys.meta_path.insert(0, Watch())
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.widgets.chart_panel import ChartPanel
from tests.child import python_output
panel = ChartPanel()
panel.set_bars(["甲", "乙"], [("A", [1, 2])])
panel.show()
started = time.monotonic()
while panel._plot_widget is None and time.monotonic() - started < 30:
    QCoreApplication.processEvents()
    time.sleep(0.005)
print(threads, panel._plot_widget is not None, gc.isenabled())
"""
    assert python_output(code).strip().splitlines()[-1] == "['MainThread'] True True"


def test_what_is_drawn_on_top_waits_for_the_chart(qtbot) -> None:  # type: ignore[no-untyped-def]
    """``then``: the buildings' caps are drawn over the bars once the bars are drawn (the bars
    wait until the panel is seen), and are not wiped by that drawing."""
    from desktop.buildings.charts import BuildingCharts
    from models.buildings.queries import BuildingRow

    fields: dict[str, Any] = {name: None for name in BuildingRow.__dataclass_fields__}
    rows = [
        BuildingRow(**{**fields, "id": i, "code": f"B{i}", "ratio": Decimal(ratio), "cap": Decimal("0.5")})
        for i, ratio in enumerate(("0.3", "0.6"), start=1)
    ]
    charts = BuildingCharts()
    qtbot.addWidget(charts)
    charts.show_data(rows, [])
    share = charts.share
    assert share._plot_widget is None  # nothing drawn before the chart is seen
    charts.show()
    qtbot.waitUntil(
        lambda: charts.share._pending is None and charts.share._plot_widget is not None, timeout=5000
    )
    plot_widget = charts.share._plot_widget
    assert plot_widget is not None
    plot = plot_widget.getPlotItem()
    lines = [
        item for item in plot.listDataItems() if item.getData()[0] is not None and len(item.getData()[0]) == 2
    ]
    assert len(lines) == 2 and plot.legend is not None  # one cap marker per building, and its legend


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
