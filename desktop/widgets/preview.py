"""Open one page alone, for review and screenshots: ``python -m desktop.<area>.page [DB]``.

Every page module ends with the same two lines calling ``preview``; without ``DB`` a
demonstration database is built in a temporary folder (removed when the window closes). The
page is seen as an administrator sees it, loads on the worker thread as in the window, and
refreshes after its own writes (``changes_applied``)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.page import Page


def demo_database(folder: Path) -> Any:
    """A new database in ``folder`` filled with the demonstration data."""
    from models.database import open_database
    from models.demo import seed_demo

    db = open_database(folder / "demo.sqlite3")
    with db.write() as session:
        seed_demo(session)
    return db


def preview(page_class: type[Page], argv: list[str]) -> int:
    """Show ``page_class`` alone on the database ``argv[0]`` (or a demo one) until closed."""
    from desktop.context import AppContext, CurrentUser
    from desktop.main_window import make_application
    from desktop.tasks import TaskRunner
    from models.database import open_database

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(argv[0]) if argv else demo_database(Path(tmp))
        ctx = AppContext(db, CurrentUser(None, db.actor, "admin"))
        ctx.tasks = TaskRunner(ctx.show_error)
        page = page_class(ctx)
        ctx.changes_applied.connect(page.on_changes)
        page.setWindowTitle(page_class.title())
        page.resize(1280, 800)
        page.reload()
        page.show()
        code = app.exec()
        ctx.tasks.wait()
        db.dispose()
    return int(code)
