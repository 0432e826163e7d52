"""Register forms: a building (new or edited), a unit, and units generated floor by floor."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.buildings.text import status_label, use_label
from desktop.context import AppContext
from desktop.i18n import tr
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.editors import AreaEdit, CheckEdit, ChoiceCombo, DateEdit, TextEdit
from models.buildings import queries, services
from models.buildings.entities import UnitStatus, UnitUse
from models.changes import Changes
from models.errors import DomainError
from models.land.queries import plot_id_by_code
from models.policy.queries import platform_choices
from models.units import AreaUnit


class EnterpriseCombo(QComboBox):
    """An enterprise picked by typing part of its name or USCC; editor protocol."""

    edited = Signal()

    def __init__(self, choices: list[queries.BuyerChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem(tr("（无）"), None)
        for c in choices:
            self.addItem(f"{c.name}  {c.uscc}", c.id)
        completer = self.completer()
        if isinstance(completer, QCompleter):
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.currentIndexChanged.connect(lambda _i: self.edited.emit())

    def value(self) -> int | None:
        data = self.currentData()
        return None if data is None else int(data)

    def set_value(self, value: int | None) -> None:
        self.setCurrentIndex(max(0, self.findData(value)))


class _Dialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changes: Changes | None = None
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = ok_cancel(self, ok=tr("保存"), on_ok=self.save)

    def finish(self) -> None:
        self.form.addRow(self.buttons)

    def missing(self, required: dict[str, Any]) -> bool:
        """Say which required fields are blank (True when something is missing)."""
        blank = [label for label, value in required.items() if value in (None, "")]
        if blank:
            QMessageBox.warning(self, tr("请补全"), tr("必填项未填：{fields}", fields="、".join(blank)))
        return bool(blank)

    def run(self, op: Any) -> None:
        changes = self.ctx.write(op, self)
        if changes is not None:
            self.changes = changes
            self.accept()

    def save(self) -> None:
        raise NotImplementedError


class BuildingDialog(_Dialog):
    """A new building (``row`` None) or an edit of one; saving checks its version."""

    def __init__(
        self, ctx: AppContext, row: queries.BuildingRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx, tr("新建楼宇") if row is None else tr("编辑楼宇 — {code}", code=row.code), parent
        )
        self.row = row
        with ctx.db.read() as s:
            platforms = platform_choices(s)
            owners = queries.buyer_choices(s)
            plot_code = "" if row is None or not row.plot_code else row.plot_code
        self.code = TextEdit(self, max_length=64)
        self.name = TextEdit(self, max_length=200)
        self.platform = ChoiceCombo(platforms, self, allow_blank=True)
        self.plot = TextEdit(self, max_length=64)
        self.plot.setPlaceholderText(tr("地块编号，可空"))
        self.owner = EnterpriseCombo(owners, self)
        self.total = AreaEdit(self, unit=AreaUnit.M2)
        self.floors = QSpinBox(self)
        self.floors.setRange(1, 200)
        self.accepted_on = DateEdit(self)
        self.registered_on = DateEdit(self)
        self.land_price_paid = CheckEdit(tr("土地出让金已缴清"), self)
        self.has_lien = CheckEdit(tr("已设定抵押"), self)
        self.lien_consent = CheckEdit(tr("抵押权人同意转让"), self)
        self.idle_land = CheckEdit(tr("所在土地被认定为闲置土地"), self)
        self.note = TextEdit(self)
        for label, widget in (
            (tr("楼宇编号 *"), self.code),
            (tr("楼宇名称 *"), self.name),
            (tr("平台"), self.platform),
            (tr("地块编号"), self.plot),
            (tr("产权人"), self.owner),
            (tr("总建筑面积 *"), self.total),
            (tr("层数（地上）"), self.floors),
            (tr("竣工验收日期"), self.accepted_on),
            (tr("首次登记日期"), self.registered_on),
            ("", self.land_price_paid),
            ("", self.has_lien),
            ("", self.lien_consent),
            ("", self.idle_land),
            (tr("备注"), self.note),
        ):
            self.form.addRow(label, widget)
        self.finish()
        self.land_price_paid.set_value(True)
        if row is not None:
            self.code.set_value(row.code)
            self.name.set_value(row.name)
            self.platform.set_value(row.platform_id)
            self.plot.set_value(plot_code)
            self.owner.set_value(row.owner_id)
            self.total.set_value(row.total_m2)
            self.floors.setValue(row.floors)
            self.accepted_on.set_value(row.accepted_on)
            self.registered_on.set_value(row.registered_on)
            self.land_price_paid.set_value(row.land_price_paid)
            self.has_lien.set_value(row.has_lien)
            self.lien_consent.set_value(row.lien_consent)
            self.idle_land.set_value(row.idle_land_finding)
            self.note.set_value(row.note)

    def values(self) -> dict[str, Any]:
        return dict(
            code=self.code.value(),
            name=self.name.value(),
            platform_id=self.platform.value(),
            owner_id=self.owner.value(),
            total_floor_area_m2=self.total.value(),
            floors=self.floors.value(),
            accepted_on=self.accepted_on.value(),
            registered_on=self.registered_on.value(),
            land_price_paid=self.land_price_paid.value(),
            has_lien=self.has_lien.value(),
            lien_consent=self.lien_consent.value(),
            idle_land_finding=self.idle_land.value(),
            note=self.note.value(),
        )

    def save(self) -> None:
        values = self.values()
        if not self.total.is_valid():
            QMessageBox.warning(self, tr("请补全"), tr("总建筑面积不是有效的数字"))
            return
        if self.missing(
            {
                tr("楼宇编号"): values["code"],
                tr("楼宇名称"): values["name"],
                tr("总建筑面积"): values["total_floor_area_m2"],
            }
        ):
            return
        plot_code = self.plot.value().upper()
        row = self.row

        def op(session: Session) -> Changes:
            plot_id = None
            if plot_code:
                plot_id = plot_id_by_code(session, plot_code)
                if plot_id is None:
                    raise DomainError("building.unknown_plot", value=plot_code)
            if row is None:
                return services.create_building(session, plot_id=plot_id, **values)
            return services.update_building(
                session, building_id=row.id, version=row.version, plot_id=plot_id, **values
            )

        self.run(op)


class UnitDialog(_Dialog):
    """A new unit of the building, or an edit of one (its sale goes through a transfer)."""

    def __init__(
        self,
        ctx: AppContext,
        building: queries.BuildingRow,
        unit: queries.UnitRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            tr("新增单元 — {code}", code=building.code)
            if unit is None
            else tr("编辑单元 {number} — {code}", number=unit.number, code=building.code)
        )
        super().__init__(ctx, title, parent)
        self.building, self.unit = building, unit
        self.floor = QSpinBox(self)
        self.floor.setRange(-9, building.floors)
        self.floor.setSpecialValueText("")
        self.number = TextEdit(self, max_length=40)
        self.area = AreaEdit(self, unit=AreaUnit.M2)
        self.use = ChoiceCombo([(u.value, use_label(u.value)) for u in UnitUse], self)
        statuses = [
            (s.value, status_label(s.value))
            for s in UnitStatus
            if unit is None or s != UnitStatus.TRANSFERRED or unit.status == s.value
        ]
        self.status = ChoiceCombo(statuses, self)
        for label, widget in (
            (tr("楼层（地下为负）"), self.floor),
            (tr("单元号 *"), self.number),
            (tr("建筑面积 *"), self.area),
            (tr("用途"), self.use),
            (tr("状态"), self.status),
        ):
            self.form.addRow(label, widget)
        self.form.addRow(QLabel(tr("转让请通过“登记转让”办理，单元状态随之变更。"), self))
        self.finish()
        self.floor.setValue(1)
        if unit is not None:
            self.floor.setValue(unit.floor)
            self.number.set_value(unit.number)
            self.area.set_value(unit.area_m2)
            self.use.set_value(unit.use)
            self.status.set_value(unit.status)
            self.status.setEnabled(unit.status != UnitStatus.TRANSFERRED.value)

    def save(self) -> None:
        if not self.area.is_valid() or self.missing(
            {tr("单元号"): self.number.value(), tr("建筑面积"): self.area.value()}
        ):
            return
        values: dict[str, Any] = dict(
            floor=self.floor.value(),
            number=self.number.value(),
            floor_area_m2=self.area.value(),
            use=self.use.value(),
            status=self.status.value(),
        )
        unit, bid = self.unit, self.building.id
        if unit is None:
            self.run(lambda s: services.create_unit(s, building_id=bid, **values))
        else:
            self.run(lambda s: services.update_unit(s, unit_id=unit.id, version=unit.version, **values))


class GenerateUnitsDialog(_Dialog):
    """Units numbered by floor (301, 302 …) on a range of floors, all of one size and use."""

    def __init__(self, ctx: AppContext, building: queries.BuildingRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("按层生成单元 — {code}", code=building.code), parent)
        self.building = building
        self.first = QSpinBox(self)
        self.first.setRange(-9, building.floors)
        self.first.setValue(1)
        self.last = QSpinBox(self)
        self.last.setRange(-9, building.floors)
        self.last.setValue(building.floors)
        self.per_floor = QSpinBox(self)
        self.per_floor.setRange(1, 99)
        self.per_floor.setValue(4)
        self.area = AreaEdit(self, unit=AreaUnit.M2)
        self.use = ChoiceCombo([(u.value, use_label(u.value)) for u in UnitUse], self)
        for label, widget in (
            (tr("起始楼层"), self.first),
            (tr("结束楼层"), self.last),
            (tr("每层单元数"), self.per_floor),
            (tr("每个单元面积 *"), self.area),
            (tr("用途"), self.use),
        ):
            self.form.addRow(label, widget)
        self.finish()

    def save(self) -> None:
        area = self.area.value()
        if not self.area.is_valid() or self.missing({tr("每个单元面积"): area}):
            return
        assert area is not None
        bid, first, last, per = (
            self.building.id,
            self.first.value(),
            self.last.value(),
            self.per_floor.value(),
        )
        use = self.use.value()
        self.run(
            lambda s: services.create_units_for_floors(
                s,
                building_id=bid,
                first_floor=first,
                last_floor=last,
                per_floor=per,
                floor_area_m2=Decimal(area),
                use=use,
            )
        )
