"""Cell parsers for the incubation workbooks (``Column.parse``): text, counts, areas, money,
dates and — the one peculiar to monthly usage sheets — months written as 2025年1月, 2025-02,
2025.3, 202504, an Excel date or an Excel serial number.

Each raises ``CellError(code, **fields)``; blank cells never reach a parser.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from models.exchange.spec import CellContext, CellError
from models.units import AreaUnit, MoneyUnit, to_m2, to_wan

EXCEL_EPOCH = dt.date(1899, 12, 30)
_MONTH_PATTERNS = (
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?(?:份)?$"),
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})?$"),
)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def _norm(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_text(value: Any, _ctx: CellContext | None = None) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _norm(value)


def parse_decimal(value: Any, _ctx: CellContext | None = None) -> Decimal:
    if isinstance(value, bool):
        raise CellError("incubation.bad_number", value=value)
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = _norm(value).replace(",", "").replace(" ", "")
    text = re.sub(r"(平方米|㎡|m2|万元|元|家|人|个)$", "", text)
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise CellError("incubation.bad_number", value=value) from None
    if not result.is_finite():
        raise CellError("incubation.bad_number", value=value)
    return result


def parse_count(value: Any, ctx: CellContext | None = None) -> int:
    number = parse_decimal(value, ctx)
    if number != number.to_integral_value() or number < 0:
        raise CellError("incubation.bad_count", value=value)
    return int(number)


def parse_area(value: Any, ctx: CellContext | None = None) -> Decimal:
    """An area in the header's unit (㎡ by default), as ㎡."""
    unit = ctx.area_unit if ctx is not None else AreaUnit.M2
    return to_m2(parse_decimal(value, ctx), unit)


def parse_money(value: Any, ctx: CellContext | None = None) -> Decimal:
    unit = ctx.money_unit if ctx is not None else MoneyUnit.WAN
    return to_wan(parse_decimal(value, ctx), unit)


def _excel_serial(number: Decimal) -> dt.date:
    if not 1 <= number < 2958466:
        raise ValueError(number)
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def parse_date(value: Any, _ctx: CellContext | None = None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return _excel_serial(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
        text = _norm(value)
        for pattern in _DATE_PATTERNS:
            m = pattern.match(text)
            if m:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if re.fullmatch(r"\d{5}(\.\d+)?", text):
            return _excel_serial(Decimal(text))
    except ValueError:
        pass
    raise CellError("incubation.bad_date", value=value)


def parse_month(value: Any, _ctx: CellContext | None = None) -> dt.date:
    """The first day of the month the cell names."""
    if isinstance(value, dt.date | dt.datetime):
        return dt.date(value.year, value.month, 1)
    try:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            if 190001 <= number <= 299912 and number == number.to_integral_value():
                year, month = divmod(int(number), 100)
                return dt.date(year, month, 1)
            return _excel_serial(number).replace(day=1)
        text = _norm(value)
        for pattern in _MONTH_PATTERNS:
            m = pattern.match(text)
            if m:
                if m[3] is not None:
                    dt.date(int(m[1]), int(m[2]), int(m[3]))  # a date: validate the day too
                return dt.date(int(m[1]), int(m[2]), 1)
        if re.fullmatch(r"\d{5}(\.\d+)?", text):
            return _excel_serial(Decimal(text)).replace(day=1)
    except ValueError:
        pass
    raise CellError("incubation.bad_month", value=value)


def choice(labels: dict[str, str]) -> Any:
    """A parser turning a workbook label (or the stored code itself) into the stored code."""
    reverse = {code: code for code in labels.values()}

    def parse(value: Any, _ctx: CellContext | None = None) -> str:
        text = _norm(value)
        if text in labels:
            return labels[text]
        if text in reverse:
            return reverse[text]
        raise CellError("incubation.bad_choice", value=value, known="、".join(labels))

    return parse


def split_codes(text: str) -> list[str]:
    """Space codes written as "101、102", "101,102" or "101 102"."""
    return [p for p in re.split(r"[、,，;；\s]+", text) if p]
