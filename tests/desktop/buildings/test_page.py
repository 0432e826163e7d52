from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from desktop.buildings.floor_grid import FloorGrid
from desktop.buildings.page import BuildingPage
from desktop.buildings.text import check_text
from desktop.i18n import set_language
from models.buildings import queries
from models.buildings.compliance import CheckResult
from models.buildings.entities import Unit
from models.database import Database
from tests.desktop.buildings.conftest import make_ctx


def test_page_shows_buildings_grid_and_transfers(qtbot, qtmodeltester, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = BuildingPage(make_ctx(demo_db))
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    qtmodeltester.check(page.buildings)
    assert page.buildings.rowCount() == 10
    assert BuildingPage.title() == "工业楼宇"
    page.select_building(next(r.id for r in page.buildings.rows() if r.code == "QSH-LY-02"))
    assert page._current is not None and page._current.severity == "warning"
    assert "接近上限" in page.buildings.data(page.buildings.index(5, 5))
    qtmodeltester.check(page.units)
    qtmodeltester.check(page.transfers)
    assert page.units.rowCount() == len(page.grid.units()) > 20
    assert page.transfers.rowCount() > 0
    page.transfer_view.selectRow(0)
    assert "示例（无文件依据）" in page.transfer_checks.toPlainText()  # seed 三(三) holds no figure
    sheet = page.transfer_sheet()  # the recorded transfer's 分割转让审核表, from the list's menu
    chosen = page.transfers.row_at(0)
    assert sheet is not None and sheet.title == "分割转让审核表"
    assert any(f"#{chosen.id}" in line for line in sheet.lines)
    idx = page.platform.findText("玲珑工业功能区")
    page.platform.setCurrentIndex(idx)
    assert {r.platform_name for r in page.buildings.rows()} == {"玲珑工业功能区"}
    page.search.setText("标准厂房2号")
    assert [r.code for r in page.buildings.rows()] == ["LL-LY-02"]


def test_clicking_the_grid_selects_a_unit(qtbot, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    grid = FloorGrid()
    qtbot.addWidget(grid)
    with small_db.read() as s:
        bid = s.scalar(select(Unit.building_id))
        assert bid is not None
        units = queries.list_units(s, bid)
    grid.set_units(units, 5)
    grid.resize(600, 300)
    grid.show()
    target = next(u for u in units if u.floor == 5)
    rect = grid.unit_rect(target.id)
    assert rect is not None and rect.top() < 40  # the top floor is drawn on top
    with qtbot.waitSignal(grid.selection_changed) as sig:
        qtbot.mouseClick(
            grid, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y()))
        )
    assert sig.args == [[target.id]]
    grid.multi = True
    other = next(u for u in units if u.floor == 1)
    r2 = grid.unit_rect(other.id)
    assert r2 is not None
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=QPoint(int(r2.center().x()), int(r2.center().y())))
    assert grid.selected_ids() == [target.id, other.id]


def test_every_recorded_check_renders_without_holes(demo_db: Database) -> None:
    with demo_db.read() as s:
        checks = [c for t in queries.list_transfers(s) for c in t.checks]
    assert checks
    for lang in ("zh", "en"):
        set_language(lang)
        try:
            for c in checks:
                text = check_text(c)
                assert "{" not in text and not text.startswith("building."), text
        finally:
            set_language("zh")


def test_use_codes_are_shown_as_labels() -> None:
    r = CheckResult(
        "building.never_sold_alone",
        "building.shared_area_sold",
        "error",
        {
            "units": "101",
            "uses": "shared",
            "document_no": "X",
            "clause": "一",
            "effective_from": dt.date(2024, 1, 1),
            "is_example": False,
        },
    )
    assert check_text(r) == "公共部分（101）不得单独分割转让（依据 X 一，自 2024-01-01 起）"


def test_every_string_of_the_page_has_an_english_entry() -> None:
    import json
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    english = json.loads((root / "resources/i18n/en/buildings.json").read_text(encoding="utf-8"))
    source = "".join(p.read_text(encoding="utf-8") for p in (root / "desktop/buildings").glob("*.py"))
    keys = set(re.findall(r'tr\(\s*"([^"]+)"', source)) | set(re.findall(r"tr\('([^']+)'", source))
    assert keys and not keys - set(english)
    from desktop.messages.buildings import MESSAGES

    for zh, en in MESSAGES.values():
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", zh)), (zh, en)
