"""Whether a SQLite file was closed cleanly, so the full ``quick_check`` (seconds on a large
file) runs only when it may find something.

Opening the file removes ``<file>.clean``; a clean ``Database.dispose`` writes it back with
the file's size and modification time. The next open skips ``quick_check`` only when the
marker is there and still matches: a crash, a kill, a power cut, or any change made to the
file while it was not open in LandSpace (a copy, a restore, another program) means a check.
``landspace check`` always checks.
"""

from __future__ import annotations

from pathlib import Path


def marker(path: Path) -> Path:
    return path.with_name(path.name + ".clean")


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns}"


def closed_cleanly(path: Path) -> bool:
    try:
        return marker(path).read_text(encoding="ascii") == _stamp(path)
    except OSError:
        return False


def begin_session(path: Path) -> None:
    marker(path).unlink(missing_ok=True)


def end_session(path: Path) -> None:
    """After the last connection has closed (the WAL is checkpointed into the file)."""
    if path.exists():
        marker(path).write_text(_stamp(path), encoding="ascii")
