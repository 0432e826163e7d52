from __future__ import annotations

import threading

import pytest

from desktop.tasks import TaskRunner
from models.errors import DomainError
from models.progress import Progress


def test_result_comes_back_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    results: list[tuple[int, bool]] = []
    main = threading.get_ident()

    def work(progress: Progress) -> int:
        assert threading.get_ident() != main
        progress.set(1, 2)
        return 42

    runner.submit(work, lambda r: results.append((r, threading.get_ident() == main)))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [(42, True)]
    assert not runner.busy()
    runner.wait()


def test_jobs_run_one_at_a_time_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    seen: list[int] = []
    running = []
    lock = threading.Lock()

    def job(n: int):  # type: ignore[no-untyped-def]
        def work(_p: Progress) -> int:
            with lock:
                running.append(n)
                assert len(running) == 1
            with lock:
                running.remove(n)
            return n

        return work

    for n in range(5):
        runner.submit(job(n), seen.append)
    qtbot.waitUntil(lambda: len(seen) == 5, timeout=5000)
    assert seen == [0, 1, 2, 3, 4]
    runner.wait()


def test_progress_dialog_appears_late_and_cancel_stops_the_work(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    runner.show_after_ms = 50
    started = threading.Event()
    cancelled: list[bool] = []
    done: list[object] = []

    def work(progress: Progress) -> str:
        started.set()
        for i in range(10_000):
            progress.set(i, 10_000, stage="步骤")
            threading.Event().wait(0.001)
        return "finished"

    progress = runner.submit(work, done.append, title="长任务", on_cancelled=lambda: cancelled.append(True))
    try:
        assert runner.dialog_of(progress) is None  # not before the delay
        qtbot.waitUntil(lambda: runner.dialog_of(progress) is not None, timeout=5000)
        dialog = runner.dialog_of(progress)
        assert dialog is not None and "长任务" in dialog.labelText()
        qtbot.waitUntil(lambda: dialog.maximum() == 10_000, timeout=5000)
        dialog.canceled.emit()  # what the Cancel button does
        qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
        assert progress.cancelled and done == []
        assert not runner.busy()
    finally:
        progress.cancel()
        runner.wait()


def test_quick_job_shows_no_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    runner.show_after_ms = 10_000
    with qtbot.waitSignal(runner.idle, timeout=5000):
        progress = runner.submit(lambda p: 1, lambda r: None)
    assert runner.dialog_of(progress) is None
    runner.wait()


def test_domain_error_is_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    runner = TaskRunner(show_error=lambda exc, parent: shown.append(exc.code))

    def work(_p: Progress) -> None:
        raise DomainError("record.not_found", entity="enterprises", key=1)

    runner.submit(work, lambda r: pytest.fail("no result expected"))
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["record.not_found"]
    runner.wait()


def test_unexpected_error_is_reported_not_raised(qtbot, no_blocking_error_boxes) -> None:  # type: ignore[no-untyped-def]
    boxes = no_blocking_error_boxes
    runner = TaskRunner()

    def work(_p: Progress) -> None:
        raise ValueError("坏了")

    runner.submit(work, lambda r: None, title="导出")
    qtbot.waitUntil(lambda: bool(boxes), timeout=5000)
    assert "坏了" in boxes[0] and "导出" in boxes[0]
    runner.wait()


def test_on_error_callback_takes_precedence(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    runner = TaskRunner(show_error=lambda exc, parent: pytest.fail("not shown"))
    runner.submit(lambda p: (_ for _ in ()).throw(DomainError("x.y")), lambda r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], DomainError)
    runner.wait()


def test_context_submit_uses_the_runner(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    got: list[int] = []
    ctx.submit(lambda p: 7, got.append)
    qtbot.waitUntil(lambda: got == [7], timeout=5000)


def test_job_ending_while_its_dialog_updates_is_no_error(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """QProgressDialog.setValue on a modal dialog processes events, which can deliver the job's
    end in the middle of an update (switching pages quickly): the runner must not touch the
    dialog after that, nor show a dialog for a job already gone."""
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from desktop.tasks import TaskRunner

    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner()
    runner.show_after_ms = 10_000  # the dialog is shown by hand below
    release = threading.Event()
    done: list[object] = []

    def work(progress):  # type: ignore[no-untyped-def]
        release.wait(5)
        return "ok"

    progress = runner.submit(work, done.append, title="读取", parent=parent)
    job_id = next(iter(runner._jobs))
    progress.total, progress.done = 10, 1
    original = QProgressDialog.setValue

    def finishing_set_value(dialog, value):  # type: ignore[no-untyped-def]
        original(dialog, value)
        runner._on_finished(job_id, "early")  # as if processEvents delivered the end right here

    monkeypatch.setattr(QProgressDialog, "setValue", finishing_set_value)
    runner._show_dialog(job_id)  # must neither raise nor show an orphan dialog
    assert done == ["early"] and not runner.busy()
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
    runner._on_progress(job_id, 2, 10, "载入")  # a late progress signal for the gone job
    release.set()
    runner.wait(5000)


def test_every_progress_stage_of_the_models_has_a_label() -> None:
    import re
    from pathlib import Path

    from desktop.tasks import stage_label, stage_labels

    root = Path(__file__).resolve().parents[3] / "models"
    used = {
        m
        for p in root.rglob("*.py")
        for m in re.findall(r'progress\.set\([^)]*stage="([a-z_]+)"', p.read_text(encoding="utf-8"))
    }
    assert used and used <= set(stage_labels())
    assert stage_label("read") == "正在读取文件…" and stage_label("load") == "正在写入数据库…"


def test_nothing_a_job_held_is_freed_on_the_worker_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The work callable, its result and its exception are let go on the UI thread, never by
    the pool's runnable on the worker (a page a job closed over, freed there, crashed)."""
    import threading

    from desktop.tasks import TaskRunner

    freed_on: list[str] = []

    class Held:
        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    def submit(runner: TaskRunner, fail: bool) -> None:
        held = Held()

        def work(_progress: object) -> Held:
            if fail:
                raise ValueError(held)
            return Held()

        runner.submit(work, lambda _r: None, on_error=lambda _e: None, dialog=False)

    for fail in (False, True):
        freed_on.clear()
        runner = TaskRunner()
        submit(runner, fail)
        qtbot.waitUntil(lambda r=runner: not r.busy(), timeout=5_000)
        assert runner.wait(5_000)
        main = threading.current_thread().name
        assert freed_on and set(freed_on) == {main}, freed_on
