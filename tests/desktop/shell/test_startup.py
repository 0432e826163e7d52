"""Start-up opens the database on a thread of its own while the window stays live."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from desktop.startup import run_live


def test_work_runs_off_the_ui_thread_while_events_are_processed(qtbot: Any) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()

    def work() -> threading.Thread:
        time.sleep(0.4)
        return threading.current_thread()

    thread = run_live(work)
    timer.stop()
    assert thread is not threading.main_thread()
    assert len(ticks) >= 5  # the UI thread kept ticking while the work ran


def test_errors_come_back_to_the_caller(qtbot: Any) -> None:
    def work() -> None:
        raise ValueError("locked")

    with pytest.raises(ValueError, match="locked"):
        run_live(work)
