"""The floor grid: a building's units drawn floor by floor, top floor on top.

Each floor is a row; its units share the row's width in proportion to their floor area.
Fill colour = status (自持 / 已转让 / 出租), a character = use (产 研 办 宿 食 车 公), shared
areas hatched, an open government buy-back offer outlined in red. Clicking a unit selects
it (``multi`` toggles several, for the transfer dialog); ``selection_changed`` carries the
selected unit ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.buildings.text import area_text, status_label, use_label, use_letter
from desktop.i18n import tr
from models.buildings.entities import UnitStatus, UnitUse
from models.buildings.queries import UnitRow

STATUS_COLOURS = {
    UnitStatus.HELD.value: QColor("#d6e6fb"),
    UnitStatus.TRANSFERRED.value: QColor("#f7b267"),
    UnitStatus.LEASED.value: QColor("#b9dfa8"),
}
SELECTED = QColor("#1f3f8f")
LABEL_WIDTH = 44
ROW_HEIGHT = 34
GAP = 2


def floor_label(floor: int) -> str:
    return f"B{-floor}" if floor < 0 else f"{floor}F"


class FloorGrid(QWidget):
    selection_changed = Signal(list)  # list[int] of unit ids
    unit_activated = Signal(int)  # double click

    def __init__(self, parent: QWidget | None = None, *, multi: bool = False) -> None:
        super().__init__(parent)
        self.multi = multi
        self._units: list[UnitRow] = []
        self._floors: list[int] = []
        self._selected: list[int] = []
        self._enabled_ids: set[int] | None = None
        self._rects: list[tuple[QRectF, UnitRow]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(320)

    # --- data ------------------------------------------------------------------------------------
    def set_units(self, units: Sequence[UnitRow], floors: int | None = None) -> None:
        self._units = list(units)
        present = {u.floor for u in units}
        above = set(range(1, (floors or 0) + 1))
        self._floors = sorted(present | above, reverse=True)
        self._selected = [i for i in self._selected if any(u.id == i for u in self._units)]
        self._rects = []
        self.updateGeometry()
        self.update()

    def set_selectable(self, ids: Iterable[int] | None) -> None:
        """Restrict which units can be clicked (None: all); others are drawn faded."""
        self._enabled_ids = None if ids is None else set(ids)
        self.update()

    def units(self) -> list[UnitRow]:
        return list(self._units)

    def selected_ids(self) -> list[int]:
        return list(self._selected)

    def set_selected(self, ids: Iterable[int], *, emit: bool = False) -> None:
        self._selected = [i for i in ids if any(u.id == i for u in self._units)]
        self.update()
        if emit:
            self.selection_changed.emit(self.selected_ids())

    def unit_at(self, pos: QPointF) -> UnitRow | None:
        for rect, unit in self._rects:
            if rect.contains(pos):
                return unit
        return None

    def unit_rect(self, unit_id: int) -> QRectF | None:
        self._layout()
        for rect, unit in self._rects:
            if unit.id == unit_id:
                return rect
        return None

    # --- geometry --------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(640, max(4, len(self._floors)) * ROW_HEIGHT + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, max(2, len(self._floors)) * 22 + 8)

    def _row_height(self) -> float:
        if not self._floors:
            return ROW_HEIGHT
        return max(18.0, min(48.0, (self.height() - 8) / len(self._floors)))

    def _layout(self) -> None:
        self._rects = []
        width = self.width() - LABEL_WIDTH - 8
        h = self._row_height()
        by_floor: dict[int, list[UnitRow]] = {}
        for u in self._units:
            by_floor.setdefault(u.floor, []).append(u)
        for row, floor in enumerate(self._floors):
            units = sorted(by_floor.get(floor, []), key=lambda u: u.number)
            total = float(sum(u.area_m2 for u in units)) or 1.0
            x = float(LABEL_WIDTH)
            for u in units:
                w = max(14.0, width * float(u.area_m2) / total)
                self._rects.append((QRectF(x, 4 + row * h, w - GAP, h - GAP), u))
                x += w

    # --- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002  Qt override
        self._layout()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(self.rect(), self.palette().base())
        h = self._row_height()
        font = QFont(self.font())
        p.setFont(font)
        p.setPen(QColor("#555555"))
        for row, floor in enumerate(self._floors):
            p.drawText(
                QRectF(2, 4 + row * h, LABEL_WIDTH - 6, h - GAP),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                floor_label(floor),
            )
        if not self._units:
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), tr("该楼宇尚未登记分割单元"))
            p.end()
            return
        selected = set(self._selected)
        for rect, u in self._rects:
            self._paint_unit(p, rect, u, u.id in selected)
        p.end()

    def _paint_unit(self, p: QPainter, rect: QRectF, u: UnitRow, selected: bool) -> None:
        colour = QColor(STATUS_COLOURS.get(u.status, QColor("#dddddd")))
        enabled = self._enabled_ids is None or u.id in self._enabled_ids
        if not enabled:
            colour.setAlpha(90)
        p.fillRect(rect, colour)
        if u.use == UnitUse.SHARED.value:
            p.fillRect(rect, QBrush(QColor("#8a8a8a"), Qt.BrushStyle.BDiagPattern))
        elif u.use in (
            UnitUse.GARAGE.value,
            UnitUse.DORMITORY.value,
            UnitUse.CANTEEN.value,
            UnitUse.OFFICE.value,
        ):
            p.fillRect(rect, QBrush(QColor(0, 0, 0, 40), Qt.BrushStyle.Dense7Pattern))
        if u.open_buyback:
            p.setPen(QPen(QColor("#c0392b"), 2, Qt.PenStyle.DashLine))
        elif selected:
            p.setPen(QPen(SELECTED, 3))
        else:
            p.setPen(QPen(QColor("#7a8aa0"), 1))
        p.drawRect(rect.adjusted(1, 1, -1, -1) if selected else rect)
        if selected:
            p.fillRect(rect, QColor(31, 63, 143, 60))
        p.setPen(QColor("#1b1b1b") if enabled else QColor("#888888"))
        text = f"{use_letter(u.use)} {u.number}" if rect.width() > 54 else use_letter(u.use)
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    # --- interaction -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._layout()
        unit = self.unit_at(event.position())
        if unit is None or (self._enabled_ids is not None and unit.id not in self._enabled_ids):
            return
        if self.multi:
            if unit.id in self._selected:
                self._selected.remove(unit.id)
            else:
                self._selected.append(unit.id)
        else:
            self._selected = [unit.id]
        self.update()
        self.selection_changed.emit(self.selected_ids())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        unit = self.unit_at(event.position())
        if unit is not None:
            self.unit_activated.emit(unit.id)

    def event(self, e: object) -> bool:
        if isinstance(e, QHelpEvent):
            self._layout()
            unit = self.unit_at(QPointF(e.pos()))
            if unit is not None:
                QToolTip.showText(e.globalPos(), self.tooltip(unit), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)  # type: ignore[arg-type]

    @staticmethod
    def tooltip(u: UnitRow) -> str:
        lines = [
            tr("单元 {number}（{floor}）", number=u.number, floor=floor_label(u.floor)),
            tr(
                "面积 {area} ㎡ · {use} · {status}",
                area=area_text(u.area_m2),
                use=use_label(u.use),
                status=status_label(u.status),
            ),
        ]
        if u.owner_name:
            lines.append(tr("权利人：{owner}", owner=u.owner_name))
        if u.acquired_on:
            lines.append(tr("取得日期：{day}", day=u.acquired_on.isoformat()))
        if u.open_buyback:
            lines.append(tr("政府优先回购要约待答复"))
        return "\n".join(lines)


class GridLegend(QWidget):
    """Status colours and use letters, drawn under the grid (two lines when narrow)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _letters(self) -> str:
        return "  ".join(f"{use_letter(u.value)}={use_label(u.value)}" for u in UnitUse)

    def _swatches_width(self) -> int:
        fm = self.fontMetrics()
        labels = [status_label(s) for s in STATUS_COLOURS] + [tr("待答复回购")]
        return sum(30 + fm.horizontalAdvance(t) for t in labels)

    def _two_lines(self) -> bool:
        return (
            self._swatches_width() + self.fontMetrics().horizontalAdvance(self._letters()) + 12 > self.width()
        )

    def sizeHint(self) -> QSize:
        return QSize(600, 44 if self._two_lines() else 24)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 44)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002  Qt override
        p = QPainter(self)
        x = 4
        for status, colour in STATUS_COLOURS.items():
            p.fillRect(QRectF(x, 6, 14, 12), colour)
            p.setPen(QColor("#7a8aa0"))
            p.drawRect(QRectF(x, 6, 14, 12))
            p.setPen(QColor("#333333"))
            label = status_label(status)
            p.drawText(QPointF(x + 18, 17), label)
            x += 30 + p.fontMetrics().horizontalAdvance(label)
        p.setPen(QPen(QColor("#c0392b"), 2, Qt.PenStyle.DashLine))
        p.drawRect(QRectF(x, 6, 14, 12))
        p.setPen(QColor("#333333"))
        label = tr("待答复回购")
        p.drawText(QPointF(x + 18, 17), label)
        x += 30 + p.fontMetrics().horizontalAdvance(label)
        if self._two_lines():
            p.drawText(QPointF(4, 37), self._letters())
        else:
            p.drawText(QPointF(x, 17), self._letters())
        p.end()
