"""A tab (or any hidden part of a page) whose content is built when first shown.

A page's first show builds only what the clerk sees: a secondary tab costs nothing until its
tab is chosen (``showEvent``) or code asks for its content (``content()``: a page keeps its
public attributes working by building on access, e.g. for printing or tests).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.widgets.keyboard import label_all, tab_leaves

W = TypeVar("W", bound=QWidget)


class LazyTab(QWidget, Generic[W]):
    def __init__(self, build: Callable[[QWidget], W], parent: QWidget | None = None) -> None:
        """``build(parent)`` makes the content with this tab as its parent (made in place, not
        moved in after: a move re-applies the style sheet to every widget of the content)."""
        super().__init__(parent)
        self._build: Callable[[QWidget], W] | None = build
        self._content: W | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> W:
        """The content, built now if it was not yet."""
        if self._content is None:
            assert self._build is not None
            build, self._build = self._build, None
            self._content = build(self)
            # what the window does for a page at its first show (qt_setup.AccessibilityFilter),
            # the page's show came before this content existed: labels as buddies and
            # accessible names, and no table that traps Tab
            label_all(self._content)
            tab_leaves(self._content)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._content)
            if self.isVisible():  # made during (or after) this tab's show: Qt would not show it
                self._content.show()
        return self._content

    def showEvent(self, event: QShowEvent) -> None:
        self.content()
        super().showEvent(event)
