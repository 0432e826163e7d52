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
from models.exchange.units import SUFFIXES as _SUFFIXES
from models.exchange.units import UNIT_WORDS, Unit, quantity_of

__all__ = ["UNIT_WORDS", "HeaderIndex", "HeaderLabel", "Unit", "normalize_header", "unit_of"]

# Bracketed words in a header that qualify the column rather than name a unit.
QUALIFIERS = frozenset(
    {
        "必填",
        "选填",
        "可选",
        "非必填",
        "必须",
        "必填项",
        "选填项",
        "合计",
        "总计",
        "小计",
        "累计",
        "实缴",
        "含税",
        "不含税",
        "本年",
        "当年",
        "全年",
        "数值",
        "数字",
        "可空",
        "如有",
    }
)
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
    unit_text: str | None = None  # the unit as written (``亿元``), or bracketed text that names no known unit


def normalize_header(text: str) -> HeaderLabel:
    t = "".join(_nfkc(text).split()).lower()
    unit: Unit | None = None
    unit_text: str | None = None
    unknown: str | None = None
    for m in _BRACKETED.finditer(t):
        inner = m.group(1)
        found = unit_of(inner)
        if found is not None:
            unit, unit_text = found, inner.removeprefix("单位").lstrip(":")
        elif _looks_like_unit(inner) and unknown is None:
            unknown = inner
    t = _BRACKETED.sub("", t).translate(_MARKERS)
    for sep in ("/", "|"):
        if sep in t:
            head, _, tail = t.rpartition(sep)
            found = unit_of(tail)
            if found is not None:
                unit, unit_text, t = found, tail, head
    suffix_label = suffix_unit = None
    for word in _SUFFIXES:
        if t.endswith(word) and len(t) > len(word):
            suffix_label, suffix_unit = t[: -len(word)], UNIT_WORDS[word]
            break
    return HeaderLabel(t, unit, suffix_label, suffix_unit, unit_text if unit is not None else unknown)


def _looks_like_unit(inner: str) -> bool:
    """Bracketed header text that may be a unit: not empty, not a qualifier (必填), not a year."""
    text = inner.removeprefix("单位").strip(":")
    return bool(text) and text not in QUALIFIERS and not any(ch.isdigit() for ch in text) and len(text) <= 10


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
        if h.suffix_label is not None and h.suffix_unit is not None:
            column = self._by_label.get(h.suffix_label)
            if column is not None and column.quantity == quantity_of(h.suffix_unit):
                return column, h.suffix_unit
        return None

    def unit_fault(self, text: str, column: Column) -> tuple[str, str] | None:
        """What is wrong with the unit a header names for ``column``: (code, unit as written),
        ``exchange.unknown_unit`` for a unit the importer cannot convert exactly,
        ``exchange.unit_mismatch`` for a unit of another quantity (亩 over a money column)."""
        h = normalize_header(text)
        if h.unit is None:
            if column.quantity is not None and h.unit_text is not None:
                return "exchange.unknown_unit", h.unit_text
            return None
        if column.quantity is None:
            return None  # a unit over a column that is not a quantity: as before, not read
        if quantity_of(h.unit) != column.quantity:
            return "exchange.unit_mismatch", h.unit_text or ""
        return None

    def score(self, row: list[object]) -> int:
        """How many distinct columns of the kind a row's cells name."""
        keys = set()
        for cell in row:
            found = self.match(cell)
            if found is not None:
                keys.add(found[0].key)
        return len(keys)
