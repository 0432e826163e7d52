"""Long work off the UI thread (Anki's ``taskman``): one worker thread, results back by
queued signal, a progress dialog that appears only after ~600 ms, with Cancel.

``TaskRunner.submit(work, on_done)``: ``work(progress)`` runs on the worker thread
(a ``QThreadPool`` with one thread, so database work is serialised) and opens its own
session (``ctx.db.read()`` / ``ctx.db.write()``) — one session per action, never an
ORM object handed across threads. ``on_done(result)`` runs on the UI thread.
A ``DomainError`` is shown with ``ctx.show_error`` (or the ``on_error`` callback);
Cancel calls ``Progress.cancel()`` and the work stops at its next ``check()``
(``CancelledError``; the transaction rolls back), then ``on_cancelled`` runs.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.i18n import tr
from models.errors import DomainError
from models.progress import CancelledError, Progress

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 600


def stage_labels() -> dict[str, str]:
    """The progress stages that ``models`` report (codes), as the user reads them."""
    return {
        "read": tr("正在读取文件…"),
        "load": tr("正在写入数据库…"),
        "evaluate": tr("正在评价…"),
        "write": tr("正在保存…"),
        "backup": tr("正在备份…"),
        "layout": tr("正在排版…"),
        "done": tr("即将完成…"),
    }


def stage_label(stage: str) -> str:
    return stage_labels().get(stage, stage)


class _Signals(QObject):
    """Lives on the UI thread; emitted from the worker thread, so delivery is queued."""

    progressed = Signal(int, int, int, str)  # job id, done, total, stage
    finished = Signal(int, object)  # job id, result
    failed = Signal(int, object, str)  # job id, exception, traceback text


# Nothing may be freed on the worker thread that could own a Qt object: a job's callables
# close over pages, dialogs and the context, and a Qt object destroyed off the UI thread
# crashes the process (seen as rare segmentation faults "in a thread with no Python frame":
# the pool's runnable, deleted on the worker after its run, dropped the last reference to a
# job whose page a finished test had already let go). So the worker hands everything it held
# to ``_handed_back`` under a lock, and the UI thread empties it (``TaskRunner._release``);
# and every ``_Signals`` object lives as long as the process (``_SIGNALS``), since the worker
# emits on it after the job's runner may be gone.
_handed_back: list[object] = []
_handed_back_lock = threading.Lock()
_SIGNALS: list[_Signals] = []


def _release_handed_back() -> None:
    """On the UI thread: free what workers handed back (never while a worker appends)."""
    with _handed_back_lock:
        items = _handed_back[:]
        _handed_back.clear()
    del items


class _Runnable(QRunnable):
    """One job on the pool. Holds the job's id, work, progress and signals in ``box`` and
    gives them all back to the UI thread when done; the runnable itself, deleted by the pool
    on the worker thread, then holds nothing."""

    def __init__(
        self, job_id: int, work: Callable[[Progress], Any], progress: UiProgress, signals: _Signals
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.box: dict[str, Any] = {"id": job_id, "work": work, "progress": progress, "signals": signals}

    def run(self) -> None:
        box = self.__dict__.pop("box")
        try:
            box["progress"].check()
            box["result"] = box["work"](box["progress"])
            box["signals"].finished.emit(box["id"], box["result"])
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread
            box["exc"] = exc
            box["signals"].failed.emit(box["id"], exc, traceback.format_exc())
            del exc
        finally:
            with _handed_back_lock:
                _handed_back.append(box)
                del box


class UiProgress(Progress):
    """A ``Progress`` whose updates are forwarded to the UI thread by signal."""

    def __init__(self, job_id: int, signals: _Signals) -> None:
        super().__init__()
        self._job_id = job_id
        self._signals = signals

    def on_update(self) -> None:
        self._signals.progressed.emit(self._job_id, self.done, self.total, self.stage)


@dataclass
class _Job:
    id: int
    work: Callable[[Progress], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None
    on_cancelled: Callable[[], None] | None
    title: str
    parent: QWidget | None
    progress: UiProgress
    dialog: QProgressDialog | None = None
    stage: str = ""
    with_dialog: bool = True
    on_progress: Callable[[int, int, str], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class TaskRunner(QObject):
    """``started``/``finished_all`` let the window show a busy state in the status bar."""

    started = Signal(str)
    idle = Signal()

    def __init__(
        self,
        show_error: Callable[[DomainError, QWidget | None], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals()
        _SIGNALS.append(self._signals)  # see _handed_back: a worker may emit on it after this runner is gone
        self._signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self._show_error = show_error
        self.show_after_ms = SHOW_AFTER_MS
        self._expected = 0  # work announced by ``expect`` and not yet submitted

    # --- public ----------------------------------------------------------------------
    def submit(
        self,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        *,
        title: str = "",
        parent: QWidget | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        dialog: bool = True,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> UiProgress:
        """``dialog=False``: no progress dialog (a page shows its own progress, given to
        ``on_progress(done, total, stage)`` on the UI thread)."""
        job_id = next(self._ids)
        progress = UiProgress(job_id, self._signals)
        job = _Job(
            job_id,
            work,
            on_done,
            on_error,
            on_cancelled,
            title or tr("正在处理…"),
            parent,
            progress,
            with_dialog=dialog,
            on_progress=on_progress,
        )
        self._jobs[job_id] = job
        # No per-job QTimer object: a single shot bound to the runner, ignored once the job is gone.
        if dialog:
            QTimer.singleShot(self.show_after_ms, self, lambda: self._show_dialog(job_id))
        self.started.emit(job.title)
        self._pool.start(_Runnable(job_id, work, progress, self._signals))
        return progress

    def busy(self) -> bool:
        return bool(self._jobs) or self._expected > 0

    def expect(self) -> Callable[[], None]:
        """Work about to be submitted in a later turn of the event loop (a page read once it
        has been painted): the runner counts as ``busy`` until the returned call says the work
        was submitted or dropped (calling it again does nothing)."""
        self._expected += 1
        pending = [True]

        def arrived() -> None:
            if pending:
                pending.clear()
                self._expected -= 1

        return arrived

    def busy_visibly(self) -> bool:
        """Long work the user is watching (its progress dialog is up)."""
        return any(job.dialog is not None for job in self._jobs.values())

    def dialog_of(self, progress: Progress) -> QProgressDialog | None:
        for job in self._jobs.values():
            if job.progress is progress:
                return job.dialog
        return None

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the worker thread to finish (shutdown, tests)."""
        done = self._pool.waitForDone(msecs)
        _release_handed_back()
        return done

    def cancel_all(self) -> None:
        for job in self._jobs.values():
            job.progress.cancel()

    # --- UI thread --------------------------------------------------------------------
    def _show_dialog(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.dialog is not None:
            return
        dialog = QProgressDialog(job.title, tr("取消"), 0, 0, job.parent)
        dialog.setWindowTitle(tr("LandSpace"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(lambda: self._cancel(job_id))
        job.dialog = dialog
        self._update_dialog(job)
        if self._jobs.get(job_id) is not job or job.dialog is not dialog:
            return  # the job ended while the dialog was being filled in (see _update_dialog)
        dialog.show()

    def _cancel(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        job.progress.cancel()
        if job.dialog is not None:
            job.dialog.setLabelText(tr("正在取消…"))

    def _on_progress(self, job_id: int, done: int, total: int, stage: str) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        job.stage = stage
        if job.on_progress is not None:
            job.on_progress(done, total, stage)
        if job.dialog is not None:
            self._update_dialog(job)

    def _update_dialog(self, job: _Job) -> None:
        """The label first, then the value: ``QProgressDialog.setValue`` on a modal dialog
        processes events, which can deliver the job's end (``_close`` sets ``job.dialog`` to
        None) — so nothing may touch the dialog after it (switching pages quickly did)."""
        dialog = job.dialog
        if dialog is None:
            return
        label = job.title if not job.stage else f"{job.title}\n{stage_label(job.stage)}"
        if not job.progress.cancelled:
            dialog.setLabelText(label)
        total, done = job.progress.total, job.progress.done
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def _close(self, job_id: int) -> _Job | None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return None
        if job.dialog is not None:
            job.dialog.canceled.disconnect()
            job.dialog.close()
            if job.parent is not None:  # owned by its parent widget: Qt deletes it
                job.dialog.deleteLater()
            job.dialog = None  # without a parent Python owns it and frees it with the last reference
        if not self._jobs:
            self.idle.emit()
        return job

    def _on_finished(self, job_id: int, result: object) -> None:
        _release_handed_back()
        job = self._close(job_id)
        if job is not None:
            job.on_done(result)

    def _on_failed(self, job_id: int, exc: BaseException, trace: str) -> None:
        _release_handed_back()
        job = self._close(job_id)
        if job is None:
            return
        if isinstance(exc, CancelledError):
            if job.on_cancelled is not None:
                job.on_cancelled()
            return
        if job.on_error is not None:
            job.on_error(exc)
            return
        self.show_failure(job.title, job.parent, exc, trace)

    def show_failure(self, title: str, parent: QWidget | None, exc: BaseException, trace: str = "") -> None:
        """What a failed task shows when its caller has no ``on_error`` of its own."""
        if isinstance(exc, DomainError):
            if self._show_error is not None:
                self._show_error(exc, parent)
            return
        log.error("task %r failed:\n%s", title, trace or "".join(traceback.format_exception(exc)))
        QMessageBox.critical(
            parent,
            tr("操作失败"),
            tr("{title}失败：{error}", title=title, error=f"{type(exc).__name__}: {exc}"),
        )
