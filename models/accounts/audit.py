"""The audit log: every insert, update and delete of every mapped entity, in the same
transaction, append-only and hash-chained.

``install_audit(factory)`` hooks a session factory (``Database`` installs it on both of
its own): after each flush, one ``AuditEntry`` per changed record — actor
(``session.info["actor"]``), user id, time, table, record id and ``{field: [before,
after]}`` as JSON — is inserted with Core on the flush's own connection, so it commits
or rolls back with the change. ``hash = sha256(prev_hash + canonical JSON)``; SQLite
(and PostgreSQL) triggers created by the migration refuse UPDATE and DELETE of
``audit_entries``; ``verify_chain`` finds rows edited, inserted or removed behind the
app's back (except the newest rows removed from the end, which no chain can prove).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from itertools import repeat
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.base import NO_VALUE
from sqlalchemy.orm.state import InstanceState

from models.accounts.entities import AuditEntry
from models.db.types import ScaledDecimal
from models.errors import Problem

if TYPE_CHECKING:
    from models.database import Database

AUDIT_TABLE = AuditEntry.__tablename__
SKIPPED_FIELDS = frozenset({"version"})  # bumped on every update; says nothing
# Recorded as changed, never with their value (the log is readable by clerks).
REDACTED_FIELDS = frozenset({"password_hash"})
REDACTED = "***"
PG_LOCK_KEY = 0x4C53504B  # serialises the chain on PostgreSQL (pg_advisory_xact_lock)
_MAX_TEXT = 4000


_PLAIN = frozenset({str, int, bool})


def jsonable(value: Any) -> Any:  # noqa: PLR0911  one return per JSON-able type
    """A JSON-safe form of a column value: Decimals and dates as strings, geometry as WKT."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return "base64:" + base64.b64encode(data[:_MAX_TEXT]).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if hasattr(value, "wkt"):  # shapely geometry
        text = str(value.wkt)
        return text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT] + "…"
    return str(value)


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(
    prev_hash: str,
    *,
    at: dt.datetime,
    actor: str,
    user_id: int | None,
    action: str,
    entity: str,
    record_id: int | None,
    changes: str,
    reason: str,
) -> str:
    """sha256 over the previous hash and this entry's fields (a JSON array, fixed order)."""
    body = json.dumps(
        [at.isoformat(), actor, user_id, action, entity, record_id, changes, reason],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


# --- collecting changes -------------------------------------------------------------------

_MAPPER_COLUMNS: dict[Any, tuple[list[tuple[str, str, Any]], list[str]]] = {}


def _mapper_columns(state: InstanceState[Any]) -> tuple[list[tuple[str, str, Any]], list[str]]:
    """(attribute key, column name, column type) of each audited column of the instance's
    mapper, and the attribute keys of its primary key; computed once per mapper."""
    mapper = state.mapper
    cached = _MAPPER_COLUMNS.get(mapper)
    if cached is None:
        cols = [
            (
                prop.key,
                prop.columns[0].name,
                _Redacted() if prop.columns[0].name in REDACTED_FIELDS else prop.columns[0].type,
            )
            for prop in mapper.column_attrs
            if prop.columns[0].name not in SKIPPED_FIELDS
        ]
        pk = [mapper.get_property_by_column(c).key for c in mapper.primary_key]
        cached = _MAPPER_COLUMNS[mapper] = (cols, pk)
    return cached


def _columns(state: InstanceState[Any]) -> list[tuple[str, str, Any]]:
    return _mapper_columns(state)[0]


class _Redacted:
    """Marks a column whose values the log must not hold."""


def _stored(type_: Any, value: Any) -> Any:
    """The value as the column stores it (exact decimals at their scale), JSON-safe."""
    if isinstance(type_, _Redacted):
        return None if value is None else REDACTED
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, Decimal) and isinstance(type_, ScaledDecimal):
        value = value.quantize(Decimal(1).scaleb(-type_.scale))
    return jsonable(value)


