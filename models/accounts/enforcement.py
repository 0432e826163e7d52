"""The one enforcement point of the role matrix: every session hook in one place.

``install_enforcement(factory)`` (``Database`` installs it on both of its session
factories, next to the audit) adds:

- ``before_flush``: every new, changed or deleted object is checked against
  ``permissions.require`` with its table and operation (insert / update / delete) and,
  for carrier-scoped tables, the carrier the row belongs to (before and after a change
  of carrier). Whatever service, import or dialog made the change, it cannot reach the
  database without passing here; a refused flush raises ``PermissionDeniedError`` and
  the transaction rolls back.
- ``do_orm_execute``: ORM-enabled bulk ``insert()`` / ``update()`` / ``delete()``
  statements are checked the same way (bulk UPDATE/DELETE of a carrier manager are
  limited to their carriers' rows); every ``select()`` — ORM or Core, on entities or
  tables — is refused when it reads a table the role may not read, and a carrier
  manager's ORM selects only ever return their own carriers' rows
  (``with_loader_criteria``).

Writes that bypass the ORM (``models.enterprises.bulk``'s DBAPI executemany) call
``permissions.require`` themselves; the audit listener's own inserts are not checked
(it writes with Core on the flush's connection; an ``AuditEntry`` added through the
ORM is refused to every role: ``audit_entries`` is never written). Single-user mode
(``session.info["user_id"]`` None) is not restricted.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.orm import Mapper, Session, sessionmaker, with_loader_criteria
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.util import find_tables

from models.accounts import permissions
from models.accounts.entities import Role
from models.db.base import Base

_SCOPE_TABLES = frozenset(t for t, s in permissions.TABLE_SCOPES.items() if s == "carrier")
_ACCOUNT_TABLES = frozenset({"users", "user_carriers"})


def _role(session: Session) -> str | None:
    return permissions.current_role(session)


def _table_name(mapper: Mapper[Any] | None) -> str:
    return str(getattr(getattr(mapper, "local_table", None), "name", "") or "") if mapper is not None else ""


# --- the carrier a row belongs to ------------------------------------------------------------


def _parent_carrier(session: Session, parent: str, parent_id: Any) -> int | None:
    if parent_id is None:
        return None
    table = Base.metadata.tables[parent]
    key = permissions.CARRIER_KEYS[parent]
    assert isinstance(key, str)
    with permissions.internal_lookup(session):
        value = session.execute(select(table.c[key]).where(table.c.id == parent_id)).scalar()
    return None if value is None else int(value)


def row_carriers(session: Session, table: str, values: dict[str, Any]) -> set[int | None]:
    """The carrier of a carrier-scoped row given as column values (None: not known)."""
    key = permissions.CARRIER_KEYS[table]
    if isinstance(key, str):
        value = values.get(key)
        return {None if value is None else int(value)}
    column, parent = key
    return {_parent_carrier(session, parent, values.get(column))}


def _object_carriers(session: Session, obj: Any, table: str, operation: str) -> set[int | None]:
    """The carriers an object belongs to: for an update both the old and the new one."""
    state = inspect(obj)
    key = permissions.CARRIER_KEYS[table]
    column = key if isinstance(key, str) else key[0]
    attr = state.mapper.get_property_by_column(state.mapper.local_table.c[column]).key
    values: list[Any] = [state.dict.get(attr)]
    if operation != "insert" and attr not in state.dict and state.identity is not None:
        values = [getattr(obj, attr)]  # expired: load it (a column load, not checked)
    if operation != "insert":
        history = state.attrs[attr].history
        values = [*history.added, *history.unchanged, *history.deleted] or values
        if table == "carriers" and state.identity is not None:
            values = [state.identity[0]]
    out: set[int | None] = set()
    for value in values:
        out |= row_carriers(session, table, {column: value})
    return out


# --- writes ------------------------------------------------------------------------------------


def _own_password(session: Session, state: Any) -> bool:
    """A user changing only their own password (``permissions.SELF_SERVICE_FIELDS``)."""
    if state.identity is None or state.identity[0] != session.info.get("user_id"):
        return False
    changed = {key for key in state.mapper.column_attrs.keys() if state.attrs[key].history.has_changes()}
    return changed <= permissions.SELF_SERVICE_FIELDS


def check_object(session: Session, obj: Any, operation: str) -> None:
    """Refuse (``PermissionDeniedError``) unless the current user may ``operation`` this object."""
    state = inspect(obj)
    table = _table_name(state.mapper)
    if table == "users" and operation == "update" and _own_password(session, state):
        return
    scoped = table in _SCOPE_TABLES and _role(session) == Role.CARRIER_MANAGER
    carriers = _object_carriers(session, obj, table, operation) if scoped else {None}
    for carrier_id in carriers:
        permissions.require(
            session,
            table=table,
            operation=operation,  # type: ignore[arg-type]
            carrier_id=carrier_id,
            scoped=scoped,
        )


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get("user_id") is None:
        return
    touched_accounts = False
    for operation, objects in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in list(objects):
            if operation == "update" and not session.is_modified(obj, include_collections=False):
                continue
            check_object(session, obj, operation)
            touched_accounts = touched_accounts or _table_name(inspect(obj).mapper) in _ACCOUNT_TABLES
    if touched_accounts:
        permissions.forget(session)


def _scope_criteria(session: Session) -> tuple[Any, ...]:
    """``with_loader_criteria`` options limiting each carrier-scoped entity to the carrier
    manager's carriers (built once per scope: building them cost ~4 ms a query)."""
    return _criteria_for(tuple(sorted(permissions.carrier_scope(session) or set())))


