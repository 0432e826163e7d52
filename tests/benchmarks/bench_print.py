"""Printing a long table (issue 16): 导出 PDF of 5,000 rows from a table's menu lays the pages
out on the task worker, so the window keeps answering. Measured: the longest gap between
two UI-thread timer ticks while the PDF is written through ``TaskRunner`` (what a user
feels), against the time the same PDF takes when laid out on the UI thread (what the
window froze for before); and the UI thread's own share (the rows' texts read from the
model, ``table_document``), which stays on it.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import Result, scale

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROWS = 5_000


def run() -> list[Result]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.item_models.row_table import RowTableModel
    from desktop.printing.dialogs import write_in_background
    from desktop.printing.render import write_pdf
    from desktop.printing.table import table_document
    from desktop.tasks import TaskRunner
    from tests.benchmarks.bench_table import _columns, make_rows

    app = QApplication.instance() or QApplication([])
    n = scale(ROWS)
    model = RowTableModel(_columns())
    model.set_rows(make_rows(n))
    started = time.perf_counter()
    doc = table_document(model, "企业库")
    texts = time.perf_counter() - started
    folder = Path(tempfile.mkdtemp(prefix="landspace-bench-print-"))
    started = time.perf_counter()
    write_pdf(doc, folder / "ui.pdf")
    on_ui = time.perf_counter() - started

    runner = TaskRunner()
    runner.show_after_ms = 10**6  # no dialog in the measurement
    done: list[int] = []
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()

    def submit(work, on_done, **kwargs):  # type: ignore[no-untyped-def]
        runner.submit(work, on_done, dialog=False)

    ticks.append(time.perf_counter())
    write_in_background(None, doc, folder / "worker.pdf", submit, on_done=done.append)
    while not done:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    runner.wait()
    stall = max((b - a for a, b in zip(ticks, ticks[1:], strict=False)), default=0.0)
    return [
        Result(
            f"longest UI stall, {n:,}-row PDF on the worker / laid out on the UI thread",
            stall,
            on_ui,
            0.1,
            "on the UI thread",
        ),
        Result(f"UI thread's share (row texts) / the layout, {n:,} rows", texts, on_ui, None, "layout"),
    ]
