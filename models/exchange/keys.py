"""Keys for matching codes and names written by other offices: text is stored as written,
but ``（临安）`` and ``(临安)``, ``ＱＳＨ-01`` and ``qsh-01``, ``青山湖 科技城`` and
``青山湖科技城`` name the same thing. ``match_key``: NFKC (width, compatibility characters),
no spaces, case-folded. Lookups try the exact text first (an index hit), then the key.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session


def match_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def ids_by_key(
    session: Session, id_col: Any, text_cols: tuple[Any, ...], text: str, *where: Any
) -> list[int]:
    """The ids whose ``text_cols`` hold ``text`` exactly, or else whose key equals its key."""
    exact = list(
        dict.fromkeys(session.scalars(select(id_col).where(or_(*(c == text for c in text_cols)), *where)))
    )
    if exact:
        return exact
    key = match_key(text)
    found: list[int] = []
    for row in session.execute(select(id_col, *text_cols).where(*where)):
        if any(isinstance(t, str) and match_key(t) == key for t in row[1:]) and row[0] not in found:
            found.append(row[0])
    return found


class KeyIndex:
    """Ids by key of one or more text columns (a code, a name, a short name), read once: a
    whole file's lookups without a query each. Where two records share a key, the first column
    read wins (within one record, its code before its name). ``add`` what the import creates."""

    def __init__(self, session: Session, id_col: Any, *text_cols: Any) -> None:
        self._ids: dict[str, int] = {}
        for id_, *texts in session.execute(select(id_col, *text_cols)):
            for text in texts:
                if isinstance(text, str) and text:
                    self._ids.setdefault(match_key(text), int(id_))

    def get(self, text: str) -> int | None:
        return self._ids.get(match_key(text))

    def add(self, text: str, id_: int) -> None:
        self._ids.setdefault(match_key(text), id_)
