"""models.overlap: the background call runs on another thread while the foreground one runs,
both have ended when ``alongside`` returns or raises, and their exceptions reach the caller."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from models.db.engine import make_engine
from models.overlap import alongside, shareable


def test_both_results_the_background_on_another_thread_at_the_same_time() -> None:
    started = threading.Event()
    threads: list[int] = []

    def background() -> str:
        threads.append(threading.get_ident())
        started.set()
        return "deleted"

    def foreground() -> int:
        # the background call runs while this one does: it starts before this one returns
        assert started.wait(timeout=30)
        threads.append(threading.get_ident())
        return 7

    assert alongside(background, foreground) == ("deleted", 7)
    assert threads[0] != threads[1] == threading.get_ident()


def test_a_background_failure_is_raised_after_the_foreground_ends() -> None:
    finished: list[str] = []

    def background() -> None:
        raise LookupError("gone")

    with pytest.raises(LookupError, match="gone"):
        alongside(background, lambda: finished.append("foreground"))
    assert finished == ["foreground"]


def test_a_foreground_failure_waits_for_the_background_and_names_its_failure() -> None:
    release = threading.Event()
    ended: list[str] = []

    def background() -> None:
        release.wait(timeout=30)
        ended.append("background")
        raise LookupError("also gone")

    def foreground() -> None:
        release.set()
        raise ValueError("bad")

    with pytest.raises(ValueError, match="bad") as err:
        alongside(background, foreground)
    assert ended == ["background"]  # joined before the error reached the caller
    assert any("LookupError('also gone')" in note for note in getattr(err.value, "__notes__", []))


def test_only_sqlites_in_memory_database_is_not_shareable(tmp_path: Path) -> None:
    """Its connections each serve only their own thread (a file's serve any)."""
    for url, expected in (
        (f"sqlite:///{tmp_path / 'x.sqlite3'}", True),
        ("sqlite://", False),
        ("sqlite:///:memory:", False),
    ):
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                assert shareable(conn) is expected, url
        finally:
            engine.dispose()
