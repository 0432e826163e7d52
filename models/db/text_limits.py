"""Text that cannot be stored or exchanged is refused with a message, at one place: the flush.

SQLite accepts anything; PostgreSQL refuses NUL with a raw driver error; a lone surrogate
(``\\ud800``, from a broken paste) cannot even be encoded; and text longer than a cell holds
(Excel's 32,767 characters) would be written by the export and refused by the import of
that same export. So every string written through the ORM is checked before the flush:

- no NUL character and no lone surrogate (``text.invalid_character``);
- no longer than its column's declared length (``String(n)``), notes and reasons
  (``Text`` columns) at most ``NOTE_LIMIT`` characters, anything else at most
  ``CELL_LIMIT`` (``text.too_long``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, Text, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from models.errors import DomainError

CELL_LIMIT = 32_767  # Excel's limit for one cell: whatever we store, an export must carry
NOTE_LIMIT = 2_000  # free-text notes and reasons
# Columns of type Text that hold more than a note by design (machine-written JSON, geometry …).
LONG_TEXT_COLUMNS = frozenset({"changes", "breakdown", "checks"})


def _limit(column: Any) -> int | None:
    kind = column.type
    if isinstance(kind, Text):  # (a String subclass: checked first)
        return CELL_LIMIT if column.name in LONG_TEXT_COLUMNS else NOTE_LIMIT
    if isinstance(kind, String):
        return kind.length or CELL_LIMIT
    return None


def _bad_character(text: str) -> str | None:
    if "\x00" in text:
        return "NUL"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "surrogate"
    return None


def check_object(obj: Any) -> None:
    """Raise ``DomainError`` for the first string attribute of ``obj`` that cannot be stored."""
    state = inspect(obj)
    table = state.mapper.local_table.name
    for attr in state.mapper.column_attrs:
        column = attr.columns[0]
        limit = _limit(column)
        if limit is None:
            continue
        value = state.dict.get(attr.key)
        if not isinstance(value, str):
            continue
        bad = _bad_character(value)
        if bad is not None:
            raise DomainError("text.invalid_character", table=table, field=column.name, character=bad)
        if len(value) > limit:
            raise DomainError("text.too_long", table=table, field=column.name, length=len(value), limit=limit)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        check_object(obj)


def install_text_limits(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)
