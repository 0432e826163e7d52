"""Large data a page replaces is let go in later turns of the event loop, a piece per turn."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import release
from desktop.item_models.row_table import RowTableModel, TableColumn
from tests.child import python_output


class Rows(list[Any]):
    """A list that can be watched by a weak reference."""


def test_pieces_are_let_go_one_per_turn(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: release.pending() == 0, timeout=2000)  # what earlier tests replaced
    first, second = Rows([1]), Rows([2])
    watch = [weakref.ref(first), weakref.ref(second)]
    release.later(first, None, second)
    del first, second
    assert [w() is not None for w in watch] == [True, True]  # held until the loop turns
    QCoreApplication.processEvents()
    gc.collect()
    assert watch[0]() is None
    qtbot.waitUntil(lambda: watch[1]() is None and release.pending() == 0, timeout=2000)


def test_a_models_old_rows_are_freed_after_the_new_ones_are_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RowTableModel([TableColumn("值", lambda r: r[0])])
    old = [Rows([i]) for i in range(1000)]
    watch = weakref.ref(old[0])
    model.set_rows(old)
    model.set_rows([Rows([1])])
    del old
    assert watch() is not None and model.rowCount() == 1  # the new rows shown at once
    qtbot.waitUntil(lambda: watch() is None, timeout=2000)


def test_without_an_application_references_go_at_once() -> None:
    code = """
import weakref
from desktop import release
class Rows(list):
    pass
rows = Rows([1])
watch = weakref.ref(rows)
release.later(rows)
del rows
print(watch() is None, release.pending())
"""
    assert python_output(code).strip().splitlines()[-1] == "True 0"
