"""Cell parsers for the land kinds (the shapes the exchange engine's parsers take:
``(value, CellContext) -> value``, raising ``CellError``). Full-width digits,
thousands separators and numbers stored as text are accepted."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from models.exchange.spec import CellContext, CellError
from models.units import to_m2


def text(value: Any, _ctx: CellContext | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def decimal(value: Any, _ctx: CellContext | None = None) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise CellError("land.cell_not_a_number", value=value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    t = text(value).replace(",", "").replace(" ", "")
    try:
        return Decimal(t)
    except (InvalidOperation, ValueError):
        raise CellError("land.cell_not_a_number", value=value) from None


def integer(value: Any, ctx: CellContext | None = None) -> int:
    d = decimal(value, ctx)
    if d != d.to_integral_value():
        raise CellError("land.cell_not_an_integer", value=value)
    return int(d)


def area(value: Any, ctx: CellContext | None = None) -> Decimal:
    d = decimal(value, ctx)
    if d < 0:
        raise CellError("land.cell_negative", value=value)
    return to_m2(d, (ctx or CellContext()).area_unit)


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def date(value: Any, _ctx: CellContext | None = None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(text(value))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise CellError("land.cell_not_a_date", value=value)


def truthy(value: Any) -> bool:
    return text(value).lower() in ("1", "yes", "y", "true", "是", "on")
