"""What the map colours plots by, and the legend of each mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor

from desktop.i18n import tr
from desktop.land.map_view import ColourClass
from models.land.queries import MapPlot
from models.land.seed import LAND_SOURCES

MODES = ("status", "land_source", "low_eff_kind", "efficiency_class", "renewal_stage")

_STATUS_COLOURS = {
    "储备": QColor(200, 200, 200),
    "待供": QColor(255, 224, 130),
    "已供": QColor(255, 176, 92),
    "在建": QColor(120, 190, 240),
    "已投产": QColor(120, 200, 130),
    "收回": QColor(190, 140, 200),
}
_SOURCE_COLOURS = {"new": QColor(110, 180, 230), "existing": QColor(230, 170, 100)}
_LOW_COLOURS = {
    "批而未供": QColor(230, 90, 80),
    "供而未用": QColor(245, 150, 70),
    "用而未尽": QColor(245, 210, 90),
    "建而未投": QColor(160, 110, 200),
    "投而未达标": QColor(90, 150, 220),
}
_CLASS_COLOURS = {
    "A": QColor(40, 160, 80),
    "B": QColor(140, 200, 90),
    "C": QColor(250, 190, 60),
    "D": QColor(220, 60, 50),
}
_STAGE_COLOURS = {
    "identified": QColor(250, 210, 120),
    "negotiated": QColor(245, 170, 90),
    "vacated": QColor(230, 110, 80),
    "resupplied": QColor(170, 120, 210),
    "building": QColor(110, 160, 230),
    "producing": QColor(90, 190, 200),
    "checked": QColor(60, 160, 90),
    "stopped": QColor(150, 150, 150),
}
_NONE = QColor(225, 225, 225)


def mode_title(mode: str) -> str:
    return {
        "status": tr("状态"),
        "land_source": tr("土地来源"),
        "low_eff_kind": tr("低效用地类型"),
        "efficiency_class": tr("亩均效益等级"),
        "renewal_stage": tr("腾笼换鸟阶段"),
    }[mode]


def legend(mode: str) -> list[ColourClass]:
    if mode == "status":
        return [ColourClass(s, tr(s), c) for s, c in _STATUS_COLOURS.items()] + [
            ColourClass("", tr("未填"), _NONE)
        ]
    if mode == "land_source":
        return [ColourClass(k, tr(LAND_SOURCES[k]), c) for k, c in _SOURCE_COLOURS.items()]
    if mode == "low_eff_kind":
        return [ColourClass(k, tr(k), c) for k, c in _LOW_COLOURS.items()] + [
            ColourClass("", tr("非低效"), _NONE)
        ]
    if mode == "renewal_stage":
        from desktop.renewal.dialogs import stage_label

        return [ColourClass(k, stage_label(k), c) for k, c in _STAGE_COLOURS.items()] + [
            ColourClass("", tr("无腾笼换鸟项目"), _NONE)
        ]
    return [ColourClass(k, tr("{k} 类", k=k), c) for k, c in _CLASS_COLOURS.items()] + [
        ColourClass("", tr("未评价"), _NONE)
    ]


def classifier(mode: str) -> Callable[[MapPlot], ColourClass]:
    classes = {c.key: c for c in legend(mode)}
    other = classes.get("", ColourClass("", tr("其他"), _NONE))
    attr = {
        "status": "status",
        "land_source": "land_source",
        "low_eff_kind": "low_eff_kind",
        "efficiency_class": "efficiency_class",
        "renewal_stage": "renewal_stage",
    }[mode]

    def classify(plot: MapPlot) -> ColourClass:
        return classes.get(getattr(plot, attr), other)

    return classify
