"""Desktop tests: settings in tmp_path, Chinese language, a context over the ``db`` fixture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import settings as settings_mod
from desktop.i18n import set_language


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[settings_mod.Settings]:
    store = settings_mod.use_file(tmp_path / "settings.ini")
    set_language("zh")
    yield store
    settings_mod.use_file(tmp_path / "after.ini")


@pytest.fixture(autouse=True)
def no_blocking_error_boxes(monkeypatch):  # type: ignore[no-untyped-def]
    """An unexpected failure box would block the test run: record it instead (tests assert on it)."""
    from PySide6.QtWidgets import QMessageBox

    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: boxes.append(text))
    return boxes


@pytest.fixture
def ctx(qtbot, db):  # type: ignore[no-untyped-def]
    from desktop.context import AppContext, CurrentUser
    from desktop.tasks import TaskRunner
    from tests.desktop.loads import settle_after_writes

    context = AppContext(db, CurrentUser(None, "tester", "admin"))
    context.tasks = TaskRunner(context.show_error)
    settle_after_writes(context)
    yield context
    context.tasks.wait(10_000)
