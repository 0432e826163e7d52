"""The annual report's headings come from models as message codes; the desktop says them in
Chinese or English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.i18n import language, set_language
from desktop.messages import catalogue, render
from models.database import Database
from models.errors import Problem

MODELS = Path(__file__).resolve().parents[2] / "models"


@pytest.fixture
def english() -> Iterator[None]:
    before = language()
    set_language("en")
    yield
    set_language(before)


def test_every_report_heading_code_has_both_languages() -> None:
    codes = {
        m
        for path in MODELS.rglob("*.py")
        for m in re.findall(r'Problem\("(report\.[a-z_.]+)"', path.read_text(encoding="utf-8"))
    }
    assert len(codes) >= 18 and "report.contents" in codes
    for code in codes:
        zh, en = catalogue()[code]
        assert zh and en and en.isascii(), code


def test_a_heading_in_english(english: None) -> None:
    import datetime as dt

    text = render(Problem("report.quotas.balances", {"year": 2024, "as_of": dt.date(2024, 12, 31)}, "info"))
    assert text == "New construction-land quota balances by platform, 2024 (as of 2024-12-31)"


def test_the_workbook_says_its_sheets_headers_and_notes_in_english(
    english: None, db: Database, tmp_path: Path
) -> None:
    """Sheet names, column headers, chart titles and the page footer in English, with nothing
    Chinese left but data (platform names); every note is an English sentence (it may cite a
    document by its Chinese number)."""
    import openpyxl

    from desktop.report_text import report_label
    from models.demo import seed_demo
    from models.policy.queries import platform_names
    from models.reporting import write_annual_report

    with db.write() as s:
        seed_demo(s)
    with db.read() as s:
        data = sorted(platform_names(s).values(), key=len, reverse=True)
    path = tmp_path / "report.xlsx"
    write_annual_report(db, 2024, path, text=render, label=report_label)
    wb = openpyxl.load_workbook(path)
    labels: list[str] = []
    notes: list[str] = []
    for ws in wb.worksheets:
        labels += [ws.title, ws.oddFooter.left.text, ws.oddFooter.center.text]
        labels += [str(c.value) for c in ws[2] if c.value is not None]
        labels += [chart.title.tx.rich.p[0].r[0].t for chart in ws._charts]
        notes += [str(c.value) for row in ws.iter_rows(min_row=3) for c in row if c.font.italic]
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

    def chinese_left(text: str) -> bool:
        for name in data:
            text = text.replace(name, "")
        return bool(cjk.search(text))

    assert wb.worksheets[0].title == "Contents" and len(wb.worksheets) > 15
    assert [t for t in labels if chinese_left(t)] == []
    assert len(notes) > 10 and [n for n in notes if not n[0].isascii()] == []


def test_in_chinese_the_labels_are_what_models_wrote(db: Database, tmp_path: Path) -> None:
    import openpyxl

    from desktop.report_text import report_label
    from models.exchange.report_spec import ReportSheet
    from models.reporting import write_sheets

    sheet = ReportSheet(
        "地块", Problem("report.land.plots", {"year": 2024}), ("平台", "面积（亩）"), (("甲", 1),)
    )
    assert report_label("面积（亩）") == "面积（亩）"
    write_sheets([sheet], tmp_path / "r.xlsx", 2024, text=render, label=report_label)
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["地块"]
    assert [c.value for c in ws[2]] == ["平台", "面积（亩）"]
