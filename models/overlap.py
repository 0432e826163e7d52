"""One database statement on a worker thread while the caller computes something else.

SQLite (and psycopg) release the GIL while a statement executes, so a statement that runs as
one long step — deleting a year's 20,000 results with their index entries — costs no wall
time when the caller meanwhile has Python work that needs no database (scoring the year).
A statement run row by row (``executemany``) gains nothing: it needs the GIL back after every
row and waits for the switch interval each time.

Only one thread uses a session at a time: ``alongside`` returns after both calls have ended,
and ``foreground`` must not touch the session ``background`` uses; that session's connection
must be ``shareable``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection

B = TypeVar("B")
F = TypeVar("F")


def alongside(background: Callable[[], B], foreground: Callable[[], F]) -> tuple[B, F]:
    """``(background(), foreground())``, the first run on a new thread while the second runs on
    this one. Both have ended when this returns or raises. An exception of ``foreground`` is
    raised as it is (one of ``background`` meanwhile named in a note on it); otherwise one of
    ``background`` is raised here."""
    outcome: list[B] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(background())
        except BaseException as exc:  # handed to the caller's thread, raised there
            failure.append(exc)

    worker = threading.Thread(target=run, name="landspace-alongside", daemon=True)
    worker.start()
    try:
        result = foreground()
    except BaseException as exc:
        worker.join()
        if failure:
            exc.add_note(f"meanwhile, on the worker thread: {failure[0]!r}")
        raise
    worker.join()
    if failure:
        raise failure[0]
    return outcome[0], result


def shareable(connection: Connection) -> bool:
    """Whether ``connection`` may be used on another thread while its own waits: not SQLite's
    in-memory database, whose connections each serve only the thread that made them."""
    url = connection.engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))
