"""Every service operation is one transaction: fail it after each of its statements in
turn and the database equals its before-state (docs/reliability.md A)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from models.changes import Changes
from models.database import Database
from tests.models.db.helpers import snapshot


class Injected(Exception):
    pass


def _count_statements(db: Database, op: Callable[[Session], Changes]) -> int:
    seen = []

    def count(*_a: Any) -> None:
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.write() as s:
            op(s)
            raise Injected("dry run")  # count, then roll back
    except Injected:
        pass
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def _fail_after(db: Database, n: int, op: Callable[[Session], Changes]) -> None:
    seen = []

    def count(*_a: Any) -> None:
        seen.append(1)
        if len(seen) > n:
            raise Injected(n)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with pytest.raises(Injected), db.write() as s:
            op(s)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _new_rule_version(s: Session) -> Changes:
    from models.policy.services import add_rule_version

    return add_rule_version(
        s,
        key="quota.priority_order",
        value=["GXY"],
        effective_from=dt.date(2026, 1, 1),
        document_no="临政函〔2025〕1号",
    )


def _new_user_with_carriers(s: Session) -> Changes:
    from decimal import Decimal

    from models.accounts.services import assign_carriers, create_user
    from models.incubation.entities import Carrier

    c = Carrier(code="C9", name="载体九", usable_area_m2=Decimal(10))
    s.add(c)
    s.flush()
    create_user(s, username="admin", password="password 1", role="admin")
    changes = create_user(s, username="mgr", password="password 1", role="carrier_manager")
    return changes | assign_carriers(s, user_id=changes.ids[0], carrier_ids=[c.id])


@pytest.mark.parametrize("op", [_new_rule_version, _new_user_with_carriers])
def test_failing_after_each_statement_leaves_the_before_state(
    db: Database, db_path: Path, op: Callable[[Session], Changes], monkeypatch: pytest.MonkeyPatch
) -> None:
    from argon2 import PasswordHasher

    from models.accounts import services

    # cheap hashes: this test runs the operation once per statement
    monkeypatch.setattr(services, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    before = snapshot(db_path)
    total = _count_statements(db, op)
    assert total >= 4
    for n in range(total):
        _fail_after(db, n, op)
        assert snapshot(db_path) == before, f"after statement {n}"
    with db.write() as s:  # and then it works
        op(s)
    assert snapshot(db_path) != before
