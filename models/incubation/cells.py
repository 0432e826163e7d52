"""Cell parsers for the incubation workbooks: the exchange engine's parsers
(``models.exchange.parsers``) plus the two this area needs besides — non-negative counts
and lists of space codes. Months (2025年1月, 2025-02, Excel dates) are ``parse_month``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from models.exchange import parsers
from models.exchange.parsers import (
    choice_parser,
    count_parser,
    parse_area,
    parse_date,
    parse_decimal,
    parse_floor,
    parse_int,
    parse_money,
    parse_text,
    parse_uscc,
)
from models.exchange.spec import CellContext, CellError

__all__ = [
    "choice_parser",
    "parse_area",
    "parse_count",
    "parse_date",
    "parse_decimal",
    "parse_firms",
    "parse_floor",
    "parse_money",
    "parse_month",
    "parse_people",
    "parse_text",
    "parse_uscc",
    "split_codes",
]


def parse_count(value: Any, ctx: CellContext) -> int:
    """A count of firms or people: a whole number, not negative."""
    number = parse_int(value, ctx)
    if number < 0:
        raise CellError("exchange.negative", value=number)
    return number


parse_firms = count_parser("家", "个", "户")  # 52家
parse_people = count_parser("人", "名")  # 640人


def split_codes(text: str) -> list[str]:
    """Space codes (or user names) written as "101、102", "101,102" or "101 102"."""
    return [p for p in re.split(r"[、,，;；\s]+", text) if p]


def parse_month(value: Any, ctx: CellContext) -> dt.date:
    """A month (its first day): 2025年1月, 2025-02, 2025/2, an Excel date or serial — and a
    number cell holding yyyymm (202506), which would otherwise read as the serial of a day
    in the year 2454."""
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and 190001 <= value <= 299912
        and float(value).is_integer()
    ):
        year, month = divmod(int(value), 100)
        if 1 <= month <= 12:
            return dt.date(year, month, 1)
    return parsers.parse_month(value, ctx)
