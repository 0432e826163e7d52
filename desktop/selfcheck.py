"""``LandSpace --self-check OUT --db PATH [--modules FILE]``: the frozen build proves itself.

Used by the smoke test of the frozen build (packaging/smoke.py), never by clerks. Imports every
module named in FILE (the source tree's modules, listed by the smoke test: a module the freezer
left out fails here), opens the window offscreen on the database, counts the navigation entries,
shows and renders each page to ``OUT/<page key>.png`` and writes ``OUT/selfcheck.json``:
``{"version", "navigation", "pages": [{"key", "title", "rows"}], "missing": [...], "errors": [...]}``.
Exit code 0 when nothing is missing and no page failed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import traceback
from pathlib import Path
from typing import Any

SIZE = (1280, 720)


def _settle(rounds: int = 3) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    for _ in range(rounds):
        loop = QEventLoop()
        QTimer.singleShot(30, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()


def _wait_for_tasks(window: Any, timeout: float = 60.0) -> None:
    import time

    from PySide6.QtCore import QCoreApplication

    tasks = window.ctx.tasks
    deadline = time.monotonic() + timeout
    while tasks is not None and tasks.busy() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def check_modules(names: list[str]) -> tuple[list[str], list[str]]:
    """(missing, failing): modules the build lacks, and modules that raise on import."""
    missing: list[str] = []
    failing: list[str] = []
    for name in names:
        try:
            importlib.import_module(name)  # the names come from the smoke test's list, by design
        except ModuleNotFoundError as exc:
            missing.append(f"{name}: {exc}")
        except Exception as exc:
            failing.append(f"{name}: {type(exc).__name__}: {exc}")
    return missing, failing


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="LandSpace --self-check")
    parser.add_argument("out", type=Path)
    parser.add_argument("--db", required=True)
    parser.add_argument("--modules", type=Path)
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    names = args.modules.read_text(encoding="utf-8").split() if args.modules else []
    missing, errors = check_modules(names)
    result: dict[str, Any] = {"missing": missing, "errors": errors, "pages": []}

    from desktop.context import AppContext, CurrentUser
    from desktop.i18n import set_language
    from desktop.main_window import MainWindow, make_application, page_key
    from desktop.version import app_version
    from models.database import open_database

    app = make_application()
    set_language(args.lang)
    result["version"] = app_version()
    db = open_database(args.db)
    try:
        window = MainWindow(AppContext(db, CurrentUser(db.user_id, db.actor, "admin")), show_welcome=False)
        window.resize(*SIZE)
        window.show()
        result["navigation"] = window.nav.count()
        for row, cls in enumerate(window.classes):
            key = page_key(cls)
            try:
                window.show_page(row)
                page = window.pages[row]
                _settle()
                _wait_for_tasks(window)  # the page's figures, read on the worker thread
                _settle()
                window.grab().save(str(args.out / f"{key}.png"))
                model = getattr(page, "model", None)
                rows = model.rowCount() if model is not None and hasattr(model, "rowCount") else None
                result["pages"].append({"key": key, "title": cls.title(), "rows": rows})
            except Exception:
                errors.append(f"page {key}: {traceback.format_exc()}")
        if window.ctx.tasks is not None:
            window.ctx.tasks.wait()
        window.close()
        app.processEvents()
    finally:
        db.dispose()
    (args.out / "selfcheck.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(
        json.dumps({k: result[k] for k in ("version", "navigation")}, ensure_ascii=False),
        f"pages={len(result['pages'])} missing={len(missing)} errors={len(errors)}",
    )
    return 0 if not missing and not errors else 1


def startup_probe(argv: list[str]) -> int:
    """``LandSpace --startup-probe DB``: start as ``run_window`` does and print ``SHOWN`` when the
    frame is on screen and ``READY`` when the first page shows the database, then quit. The
    start-up benchmark times the frozen build against the source with it (tests/benchmarks)."""
    from desktop.context import AppContext, CurrentUser
    from desktop.main_window import MainWindow, make_application
    from models.database import open_database

    app = make_application()
    window = MainWindow()
    window.show()
    app.processEvents()
    print("SHOWN", flush=True)
    db = open_database(argv[0])
    try:
        window.attach(AppContext(db, CurrentUser(db.user_id, db.actor, "admin")), show_welcome=False)
        app.processEvents()
        tasks = window.ctx.tasks
        while tasks is not None and tasks.busy():  # the first page may gather its figures on the worker
            app.processEvents()
        app.processEvents()
        print("READY", flush=True)
        window.close()
        if tasks is not None:
            tasks.wait()
    finally:
        db.dispose()
    return 0
