"""The cyclic GC never runs on the task worker thread (desktop/gc_guard.py)."""

from __future__ import annotations

import gc
import threading

from desktop import gc_guard


class _Cycle:
    """Records the thread its cycle was collected on."""

    collected_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.collected_on.append(threading.current_thread().name)


def _allocate_containers(count: int) -> None:
    junk: list[list[object]] = [
        [] for _ in range(count)
    ]  # container allocations drive the collector's counters
    junk.clear()


def test_guard_is_installed_and_the_automatic_collector_is_off(qapp) -> None:  # type: ignore[no-untyped-def]
    assert gc_guard.install(qapp) is gc_guard.install(qapp)
    assert not gc.isenabled()


def test_a_cycle_made_on_the_ui_thread_is_not_collected_by_worker_allocations(qapp) -> None:  # type: ignore[no-untyped-def]
    gc_guard.install(qapp)
    gc.collect()
    _Cycle.collected_on.clear()
    _Cycle()  # unreachable at once, but only the cyclic collector can free it

    worker = threading.Thread(target=_allocate_containers, args=(200_000,), name="worker")
    worker.start()
    worker.join()
    assert _Cycle.collected_on == []  # with the automatic collector on, "worker" collects it

    junk: list[list[object]] = [[] for _ in range(5_000)]  # past generation 0's threshold, kept alive
    assert gc_guard.collect_on_ui_thread() > 0
    junk.clear()
    assert _Cycle.collected_on == [threading.current_thread().name]


def test_collecting_off_the_ui_thread_is_refused(qapp) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def run() -> None:
        try:
            gc_guard.collect_on_ui_thread()
        except RuntimeError as exc:
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert len(errors) == 1


def test_the_timer_collects_while_the_event_loop_spins(qtbot) -> None:  # type: ignore[no-untyped-def]
    gc.collect()
    _Cycle.collected_on.clear()
    junk: list[list[object]] = []

    def collected() -> bool:
        # a fresh cycle at each poll: a page load of an earlier test finishing meanwhile runs
        # gc.freeze(), which would keep a cycle made before it for good (never collected)
        if not _Cycle.collected_on:
            _Cycle()
            junk.extend([] for _ in range(1_000))
        return bool(_Cycle.collected_on)

    qtbot.waitUntil(collected, timeout=10_000)
    junk.clear()
    assert set(_Cycle.collected_on) == {threading.current_thread().name}
