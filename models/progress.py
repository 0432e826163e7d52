"""A Qt-free progress and cancel protocol (Orange's ``state`` argument).

Long work is a plain function taking a ``Progress``. The desktop passes one that
forwards to a progress dialog from the worker thread; tests pass ``Progress()``
or a recording subclass.
"""

from __future__ import annotations

import threading


class CancelledError(Exception):
    """The user pressed Cancel; the operation rolled back."""


class Progress:
    """Report with ``set(done, total)``; call ``check()`` at safe points to honour cancel."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.stage = ""

    def set(self, done: int, total: int | None = None, stage: str | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        if stage is not None:
            self.stage = stage
        self.on_update()
        self.check()

    def on_update(self) -> None:
        """Hook for subclasses (the desktop forwards to the UI thread)."""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise CancelledError()
