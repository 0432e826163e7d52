"""Who may read and write which table: roles, carrier scoping, deny by default.

Every table of ``Base.metadata`` is declared either ``global`` or ``carrier``-scoped
(a test fails when a new table is neither). Carrier managers see and change only the
carrier-scoped rows of their own carriers, and read the few global reference tables a
form needs (platforms, enterprises, choice lists). Honest boundary (docs/reliability.md C):
in SQLite mode whoever holds the file can bypass this; it prevents mistakes and the
audit chain detects tampering; real separation between users needs PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.entities import Role, User, UserCarrier
from models.errors import PermissionDeniedError

Scope = Literal["global", "carrier"]
# "write" stands for any of insert/update/delete: the matrix does not tell them apart
# today, but every refusal names the one that was tried (新增/修改/删除).
Operation = Literal["read", "write", "insert", "update", "delete"]
WRITE_OPERATIONS = frozenset({"write", "insert", "update", "delete"})

TABLE_SCOPES: dict[str, Scope] = {
    # accounts
    "users": "global",
    "user_carriers": "carrier",
    "audit_entries": "global",
    # policy
    "platforms": "global",
    "policy_rules": "global",
    "policy_documents": "global",
    "choice_items": "global",
    "targets": "global",
    "statistics": "global",
    # enterprises
    "enterprises": "global",
    # quotas
    "quota_grants": "global",
    "quota_allocations": "global",
    "quota_uses": "global",
    "quota_returns": "global",
    "quota_repayments": "global",
    "quota_demands": "global",
    "land_disposals": "global",
    # land
    "plots": "global",
    "boundary_points": "global",
    "plot_indicators": "global",
    # efficiency
    "efficiency_records": "global",
    "efficiency_results": "global",
    # renewal
    "renewal_projects": "global",
    "renewal_project_plots": "global",
    "renewal_stage_events": "global",
    # buildings
    "buildings": "global",
    "units": "global",
    "transfers": "global",
    "transfer_units": "global",
    "buyback_offers": "global",
    # incubation
    "carriers": "carrier",
    "spaces": "carrier",
    "tenancies": "carrier",
    "tenancy_spaces": "carrier",
    "usage_reports": "carrier",
}

ADMIN_ONLY_WRITE = frozenset({"users", "user_carriers", "policy_rules", "policy_documents"})
NEVER_WRITTEN = frozenset({"audit_entries"})  # only the audit listener appends to it
# Reference data a carrier manager's forms and figures need (the dated rules give the
# occupancy thresholds and the national incubator criteria).
CARRIER_MANAGER_READS = frozenset(
    {"platforms", "enterprises", "choice_items", "policy_rules", "policy_documents"}
)
HIDDEN_FROM_VIEWERS = frozenset({"users", "user_carriers", "audit_entries"})
HIDDEN_FROM_CLERKS = frozenset({"users", "user_carriers"})

# What every user may change on their own ``users`` row (their password; the login
# throttle), whatever the role's row of the matrix says about ``users``.
SELF_SERVICE_FIELDS = frozenset({"password_hash", "failed_logins", "locked_until"})

# How a carrier-scoped row names its carrier: the column holding the carrier id, or
# (column, parent table) when it goes through a parent row (a tenancy's spaces).
CARRIER_KEYS: dict[str, str | tuple[str, str]] = {
    "carriers": "id",
    "spaces": "carrier_id",
    "tenancies": "carrier_id",
    "usage_reports": "carrier_id",
    "user_carriers": "carrier_id",
    "tenancy_spaces": ("tenancy_id", "tenancies"),
}


def can(role: str, table: str, operation: Operation) -> bool:  # noqa: PLR0911  the permission matrix read as early answers
    """Whether ``role`` may ``operation`` the table at all (carrier scope aside)."""
    scope = TABLE_SCOPES.get(table)
    if scope is None or (operation != "read" and operation not in WRITE_OPERATIONS):
        return False  # deny by default: an undeclared table or operation
    if operation != "read":
        operation = "write"
    if operation == "write" and table in NEVER_WRITTEN:
        return False
    if role == Role.ADMIN:
        return True
    if role == Role.CLERK:
        if operation == "read":
            return table not in HIDDEN_FROM_CLERKS
        return table not in ADMIN_ONLY_WRITE
    if role == Role.VIEWER:
        return operation == "read" and table not in HIDDEN_FROM_VIEWERS
    if role == Role.CARRIER_MANAGER:
        if scope == "carrier":
            return operation == "read" or table not in ADMIN_ONLY_WRITE
        return operation == "read" and table in CARRIER_MANAGER_READS
    return False


LOOKUP = "_perm_lookup"  # session.info flag: our own look-ups, which the read check lets through


@contextmanager
def internal_lookup(session: Session) -> Iterator[None]:
    """Run the permission machinery's own queries (who is this user, which carriers)
    without the read check of ``models.accounts.enforcement`` refusing them."""
    before = session.info.get(LOOKUP, False)
    session.info[LOOKUP] = True
    try:
        with session.no_autoflush:
            yield
    finally:
        session.info[LOOKUP] = before


def forget(session: Session) -> None:
    """Drop the cached user and carrier scope (after users or user_carriers change)."""
    session.info.pop("_perm_user", None)
    session.info.pop("_perm_scope", None)


def _user(session: Session) -> User | None:
    user_id = session.info.get("user_id")
    if user_id is None:
        return None
    cached = session.info.get("_perm_user")
    if isinstance(cached, tuple) and cached[0] == user_id:
        return cached[1]  # type: ignore[no-any-return]
    with internal_lookup(session):
        user = session.get(User, user_id)
    session.info["_perm_user"] = (user_id, user)
    return user


def user_role(session: Session, user_id: int) -> str | None:
    """The role of the user ``user_id``, or None when unknown or inactive."""
    with internal_lookup(session):
        row = session.execute(select(User.role, User.active).where(User.id == user_id)).first()
    if row is None or not row[1]:
        return None
    return str(row[0])


def managed_carriers(session: Session, user_id: int) -> set[int]:
    """The carriers assigned to the (carrier manager) user ``user_id``."""
    with internal_lookup(session):
        return set(session.scalars(select(UserCarrier.carrier_id).where(UserCarrier.user_id == user_id)))


def current_role(session: Session) -> str | None:
    """The logged-in user's role, or None in single-user mode (no login)."""
    if session.info.get("user_id") is None:
        return None
    user = _user(session)
    return user.role if user is not None and user.active else ""


