"""Pausing Python's cyclic garbage collector while a bulk operation makes its rows.

An import or a year's evaluation makes 100,000s of acyclic objects (rows, tuples, decimals);
each generation threshold they pass runs a collection, and the full ones walk every object
the process holds, so at 20,000 enterprises the collector cost about a sixth of evaluating
and storing a year. Reference counting frees all of it as usual meanwhile. The collector is
re-enabled (if it was on) however the operation ends; in the window it is off anyway (the
window collects on its UI thread only, ``desktop/gc_guard.py``), and this changes nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """The cyclic collector off inside the block (nests: an inner block leaves it as it found it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
