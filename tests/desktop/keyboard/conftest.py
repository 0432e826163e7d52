"""The window on a demonstration database at 1280×720, as a clerk opens it (administrator)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.context import AppContext, CurrentUser
from desktop.main_window import MainWindow
from desktop.qt_setup import prepare_application
from desktop.tasks import TaskRunner
from desktop.widgets.preview import demo_database


@pytest.fixture
def window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert app is not None
    prepare_application(app)
    db = demo_database(tmp_path)
    ctx = AppContext(db, CurrentUser(None, "admin", "admin"))
    ctx.tasks = TaskRunner(ctx.show_error)
    main = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    main.activateWindow()
    qtbot.waitActive(main)
    yield main
    ctx.tasks.wait(10_000)
    db.dispose()


_QUESTION = QMessageBox.question  # the real one, before tests/conftest.py records boxes instead


@pytest.fixture
def real_question(monkeypatch):  # type: ignore[no-untyped-def]
    """The real confirmation box (answered with the keyboard by the test)."""
    monkeypatch.setattr(QMessageBox, "question", _QUESTION)
