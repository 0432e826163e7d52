"""User accounts: creation, roles, passwords (argon2id), throttled login, carrier scope.

Passwords are stored only as argon2id hashes with argon2-cffi's defaults (above
OWASP's minimum) and rehashed at login when the parameters change. Failed logins are
counted in the database (they survive a restart): after ``MAX_FAILURES`` the account
is locked for ``LOCK_MINUTES``. Unknown user, wrong password and locked account all
fail with the same code, ``auth.failed``.

Rule kept by every command: once two or more accounts are active, at least one of them
is an active administrator (otherwise nobody could manage users again).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from models.accounts.audit import record_event
from models.accounts.entities import Role, User, UserCarrier
from models.accounts.permissions import current_role, denied, internal_lookup
from models.accounts.queries import UserRow, count_active_users, user_row
from models.accounts.server_security import sync_login_role
from models.changes import Changes
from models.db.records import get_record
from models.db.references import require_referred
from models.errors import DomainError

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
ROLES = tuple(r.value for r in Role)

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so the answer takes as long. Made on
    first use, not at import (argon2 takes ~0.1 s: the window imports this module at start)."""
    return _hasher.hash("landspace-no-such-user")


def now() -> dt.datetime:
    """The clock (tests move it)."""
    return dt.datetime.now()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError("accounts.password_too_short", min_length=MIN_PASSWORD_LENGTH)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise DomainError("accounts.role_unknown", role=role)


def _normal(username: str) -> str:
    return username.strip().lower()


def _get(session: Session, user_id: int) -> User:
    return get_record(session, User, user_id)


def _keep_an_admin(session: Session) -> None:
    """A database with (active) users always has an active administrator: the first user is
    one, and the last administrator cannot be demoted or switched off."""
    session.flush()
    active = count_active_users(session)
    admins = int(
        session.scalar(
            select(func.count()).select_from(User).where(User.active.is_(True), User.role == Role.ADMIN.value)
        )
        or 0
    )
    if active >= 1 and admins == 0:
        raise DomainError("accounts.admin_required", active_users=active)


def create_user(
    session: Session, *, username: str, password: str, role: str, display_name: str = ""
) -> Changes:
    name = _normal(username)
    if not name:
        raise DomainError("accounts.username_required")
    _check_role(role)
    _check_password(password)
    if session.scalar(select(User.id).where(func.lower(User.username) == name)) is not None:
        raise DomainError("accounts.username_taken", username=name)
    user = User(
        username=name,
        display_name=display_name.strip(),
        role=role,
        password_hash=_stored_hash(session, password),
        active=True,
        failed_logins=0,
    )
    session.add(user)
    session.flush()
    _keep_an_admin(session)
    sync_login_role(session, username=name, role=role, active=True, password=password)
    return Changes.of("accounts", created=1, ids=(user.id,))


def _stored_hash(session: Session, password: str) -> str | None:
    """The argon2id hash to keep in ``users``; None in PostgreSQL mode, where the server keeps
    the password of the account's login role and no application role may read a hash."""
    if session.get_bind().dialect.name == "postgresql":
        return None
    return hash_password(password)


def update_user(
    session: Session,
    *,
    user_id: int,
    display_name: str | None = None,
    role: str | None = None,
    active: bool | None = None,
) -> Changes:
    user = _get(session, user_id)
    if role is not None:
        _check_role(role)
        user.role = role
        if role != Role.CARRIER_MANAGER.value:
            session.execute(delete(UserCarrier).where(UserCarrier.user_id == user_id))
    if display_name is not None:
        user.display_name = display_name.strip()
    if active is not None:
        user.active = active
    _keep_an_admin(session)
    session.flush()
    sync_login_role(session, username=user.username, role=user.role, active=user.active)
    return Changes.of("accounts", updated=1, ids=(user_id,))


def set_role(session: Session, *, user_id: int, role: str) -> Changes:
    return update_user(session, user_id=user_id, role=role)


def set_active(session: Session, *, user_id: int, active: bool) -> Changes:
    return update_user(session, user_id=user_id, active=active)


