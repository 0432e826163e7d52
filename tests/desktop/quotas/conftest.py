"""Quota page tests: settings in tmp_path (area unit 亩), Chinese, a context over ``db``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import settings as settings_mod
from desktop.i18n import set_language


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[settings_mod.Settings]:
    store = settings_mod.use_file(tmp_path / "settings.ini")
    set_language("zh")
    yield store
    settings_mod.use_file(tmp_path / "after.ini")


@pytest.fixture
def ctx(qtbot, db):  # type: ignore[no-untyped-def]
    """A context without a task runner: ``submit`` runs the work at once (deterministic)."""
    from desktop.context import AppContext, CurrentUser

    return AppContext(db, CurrentUser(None, "tester", "clerk"))


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    import random

    from models.quotas.demo import seed_demo

    with db.write() as s:
        seed_demo(s, random.Random(11))
    return db
