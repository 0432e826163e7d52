"""Shared fixtures. Qt runs offscreen; every database is a file in tmp_path (never :memory:)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QT_MODULES = ("PySide6", "shiboken6", "pytestqt")


class _RefuseQt:
    """``make test-models`` (LANDSPACE_TESTS_WITHOUT_QT=1, pytest-qt off): importing Qt
    fails the test that does it, so the core's tests provably run without Qt."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in QT_MODULES:
            raise ImportError(f"{name} imported by a test that must run without Qt (make test-models)")


WITHOUT_QT = os.environ.get("LANDSPACE_TESTS_WITHOUT_QT") == "1"
if WITHOUT_QT:
    import sys

    assert not any(name.split(".")[0] in QT_MODULES for name in sys.modules), "run with -p no:pytest-qt"
    sys.meta_path.insert(0, _RefuseQt())

from models.database import Database  # noqa: E402
from tests.template_db import new_database  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    if WITHOUT_QT:  # pytest-qt is off: its ini option (pyproject's qt_api) is still known
        parser.addini("qt_api", "the Qt binding pytest-qt would use")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "landspace.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A new database with the schema and the seeded defaults (platforms, rules): a copy
    of the migrated template (tests/template_db.py), opened like any other file."""
    database = new_database(db_path, actor="tester")
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def qt_test_isolation(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[tuple[str, str]]]:
    """Offscreen, a modal QMessageBox waits forever for a click nobody makes and hangs the
    suite. For Qt tests, the static message boxes record (kind, text) instead and return
    the default answer (Ok; No for questions). A test that expects a box patches it itself
    (its own monkeypatch wins) or reads this fixture's list. Settings go to tmp_path."""
    shown: list[tuple[str, str]] = []
    if "qtbot" not in request.fixturenames and not request.node.nodeid.startswith("tests/desktop"):
        yield shown
        return
    from PySide6.QtWidgets import QMessageBox

    from desktop import settings

    settings.use_file(request.getfixturevalue("tmp_path") / "settings.ini")  # never the user's real file

    def fake(kind: str, answer: QMessageBox.StandardButton) -> staticmethod[..., QMessageBox.StandardButton]:
        def show(
            parent: object, title: object, text: object, *args: object, **kwargs: object
        ) -> QMessageBox.StandardButton:
            shown.append((kind, str(text)))
            return answer

        return staticmethod(show)

    ok = QMessageBox.StandardButton.Ok
    monkeypatch.setattr(QMessageBox, "critical", fake("critical", ok))
    monkeypatch.setattr(QMessageBox, "warning", fake("warning", ok))
    monkeypatch.setattr(QMessageBox, "information", fake("information", ok))
    monkeypatch.setattr(QMessageBox, "question", fake("question", QMessageBox.StandardButton.No))
    # As in the application: the cyclic GC runs on the UI thread only (desktop/gc_guard.py),
    # here also between tests, so that garbage never waits for an event loop that is not spinning.
    from desktop import gc_guard

    gc_guard.install(request.getfixturevalue("qapp"))
    yield shown
    gc_guard.collect_on_ui_thread()
    settings.use_file(None)
