"""Splitters that remember their place: each ``QSplitter`` under a page keeps the sizes the
clerk dragged it to (settings ``splitters/<page>.<n>/sizes``), and its panels can be collapsed
by dragging the handle to the edge (the room a 1280×720 screen needs)."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter, QWidget


def remember_splitters(root: QWidget, name: str) -> list[QSplitter]:
    from desktop.settings import settings

    found = root.findChildren(QSplitter)
    for n, splitter in enumerate(found):
        key = f"{name}.{n}"
        splitter.setChildrenCollapsible(True)
        saved = settings().splitter_sizes(key)
        if len(saved) == splitter.count() and any(saved):
            splitter.setSizes(saved)
        splitter.splitterMoved.connect(
            lambda _pos, _index, s=splitter, k=key: settings().set_splitter_sizes(k, list(s.sizes()))
        )
    return found
