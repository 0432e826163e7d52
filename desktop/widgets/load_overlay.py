"""The progress a page shows while it loads: a slim bar across the top of the page (not a
modal dialog), shown only when the load takes longer than ``Page.PROGRESS_AFTER_MS``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QWidget


class LoadOverlay(QFrame):
    """A child of the page, kept on top and as wide as the page; hidden until ``start``'s delay
    passes, hidden again by ``stop``."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.setObjectName("loadOverlay")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the work reports a total
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._appear)
        self.hide()
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        page = self.parentWidget()
        if page is not None:
            self.setGeometry(0, 0, page.width(), self.sizeHint().height())

    def start(self, text: str, after_ms: int) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)
        if not self.isVisible():
            self._timer.start(max(0, after_ms))

    def progress(self, done: int, total: int, stage: str) -> None:  # noqa: ARG002  Progress callback signature
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _appear(self) -> None:
        self._place()
        self.raise_()
        self.show()

    def stop(self) -> None:
        self._timer.stop()
        self.hide()

    @property
    def pending(self) -> bool:
        """Started and not stopped (shown, or waiting for its delay)."""
        return self._timer.isActive() or self.isVisible()
