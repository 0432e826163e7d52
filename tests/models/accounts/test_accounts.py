from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from models.accounts import services
from models.accounts.entities import Role, User
from models.accounts.queries import list_users
from models.accounts.services import assign_carriers, create_user, login, needs_login, reset_password
from models.database import Database, open_database
from models.errors import DomainError, PermissionDeniedError

PW = "correct horse 9"


def _login(db: Database, username: str, password: str) -> int:
    with db.write() as s:
        return login(s, username=username, password=password).id


@pytest.fixture
def two_users(db: Database) -> Database:
    with db.write() as s:
        create_user(s, username="Admin", password=PW, role="admin", display_name="管理员")
        create_user(s, username="clerk1", password=PW, role="clerk")
    return db


def test_passwords_are_argon2id_hashes(two_users: Database) -> None:
    with two_users.read() as s:
        hashes = list(s.scalars(select(User.password_hash)))
    assert all(h is not None and h.startswith("$argon2id$") for h in hashes)
    assert all(PW not in (h or "") for h in hashes)


def test_login_succeeds_case_insensitively_and_is_audited(two_users: Database) -> None:
    from models.accounts.queries import AuditFilter, audit_entries

    user_id = _login(two_users, "  ADMIN ", PW)
    with two_users.read() as s:
        assert s.get(User, user_id).username == "admin"  # type: ignore[union-attr]
        assert [e.action for e in audit_entries(s, AuditFilter(entity="users"))][0] == "login"


@pytest.mark.parametrize(("username", "password"), [("nobody", PW), ("clerk1", "wrong password")])
def test_unknown_user_and_wrong_password_fail_alike(
    two_users: Database, username: str, password: str
) -> None:
    with pytest.raises(DomainError) as info:
        _login(two_users, username, password)
    assert info.value.code == "auth.failed"
    assert info.value.fields == {}


def test_five_failures_lock_the_account_across_a_restart(
    two_users: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [dt.datetime(2025, 3, 1, 9, 0)]
    monkeypatch.setattr(services, "now", lambda: clock[0])
    for _ in range(4):
        with pytest.raises(DomainError):
            _login(two_users, "clerk1", "nope nope")
    two_users.dispose()
    reopened = open_database(db_path)  # the count is in the database
    with pytest.raises(DomainError):
        _login(reopened, "clerk1", "nope nope")
    with pytest.raises(DomainError) as info:  # locked: even the right password fails, same code
        _login(reopened, "clerk1", PW)
    assert info.value.code == "auth.failed"
    clock[0] += dt.timedelta(minutes=14)
    with pytest.raises(DomainError):
        _login(reopened, "clerk1", PW)
    clock[0] += dt.timedelta(minutes=2)
    assert _login(reopened, "clerk1", PW) > 0
    with reopened.read() as s:
        user = s.scalar(select(User).where(User.username == "clerk1"))
        assert user is not None and user.failed_logins == 0 and user.locked_until is None
    reopened.dispose()


def test_old_parameters_are_rehashed_at_login(two_users: Database) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with two_users.write() as s:
        user = s.scalar(select(User).where(User.username == "clerk1"))
        assert user is not None
        user.password_hash = weak.hash(PW)
    _login(two_users, "clerk1", PW)
    with two_users.read() as s:
        hashed = s.scalar(select(User.password_hash).where(User.username == "clerk1"))
    assert hashed is not None and not PasswordHasher().check_needs_rehash(hashed)


def test_needs_login_only_with_more_than_one_active_user(db: Database) -> None:
    with db.read() as s:
        assert not needs_login(s)
    with db.write() as s:
        create_user(s, username="solo", password=PW, role="admin")
    with db.read() as s:
        assert not needs_login(s)
    with db.write() as s:
        create_user(s, username="second", password=PW, role="viewer")
    with db.read() as s:
        assert needs_login(s)


def test_single_user_database_records_the_os_account(db_path: Path) -> None:
    import getpass

    database = open_database(db_path)
    assert database.actor == getpass.getuser()
    assert database.user_id is None
    database.dispose()


def test_a_database_with_users_always_has_an_admin(db: Database) -> None:
    with pytest.raises(DomainError) as info, db.write() as s:
        create_user(s, username="first", password=PW, role="clerk")
    assert info.value.code == "accounts.admin_required"
    with db.read() as s:
        assert list_users(s) == []
    with db.write() as s:
        create_user(s, username="boss", password=PW, role="admin")
    with db.read() as s:
        boss = next(u for u in list_users(s) if u.username == "boss")
    with pytest.raises(DomainError) as info, db.write() as s:
        services.set_role(s, user_id=boss.id, role="viewer")
    assert info.value.code == "accounts.admin_required"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"username": " ", "password": PW, "role": "clerk"}, "accounts.username_required"),
        ({"username": "x", "password": "short", "role": "clerk"}, "accounts.password_too_short"),
        ({"username": "x", "password": PW, "role": "boss"}, "accounts.role_unknown"),
        ({"username": "ADMIN", "password": PW, "role": "clerk"}, "accounts.username_taken"),
    ],
)
def test_bad_new_users_are_refused(two_users: Database, kwargs: dict[str, str], code: str) -> None:
    with pytest.raises(DomainError) as info, two_users.write() as s:
        create_user(s, **kwargs)
    assert info.value.code == code


