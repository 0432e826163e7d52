from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from desktop.buildings.forms import BuildingDialog, GenerateUnitsDialog, UnitDialog
from desktop.buildings.page import BuildingPage
from models.buildings.entities import Building, Unit, UnitStatus
from models.database import Database
from tests.desktop.buildings.conftest import enterprise_id, make_ctx


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal warnings are recorded instead of shown."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(str(a[2])))
    return shown


@pytest.fixture
def page(qtbot, small_db: Database, warnings: list[str]) -> BuildingPage:  # type: ignore[no-untyped-def]
    ctx = make_ctx(small_db)
    p = BuildingPage(ctx)
    ctx.changes_applied.connect(p.on_changes)
    qtbot.addWidget(p)
    return p


def test_new_building_then_units_floor_by_floor(
    page: BuildingPage, small_db: Database, warnings: list[str]
) -> None:
    dialog = page.new_building()
    dialog.save()  # blank required fields: refused, nothing written
    assert dialog.changes is None and "楼宇编号" in warnings[0]
    dialog.code.set_value("qsh-ly-77")
    dialog.name.set_value("新建示例楼")
    dialog.platform.set_value(dialog.platform.itemData(1))
    dialog.owner.set_value(enterprise_id(small_db, "受让甲精密制造有限公司"))
    dialog.total.setText("12,000")
    dialog.floors.setValue(6)
    dialog.save()
    assert dialog.changes is not None
    with small_db.read() as s:
        b = s.scalar(select(Building).where(Building.code == "qsh-ly-77"))
        assert b is not None and b.total_floor_area_m2 == Decimal("12000") and b.floors == 6
    assert page._current is not None and page._current.code == "qsh-ly-77"
    gen = page.generate_units()
    assert isinstance(gen, GenerateUnitsDialog)
    gen.first.setValue(1)
    gen.last.setValue(6)
    gen.per_floor.setValue(3)
    gen.area.setText("600")
    gen.save()
    assert gen.changes is not None and gen.changes.created == 18
    assert page.units.rowCount() == 18 and len(page.grid.units()) == 18


def test_edit_building_keeps_version_and_unknown_plot_is_refused(
    page: BuildingPage, small_db: Database, warnings: list[str]
) -> None:
    shown = warnings
    dialog = page.edit_building()
    assert isinstance(dialog, BuildingDialog)
    dialog.plot.set_value("NO-SUCH-PLOT")
    dialog.save()
    assert dialog.changes is None and shown and "NO-SUCH-PLOT" in shown[0]
    dialog.plot.set_value("")
    dialog.has_lien.set_value(True)
    dialog.save()
    assert dialog.changes is not None
    with small_db.read() as s:
        assert s.scalar(select(Building.has_lien)) is True


def test_unit_edit_and_delete(
    page: BuildingPage, small_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.grid.set_selected([page.grid.units()[0].id])
    dialog = page.edit_unit()
    assert isinstance(dialog, UnitDialog)
    assert dialog.status.findData(UnitStatus.TRANSFERRED.value) == -1  # sales go through transfers
    dialog.status.set_value(UnitStatus.LEASED.value)
    dialog.save()
    assert dialog.changes is not None
    with small_db.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(Unit).where(Unit.status == UnitStatus.LEASED.value))
            == 1
        )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.grid.set_selected([page.grid.units()[0].id])
    page.delete_unit()
    with small_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 9
    add = page.add_unit()
    assert isinstance(add, UnitDialog)
    add.floor.setValue(-1)
    add.number.set_value("B1")
    add.area.setText("800")
    add.use.set_value("garage")
    add.save()
    assert add.changes is not None
    assert any(u.number == "B1" and u.floor == -1 for u in page.grid.units())


def test_viewer_cannot_edit_the_register(qtbot, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    viewer = BuildingPage(make_ctx(small_db, "viewer"))
    qtbot.addWidget(viewer)
    assert not viewer.new_action.isEnabled() and not viewer.add_unit_button.isEnabled()
    assert not any(a.isEnabled() for a in viewer.import_actions)
