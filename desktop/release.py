"""Large data a page replaces is let go a piece per turn of the event loop, not in the turn
that applies the new data.

Freeing Python objects costs time too: when a page applies 20,000 new rows, the old rows,
their cached texts, a map's 20,000 plots and its label points are freed the moment the last
reference goes — at ten times the district 10–30 ms each, all inside the one event that
applied the new data (the map's refresh: 70 ms of UI-thread CPU in one turn). ``later``
keeps the references and drops one per turn (a zero-delay timer), so each piece is freed in a
turn of its own and the window repaints and answers between them.

Only the UI thread calls ``later`` (what pages and their models replace); without a running
application (a script, a test without Qt) the references are dropped at once.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread, QTimer

_held: deque[Any] = deque()
_scheduled = False


def later(*pieces: Any) -> None:
    """Let go of each of ``pieces`` in a later turn of the event loop, one per turn."""
    global _scheduled
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return  # the caller's references go as usual
    _held.extend(p for p in pieces if p is not None)
    if _held and not _scheduled:
        _scheduled = True
        QTimer.singleShot(0, _drop_one)


def _drop_one() -> None:
    global _scheduled
    if _held:
        _held.popleft()  # freed here when this was the last reference
    if _held:
        QTimer.singleShot(0, _drop_one)
    else:
        _scheduled = False


def pending() -> int:
    """How many pieces wait to be let go (tests)."""
    return len(_held)
