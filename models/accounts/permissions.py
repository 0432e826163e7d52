"""Who may read and write which table: roles, carrier scoping, deny by default.

Every table of ``Base.metadata`` is declared either ``global`` or ``carrier``-scoped
(a test fails when a new table is neither). Carrier managers see and change only the
carrier-scoped rows of their own carriers, and read the few global reference tables a
form needs (platforms, enterprises, choice lists). Honest boundary (RELIABILITY.md C):
in SQLite mode whoever holds the file can bypass this; it prevents mistakes and the
audit chain detects tampering; real separation between users needs PostgreSQL.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.entities import Role, User, UserCarrier
from models.errors import PermissionDeniedError

Scope = Literal["global", "carrier"]
Operation = Literal["read", "write"]

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
    # enterprises
    "enterprises": "global",
    # quotas
    "quota_grants": "global",
    "quota_allocations": "global",
    "quota_uses": "global",
    "quota_returns": "global",
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
CARRIER_MANAGER_READS = frozenset({"platforms", "enterprises", "choice_items"})
HIDDEN_FROM_VIEWERS = frozenset({"users", "user_carriers", "audit_entries"})
HIDDEN_FROM_CLERKS = frozenset({"users", "user_carriers"})


def can(role: str, table: str, operation: Operation) -> bool:
    """Whether ``role`` may ``operation`` the table at all (carrier scope aside)."""
    scope = TABLE_SCOPES.get(table)
    if scope is None or operation not in ("read", "write"):
        return False  # deny by default: an undeclared table or operation
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


def _user(session: Session) -> User | None:
    user_id = session.info.get("user_id")
    if user_id is None:
        return None
    cached = session.info.get("_perm_user")
    if isinstance(cached, tuple) and cached[0] == user_id:
        return cached[1]  # type: ignore[no-any-return]
    user = session.get(User, user_id)
    session.info["_perm_user"] = (user_id, user)
    return user


def current_role(session: Session) -> str | None:
    """The logged-in user's role, or None in single-user mode (no login)."""
    if session.info.get("user_id") is None:
        return None
    user = _user(session)
    return user.role if user is not None and user.active else ""


def carrier_scope(session: Session) -> set[int] | None:
    """The carriers the current user may see, or None for all (everyone but carrier managers)."""
    if session.info.get("user_id") is None:
        return None
    user = _user(session)
    if user is None or not user.active:
        return set()
    if user.role != Role.CARRIER_MANAGER:
        return None
    return set(session.scalars(select(UserCarrier.carrier_id).where(UserCarrier.user_id == user.id)))


def require(session: Session, *, table: str, operation: Operation, carrier_id: int | None = None) -> None:
    """Raise ``PermissionDeniedError("permission.denied", operation=, table=)`` unless the
    current user may do it. Single-user mode (no ``user_id``) may do everything. For a
    carrier manager on a carrier-scoped table, a write needs a ``carrier_id`` in scope;
    a read with a ``carrier_id`` checks it (list queries filter with ``carrier_scope``)."""
    if session.info.get("user_id") is None:
        if TABLE_SCOPES.get(table) is None:
            raise PermissionDeniedError("permission.denied", operation=operation, table=table)
        return
    user = _user(session)
    role = user.role if user is not None and user.active else ""
    allowed = can(role, table, operation)
    if allowed and role == Role.CARRIER_MANAGER and TABLE_SCOPES[table] == "carrier":
        scope = carrier_scope(session) or set()
        if carrier_id is None:
            allowed = operation == "read"
        else:
            allowed = carrier_id in scope
    if not allowed:
        raise PermissionDeniedError("permission.denied", operation=operation, table=table)
