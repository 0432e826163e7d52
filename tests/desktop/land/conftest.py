from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import settings as settings_mod
from desktop.context import AppContext, CurrentUser
from desktop.i18n import set_language
from models.db.engine import Database
from models.land.demo import seed_demo


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[settings_mod.Settings]:
    store = settings_mod.use_file(tmp_path / "settings.ini")
    set_language("zh")
    yield store
    settings_mod.use_file(tmp_path / "after.ini")


@pytest.fixture
def ctx(db: Database, qapp: object) -> Iterator[AppContext]:
    with db.write() as s:
        seed_demo(s, random.Random(7))
    context = AppContext(db, CurrentUser(None, "clerk", "clerk"))
    yield context
