"""Header text → column key and unit: what departments write above their columns.

``面积（亩）``, ``面积(㎡)``, ``用地面积m2``, ``面积/公顷``, ``*企业名称``, ``企 业 名 称`` all
normalise to a label and an optional unit. Labels are compared after NFKC (full-width
→ half-width, ㎡ → m2), without spaces, markers (``*``, ``※``) or a trailing colon,
lower-cased.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from models.exchange.spec import Column, Kind
from models.units import AreaUnit, MoneyUnit

Unit = AreaUnit | MoneyUnit

UNIT_WORDS: dict[str, Unit] = {
    "m2": AreaUnit.M2, "平方米": AreaUnit.M2, "平米": AreaUnit.M2, "平方": AreaUnit.M2,
    "亩": AreaUnit.MU, "公顷": AreaUnit.HA, "ha": AreaUnit.HA, "hm2": AreaUnit.HA,
    "万元": MoneyUnit.WAN, "元": MoneyUnit.YUAN,
}
# longest first, so 万元 wins over 元 and 平方米 over 米
_SUFFIXES = sorted(UNIT_WORDS, key=len, reverse=True)
_BRACKETED = re.compile(r"[(\[{<]([^()\[\]{}<>]*)[)\]}>]")
_MARKERS = str.maketrans("", "", "*※★●·:")


def _nfkc(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return text.replace("【", "[").replace("】", "]").replace("〔", "[").replace("〕", "]")


def unit_of(text: str) -> Unit | None:
    """The unit a cell names on its own: ``（亩）``, ``㎡``, ``万元``, ``单位：万元``."""
    t = "".join(_nfkc(text).split()).lower().translate(_MARKERS)
    t = t.strip("()[]{}<>")
    t = t.removeprefix("单位")
    return UNIT_WORDS.get(t)


@dataclass(frozen=True)
class HeaderLabel:
    label: str  # normalised, without unit
    unit: Unit | None
    suffix_label: str | None = None  # label with a trailing unit word removed, if any
    suffix_unit: Unit | None = None


def normalize_header(text: str) -> HeaderLabel:
    t = "".join(_nfkc(text).split()).lower()
    unit: Unit | None = None
    for m in _BRACKETED.finditer(t):
        found = unit_of(m.group(1))
        if found is not None:
            unit = found
    t = _BRACKETED.sub("", t).translate(_MARKERS)
    for sep in ("/", "|"):
        if sep in t:
            head, _, tail = t.rpartition(sep)
            found = unit_of(tail)
            if found is not None:
                unit, t = found, head
    suffix_label = suffix_unit = None
    for word in _SUFFIXES:
        if t.endswith(word) and len(t) > len(word):
            suffix_label, suffix_unit = t[: -len(word)], UNIT_WORDS[word]
            break
    return HeaderLabel(t, unit, suffix_label, suffix_unit)


def label(text: str) -> str:
    return normalize_header(text).label


class HeaderIndex:
    """Matches header cells to a kind's columns."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self._by_label: dict[str, Column] = {}
        for column in kind.columns:
            for text in (column.header, *column.synonyms, column.key):
                self._by_label.setdefault(label(text), column)

    def match(self, text: object) -> tuple[Column, Unit | None] | None:
        if not isinstance(text, str) or not text.strip():
            return None
        h = normalize_header(text)
        column = self._by_label.get(h.label)
        if column is not None:
            return column, h.unit
        if h.suffix_label is not None:
            column = self._by_label.get(h.suffix_label)
            if column is not None and column.quantity is not None:
                return column, h.suffix_unit
        return None

    def score(self, row: list[object]) -> int:
        """How many distinct columns of the kind a row's cells name."""
        keys = set()
        for cell in row:
            found = self.match(cell)
            if found is not None:
                keys.add(found[0].key)
        return len(keys)
