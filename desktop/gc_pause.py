"""Pausing Python's cyclic garbage collector while the worker builds rows.

A page's query makes 100,000s of objects on the worker thread; each time the collector ran
meanwhile it walked all of them while holding the GIL, so the UI thread could not run a line
of Python for 50–250 ms (the window froze while "nothing" happened on it). The collector also
runs on whichever thread allocates, and must not free a Qt object on the worker thread.

``pause()`` / ``resume()`` nest (a count; thread-safe): the collector is off while any pause is
held and back on (if it was on before the first) when the last one ends. A page's query pauses
it on the worker, freezes what it built (``gc.freeze``: the rows a page holds are never walked
again) and resumes; reference counting frees everything else as usual meanwhile.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_held = 0
_was_enabled = True


def pause() -> None:
    global _held, _was_enabled
    with _lock:
        if _held == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _held += 1


def resume() -> None:
    global _held
    with _lock:
        if _held == 0:
            return
        _held -= 1
        if _held == 0 and _was_enabled:
            gc.enable()


def held() -> int:
    return _held
