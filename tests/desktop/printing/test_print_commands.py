"""``landspace print …``: the map sheet of several plots, the forms (审核表, 阶段记录, 评价卡),
charts as PDF and PNG, the targets and any table — each PDF looked at through pdftoppm;
and the window's table export laid out on the task worker, with progress and Cancel."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import cli
from desktop.context import AppContext
from desktop.printing.document import Drawing, PrintDocument, Signatures, Table
from desktop.printing.render import write_pdf
from models.database import Database
from models.progress import CancelledError, Progress
from tests.desktop.printing.pages import ink, page_count, page_image
from tests.template_db import load_prepared


@pytest.fixture
def demo(db: Database) -> Database:
    from models.demo import seed_demo

    return load_prepared(db, "full-demo", seed_demo)  # models.demo.seed_demo, run once per process


def _print(db: Database, *args: str) -> int:
    return cli.main(["--db", str(db.engine.url), "print", *args])


def _looked_at(pdf: Path, pages: int | None = None) -> int:
    """The page count (checked against ``pages``), every page not blank."""
    counted = page_count(pdf)
    if pages is not None:
        assert counted == pages
    for n in range(1, counted + 1):
        assert ink(page_image(pdf, n)) > 0.003, f"page {n} of {pdf.name} is blank"
    return counted


def test_map_sheet_of_several_plots_from_the_command_line(
    qapp: QApplication,
    demo: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.printing.commands import map_document
    from models.land.entities import Plot

    with demo.read() as s:
        codes = list(s.scalars(select(Plot.code).order_by(Plot.code).limit(3)))
    doc = map_document(demo, plots=codes, paper="A3")
    assert doc.paper == "A3" and doc.orientation == "landscape"
    assert doc.title == "地块图 — 选定 3 宗地块" and "EPSG:4549" in doc.lines[0] and "3 宗" in doc.lines[0]
    assert isinstance(doc.blocks[0], Drawing)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [r[0] for r in tables[0].rows] == codes and len(tables) == 4  # the list, then one table per plot
    pdf = tmp_path / "地块图.pdf"
    assert _print(demo, "map", str(pdf), "--plots", ",".join(codes)) == 0
    assert "PDF" in capsys.readouterr().out
    assert _looked_at(pdf) >= 2
    assert ink(page_image(pdf, 1)) > 0.05  # the drawing fills the first page
    whole = tmp_path / "全部.pdf"
    assert _print(demo, "map", str(whole), "--mode", "efficiency_class") == 0
    assert _looked_at(whole, 1) == 1
    assert _print(demo, "map", str(tmp_path / "x.pdf"), "--plots", "NO-SUCH-PLOT") == 1
    assert "NO-SUCH-PLOT" in capsys.readouterr().err


def test_forms_from_the_command_line(qapp: QApplication, demo: Database, tmp_path: Path) -> None:
    from desktop.printing.commands import approval_document, scorecard_document, stages_document
    from models.buildings.queries import list_transfers
    from models.efficiency.queries import list_results
    from models.renewal.queries import list_projects

    with demo.read() as s:
        transfer = list_transfers(s)[-1]
        project = next(p for p in list_projects(s) if p.stage != "identified")
        graded = next(r for r in list_results(s, year=2024) if r.klass)
    sheet = approval_document(demo, transfer.id)
    assert sheet.title == "分割转让审核表" and any(f"#{transfer.id}" in line for line in sheet.lines)
    rules = next(b for b in sheet.blocks if isinstance(b, Table) and b.caption == "三、规则核验")
    assert len(rules.rows) == len(transfer.checks) > 0
    assert isinstance(sheet.blocks[-1], Signatures)
    stages = stages_document(demo, project.code)
    history = next(b for b in stages.blocks if isinstance(b, Table) and b.caption.startswith("二、阶段记录"))
    assert len(history.rows) >= 2 and project.code in stages.title
    card = scorecard_document(demo, graded.uscc, 2024)
    items = next(b for b in card.blocks if isinstance(b, Table) and b.caption == "一、指标与得分")
    assert items.headers[0] == "指标" and "得分" in items.headers and len(items.rows) >= 3
    assert any("依据" in getattr(b, "text", "") for b in card.blocks)
    assert any(graded.klass in line for line in card.lines)
    for args, name in (
        ([str(transfer.id)], "approval"),
        ([project.code], "stages"),
        ([graded.uscc], "scorecard"),
    ):
        pdf = tmp_path / f"{name}.pdf"
        assert _print(demo, name, *args, str(pdf)) == 0
        assert _looked_at(pdf) >= 1
    assert _print(demo, "stages", "NO-SUCH", str(tmp_path / "n.pdf")) == 1


def test_charts_and_targets_from_the_command_line(
    qapp: QApplication,
    demo: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from PySide6.QtGui import QImage

    from desktop.printing.commands import report_charts

    charts = report_charts(demo, 2024)
    assert len(charts) >= 5 and all(c.source for c in charts)
    assert {c.source for c in charts if "规上工业总产值" in c.title} == {"临安区统计局"}
    assert _print(demo, "chart", "--year", "2024") == 0
    listed = capsys.readouterr().out
    assert all(c.title in listed for c in charts)
    png = tmp_path / "chart.png"
    assert _print(demo, "chart", "2", str(png), "--year", "2024") == 0
    image = QImage(str(png))
    assert image.width() == 1800 and ink(image) > 0.05
    pdf = tmp_path / "chart.pdf"
    assert _print(demo, "chart", charts[0].title, str(pdf), "--year", "2024", "--paper", "A3") == 0
    assert _looked_at(pdf, 1)
    assert _print(demo, "chart", "99", str(pdf), "--year", "2024") == 2
    targets = tmp_path / "targets.pdf"
    assert _print(demo, "targets", str(targets)) == 0
    assert _looked_at(targets) >= 2  # the table, then a chart per target with data
    table = tmp_path / "statistics.pdf"
    assert _print(demo, "table", "statistics", str(table), "--orientation", "landscape") == 0
    assert _looked_at(table) >= 1


def test_layout_reports_progress_and_cancel_leaves_no_file(qapp: QApplication, tmp_path: Path) -> None:
    class Recording(Progress):
        def __init__(self, stop_at: int | None = None) -> None:
            super().__init__()
            self.seen: list[tuple[int, int]] = []
            self.stop_at = stop_at

        def on_update(self) -> None:
            self.seen.append((self.done, self.total))
            if self.stop_at is not None and self.done >= self.stop_at:
                self.cancel()

    rows = [[str(i), f"企业{i}", "青山湖科技城"] for i in range(1000)]
    doc = PrintDocument("大表", blocks=[Table(["序号", "名称", "平台"], rows)])
    progress = Recording()
    pages = write_pdf(doc, tmp_path / "big.pdf", progress)
    assert pages == page_count(tmp_path / "big.pdf") > 10
    assert progress.seen[0] == (0, 2000) and progress.seen[-1] == (2000, 2000)
    assert len(progress.seen) >= 20  # every 100 rows of both passes
    cancelled = tmp_path / "cancelled.pdf"
    with pytest.raises(CancelledError):
        write_pdf(doc, cancelled, Recording(stop_at=1500))
    assert not cancelled.exists()


def test_the_window_exports_a_long_table_on_the_worker(
    qtbot: QtBot,
    ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """导出 PDF from a table's menu: the pages are laid out off the UI thread."""
    from PySide6.QtWidgets import QFileDialog

    from desktop.item_models.row_table import RowTableModel, TableColumn
    from desktop.printing import dialogs
    from desktop.printing.dialogs import export_pdf

    threads: list[bool] = []
    original = write_pdf  # what dialogs.write_pdf is before the patch

    def recording(doc: Any, path: Any, progress: Any = None) -> int:
        threads.append(threading.current_thread() is threading.main_thread())
        return original(doc, path, progress)

    monkeypatch.setattr(dialogs, "write_pdf", recording)
    target = tmp_path / "long.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    model = RowTableModel([TableColumn("序号", lambda r: r[0]), TableColumn("名称", lambda r: r[1])])
    model.set_rows([(i, f"企业{i}") for i in range(3000)])
    from desktop.printing.table import table_document

    export_pdf(None, lambda: table_document(model, "长表"), ask_paper=False, submit=ctx.submit)
    qtbot.waitUntil(lambda: target.exists() and bool(threads), timeout=60_000)
    ctx.tasks.wait(60_000)
    qtbot.waitUntil(lambda: not ctx.tasks.busy(), timeout=10_000)
    assert threads == [False]
    assert page_count(target) > 20


