"""Who may see and change which carriers.

A session carries the logged-in user in ``session.info["user_id"]`` (``Database`` sets it);
``None`` is single-user mode (no login), where everything is allowed. A ``carrier_manager``
sees and edits only the carriers assigned to them (``UserCarrier``); a ``viewer`` reads
everything and changes nothing; ``admin`` and ``clerk`` do everything. Deny by default:
an unknown or inactive user may do nothing.

Imports and exports pass the user explicitly (``ImportContext.user_id``), hence the
optional ``user_id`` arguments; without one, the session's user applies.

These are the incubation area's early, carrier-named answers (which carrier is out of
scope); the enforcement itself — every row flushed, every query filtered — is
``models.accounts.enforcement``, whatever a service asks here.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import permissions
from models.accounts.entities import Role
from models.errors import PermissionDeniedError
from models.incubation.entities import Carrier

Operation = Literal["read", "create", "update", "delete"]
_UNSET: object = object()
_OPERATIONS: dict[str, permissions.Operation] = {
    "read": "read",
    "create": "insert",
    "update": "update",
    "delete": "delete",
}


def _user_id(session: Session, user_id: int | None | object) -> int | None:
    if user_id is _UNSET:
        value = session.info.get("user_id")
        return None if value is None else int(value)
    return None if user_id is None else int(user_id)  # type: ignore[call-overload]


def _role(session: Session, uid: int) -> str | None:
    """The user's role, or None when the user is unknown or inactive."""
    return permissions.user_role(session, uid)


def visible_carrier_ids(session: Session, *, user_id: int | None | object = _UNSET) -> set[int] | None:
    """The carriers the user may see: ``None`` means all of them. Without an explicit
    ``user_id`` this is ``models.accounts.permissions.carrier_scope``."""
    if user_id is _UNSET:
        return permissions.carrier_scope(session)
    uid = _user_id(session, user_id)
    if uid is None:
        return None
    role = _role(session, uid)
    if role is None:
        return set()
    if role != Role.CARRIER_MANAGER.value:
        return None
    return permissions.managed_carriers(session, uid)


def _carrier_name(session: Session, carrier_id: int | None) -> str:
    if carrier_id is None:
        return ""
    with permissions.internal_lookup(session):  # the name of a carrier the user may not read
        return session.scalar(select(Carrier.name).where(Carrier.id == carrier_id)) or str(carrier_id)


def require_carrier(
    session: Session,
    carrier_id: int | None,
    operation: Operation,
    *,
    table: str = "carriers",
    user_id: int | None | object = _UNSET,
) -> None:
    """Refuse (``PermissionDeniedError``) unless the user may ``operation`` on the carrier's
    ``table`` rows. A carrier outside a manager's scope is refused with
    ``incubation.carrier_out_of_scope`` naming it; the role × table matrix is
    ``models.accounts.permissions.require``. ``carrier_id`` None means a new carrier (or
    all carriers): only unscoped writers may.
    """
    uid = _user_id(session, user_id)
    if uid is None:
        return
    if user_id is _UNSET:
        scope = permissions.carrier_scope(session)
        if scope is not None and carrier_id is not None and carrier_id not in scope:
            raise PermissionDeniedError(
                "incubation.carrier_out_of_scope",
                operation=operation,
                carrier=_carrier_name(session, carrier_id),
                carrier_id=carrier_id,
            )
        permissions.require(session, table=table, operation=_OPERATIONS[operation], carrier_id=carrier_id)
        return
    role = _role(session, uid)
    if role is None or not permissions.can(role, table, _OPERATIONS[operation]):
        raise permissions.denied(role, _OPERATIONS[operation], table)
    if role != Role.CARRIER_MANAGER.value:
        return
    scope = visible_carrier_ids(session, user_id=uid) or set()
    if carrier_id is None or carrier_id not in scope:
        raise PermissionDeniedError(
            "incubation.carrier_out_of_scope",
            operation=operation,
            carrier=_carrier_name(session, carrier_id),
            carrier_id=carrier_id,
        )


def carrier_allowed(scope: set[int] | None, carrier_id: int) -> bool:
    return scope is None or carrier_id in scope