@lru_cache(maxsize=64)
def _criteria_for(scope: tuple[int, ...]) -> tuple[Any, ...]:
    options = []
    for mapper in Base.registry.mappers:
        table = _table_name(mapper)
        if table not in _SCOPE_TABLES:
            continue
        key = permissions.CARRIER_KEYS[table]
        local = mapper.local_table
        assert isinstance(local, Table)
        criterion: ColumnElement[bool]
        if isinstance(key, str):
            criterion = local.c[key].in_(list(scope))
        else:
            column, parent = key
            parent_table = Base.metadata.tables[parent]
            parent_key = permissions.CARRIER_KEYS[parent]
            assert isinstance(parent_key, str)
            criterion = local.c[column].in_(
                select(parent_table.c.id).where(parent_table.c[parent_key].in_(list(scope)))
            )
        options.append(with_loader_criteria(mapper.class_, criterion, include_aliases=True))
    return tuple(options)


def _read_tables(statement: Any) -> set[str]:
    return {
        t.name
        for t in find_tables(statement, check_columns=True, include_aliases=True, include_joins=True)
        if isinstance(t, Table)
    }


def _do_orm_execute(state: Any) -> None:
    session: Session = state.session
    if session.info.get("user_id") is None or session.info.get(permissions.LOOKUP):
        return
    role = _role(session)
    if state.is_insert or state.is_update or state.is_delete:
        _check_bulk(state, session, role)
        return
    if not state.is_select or state.is_column_load:
        return
    if role == Role.ADMIN:
        return
    tables = _read_tables(state.statement)
    for table in sorted(tables):
        if not permissions.can(role or "", table, "read"):
            raise permissions.denied(role, "read", table)
    if role == Role.CARRIER_MANAGER:
        if not state.is_orm_statement and tables & _SCOPE_TABLES:
            raise permissions.denied(role, "read", sorted(tables & _SCOPE_TABLES)[0])
        if not state.is_relationship_load:
            state.statement = state.statement.options(*_scope_criteria(session))


def _check_bulk(state: Any, session: Session, role: str | None) -> None:
    table = _table_name(state.bind_mapper)
    if not table:
        for found in sorted(_read_tables(state.statement)):
            permissions.require(session, table=found, operation="write")
        return
    operation = "insert" if state.is_insert else "update" if state.is_update else "delete"
    scoped = table in _SCOPE_TABLES and role == Role.CARRIER_MANAGER
    if not scoped:
        permissions.require(session, table=table, operation=operation)  # type: ignore[arg-type]
    elif state.is_insert:
        params = state.parameters
        rows = params if isinstance(params, list) else [params or {}]
        for row in rows:
            for carrier_id in row_carriers(session, table, dict(row)):
                permissions.require(session, table=table, operation="insert", carrier_id=carrier_id)
    else:
        # Allowed for the role; which rows it reaches is limited to the user's carriers.
        permissions.require(session, table=table, operation=operation, scoped=False)  # type: ignore[arg-type]
        state.statement = state.statement.options(*_scope_criteria(session))
    if table in _ACCOUNT_TABLES:
        permissions.forget(session)


def install_enforcement(factory: sessionmaker[Session]) -> None:
    """Enforce the role matrix in every session ``factory`` makes (idempotent)."""
    if getattr(factory, "_landspace_enforced", False):
        return
    factory._landspace_enforced = True  # type: ignore[attr-defined]
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "do_orm_execute", _do_orm_execute)


def is_installed(factory: sessionmaker[Session]) -> bool:
    return bool(getattr(factory, "_landspace_enforced", False))