def test_the_preview_of_a_long_table_shows_progress_and_can_be_cancelled(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Qt's preview asks for its pages on the UI thread: a long table's layout shows a
    progress dialog (the window keeps painting) and Cancel closes the preview."""
    from PySide6.QtGui import QPdfWriter
    from PySide6.QtWidgets import QProgressDialog

    from desktop.printing.dialogs import PREVIEW_PROGRESS_ROWS, preview_pages

    rows = [[str(i), f"企业{i}"] for i in range(PREVIEW_PROGRESS_ROWS + 200)]
    doc = PrintDocument("长表", blocks=[Table(["序号", "名称"], rows)])
    maxima: list[int] = []
    original = QProgressDialog.setMaximum

    def recording_maximum(self: QProgressDialog, m: int) -> None:
        maxima.append(m)
        original(self, m)

    monkeypatch.setattr(QProgressDialog, "setMaximum", recording_maximum)
    assert preview_pages(doc, QPdfWriter(str(tmp_path / "p.pdf")), None)
    assert maxima and maxima[-1] == 2 * len(rows)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    assert not preview_pages(doc, QPdfWriter(str(tmp_path / "c.pdf")), None)
    maxima.clear()
    short = PrintDocument("短表", blocks=[Table(["序号"], [["1"]])])
    assert preview_pages(short, QPdfWriter(str(tmp_path / "s.pdf")), None) and maxima == []


def test_print_help_names_every_target_and_the_cli_stays_qt_free(capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    assert cli.is_headless(["print", "map", "x.pdf"])
    assert cli.main(["print", "--help"]) == 0
    text = capsys.readouterr().out
    for what in ("table", "map", "chart", "approval", "stages", "scorecard", "targets", "report 2024"):
        assert what in text
    probe = (
        "import sys; from desktop import cli; cli.build_parser(); "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert out.stdout.strip() == "False"  # the parser (with print's targets) imports no Qt
