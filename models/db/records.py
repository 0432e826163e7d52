"""Load one record by id, the one way every service does it.

A service that edits or deletes a record first loads it: ``record.not_found`` when the id is
unknown (someone deleted it meanwhile), and, when the caller passes the version the user saw,
``record.changed_by_other`` when someone else saved it first. The error names the record by its
table and, for the conflict, by what the clerk recognises (code, name, USCC) where one is given.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from models.errors import ConflictError, NotFoundError

R = TypeVar("R")


def get_record(session: Session, model: type[R], record_id: int) -> R:
    """The ``model`` row with ``record_id``; ``record.not_found`` (entity = its table) if there is none."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError("record.not_found", entity=_table(model), key=record_id)
    return record


def get_versioned(
    session: Session,
    model: type[R],
    record_id: int,
    version: int | None = None,
    *,
    key: Callable[[R], object] | None = None,
) -> R:
    """``get_record``, then, when ``version`` is given, ``record.changed_by_other`` unless the row
    still has that version. ``key`` names the record in the conflict (default: its id)."""
    record = get_record(session, model, record_id)
    if version is not None and _version(record) != version:
        raise ConflictError(
            "record.changed_by_other", entity=_table(model), key=key(record) if key is not None else record_id
        )
    return record


def check_version(record: Any, version: int | None, *, entity: str, key: object) -> None:
    """The version half alone, for a record found another way (by a natural key)."""
    if version is not None and _version(record) != version:
        raise ConflictError("record.changed_by_other", entity=entity, key=key)


def _table(model: type[Any]) -> str:
    return str(model.__tablename__)


def _version(record: Any) -> int:
    return int(record.version)


def apply_changes(
    record: Any, values: Mapping[str, Any], *, same: Callable[[str, Any, Any], bool] | None = None
) -> dict[str, Any]:
    """Set on ``record`` each of ``values`` that differs from what it holds and return those
    (empty: nothing changed, so the service reports no update). ``same(name, held, value)``,
    when given, also counts as unchanged what it calls the same (a number read as text). The
    caller flushes."""
    changed: dict[str, Any] = {}
    for name, value in values.items():
        held = getattr(record, name)
        if held != value and not (same is not None and same(name, held, value)):
            changed[name] = value
    for name, value in changed.items():
        setattr(record, name, value)
    return changed


def require_editable(values: Iterable[str], editable: Collection[str]) -> None:
    """``TypeError`` naming the fields a service was given that it does not edit (a
    programming error, never a clerk's: the window only sends the fields it shows)."""
    unknown = set(values) - set(editable)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
