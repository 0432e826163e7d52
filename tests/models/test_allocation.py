"""models.allocation: the collector is off inside a bulk operation and as it was after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from models.allocation import bulk_allocation


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_off_inside_and_back_after_even_on_error() -> None:
    with bulk_allocation():
        assert not gc.isenabled()
        with bulk_allocation():  # nested: the inner block leaves it off
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), bulk_allocation():
        raise RuntimeError
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with bulk_allocation():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the window's collector owns it (desktop/gc_guard.py)
    finally:
        if was:
            gc.enable()
