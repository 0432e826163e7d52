"""The selected plot, shared by the plot page and the map page of one window."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject, Signal

from desktop.context import AppContext


class PlotSelection(QObject):
    """``changed(plot_id)`` whenever a page selects a plot; ``current`` is the last one."""

    changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current: int | None = None

    def select(self, plot_id: int) -> None:
        if plot_id != self.current:
            self.current = plot_id
            self.changed.emit(plot_id)


_SELECTIONS: WeakKeyDictionary[AppContext, PlotSelection] = WeakKeyDictionary()


def plot_selection(ctx: AppContext) -> PlotSelection:
    if ctx not in _SELECTIONS:
        _SELECTIONS[ctx] = PlotSelection(ctx)
    return _SELECTIONS[ctx]
