"""Every page module opens alone the same way (``python -m desktop.<area>.page [DB]``)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop.admin.users_page import UsersPage
from desktop.pages import page_classes
from desktop.widgets import preview as preview_module
from models.database import Database


def test_every_page_module_ends_with_the_one_preview() -> None:
    for cls in page_classes():
        source = inspect.getsource(inspect.getmodule(cls))  # type: ignore[arg-type]
        assert f"sys.exit(preview({cls.__name__}, sys.argv[1:]))" in source, cls.__name__


def test_preview_opens_the_page_on_the_database_given(
    qtbot: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[Any] = []

    def exec_once() -> int:  # what the event loop would show, without waiting for a click
        shown.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, UsersPage) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_once))
    assert db.path is not None
    db.dispose()
    assert preview_module.preview(UsersPage, [str(db.path)]) == 0
    [page] = shown
    assert page.windowTitle() == UsersPage.title() and page.model.rowCount() == 0
    page.close()
