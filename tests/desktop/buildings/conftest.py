from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from desktop.context import AppContext, CurrentUser
from models.buildings import demo as buildings_demo
from models.database import Database
from models.enterprises.entities import Enterprise
from tests.models.buildings.helpers import building, enterprise
from tests.template_db import load_prepared

ON = dt.date(2024, 6, 1)


@pytest.fixture
def small_db(db: Database) -> Database:
    """One building of ten 1000 ㎡ production units (cap 60 %), two buyers."""
    with db.write() as s:
        building(s)
        enterprise(s, 1, name="受让甲精密制造有限公司")
        enterprise(s, 2, name="乙贸易有限公司", manufacturing=False, chain="其他")
    return db


@pytest.fixture
def demo_db(db: Database) -> Database:
    import random

    return load_prepared(db, "buildings-demo", lambda s: buildings_demo.seed_demo(s, random.Random("demo")))


def make_ctx(db: Database, role: str = "admin") -> AppContext:
    return AppContext(db, CurrentUser(None, role, role))


@pytest.fixture
def admin_ctx(small_db: Database) -> Iterator[AppContext]:
    yield make_ctx(small_db)


def enterprise_id(db: Database, name: str) -> int:
    with db.read() as s:
        eid = s.scalar(select(Enterprise.id).where(Enterprise.name == name))
    assert eid is not None
    return eid
