"""Row table speed (issue 2 §6): first paint of a 100,000-row table ≤ 1.5× a 1,000-row
table; sorting 100,000 rows in the model ≤ 3× Python's ``sorted`` on the same rows.

First paint = model ``set_rows`` + a new ``RowTableView`` shown + events processed until
its viewport has painted once.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from tests.benchmarks.common import Result, scale

if TYPE_CHECKING:
    from desktop.item_models.row_table import TableColumn

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass(frozen=True, slots=True)
class BenchRow:
    id: int
    uscc: str
    name: str
    platform: str
    chain: str
    area_m2: Decimal
    address: str
    phone: str


def make_rows(n: int, seed: int = 7) -> list[BenchRow]:
    rng = random.Random(seed)
    chains = ("高端装备", "集成电路", "生命健康", "其他")
    platforms = ("青山湖科技城", "高新技术产业园", "玲珑工业功能区", "於潜工业功能区")
    return [
        BenchRow(
            i,
            f"91330112MA2{rng.randrange(10**7):07d}",
            f"杭州临安{rng.randrange(10**6)}科技有限公司",
            rng.choice(platforms),
            rng.choice(chains),
            Decimal(rng.randrange(10**8)) / 10000,
            f"临安区青山湖街道{rng.randrange(999)}号",
            f"0571-{rng.randrange(10**8):08d}",
        )
        for i in range(n)
    ]


def _columns() -> list[TableColumn]:
    from desktop.item_models.row_table import TableColumn, area_column

    return [
        TableColumn("统一社会信用代码", lambda r: r.uscc),
        TableColumn("企业名称", lambda r: r.name, width=220),
        TableColumn("所属平台", lambda r: r.platform),
        TableColumn("产业链", lambda r: r.chain),
        area_column("用地面积", lambda r: r.area_m2),
        TableColumn("地址", lambda r: r.address, width=200),
        TableColumn("电话", lambda r: r.phone),
    ]


def first_paint(rows: list[BenchRow]) -> float:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from desktop.item_models.row_table import RowTableModel
    from desktop.widgets.table_view import RowTableView

    app = QApplication.instance()
    painted: list[bool] = []

    class Watcher(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    watcher = Watcher()
    started = time.perf_counter()
    model = RowTableModel(_columns())
    model.set_rows(rows)
    view = RowTableView(model, "")
    view.viewport().installEventFilter(watcher)
    view.resize(1400, 800)
    view.show()
    while not painted:
        app.processEvents()  # type: ignore[union-attr]
    elapsed = time.perf_counter() - started
    view.close()
    view.deleteLater()
    app.processEvents()  # type: ignore[union-attr]
    return elapsed


def scroll_to_end(rows: list[BenchRow]) -> float:
    """Open a view, then time jumping to the last row until it has painted."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from desktop.item_models.row_table import RowTableModel
    from desktop.widgets.table_view import RowTableView

    app = QApplication.instance()
    model = RowTableModel(_columns())
    model.set_rows(rows)
    view = RowTableView(model, "")
    view.resize(1400, 800)
    view.show()
    app.processEvents()  # type: ignore[union-attr]
    painted: list[bool] = []

    class Watcher(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    watcher = Watcher()
    view.viewport().installEventFilter(watcher)
    started = time.perf_counter()
    view.scrollToBottom()
    while not painted:
        app.processEvents()  # type: ignore[union-attr]
    elapsed = time.perf_counter() - started
    view.close()
    view.deleteLater()
    app.processEvents()  # type: ignore[union-attr]
    return elapsed


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def run() -> list[Result]:
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop import settings as settings_mod
    from desktop.item_models.row_table import RowTableModel

    settings_mod.use_file(Path(tempfile.mkdtemp()) / "bench.ini")
    _app = QApplication.instance() or QApplication([])
    big_n, small_n = scale(100_000), scale(1_000)
    big, small = make_rows(big_n), make_rows(small_n)
    first_paint(small)  # warm up (fonts, style)
    small_t = _median([first_paint(small) for _ in range(5)])
    big_t = _median([first_paint(big) for _ in range(5)])
    results = [Result(f"first paint of {big_n:,} rows", big_t, small_t, 1.5, f"{small_n:,} rows")]

    results.append(
        Result(
            f"scroll {big_n:,} rows to the end",
            scroll_to_end(big),
            scroll_to_end(small),
            None,
            f"{small_n:,} rows",
        )
    )

    model = RowTableModel(_columns())
    model.set_rows(big)
    t = time.perf_counter()
    model.set_search("青山湖街道1")
    search = time.perf_counter() - t
    t = time.perf_counter()
    [r for r in big if any("青山湖街道1" in str(v) for v in (r.uscc, r.name, r.platform, r.chain, r.address))]
    results.append(
        Result(
            f"first search across {big_n:,} rows",
            search,
            time.perf_counter() - t,
            None,
            "a list comprehension",
        )
    )
    model.set_search("")
    for col, label, key in ((1, "name (text)", lambda r: r.name), (4, "area (Decimal)", lambda r: r.area_m2)):
        ours, base = [], []
        for _ in range(3):
            t = time.perf_counter()
            model.sort(col, Qt.SortOrder.AscendingOrder)
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            sorted(big, key=key)
            base.append(time.perf_counter() - t)
        results.append(
            Result(f"sort {big_n:,} rows by {label}", _median(ours), _median(base), 3.0, "sorted()")
        )
    return results
