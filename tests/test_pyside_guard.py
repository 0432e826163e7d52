"""PySide6 6.12.0 on Python 3.11 crashes with ``none_dealloc``: every call returning None
leaked a reference to None until the count hit zero. We pin ``<6.12``; this guard fails
fast if an installed binding leaks None references again."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_settext_does_not_leak_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(100):  # warm up caches
        label.setText("预热")
    before = sys.getrefcount(None)
    for i in range(10_000):
        label.setText(f"第 {i} 行")
    after = sys.getrefcount(None)
    assert abs(after - before) < 100, f"None refcount drifted by {after - before}"


def test_pinned_below_the_crashing_release() -> None:
    import PySide6

    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12) or sys.version_info >= (3, 12)
