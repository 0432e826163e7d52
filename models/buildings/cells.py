"""Cell parsers used by the building kinds until ``models.exchange.parsers`` (branch
h2-exchange) is on main; same signatures and error codes, so the swap is an import.

A parser gets the cell as read (text, number, bool, date) — never a blank — and raises
``CellError`` with an ``exchange.*`` code.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from models.exchange.spec import CellContext, CellError
from models.units import AreaUnit, MoneyUnit, to_m2, to_wan

_DATE = (
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"),
    re.compile(r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})(?:[ T].*)?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)
_EPOCH = dt.date(1899, 12, 30)


def normalize_label(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def parse_text(value: Any, ctx: CellContext) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_code(value: Any, ctx: CellContext) -> str:
    return "".join(parse_text(value, ctx).split()).upper()


def parse_decimal(value: Any, ctx: CellContext) -> Decimal:
    if isinstance(value, bool):
        raise CellError("exchange.not_a_number", value=str(value))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace(" ", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CellError("exchange.not_a_number", value=str(value).strip()) from None


def parse_int(value: Any, ctx: CellContext) -> int:
    d = parse_decimal(value, ctx)
    if d != d.to_integral_value():
        raise CellError("exchange.not_an_integer", value=str(value).strip())
    return int(d)


def parse_area(value: Any, ctx: CellContext) -> Decimal:
    d = parse_decimal(value, ctx)
    return d if ctx.area_unit is AreaUnit.M2 else to_m2(d, ctx.area_unit)


def parse_money(value: Any, ctx: CellContext) -> Decimal:
    d = parse_decimal(value, ctx)
    return d if ctx.money_unit is MoneyUnit.WAN else to_wan(d, ctx.money_unit)


def parse_date(value: Any, ctx: CellContext) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 2_958_465:
        return _EPOCH + dt.timedelta(days=int(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern in _DATE:
        m = pattern.fullmatch(text)
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                break
    raise CellError("exchange.not_a_date", value=text)


_TRUE = frozenset({"是", "y", "yes", "true", "√", "✓", "1", "有", "已缴", "已缴清", "同意"})
_FALSE = frozenset({"否", "n", "no", "false", "×", "✗", "x", "0", "无", "未缴", "未缴清", "不同意"})


def parse_bool(value: Any, ctx: CellContext) -> bool:
    if isinstance(value, bool):
        return value
    text = normalize_label(parse_text(value, ctx))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("exchange.not_a_bool", value=str(value).strip())


def choice_parser(mapping: Mapping[str, str]) -> Any:
    """Labels (Chinese words, codes) → codes, matched after normalising width, spaces, case."""
    table = {normalize_label(k): v for k, v in mapping.items()}

    def parse(value: Any, ctx: CellContext) -> str:
        text = parse_text(value, ctx)
        try:
            return table[normalize_label(text)]
        except KeyError:
            raise CellError("exchange.not_a_choice", value=text, choices="、".join(dict.fromkeys(mapping))) from None

    return parse
