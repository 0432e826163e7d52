"""Shared fixtures. Qt runs offscreen; every database is a file in tmp_path (never :memory:)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "pytestqt")


class _RefuseQt:
    """``make test-models`` (LANDSPACE_TESTS_WITHOUT_QT=1, pytest-qt off): importing Qt
    fails the test that does it, so the core's tests provably run without Qt."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in QT_MODULES:
            raise ImportError(f"{name} imported by a test that must run without Qt (make test-models)")
        return None


WITHOUT_QT = os.environ.get("LANDSPACE_TESTS_WITHOUT_QT") == "1"
if WITHOUT_QT:
    import sys

    assert not any(name.split(".")[0] in QT_MODULES for name in sys.modules), "run with -p no:pytest-qt"
    sys.meta_path.insert(0, _RefuseQt())


def pytest_addoption(parser: pytest.Parser) -> None:
    if WITHOUT_QT:  # pytest-qt is off: its ini option (pyproject's qt_api) is still known
        parser.addini("qt_api", "the Qt binding pytest-qt would use")

from models.db.backup import backup_file  # noqa: E402
from models.db.engine import Database  # noqa: E402
from models.db.migrate import open_database  # noqa: E402


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head and seeded, made once per test session (per xdist worker).

    ``open_database`` builds it as for any new file; then SQLite's backup API copies it
    into one self-contained, verified file (every WAL frame checkpointed into it, rollback
    journal mode, no -wal/-shm beside it), which is read-only so no test can change it.
    Copying that file is then the same as creating the database afresh: ``open_database``
    on the copy inspects it (LandSpace's application_id, quick_check, the head revision),
    needs no migration and no pre-migration backup, and re-runs the idempotent seeding."""
    folder = tmp_path_factory.mktemp("template")
    built = open_database(folder / "built.sqlite3", actor="tester")
    built.dispose()
    template = folder / "template.sqlite3"
    backup_file(folder / "built.sqlite3", template)
    assert not template.with_name(template.name + "-wal").exists()
    template.chmod(0o444)
    return template


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "landspace.sqlite3"


@pytest.fixture
def db(db_path: Path, database_template: Path) -> Iterator[Database]:
    """A new database with the schema and the seeded defaults (platforms, rules): a copy
    of the session's template (``database_template``), opened like any other file."""
    shutil.copyfile(database_template, db_path)
    database = open_database(db_path, actor="tester")
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def qt_test_isolation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
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

    def fake(kind: str, answer: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def show(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            shown.append((kind, str(text)))
            return answer
        return staticmethod(show)

    ok = QMessageBox.StandardButton.Ok
    monkeypatch.setattr(QMessageBox, "critical", fake("critical", ok))
    monkeypatch.setattr(QMessageBox, "warning", fake("warning", ok))
    monkeypatch.setattr(QMessageBox, "information", fake("information", ok))
    monkeypatch.setattr(QMessageBox, "question", fake("question", QMessageBox.StandardButton.No))
    yield shown
    settings.use_file(None)
