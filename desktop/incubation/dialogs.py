"""Small dialogs of the carriers page: a space, a tenancy, graduating or leaving."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import bracketed, tr
from desktop.incubation.columns import space_kind_labels, status_labels
from desktop.item_models.formats import format_area
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.editors import AreaEdit, ChoiceCombo, DateEdit, MoneyEdit, TextEdit
from models.incubation.queries import SpaceRow, TenancyRow
from models.units import AreaUnit


class _Dialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)

    def finish(self) -> None:
        buttons = ok_cancel(self)
        self.layout_.addWidget(buttons)


class SpaceDialog(_Dialog):
    def __init__(self, space: SpaceRow | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("空间") if space is None else tr("空间 {code}", code=space.code), parent)
        self.code = TextEdit()
        self.floor = QSpinBox()
        self.floor.setRange(-5, 200)
        self.area = AreaEdit(unit=AreaUnit.M2)
        self.kind = ChoiceCombo(list(space_kind_labels().items()))
        self.rent = MoneyEdit()
        for label, w in (
            (tr("房号"), self.code),
            (tr("楼层"), self.floor),
            (tr("面积"), self.area),
            (tr("类型"), self.kind),
            (tr("月租金（万元）"), self.rent),
        ):
            self.form.addRow(label, w)
        if space is not None:
            self.code.set_value(space.code)
            self.floor.setValue(space.floor or 0)
            self.area.set_value(space.area_m2)
            self.kind.set_value(space.kind)
            self.rent.set_value(space.rent)
        self.finish()

    def values(self) -> dict[str, Any]:
        return {
            "code": self.code.value(),
            "floor": self.floor.value(),
            "area_m2": self.area.value(),
            "kind": self.kind.value(),
            "rent": self.rent.value(),
        }


class TenancyDialog(_Dialog):
    """A new tenancy (or an edit): enterprise (type to search by name or USCC), dates, rooms
    (vacant ones listed; the tenancy's own are ticked), optional area, status."""

    def __init__(
        self,
        enterprises: list[tuple[int, str, str]],
        spaces: list[SpaceRow],
        tenancy: TenancyRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("入驻企业") if tenancy is None else tenancy.enterprise_name, parent)
        self.enterprise = ChoiceCombo([(i, bracketed(n, u)) for i, n, u in enterprises])
        self.enterprise.setEditable(True)
        self.enterprise.setInsertPolicy(ChoiceCombo.InsertPolicy.NoInsert)
        completer = QCompleter(self.enterprise.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.enterprise.setCompleter(completer)
        self.start = DateEdit(allow_blank=False)
        self.start.set_value(dt.date.today())
        self.end = DateEdit()
        self.rooms = QListWidget()
        self.rooms.setMinimumHeight(140)
        own = set(tenancy.space_ids) if tenancy else set()
        for s in spaces:
            if s.status == "occupied" and s.id not in own:
                continue
            item = QListWidgetItem(
                f"{s.code}  {format_area(s.area_m2, AreaUnit.M2, with_unit=True)}"
                + (f"  · {tr('即将空出')} {s.available_on}" if s.status == "soon" else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.id in own else Qt.CheckState.Unchecked)
            self.rooms.addItem(item)
        self.area = AreaEdit(unit=AreaUnit.M2)
        self.area.line.setPlaceholderText(tr("留空＝所选房间面积合计"))
        self.status = ChoiceCombo(list(status_labels().items()))
        # the tenant's industry (生物医药、现代农业、集成电路 have a longer limit) and founding date
        self.sector = ChoiceCombo(
            ["生物医药", "现代农业", "集成电路"], allow_blank=True
        )  # data values, as stored
        self.sector.setEditable(True)
        self.founded_on = DateEdit()
        self.note = TextEdit()
        for label, w in (
            (tr("企业"), self.enterprise),
            (tr("入驻日期"), self.start),
            (tr("到期日期"), self.end),
            (tr("房号"), self.rooms),
            (tr("入驻面积"), self.area),
            (tr("状态"), self.status),
            (tr("行业"), self.sector),
            (tr("企业成立日期"), self.founded_on),
            (tr("备注"), self.note),
        ):
            self.form.addRow(label, w)
        if tenancy is not None:
            self.enterprise.set_value(tenancy.enterprise_id)
            self.enterprise.setEnabled(False)
            self.start.set_value(tenancy.start_on)
            self.end.set_value(tenancy.end_on)
            self.area.set_value(tenancy.area_m2)
            self.status.set_value(tenancy.status)
            self.status.setEnabled(False)
            self.sector.setEditText(tenancy.sector)
            self.founded_on.set_value(tenancy.founded_on)
            self.note.set_value(tenancy.note)
        self.finish()

    def space_ids(self) -> list[int]:
        out = []
        for i in range(self.rooms.count()):
            item = self.rooms.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def values(self) -> dict[str, Any]:
        return {
            "enterprise_id": self.enterprise.value(),
            "start_on": self.start.value(),
            "end_on": self.end.value(),
            "space_ids": self.space_ids(),
            "area_m2": self.area.value(),
            "status": self.status.value(),
            "sector": self.sector.currentText().strip(),
            "founded_on": self.founded_on.value(),
            "note": self.note.value(),
        }


class EndDialog(_Dialog):
    """Graduating (date + criterion, moving out optional) or leaving (last day)."""

    def __init__(self, tenancy: TenancyRow, graduate: bool, parent: QWidget | None = None) -> None:
        title = (
            tr("毕业：{name}", name=tenancy.enterprise_name)
            if graduate
            else tr("退出：{name}", name=tenancy.enterprise_name)
        )
        super().__init__(title, parent)
        self.graduate = graduate
        self.day = DateEdit(allow_blank=False)
        self.day.set_value(dt.date.today())
        self.form.addRow(tr("毕业日期") if graduate else tr("退出日期"), self.day)
        self.criterion = ChoiceCombo(
            [
                tr("营业收入连续两年超过 1000 万元"),
                tr("获得创业投资累计超过 500 万元"),
                tr("被上市公司并购"),
                tr("认定为国家高新技术企业"),
            ]
        )
        self.criterion.setEditable(True)
        self.moved_out = DateEdit()
        if graduate:
            self.form.addRow(tr("毕业条件"), self.criterion)
            self.form.addRow(tr("迁出日期（留空＝继续租用）"), self.moved_out)
        self.finish()

    def values(self) -> dict[str, Any]:
        if self.graduate:
            return {
                "graduated_on": self.day.value(),
                "criterion": self.criterion.currentText().strip(),
                "moved_out_on": self.moved_out.value(),
            }
        return {"left_on": self.day.value()}