@pytest.fixture
def as_user(two_users: Database) -> Iterator[tuple[Database, dict[str, int]]]:
    with two_users.read() as s:
        ids = {u.username: u.id for u in list_users(s)}
    yield two_users, ids


def test_only_an_admin_manages_users(as_user: tuple[Database, dict[str, int]], db_path: Path) -> None:
    db, ids = as_user
    clerk = Database(db.url, actor="clerk1", user_id=ids["clerk1"])
    with pytest.raises(PermissionDeniedError) as info, clerk.write() as s:
        create_user(s, username="sneaky", password=PW, role="admin")
    # Refused at its first touch of the accounts: a clerk may not even read them.
    assert (info.value.role, info.value.operation, info.value.table) == ("clerk", "read", "users")
    admin = Database(db.url, actor="admin", user_id=ids["admin"])
    with admin.write() as s:
        reset_password(s, user_id=ids["clerk1"], password="another pw 1")
    assert _login(db, "clerk1", "another pw 1") == ids["clerk1"]
    clerk.dispose()
    admin.dispose()


def test_carriers_are_assigned_to_carrier_managers_only(as_user: tuple[Database, dict[str, int]]) -> None:
    from decimal import Decimal

    from models.incubation.entities import Carrier

    db, ids = as_user
    with db.write() as s:
        carriers = [Carrier(code=f"C{i}", name=f"载体{i}", usable_area_m2=Decimal(1000)) for i in range(3)]
        s.add_all(carriers)
        s.flush()
        cids = [c.id for c in carriers]
        create_user(s, username="mgr", password=PW, role=Role.CARRIER_MANAGER.value)
    with db.read() as s:
        mgr = next(u.id for u in list_users(s) if u.username == "mgr")
    with db.write() as s:
        assign_carriers(s, user_id=mgr, carrier_ids=cids[:2])
    with db.write() as s:
        assign_carriers(s, user_id=mgr, carrier_ids=[cids[1], cids[2]])
    with db.read() as s:
        assert next(u for u in list_users(s) if u.id == mgr).carrier_ids == (cids[1], cids[2])
    with pytest.raises(DomainError) as info, db.write() as s:
        assign_carriers(s, user_id=ids["clerk1"], carrier_ids=cids)
    assert info.value.code == "accounts.not_carrier_manager"
    with pytest.raises(DomainError) as info, db.write() as s:
        assign_carriers(s, user_id=mgr, carrier_ids=[9999])
    assert info.value.code == "record.not_found"


def test_every_login_attempt_is_audited_with_the_landspace_name_as_actor(
    two_users: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.accounts.entities import AuditEntry

    clock = [dt.datetime(2025, 3, 1, 9, 0)]
    monkeypatch.setattr(services, "now", lambda: clock[0])
    with pytest.raises(DomainError):
        _login(two_users, "冒名者", PW)  # a name that does not exist
    for _ in range(5):  # the fifth locks the account
        with pytest.raises(DomainError):
            _login(two_users, "clerk1", "wrong wrong")
    with pytest.raises(DomainError):
        _login(two_users, "clerk1", PW)  # right password, but locked
    clock[0] += dt.timedelta(minutes=16)
    _login(two_users, "clerk1", PW)
    with two_users.read() as s:
        rows = s.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.reason)
            .where(AuditEntry.action.in_(["login", "login_failed"]))
            .order_by(AuditEntry.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("冒名者", "login_failed", "unknown_user"),
        *[("clerk1", "login_failed", "wrong_password")] * 5,
        ("clerk1", "login_failed", "locked"),
        ("clerk1", "login", ""),
    ]
