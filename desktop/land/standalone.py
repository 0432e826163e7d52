"""Open one land page alone on a database (``python -m desktop.land.page [db-file]``);
with no file, a demo database in a temporary folder."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from desktop.context import AppContext, CurrentUser
from desktop.page import Page


def demo_context(path: Path | None = None) -> AppContext:
    from models.db.migrate import open_database
    from models.demo import seed_demo

    fresh = path is None
    if path is None:
        path = Path(tempfile.mkdtemp()) / "landspace-demo.sqlite3"
    db = open_database(path, actor="demo")
    if fresh:
        with db.write() as s:
            seed_demo(s)
    return AppContext(db, CurrentUser(None, "demo", "admin"))


def run_page(page_class: type[Page]) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    ctx = demo_context(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    page = page_class(ctx)
    ctx.changes_applied.connect(page.on_changes)
    page.resize(1400, 860)
    page.setWindowTitle(page_class.title())
    page.show()
    return int(app.exec())
