"""quick_check runs when the file was not closed cleanly, not at every start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from models.database import open_database
from models.db import migrate
from models.db.clean_close import marker


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    seen: list[bool] = []
    real = migrate.inspect_sqlite_file

    def spy(path: Path, known: set[str], *, integrity: bool = True) -> Any:
        seen.append(integrity)
        return real(path, known, integrity=integrity)

    monkeypatch.setattr(migrate, "inspect_sqlite_file", spy)
    return seen


def test_a_cleanly_closed_file_opens_without_quick_check(tmp_path: Path, checks: list[bool]) -> None:
    path = tmp_path / "land.db"
    open_database(path).dispose()
    assert marker(path).exists()
    db = open_database(path)
    assert not marker(path).exists()  # open: a crash now leaves no marker
    db.dispose()
    assert checks == [True, False]


def test_after_an_unclean_shutdown_the_file_is_checked(tmp_path: Path, checks: list[bool]) -> None:
    path = tmp_path / "land.db"
    open_database(path).dispose()
    crashed = open_database(path)
    crashed.engine.dispose()  # the process dies: Database.dispose never runs
    open_database(path).dispose()
    assert checks == [True, False, True]


def test_a_file_changed_elsewhere_is_checked(tmp_path: Path, checks: list[bool]) -> None:
    path = tmp_path / "land.db"
    open_database(path).dispose()
    import sqlite3

    con = sqlite3.connect(path)  # another program writes to it while LandSpace is closed
    con.execute("CREATE TABLE elsewhere (x)")
    con.commit()
    con.close()
    open_database(path).dispose()
    assert checks == [True, True]


def test_landspace_check_always_checks(tmp_path: Path, checks: list[bool]) -> None:
    path = tmp_path / "land.db"
    open_database(path).dispose()
    open_database(path, integrity_check=True).dispose()
    assert checks == [True, True]
