from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop import main_window
from desktop.main_window import MainWindow


@pytest.fixture
def no_event_loop(monkeypatch):  # type: ignore[no-untyped-def]
    shown: list[MainWindow] = []
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    original = MainWindow.attach

    def attach(self, ctx, **kwargs):  # type: ignore[no-untyped-def]
        original(self, ctx, **kwargs)
        shown.append(self)

    monkeypatch.setattr(MainWindow, "attach", attach)
    yield shown
    for window in shown:
        window.close()
        window.ctx.tasks.wait()


def test_foreign_file_is_refused_with_a_dialog(qtbot, tmp_path: Path, monkeypatch, no_event_loop) -> None:  # type: ignore[no-untyped-def]
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(main_window, "_error_box", lambda title, text: said.append((title, text)))
    foreign = tmp_path / "notes.sqlite3"
    foreign.write_bytes(b"not a database at all, just some bytes" * 10)
    assert main_window.run_window(["--db", str(foreign)]) == 2
    assert said and said[0][0] == "无法打开数据库"
    assert "--db" in said[0][1]
    assert foreign.read_bytes().startswith(b"not a database")  # left unchanged
    assert no_event_loop == []


def test_opens_the_window_on_the_given_database(qtbot, tmp_path: Path, no_event_loop) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "new.sqlite3"
    assert main_window.run_window(["--db", str(target), "--page", "enterprises"]) == 0
    assert target.exists()
    (window,) = no_event_loop
    assert str(target) in window.db_label.text()
    assert [window.nav.item(i).text() for i in range(window.nav.count())]
    # at exit the database's backup schedule ran (default: daily, none taken yet): one verified copy
    assert [p.name for p in tmp_path.iterdir() if ".scheduled.bak" in p.name] != []


def test_lazy_imports_at_start() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import desktop.main_window; "
        "print(','.join(m for m in ('numpy', 'openpyxl', 'shapely', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert out.stdout.strip() == ""


def test_login_cancelled_closes_without_a_window(qtbot, tmp_path: Path, monkeypatch, no_event_loop) -> None:  # type: ignore[no-untyped-def]
    from desktop.admin import login_dialog

    monkeypatch.setattr(login_dialog, "run_login", lambda db: None)
    assert main_window.run_window(["--db", str(tmp_path / "x.sqlite3")]) == 0
    assert no_event_loop == []


def test_logged_in_user_is_shown(qtbot, tmp_path: Path, monkeypatch, no_event_loop) -> None:  # type: ignore[no-untyped-def]
    from desktop.admin import login_dialog
    from desktop.context import CurrentUser

    monkeypatch.setattr(login_dialog, "run_login", lambda db: CurrentUser(3, "li.na", "viewer"))
    assert main_window.run_window(["--db", str(tmp_path / "y.sqlite3")]) == 0
    (window,) = no_event_loop
    assert "li.na" in window.user_label.text() and "只读" in window.user_label.text()
