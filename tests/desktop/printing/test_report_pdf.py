"""``landspace report YEAR out.pdf``: the annual report as a PDF (contents, one part per sheet
with its chart and notes, the targets), and the workbook's page setup."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import cli
from desktop.context import AppContext
from desktop.printing.document import Drawing, PageBreak, Table
from desktop.printing.report import report_document, sheet_charts, sheet_table
from models.database import Database
from models.reporting import collect_sheets
from models.targets.demo import seed_demo
from tests.desktop.printing.pages import ink, page_count, page_image


def _only_reports(monkeypatch: pytest.MonkeyPatch, *keys: str) -> None:
    """Every area stays (its kinds too); only the named ones report, with a stand-in "fake"
    area's sheet right after the enterprises'."""
    from dataclasses import replace

    from models import areas
    from tests.cli import fake_report

    listed: list[areas.Area] = []
    for area in areas.AREAS:
        listed.append(replace(area, report=area.report if area.key in keys else None))
        if area.key == "enterprises" and "fake" in keys:
            listed.append(areas.Area("fake", report=fake_report.report_sheets))
    monkeypatch.setattr(areas, "AREAS", tuple(listed))


@pytest.fixture
def report_db(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    _only_reports(monkeypatch, "enterprises", "fake", "targets")
    with db.write() as s:
        seed_demo(s, None)  # type: ignore[arg-type]
    return db


def test_the_report_document_has_a_part_per_sheet(report_db: Database) -> None:
    with report_db.read() as s:
        sheets = collect_sheets(s, 2024)
    assert [sh.title for sh in sheets] == ["企业库", "指标台账[测试]", "2030 目标", "目标实绩"]
    doc = report_document(sheets, 2024, author="clerk")
    contents = doc.blocks[0]
    assert isinstance(contents, Table) and len(contents.rows) == 4
    assert sum(isinstance(b, PageBreak) for b in doc.blocks) == 4
    # 企业库 and 指标台账 have a chart each; 目标实绩 one per target with actuals (its years repeat)
    assert sum(isinstance(b, Drawing) for b in doc.blocks) == 6
    charts = sheet_charts(sheets[3], "x", "2024-12-31")
    assert [c.title for c in charts] == [
        "实际值与路径值 — " + t
        for t in ("规上工业总产值", "制造业投资年均增速", "千亿级产业集群（高端装备）", "百亿级产业集群")
    ]
    assert charts[0].categories == ["2022", "2023", "2024"] and charts[0].source == "临安区统计局"
    quota = sheet_table(sheets[1])
    assert quota.rows[-1][:3] == ["合计", "150.50", "80.25"] and quota.total_row
    assert quota.align_right[1] and not quota.align_right[0]


def test_cli_writes_the_pdf_by_its_extension(
    qapp: QApplication,
    report_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = str(report_db.engine.url)
    pdf = tmp_path / "年度报表.pdf"
    assert cli.main(["--db", url, "report", "2024", str(pdf)]) == 0
    out = capsys.readouterr().out
    pages = page_count(pdf)
    assert f"（{pages} 页）" in out and pages >= 5
    for n in (1, pages):
        assert ink(page_image(pdf, n)) > 0.004, n
    xlsx = tmp_path / "年度报表.xlsx"
    assert cli.main(["--db", url, "report", "2024", str(xlsx)]) == 0
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["2030 目标"]
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.oddHeader.center.text.startswith("2030 年目标进度")


def test_the_window_saves_the_report_as_pdf(
    qtbot: QtBot,
    ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qt_test_isolation: list[tuple[str, str]],
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from desktop.main_window import MainWindow

    _only_reports(monkeypatch, "enterprises", "fake")
    pdf = tmp_path / "报告.pdf"
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (2024, True)))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), "PDF (*.pdf)"))
    )
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    window.report_dialog()
    qtbot.waitUntil(lambda: any(kind == "information" for kind, _ in qt_test_isolation), timeout=20_000)
    assert page_count(pdf) >= 3  # contents, 企业库, 指标台账


def test_cli_exports_any_kind_as_a_printed_table(
    qapp: QApplication,
    report_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.printing.kinds import kind_document
    from models.exchange.registry import get_kind

    doc = kind_document(report_db, get_kind("statistics"))
    table = doc.blocks[0]
    assert isinstance(table, Table) and table.headers[:4] == ["年度", "平台", "产业链", "指标"]
    assert len(table.rows) == 15 and table.align_right[4] and not table.align_right[1]
    pdf = tmp_path / "统计数据.pdf"
    assert cli.main(["--db", str(report_db.engine.url), "export", "statistics", str(pdf)]) == 0
    assert "15" in capsys.readouterr().out
    assert page_count(pdf) == 1 and ink(page_image(pdf, 1)) > 0.01
