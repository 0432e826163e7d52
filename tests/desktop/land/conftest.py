from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from desktop.context import AppContext, CurrentUser
from models.database import Database
from models.land.demo import seed_demo
from tests.template_db import load_prepared


@pytest.fixture
def ctx(db: Database, qapp: object) -> Iterator[AppContext]:
    load_prepared(db, "land-demo-7", lambda s: seed_demo(s, random.Random(7)))
    context = AppContext(db, CurrentUser(None, "clerk", "clerk"))
    yield context