def _identity(state: InstanceState[Any]) -> tuple[Any, ...]:
    # New rows get their identity key only after after_flush; read the key attributes.
    if state.identity is not None:
        return tuple(state.identity)
    values = state.dict
    return tuple(values.get(key) for key in _mapper_columns(state)[1])


def _record_id(state: InstanceState[Any]) -> int | None:
    identity = _identity(state)
    if len(identity) == 1 and isinstance(identity[0], int):
        return identity[0]
    return None


def _insert_changes(state: InstanceState[Any]) -> dict[str, Any]:
    values = state.dict  # never triggers a load
    out: dict[str, Any] = {}
    for key, name, type_ in _columns(state):
        value = values.get(key)
        if value is not None:
            out[name] = [None, _stored(type_, value)]
    return out


def _update_changes(state: InstanceState[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, name, type_ in _columns(state):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        redacted = isinstance(type_, _Redacted)
        # A deferred column (the password hash) is not loaded before it changes: its old value
        # is unknown, and for a redacted column "some value" is all the log would show anyway.
        unloaded = redacted and not history.deleted and state.committed_state.get(key, NO_VALUE) is NO_VALUE
        before = history.deleted[0] if history.deleted else (REDACTED if unloaded else None)
        after = history.added[0] if history.added else None
        if before is NO_VALUE:
            before = REDACTED if redacted else None
        changed = before != after if redacted else _stored(type_, before) != _stored(type_, after)
        if changed:
            out[name] = [_stored(type_, before), _stored(type_, after)]
    return out


def _delete_changes(state: InstanceState[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, name, type_ in _columns(state):
        history = state.attrs[key].history
        value = history.deleted[0] if history.deleted else state.dict.get(key)
        if value is not None and value is not NO_VALUE:
            out[name] = [_stored(type_, value), None]
    return out


def _keys(state: InstanceState[Any]) -> dict[str, Any]:
    """Composite primary keys go into the changes so the record stays identifiable."""
    identity = _identity(state)
    cols = state.mapper.primary_key
    return {c.name: jsonable(v) for c, v in zip(cols, identity, strict=False)}


def _pending_entries(session: Session) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for action, objects in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            state = inspect(obj)
            table = state.mapper.local_table
            name = getattr(table, "name", "")
            if name == AUDIT_TABLE:
                continue
            if action == "update":
                if not session.is_modified(obj, include_collections=False):
                    continue
                changes = _update_changes(state)
                if not changes:
                    continue
            elif action == "insert":
                changes = _insert_changes(state)
            else:
                changes = _delete_changes(state)
            record_id = _record_id(state)
            if record_id is None:
                changes = {"_key": _keys(state), **changes}
            rows.append({"action": action, "entity": name, "record_id": record_id, "changes": changes})
    rows.sort(key=lambda r: (r["entity"], r["record_id"] or 0, r["action"]))
    return rows


_SQLITE_INSERT = (
    "INSERT INTO audit_entries (at, actor, user_id, action, entity, record_id, changes, reason, "
    "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

# The same for rows that share all but id, changes and the two hashes: binding ten
# parameters a row instead of four made the insert of 100,000 entries ~40 % slower.
_SQLITE_BULK_INSERT = (
    "INSERT INTO audit_entries (at, actor, user_id, action, entity, record_id, changes, reason, "
    "prev_hash, hash) VALUES ({}, {}, {}, {}, {}, ?, ?, {}, ?, ?)"
)


def _sql_literal(value: object) -> str | None:
    """``value`` as an SQLite literal (text quoted by doubling ``'``), or None when it
    cannot be one safely (a NUL character, or a type other than text, int or None)."""
    if value is None:
        return "NULL"
    if value.__class__ is int:
        return str(value)
    if isinstance(value, str) and "\x00" not in value:  # a table's quoted_name is a str too
        return "'" + str(value).replace("'", "''") + "'"
    return None


# (action, entity, record_id, changes as canonical JSON, reason)
Encoded = tuple[str, str, int | None, str, str]


def _append(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert the entries, chaining each to the previous one, on the session's connection."""
    _append_encoded(
        session,
        [
            (
                row["action"],
                row["entity"],
                row["record_id"],
                canonical(row["changes"]),
                str(row.get("reason", "")),
            )
            for row in rows
        ],
    )


def _append_encoded(session: Session, entries: Sequence[Encoded]) -> None:
    """Chain and insert entries whose changes are already canonical JSON.

    Hot path of large imports (one entry per record): the JSON body ``entry_hash`` hashes
    is assembled from C-encoded pieces — the head shared by every entry of this call once,
    each entry's tail with ``json``'s own string encoder, in one list comprehension —
    giving exactly the bytes ``json.dumps`` would (``verify_chain`` recomputes them with
    ``entry_hash``); only the hashing itself is a loop, as each hash covers the one
    before. On SQLite the rows go in by one DBAPI executemany, ``at`` written as
    SQLAlchemy's DateTime writes it.
    """
    if entries:
        _append_columns(session, *zip(*entries, strict=True))


def _append_columns(
    session: Session,
    actions: Sequence[str],
    entities: Sequence[str],
    ids: Sequence[int | None],
    changes: Sequence[str],
    reasons: Sequence[str],
) -> None:
    """``_append_encoded`` of entries given as columns."""
    if not actions:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})")
        # Through a SECURITY DEFINER function: a writer who may not read the log still chains.
        first = conn.exec_driver_sql("SELECT landspace_audit_head()").scalar() or ""
    else:
        first = conn.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar() or ""
    actor = str(session.info.get("actor") or "")
    user_id = session.info.get("user_id")
    now = dt.datetime.now()
    head = json.dumps([now.isoformat(), actor, user_id], ensure_ascii=False, separators=(",", ":"))[:-1] + ","
    sqlite = conn.dialect.name == "sqlite"
    uniform = (
        len(set(actions)) == 1 and len(set(entities)) == 1 and not any(reasons)
    )  # a bulk statement's rows
    if uniform:
        prefix = f"{head}{_str(actions[0])},{_str(entities[0])},"
        id_texts = map(int.__repr__, ids) if set(map(type, ids)) == _INT else map(_int, ids)
        body = prefix.replace("%", "%%") + '%s,%s,""]'
        bodies = list(map(body.__mod__, zip(id_texts, map(_str, changes), strict=True)))
    else:
        bodies = [
            f"{head}{_str(a)},{_str(e)},{_int(r)},{_str(c)},{_str(x)}]"
            for a, e, r, c, x in zip(actions, entities, ids, changes, reasons, strict=True)
        ]
    sha256 = hashlib.sha256
    hashes: list[str] = []
    append = hashes.append
    last = first.encode("utf-8")
    for data in map(str.encode, bodies):  # the chain: each hash covers the one before (UTF-8)
        h = sha256(last)
        h.update(data)
        digest = h.hexdigest()
        append(digest)
        last = digest.encode("utf-8")
    prevs = [first, *hashes[:-1]]
    at = now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
    if sqlite and uniform:
        constants = [_sql_literal(v) for v in (at, actor, user_id, actions[0], entities[0], "")]
        if None not in constants:  # what is the same in every row is written once, into the statement
            conn.exec_driver_sql(
                _SQLITE_BULK_INSERT.format(*constants), list(zip(ids, changes, prevs, hashes, strict=True))
            )
            return
    chained = list(
        zip(
            repeat(at),
            repeat(actor),
            repeat(user_id),
            actions,
            entities,
            ids,
            changes,
            reasons,
            prevs,
            hashes,
            strict=False,
        )
    )
    if sqlite:
        conn.exec_driver_sql(_SQLITE_INSERT, chained)
        return
    conn.execute(
        insert(AuditEntry).inline(),
        [  # inline: no RETURNING (appenders may not read the log)
            {
                "at": now,
                "actor": actor,
                "user_id": user_id,
                "action": a,
                "entity": e,
                "record_id": r,
                "changes": ch,
                "reason": re,
                "prev_hash": p,
                "hash": h,
            }
            for _, _, _, a, e, r, ch, re, p, h in chained
        ],
    )


_str = encode_basestring  # json.dumps(text, ensure_ascii=False), without building an encoder


def _int(value: int | None) -> str:
    if value is None:
        return "null"
    if value.__class__ is not int:  # bool, or an int subclass: let json decide
        return json.dumps(value)
    return int.__repr__(value)


def _collect_after_flush(session: Session, context: Any) -> None:  # noqa: ARG001  SQLAlchemy after_flush event signature
    _append(session, _pending_entries(session))


def _bulk_statement(orm_execute_state: Any) -> None:
    """ORM-enabled ``insert()``/``update()``/``delete()`` statements bypass the flush: record
    one entry per parameter set (bulk by primary key), or the statement itself."""
    state = orm_execute_state
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    session = state.session
    mapper = state.bind_mapper
    entity = getattr(getattr(mapper, "local_table", None), "name", "") if mapper is not None else ""
    if not entity or entity == AUDIT_TABLE:
        return
    action = "insert" if state.is_insert else "update" if state.is_update else "delete"
    params = state.parameters
    if isinstance(params, list) and params:
        _append_encoded(session, _row_entries(action, entity, params))
        return
    statement = str(state.statement)
    _append(
        session,
        [
            {
                "action": "bulk_" + action,
                "entity": entity,
                "record_id": None,
                "changes": {"statement": statement, "parameters": jsonable(dict(params or {}))},
            }
        ],
    )


def _row_entries(action: str, entity: str, params: Sequence[Mapping[str, Any]]) -> list[Encoded]:
    """One entry per parameter set of a bulk statement: every value given, as after (insert,
    update) or before (delete); the record id from ``id``. Runs of parameter sets with the
    same keys are encoded together (``_encode_rows``)."""
    out: list[Encoded] = []
    run: list[tuple[Any, ...]] = []
    keys: tuple[str, ...] | None = None
    for item in params:
        item_keys = tuple(item)
        if item_keys != keys:
            if run:
                out.extend(_encode_rows(action, entity, keys or (), run))
            keys, run = item_keys, []
        run.append(tuple(item.values()))
    if run:
        out.extend(_encode_rows(action, entity, keys or (), run))
    return out


def _encode_rows(
    action: str, entity: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[Encoded]:
    """The entries of rows that all have ``columns`` (see ``_encode_columns``)."""
    data = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    ids, changes = _encode_columns(action, columns, data, len(rows))
    return list(zip(repeat(action), repeat(entity), ids, changes, repeat(""), strict=False))


def _encode_columns(
    action: str, columns: Sequence[str], data: Sequence[Sequence[Any]], n: int
) -> tuple[list[int | None], list[str]]:
    """Record ids and changes of ``n`` rows given as columns (``data[i]`` holds
    ``columns[i]``): each row's ``{column: [None, value]}`` (``[value, None]`` for a
    delete) as ``canonical`` JSON, made column by column from a template — the same
    text ``canonical`` gives, at a fraction of the cost; the id from the ``id`` column."""
    names = [str(c) for c in columns]
    kept = sorted((name, i) for i, name in enumerate(names) if name not in SKIPPED_FIELDS)
    pair = "[%s,null]" if action == "delete" else "[null,%s]"
    template = "{" + ",".join(_str(name).replace("%", "%%") + ":" + pair for name, _ in kept) + "}"
    encoded = [_encode_column(name, data[i]) for name, i in kept]
    changes = list(map(template.__mod__, zip(*encoded, strict=True))) if encoded else ["{}"] * n
    if "id" not in names:
        return [None] * n, changes
    ids = data[names.index("id")]
    if set(map(type, ids)) == _INT:
        return list(ids), changes
    return [v if isinstance(v, int) else None for v in ids], changes


def _encode_column(name: str, values: Sequence[Any]) -> list[str]:
    """Each value's JSON text, as ``canonical`` writes it inside the changes."""
    if name in REDACTED_FIELDS:
        return ["null" if v is None else _str(REDACTED) for v in values]
    try:
        return list(map(_str, values))  # the common case: a text column (TypeError at anything else)
    except TypeError:
        pass
    types = set(map(type, values))
    if types == _INT:
        return list(map(int.__repr__, values))
    if types == _INT_OR_NONE:
        return ["null" if v is None else int.__repr__(v) for v in values]
    if types == _STR_OR_NONE:
        return ["null" if v is None else _str(v) for v in values]
    if types <= _FLAGS:  # no int among them, so True/1 cannot be confused
        return list(map(_FLAG_TEXT.__getitem__, values))
    return [canonical(jsonable(v)) for v in values]  # mixed types: the general way


_INT, _FLAGS = frozenset({int}), frozenset({bool, type(None)})
_INT_OR_NONE, _STR_OR_NONE = frozenset({int, type(None)}), frozenset({str, type(None)})
_FLAG_TEXT = {True: "true", False: "false", None: "null"}


def record_insert_columns(
    session: Session, *, entity: str, columns: Mapping[str, Sequence[Any]], n: int
) -> None:
    """Audit ``n`` rows a caller inserted with plain SQL (bulk imports), given as columns
    (name → values, an ``id`` column among them): one entry per row, exactly as the ORM
    bulk hook would write it."""
    ids, changes = _encode_columns("insert", list(columns), list(columns.values()), n)
    _append_columns(session, ["insert"] * n, [entity] * n, ids, changes, [""] * n)


def record_insert_changes(
    session: Session, *, entity: str, ids: Sequence[int], changes: Sequence[str]
) -> None:
    """Audit rows a caller inserted with plain SQL whose entries' ``changes`` the caller
    encoded itself, each exactly as ``record_insert_columns`` would (``canonical`` JSON of
    ``{column: [null, value]}``): one entry per row."""
    n = len(ids)
    _append_columns(session, ["insert"] * n, [entity] * n, list(ids), list(changes), [""] * n)


def record_insert_digests(
    session: Session, *, entity: str, columns: Mapping[str, Sequence[Any]], n: int, keys: Sequence[str]
) -> None:
    """Audit ``n`` rows a bulk import inserted, by key and digest: one entry per row with its
    ``id``, its ``keys`` columns and ``row_sha256``, the SHA-256 of the changes an entry of
    ``record_insert_columns`` would hold (``row_digest``) — not the values again, which the
    record holds (issue 12: a bulk operation's entries must not duplicate its records)."""
    names = list(columns)
    ids, full = _encode_columns("insert", names, list(columns.values()), n)
    sha256 = hashlib.sha256
    digests = [sha256(text.encode("utf-8")).hexdigest() for text in full]
    slim_names = ["id", *keys, "row_sha256"]
    _, changes = _encode_columns(
        "insert", slim_names, [columns["id"], *(columns[k] for k in keys), digests], n
    )
    _append_columns(session, ["insert"] * n, [entity] * n, ids, changes, [""] * n)


def row_digest(values: Mapping[str, Any]) -> str:
    """``row_sha256`` of a record given as column → value (every column, ``id`` included)."""
    _, (text,) = _encode_columns("insert", list(values), [[v] for v in values.values()], 1)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def install_audit(factory: sessionmaker[Session]) -> None:
    """Audit every session ``factory`` makes (idempotent)."""
    # A marker on the factory, not ``event.contains``: SQLAlchemy's event registry is keyed
    # by id(), and a new factory reusing a collected one's id was seen to report "already
    # listening" — leaving a database without its audit.
    if getattr(factory, "_landspace_audited", False):
        return
    factory._landspace_audited = True  # type: ignore[attr-defined]
    event.listen(factory, "after_flush", _collect_after_flush)
    event.listen(factory, "do_orm_execute", _bulk_statement)


# --- explicit entries -----------------------------------------------------------------------


def record_event(
    session: Session,
    *,
    action: str,
    entity: str,
    record_id: int | None,
    reason: str = "",
    changes: Mapping[str, Any] | None = None,
) -> None:
    """An explicit audit entry (administrator override, login, backup …), in this transaction."""
    session.flush()
    _append(
        session,
        [
            {
                "action": action,
                "entity": entity,
                "record_id": record_id,
                "changes": jsonable(dict(changes or {})),
                "reason": reason,
            }
        ],
    )


def record_encoded(
    session: Session, *, action: str, entity: str, record_id: int | None, changes: str, reason: str = ""
) -> None:
    """An explicit entry whose ``changes`` the caller encoded itself, exactly as ``canonical``
    would (a large entry made by a template, not by walking its values)."""
    session.flush()
    _append_encoded(session, [(action, entity, record_id, changes, reason)])


def file_facts(path: Path) -> dict[str, Any]:
    """What identifies a file in the audit: its name, size and SHA-256 (read in 1 MiB blocks)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return {"file": path.name, "size": path.stat().st_size, "sha256": digest.hexdigest()}


def record_file_event(db: Database, *, action: str, path: Path, facts: Mapping[str, Any]) -> None:
    """An audit entry of its own transaction for an export or a backup (``action``), naming the
    file (``file_facts``) and ``facts`` (kind, rows …). Skipped for a database opened
    read-only, which cannot record anything."""
    if db.read_only_reason is not None:
        return
    with db.write() as session:
        record_event(
            session, action=action, entity="database", record_id=None, changes={**file_facts(path), **facts}
        )


def record_override(
    session: Session,
    *,
    entity: str,
    record_id: int | None,
    reason: str,
    document_no: str,
    facts: Mapping[str, Any] | None = None,
) -> None:
    """An administrator's override of a rule for one record, with the approving document and
    what else the override set aside (``facts``, e.g. the failed checks and their rules)."""
    record_event(
        session,
        action="override",
        entity=entity,
        record_id=record_id,
        reason=reason,
        changes={"document_no": [None, document_no], **{k: [None, v] for k, v in (facts or {}).items()}},
    )


# --- verification ---------------------------------------------------------------------------


def verify_chain(session: Session, *, after: tuple[int, str] | None = None) -> list[Problem]:
    """Every break in the hash chain: an entry whose hash does not match its content, or
    whose ``prev_hash`` is not the previous entry's hash (a row removed or inserted).

    ``after`` = (entry id, hash) of a checkpoint verified before (``audit_checkpoint``): only
    the entries after it are walked, chained to the checkpoint's hash, so the work grows with
    what is new. If the checkpoint entry no longer holds that hash (a restored or rewritten
    file), the whole chain is walked instead."""
    problems: list[Problem] = []
    prev = ""
    stmt = select(
        AuditEntry.id,
        AuditEntry.at,
        AuditEntry.actor,
        AuditEntry.user_id,
        AuditEntry.action,
        AuditEntry.entity,
        AuditEntry.record_id,
        AuditEntry.changes,
        AuditEntry.reason,
        AuditEntry.prev_hash,
        AuditEntry.hash,
    ).order_by(AuditEntry.id)
    if after is not None:
        if session.scalar(select(AuditEntry.hash).where(AuditEntry.id == after[0])) != after[1]:
            return verify_chain(session)
        prev = after[1]
        stmt = stmt.where(AuditEntry.id > after[0])
    for row in session.execute(stmt).yield_per(2000):
        if row.prev_hash != prev:
            problems.append(Problem("audit.chain_broken", {"entry_id": row.id, "reason": "link"}))
        digest = entry_hash(
            row.prev_hash,
            at=row.at,
            actor=row.actor,
            user_id=row.user_id,
            action=row.action,
            entity=row.entity,
            record_id=row.record_id,
            changes=row.changes,
            reason=row.reason,
        )
        if digest != row.hash:
            problems.append(Problem("audit.chain_broken", {"entry_id": row.id, "reason": "content"}))
        prev = row.hash
    return problems