def reset_password(session: Session, *, user_id: int, password: str) -> Changes:
    """An administrator sets a new password; the lock and failure count are cleared."""
    _check_password(password)
    user = _get(session, user_id)
    user.password_hash = _stored_hash(session, password)
    user.failed_logins = 0
    user.locked_until = None
    session.flush()
    sync_login_role(session, username=user.username, role=user.role, active=user.active, password=password)
    return Changes.of("accounts", updated=1, ids=(user_id,))


def change_own_password(session: Session, *, user_id: int, old_password: str, new_password: str) -> Changes:
    if session.info.get("user_id") not in (None, user_id):
        raise denied(current_role(session), "update", "users")
    with internal_lookup(session):  # one's own account, whatever the role may read
        user = _get(session, user_id)
    if not _verify(user.password_hash or _dummy_hash(), old_password) or not user.password_hash:
        raise DomainError("auth.failed")
    _check_password(new_password)
    user.password_hash = _stored_hash(session, new_password)
    session.flush()
    sync_login_role(
        session, username=user.username, role=user.role, active=user.active, password=new_password, own=True
    )
    return Changes.of("accounts", updated=1, ids=(user_id,))


def assign_carriers(session: Session, *, user_id: int, carrier_ids: Iterable[int]) -> Changes:
    """Set the carriers a carrier manager may see and edit (replaces the previous set)."""
    user = _get(session, user_id)
    if user.role != Role.CARRIER_MANAGER.value:
        raise DomainError("accounts.not_carrier_manager", username=user.username, role=user.role)
    wanted = set(carrier_ids)
    require_referred(session, UserCarrier.carrier_id, wanted)
    have = set(session.scalars(select(UserCarrier.carrier_id).where(UserCarrier.user_id == user_id)))
    for cid in have - wanted:
        link = session.get(UserCarrier, (user_id, cid))
        if link is not None:
            session.delete(link)
    for cid in sorted(wanted - have):
        session.add(UserCarrier(user_id=user_id, carrier_id=cid))
    session.flush()
    return Changes.of("accounts", created=len(wanted - have), deleted=len(have - wanted), ids=(user_id,))


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def login(session: Session, *, username: str, password: str) -> UserRow:
    """The user, if ``password`` is right and the account active and not locked; otherwise
    ``DomainError("auth.failed")`` whatever the reason.

    Every attempt is audited with the LandSpace user name as the actor (not the OS account):
    ``login`` on success; ``login_failed`` with the reason (unknown name, inactive, locked,
    wrong password) otherwise. A failed attempt must be remembered even though the login is
    refused, so this one command COMMITS the failure (count and audit entry) before raising
    (run it in ``Database.write()``).
    """
    name = _normal(username)
    with internal_lookup(session):  # authentication reads the account whoever is logged in
        user = session.scalar(select(User).where(func.lower(User.username) == name)) if name else None
    moment = now()
    session.info["actor"] = user.username if user is not None else (username.strip()[:200] or "?")
    if user is None or not user.active or not user.password_hash:
        _verify(_dummy_hash(), password)
        _refuse(session, user, "unknown_user" if user is None else "inactive")
    assert user is not None and user.password_hash is not None
    if user.locked_until is not None and user.locked_until > moment:
        _verify(_dummy_hash(), password)
        _refuse(session, user, "locked")
    if not _verify(user.password_hash, password):
        user.failed_logins = (user.failed_logins or 0) + 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = moment + dt.timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
        _refuse(session, user, "wrong_password")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    if user.failed_logins or user.locked_until is not None:
        user.failed_logins = 0
        user.locked_until = None
    session.flush()
    record_event(session, action="login", entity="users", record_id=user.id, changes={})
    return user_row(session, user)


def _refuse(session: Session, user: User | None, reason: str) -> NoReturn:
    """Audit a refused login, commit it (and any failure count), then refuse — one generic
    message for every reason, so the window never tells which names exist."""
    record_event(
        session,
        action="login_failed",
        entity="users",
        record_id=user.id if user else None,
        reason=reason,
        changes={},
    )
    session.commit()
    raise DomainError("auth.failed")


def needs_login(session: Session) -> bool:
    """More than one active user: the window asks who is there. Zero or one user: it
    opens without a login and records the OS account name as the actor."""
    with internal_lookup(session):  # asked before anyone has logged in, whoever asks
        return count_active_users(session) > 1
