"""The log file and the crash report.

``start()`` (called by ``desktop.app``) writes a rotating log in the user's data folder
(``…/LandSpace/logs/landspace.log`` for the window, ``landspace-cli.log`` for the command line,
so two processes never rotate one file), at the level chosen in the settings (``logging/level``).
``install_hooks()`` sends every unhandled exception — main thread, worker threads — and every
Qt warning there; in the window, an unhandled exception also shows a Chinese message with the
log file's path and a 复制详情 button instead of vanishing.
``LANDSPACE_LOG_DIR`` points the folder elsewhere (tests, the frozen-build smoke test).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from desktop.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MAX_BYTES = 2_000_000
BACKUPS = 5
HANDLER_NAME = "landspace-file"
FORMAT = "%(asctime)s %(levelname)-8s %(process)d %(threadName)s %(name)s: %(message)s"

log = logging.getLogger("landspace")
_path: Path | None = None


def log_folder() -> Path:
    override = os.environ.get("LANDSPACE_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("LandSpace", appauthor=False, roaming=False)) / "logs"


def log_path() -> Path | None:
    """The file being written (None before ``start``)."""
    return _path


def start(*, name: str = "landspace", level: str = "INFO", folder: Path | None = None) -> Path | None:
    """Attach the rotating file to the root logger (again: replaces the earlier one).
    A folder that cannot be made (read-only profile) leaves logging to stderr; never fails."""
    global _path
    stop()
    target = (folder or log_folder()) / f"{name}.log"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        print(f"LandSpace: no log file ({exc})", file=sys.stderr)
        return None
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level.upper() if level.upper() in LEVELS else "INFO")
    _path = target
    log.info(
        "LandSpace %s started (%s), Python %s, %s", _version(), name, sys.version.split()[0], sys.platform
    )
    return target


def stop() -> None:
    """Detach and close the file (tests; a second ``start``)."""
    global _path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    _path = None


def _version() -> str:
    from desktop.version import app_version

    return app_version()


# ---------------------------------------------------------------- hooks
def format_exception(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    return "".join(traceback.format_exception(kind, value, tb))


def install_hooks(*, gui: bool) -> None:
    """Unhandled exceptions go to the log (and, with ``gui``, to a message box)."""
    sys.excepthook = _excepthook if gui else _cli_excepthook
    threading.excepthook = _thread_excepthook
    if gui:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(qt_message_handler)


def _cli_excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if not issubclass(kind, KeyboardInterrupt):
        log.critical("unhandled exception\n%s", format_exception(kind, value, tb))
    sys.__excepthook__(kind, value, tb)
    if _path is not None and not issubclass(kind, KeyboardInterrupt):
        print(tr("详细信息已写入日志：{path}", path=_path), file=sys.stderr)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    details = format_exception(kind, value, tb)
    log.critical("unhandled exception\n%s", details)
    report(str(value) or kind.__name__, details)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    details = format_exception(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)
    log.critical("unhandled exception in thread %s\n%s", name, details)
    if sys.excepthook is _excepthook:
        report(str(args.exc_value) or args.exc_type.__name__, details)


_QT_LEVELS: dict[Any, int] = {}


def qt_message_handler(mode: Any, context: Any, message: str) -> None:
    """Qt's own warnings (``qWarning``, a failed ``connect``…) into the log."""
    from PySide6.QtCore import QtMsgType

    if not _QT_LEVELS:
        _QT_LEVELS.update(
            {
                QtMsgType.QtDebugMsg: logging.DEBUG,
                QtMsgType.QtInfoMsg: logging.INFO,
                QtMsgType.QtWarningMsg: logging.WARNING,
                QtMsgType.QtCriticalMsg: logging.ERROR,
                QtMsgType.QtFatalMsg: logging.CRITICAL,
            }
        )
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    logging.getLogger("qt").log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


# ---------------------------------------------------------------- the message
_showing = False


def report(summary: str, details: str) -> None:
    """Show the crash message in the GUI thread (queued when called from a worker thread);
    without a QApplication, the log entry is all there is."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    if QThread.currentThread() is app.thread():
        _show(summary, details)
    else:
        _reporter().crashed.emit(summary, details)


_REPORTER: Any = None


def _reporter() -> Any:
    """A QObject living in the GUI thread: its signal crosses threads as a queued call."""
    global _REPORTER
    if _REPORTER is None:
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication

        class Reporter(QObject):
            crashed = Signal(str, str)

        _REPORTER = Reporter()
        app = QApplication.instance()
        if app is not None:
            _REPORTER.moveToThread(app.thread())
        _REPORTER.crashed.connect(_show)
    return _REPORTER


def _show(summary: str, details: str) -> None:
    global _showing
    if _showing:  # an error while the message is open: logged, not stacked
        return
    _showing = True
    try:
        crash_box(summary, details).exec()
    except Exception:  # the message itself failed: the log has it all
        log.exception("cannot show the crash message")
    finally:
        _showing = False


def crash_box(summary: str, details: str, parent: Any = None) -> QMessageBox:
    """The message: what happened in Chinese, where the log is, the traceback behind 显示详细信息,
    and 复制详情 (copies summary, log path and traceback; the box stays open)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    where = str(_path) if _path is not None else tr("（没有日志文件）")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(tr("程序出错"))
    box.setText(tr("LandSpace 遇到了一个意外错误：{summary}", summary=summary))
    box.setInformativeText(
        tr(
            "已保存的数据不受影响。错误详情已写入日志文件：\n{path}\n请把详情复制给信息科或软件维护人员。",
            path=where,
        )
    )
    box.setDetailedText(details)
    copy = box.addButton(tr("复制详情"), QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()  # an action button closes the box by default: this one copies
    text = f"{summary}\n{tr('日志文件：{path}', path=where)}\nLandSpace {_version()}\n\n{details}"
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text))
    close = box.addButton(tr("关闭"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    return box
