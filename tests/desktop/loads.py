"""Waiting for a page's background loads in tests."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication


def settle(ctx: Any, timeout_s: float = 20.0) -> None:
    """Wait until every task on ``ctx.tasks`` has finished and its result has been applied on
    the UI thread (an applied result may start another load: wait for that too)."""
    tasks = ctx.tasks
    if tasks is None:
        return
    deadline = time.monotonic() + timeout_s
    while tasks.busy():
        if time.monotonic() > deadline:
            raise TimeoutError("background loads did not finish")
        tasks.wait(100)
        QCoreApplication.processEvents()
    QCoreApplication.processEvents()


def settle_after_writes(ctx: Any) -> None:
    """Make ``ctx.write`` wait for the loads its ``Changes`` start: pages reload in the
    background after a write, and a test looks once they have applied (as a clerk would)."""
    write = ctx.write

    def write_and_settle(operation: Any, parent: Any = None) -> Any:
        changes = write(operation, parent)
        settle(ctx)
        return changes

    ctx.write = write_and_settle
