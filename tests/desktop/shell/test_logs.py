"""The log file, the exception hooks and the crash message (desktop/logs.py), the About box."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop import logs
from desktop.context import AppContext


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The hooks and the root logger's level as they were, afterwards; the log in tmp_path."""
    folder = tmp_path / "logs"
    monkeypatch.setenv("LANDSPACE_LOG_DIR", str(folder))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    level = logging.getLogger().level
    yield folder
    logs.stop()
    qInstallMessageHandler(None)
    logging.getLogger().setLevel(level)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Crash messages shown (offscreen, exec() would wait for a click forever)."""
    shown: list[QMessageBox] = []

    def exec_(self: QMessageBox) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def _fail() -> None:
    raise ValueError("地块面积不能为负")


def _exc_info() -> tuple[type[BaseException], BaseException, TracebackType | None]:
    try:
        _fail()
    except ValueError:
        kind, value, tb = sys.exc_info()
        assert kind is not None and value is not None
        return kind, value, tb
    raise AssertionError


def test_the_log_goes_to_the_data_folder_at_the_chosen_level(log_dir: Path) -> None:
    path = logs.start(name="landspace", level="WARNING")
    assert path == log_dir / "landspace.log" == logs.log_path()
    logging.getLogger("landspace.test").info("not written")
    logging.getLogger("landspace.test").warning("写入日志")
    text = path.read_text(encoding="utf-8")
    assert "写入日志" in text and "not written" not in text
    assert logging.getLogger().level == logging.WARNING
    logs.start(name="landspace", level="nonsense")  # a bad setting: INFO, and one handler only
    assert logging.getLogger().level == logging.INFO
    assert [h.get_name() for h in logging.getLogger().handlers].count(logs.HANDLER_NAME) == 1


def test_the_log_rotates(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    path = logs.start(name="landspace")
    assert path is not None
    for i in range(100):
        logging.getLogger("landspace.test").info("line %d %s", i, "x" * 50)
    assert (log_dir / "landspace.log.1").is_file()
    assert path.stat().st_size <= 2000


def test_a_folder_that_cannot_be_made_leaves_no_log_and_no_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert logs.start(folder=blocker / "logs") is None
    assert logs.log_path() is None
    assert "no log file" in capsys.readouterr().err


def test_an_unhandled_exception_is_logged_and_shown_in_chinese(
    qtbot: QtBot, log_dir: Path, boxes: list[QMessageBox]
) -> None:
    path = logs.start(name="landspace")
    assert path is not None
    logs.install_hooks(gui=True)
    sys.excepthook(*_exc_info())
    text = path.read_text(encoding="utf-8")
    assert "unhandled exception" in text and "ValueError: 地块面积不能为负" in text and "_fail" in text
    assert len(boxes) == 1
    box = boxes[0]
    qtbot.addWidget(box)
    assert box.windowTitle() == "程序出错"
    assert "地块面积不能为负" in box.text()
    assert str(path) in box.informativeText()
    assert "Traceback" in box.detailedText()
    copy = next(b for b in box.findChildren(QPushButton) if b.text() == "复制详情")
    box.show()
    copy.click()
    assert box.isVisible()  # copying does not close the message
    copied = QApplication.clipboard().text()
    assert str(path) in copied and "ValueError: 地块面积不能为负" in copied


def test_an_exception_in_a_worker_thread_is_logged_and_shown_by_the_gui_thread(
    qtbot: QtBot, log_dir: Path, boxes: list[QMessageBox]
) -> None:
    path = logs.start(name="landspace")
    assert path is not None
    logs.install_hooks(gui=True)
    worker = threading.Thread(target=_fail, name="导入线程")
    worker.start()
    worker.join()
    assert "unhandled exception in thread 导入线程" in path.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: len(boxes) == 1)
    qtbot.addWidget(boxes[0])
    assert "地块面积不能为负" in boxes[0].text()


def test_the_command_line_hook_logs_and_prints_the_traceback(
    log_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = logs.start(name="landspace-cli")
    assert path is not None
    logs.install_hooks(gui=False)
    sys.excepthook(*_exc_info())
    err = capsys.readouterr().err
    assert "ValueError: 地块面积不能为负" in err and f"详细信息已写入日志：{path}" in err
    assert "ValueError: 地块面积不能为负" in path.read_text(encoding="utf-8")


def test_qt_warnings_reach_the_log(qtbot: QtBot, log_dir: Path) -> None:
    path = logs.start(name="landspace")
    assert path is not None
    logs.install_hooks(gui=True)
    qWarning("来自 Qt 的警告")
    assert "WARNING  " in path.read_text(encoding="utf-8")
    assert "来自 Qt 的警告" in path.read_text(encoding="utf-8")


def test_the_app_starts_the_window_log_at_the_level_in_the_settings(qtbot: QtBot, log_dir: Path) -> None:
    from desktop import app
    from desktop.settings import LOG_LEVEL, settings

    settings().set(LOG_LEVEL, "DEBUG")
    app._prepare([])
    assert logs.log_path() == log_dir / "landspace.log"
    assert logging.getLogger().level == logging.DEBUG
    assert sys.excepthook is logs._excepthook
    app._prepare(["kinds"])
    assert logs.log_path() == log_dir / "landspace-cli.log"
    assert sys.excepthook is logs._cli_excepthook


def test_the_about_box_shows_version_database_and_log(
    qtbot: QtBot, ctx: AppContext, log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.main_window import MainWindow
    from desktop.version import app_version

    path = logs.start(name="landspace")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: said.append(text))
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    window.about()
    assert app_version() != "0+unknown"
    assert app_version() in said[0] and str(ctx.db.path) in said[0] and f"日志：{path}" in said[0]


def test_the_smoke_test_probes_never_wait_for_a_click(qtbot: QtBot, log_dir: Path) -> None:
    from desktop import app

    app._prepare(["--self-check", "out", "--db", "x.sqlite3"])
    assert logs.log_path() == log_dir / "landspace.log"
    assert sys.excepthook is logs._cli_excepthook