def may(session: Session, table: str, operation: Operation) -> bool:
    """Whether the current user's role may ``operation`` the table (single-user mode: yes)."""
    role = current_role(session)
    return role is None or can(role, table, operation)


def carrier_scope(session: Session) -> set[int] | None:
    """The carriers the current user may see, or None for all (everyone but carrier managers)."""
    if session.info.get("user_id") is None:
        return None
    user = _user(session)
    if user is None or not user.active:
        return set()
    if user.role != Role.CARRIER_MANAGER:
        return None
    cached = session.info.get("_perm_scope")
    if isinstance(cached, tuple) and cached[0] == user.id:
        return set(cached[1])
    scope = managed_carriers(session, user.id)
    session.info["_perm_scope"] = (user.id, frozenset(scope))
    return scope


def denied(role: str | None, operation: str, table: str, **more: object) -> PermissionDeniedError:
    """The refusal: ``permission.denied`` (role, operation, table), or
    ``permission.out_of_scope`` (… and ``carrier_id``) for a carrier outside the user's scope."""
    code = "permission.out_of_scope" if "carrier_id" in more else "permission.denied"
    return PermissionDeniedError(code, role=role or "", operation=operation, table=table, **more)


def require(
    session: Session, *, table: str, operation: Operation, carrier_id: int | None = None, scoped: bool = True
) -> None:
    """Raise ``PermissionDeniedError`` (role, operation, table) unless the current user may
    do it: the one check behind every enforcement path (``models.accounts.enforcement``
    calls it for each flushed row and bulk statement; raw-SQL bulk writers call it
    themselves). Single-user mode (no ``user_id``) may do everything on declared tables.
    For a carrier manager on a carrier-scoped table, a write needs a ``carrier_id`` in
    scope (``scoped=False``: the rows are limited to the scope some other way); a read
    with a ``carrier_id`` checks it (queries are filtered to the scope)."""
    if session.info.get("user_id") is None:
        if TABLE_SCOPES.get(table) is None:
            raise denied(None, operation, table)
        return
    user = _user(session)
    role = user.role if user is not None and user.active else ""
    if not can(role, table, operation):
        raise denied(role, operation, table)
    if role == Role.CARRIER_MANAGER and TABLE_SCOPES[table] == "carrier" and scoped:
        if carrier_id is None:
            if operation != "read":
                raise denied(role, operation, table, carrier_id="")
        elif carrier_id not in (carrier_scope(session) or set()):
            raise denied(role, operation, table, carrier_id=carrier_id)
