"""Tables as PDF: the pages, the repeated header, the filters written out, A3, the view's menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPageLayout, QPdfWriter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.printing.document import PrintDocument, Table
from desktop.printing.render import render, resolve_orientation, write_pdf
from desktop.printing.table import describe_filters, table_document
from desktop.widgets.table_view import RowTableView
from tests.desktop.printing.pages import ink, page_count, page_image


def wide_rows(n: int) -> list[list[str]]:
    return [
        [
            str(i),
            f"浙江青山湖智能装备有限公司{i}",
            "青山湖科技城",
            f"{i * 12.5:,.2f}",
            "高端装备",
            "2025-06-30",
            "备注" * (i % 5),
        ]
        for i in range(n)
    ]


HEADERS = ["序号", "企业名称", "平台", "面积（亩）", "产业链", "日期", "备注"]


def test_a_long_table_runs_onto_numbered_pages(qapp: QApplication, tmp_path: Path) -> None:
    doc = PrintDocument(
        "企业库",
        ["筛选 平台：青山湖科技城"],
        author="clerk",
        blocks=[Table(HEADERS, wide_rows(150), [True, False, False, True])],
    )
    pdf = tmp_path / "t.pdf"
    pages = write_pdf(doc, pdf)
    assert pages >= 4
    assert page_count(pdf) == pages
    first, last = page_image(pdf, 1), page_image(pdf, pages)
    assert ink(first) > 0.02  # text and grid lines, not a blank page
    assert ink(last) > 0.005
    assert b"WenQuanYi" in pdf.read_bytes() or b"FontFile2" in pdf.read_bytes()  # the CJK font is embedded


def test_a_short_table_is_one_page_and_narrow_tables_stay_portrait(
    qapp: QApplication, tmp_path: Path
) -> None:
    doc = PrintDocument("小表", blocks=[Table(["名称", "数量"], [["甲", "1"], ["乙", "2"]], [False, True])])
    assert resolve_orientation(doc) == "portrait"
    assert write_pdf(doc, tmp_path / "s.pdf") == 1


def test_wide_tables_turn_the_paper_and_a3_gives_fewer_pages(qapp: QApplication, tmp_path: Path) -> None:
    rows = [[f"某某很长的一段文字内容{c}-{r}" for c in range(9)] for r in range(200)]
    doc = PrintDocument("宽表", blocks=[Table([f"第{c}列标题" for c in range(9)], rows)])
    assert resolve_orientation(doc) == "landscape"
    a4 = write_pdf(doc, tmp_path / "a4.pdf")
    doc.paper = "A3"
    a3 = write_pdf(doc, tmp_path / "a3.pdf")
    assert a3 < a4


def test_the_header_row_is_repeated_on_every_page(qapp: QApplication, tmp_path: Path) -> None:
    """Painted texts are recorded: every page starts its table with the header row."""
    from PySide6.QtGui import QPainter

    doc = PrintDocument("重复表头", blocks=[Table(HEADERS, wide_rows(120))])
    drawn: list[tuple[int, str]] = []
    page = [1]
    original_text = QPainter.drawText
    writer = QPdfWriter(str(tmp_path / "h.pdf"))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    original_new = writer.newPage

    def new_page() -> bool:
        page[0] += 1
        return original_new()

    def draw_text(self, *args):  # type: ignore[no-untyped-def]
        drawn.append((page[0], str(args[-1])))
        return original_text(self, *args)

    writer.newPage = new_page  # type: ignore[method-assign]
    QPainter.drawText = draw_text  # type: ignore[method-assign]
    try:
        pages = render(doc, writer)
    finally:
        QPainter.drawText = original_text  # type: ignore[method-assign]
    assert pages > 2
    for n in range(1, pages + 1):
        texts = [t for p, t in drawn if p == n]
        assert "企业名称" in texts
        assert f"第 {n} 页 共 {pages} 页" in texts


def test_a_view_prints_what_it_shows_with_its_filters(qtbot: QtBot, tmp_path: Path) -> None:
    model = RowTableModel(
        [
            TableColumn("名称", lambda r: r[0]),
            TableColumn("平台", lambda r: r[1]),
            TableColumn("面积", lambda r: r[2], align_right=True),
        ]
    )
    model.set_rows([(f"企业{i}", "青山湖科技城" if i % 2 else "锦南新城", i) for i in range(40)])
    model.set_column_filter(1, {"锦南新城"})
    view = RowTableView(model)
    qtbot.addWidget(view)
    view.print_title = "企业库"
    actions = [a.text() for a in view.build_menu().actions()]
    assert {"打印…", "打印预览…", "导出 PDF…"} <= set(actions)
    doc = view.print_document()
    assert doc.title == "企业库"
    assert "筛选 平台：锦南新城" in doc.lines
    assert "显示 20 / 共 40 行" in doc.lines
    table = doc.blocks[0]
    assert isinstance(table, Table) and len(table.rows) == 20 and table.headers == ["名称", "平台", "面积"]
    pdf = tmp_path / "v.pdf"
    assert write_pdf(doc, pdf) == 1
    assert ink(page_image(pdf, 1)) > 0.005


def test_filters_in_words(qapp: QApplication) -> None:
    model = RowTableModel([TableColumn("平台", lambda r: r)])
    model.set_rows([f"平台{i}" for i in range(20)])
    assert describe_filters(model) == ["全部 20 行（未筛选）"]
    model.set_column_filter(0, {f"平台{i}" for i in range(10)})
    model.set_search("平台1")
    lines = describe_filters(model, "2025 年")
    assert lines[0] == "条件：2025 年"
    assert lines[1].startswith("筛选 平台：平台0、平台1") and lines[1].endswith("等 10 项")
    assert "搜索：平台1" in lines
    doc = table_document(model, "平台", author="a")
    assert doc.author == "a"
