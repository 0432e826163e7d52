"""Cell parsers: ``(value, CellContext) -> value``, raising ``CellError(code, **fields)``.

A parser receives what the reader found in the cell: ``str`` (text, or numbers stored
as text), ``int``/``float`` (numeric cells), ``bool``, ``datetime.date``/``datetime``
(date-formatted cells) — never a blank (the reader drops blanks). Numbers never pass
through float arithmetic: a float from the file is turned into a ``Decimal`` through
its shortest repr and rounded to Excel's 15 significant digits, so ``0.1`` stays
``0.1`` and binary noise (``0.30000000000000004``) is removed.

Codes raised (all ``exchange.*`` unless the area's own, e.g. ``uscc.*``):
``not_a_number``, ``not_an_integer``, ``not_a_date``, ``not_a_month``, ``not_a_year``,
``not_a_bool``, ``not_a_choice``, ``text_too_long``, ``negative``; warnings go to
``ctx.warn`` (``control_chars_removed``, ``uscc_checksum_warning``).
"""

from __future__ import annotations

import array
import datetime as dt
import math
import operator
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from models.exchange.spec import CellContext, CellError
from models.exchange.units import Unit, lookup, quantity_of
from models.units import AreaUnit, MoneyUnit, to_m2, to_wan
from models.uscc import ALPHABET as _USCC_ALPHABET
from models.uscc import WEIGHTS as _USCC_WEIGHTS

MAX_TEXT = 32_767  # Excel's cell limit
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits
EXACT_FLOAT_INTEGERS = 1e15  # below this a float without a fraction is an exact integer
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# C0 controls except tab and newline, DEL and C1 controls: openpyxl cannot write them
# (IllegalCharacterError) and they are never meant in a register.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ---------------------------------------------------------------- text
def clean_text(value: str) -> tuple[str, bool]:
    """The text as written (no NFKC: ``（）：，；㎡①`` stay), ``\\r\\n``/``\\r`` → ``\\n``,
    control characters removed, stripped. Returns the text and whether control characters
    were removed. Keys used to match codes and names are normalised separately
    (``models.exchange.keys``)."""
    text = value
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed = False
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
        removed = True
    return text.strip(), removed


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        d = float_to_decimal(value)
        return format(d, "f")
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse_text(value: Any, ctx: CellContext) -> str:
    """Text as written (full-width punctuation, ㎡, ① are kept), line ends as ``\\n``,
    control characters removed with a warning, surrounding spaces stripped; a number
    cell becomes its digits (``123.0`` → ``"123"``). Longer than 32,767 → error."""
    raw = value if value.__class__ is str else _as_text(value)
    if len(raw) > MAX_TEXT:
        raise CellError("exchange.text_too_long", length=len(raw), limit=MAX_TEXT)
    if raw.isprintable():
        return raw.strip()  # the common case: nothing to remove
    text, removed = clean_text(raw)
    if removed:
        ctx.warn("exchange.control_chars_removed")
    return text


# ---------------------------------------------------------------- numbers
def float_to_decimal(value: float) -> Decimal:
    """A float read from a workbook as the decimal the person typed (≤ 15 significant digits)."""
    if not math.isfinite(value):
        raise CellError("exchange.not_a_number", value=str(value))
    if value.is_integer() and abs(value) < EXACT_FLOAT_INTEGERS:
        return Decimal(int(value))
    d = Decimal(repr(value))
    if len(d.as_tuple().digits) > EXCEL_DIGITS:
        d = d.quantize(Decimal(1).scaleb(d.adjusted() - EXCEL_DIGITS + 1))
    return _strip_zeros(d)


def _strip_zeros(d: Decimal) -> Decimal:
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text or "0")


_NUM_JUNK = re.compile(r"[\s,_']")  # spaces, thousands separators, Excel's text apostrophe
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _number_text(value: str) -> tuple[str, bool]:
    """The cleaned text of a number written as text, and whether it ended in ``%``."""
    text = unicodedata.normalize("NFKC", value)
    text = text.replace("，", ",").replace("。", ".").replace("−", "-").replace("－", "-")
    text = _NUM_JUNK.sub("", text)
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    return text, percent


def parse_decimal(value: Any, ctx: CellContext) -> Decimal:
    """An exact decimal from a number cell or number text (``1,234.5``, ``１２３．４``, `` 12 ``).
    Never via float arithmetic. ``12%`` → 0.12 only in a ratio column (``ctx.quantity``);
    elsewhere a percent sign is an error (``exchange.percent_not_ratio``)."""
    if isinstance(value, bool):
        raise CellError("exchange.not_a_number", value=str(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return float_to_decimal(value)
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str):
        raise CellError("exchange.not_a_number", value=_as_text(value))
    text, percent = _number_text(value)
    if not _NUMBER.fullmatch(text):
        raise CellError("exchange.not_a_number", value=value.strip())
    try:
        d = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        raise CellError("exchange.not_a_number", value=value.strip()) from None
    if percent:
        if ctx.quantity != "ratio":
            raise CellError("exchange.percent_not_ratio", value=value.strip())
        return d / 100
    return d


_NUMBER_UNIT = re.compile(r"(?P<n>[+-]?(?:\d+(?:\.\d*)?|\.\d+))(?P<u>\D.*)")


def quantity_cell(value: Any, ctx: CellContext, quantity: str) -> tuple[Decimal, Unit | None]:
    """The number of a quantity cell and the unit written in the cell, if any (``860.50㎡``,
    ``0.03805亿元``, ``12%``); a unit of another quantity, or one not known, is an error
    (``exchange.foreign_unit``) naming it."""
    if value.__class__ is not str:
        return parse_decimal(value, ctx), None
    text, percent = _number_text(value)
    if not percent and _NUMBER.fullmatch(text):
        return Decimal(text), None
    m = _NUMBER_UNIT.fullmatch(text + "%" if percent else text)
    if m is None:
        raise CellError("exchange.not_a_number", value=value.strip())
    unit = lookup(m["u"])
    if unit is None or quantity_of(unit) != quantity:
        raise CellError("exchange.foreign_unit", value=value.strip(), unit=m["u"])
    return Decimal(m["n"]), unit


def parse_int(value: Any, ctx: CellContext) -> int:
    d = parse_decimal(value, ctx)
    if d != d.to_integral_value():
        raise CellError("exchange.not_an_integer", value=_as_text(value).strip())
    return int(d)


def parse_area(value: Any, ctx: CellContext) -> Decimal:
    """An area in the cell's own unit (``860.5平方米``, ``2公顷``) or else the header's
    (``ctx.area_unit``) as ㎡, exactly (models.units.to_m2)."""
    d, unit = quantity_cell(value, ctx, "area")
    unit = unit if isinstance(unit, AreaUnit) else ctx.area_unit
    return to_m2(d, unit) if unit is not AreaUnit.M2 else d


def parse_money(value: Any, ctx: CellContext) -> Decimal:
    """Money in the cell's own unit or the header's (元/千元/万元/百万元/亿元) as 万元, exactly."""
    d, unit = quantity_cell(value, ctx, "money")
    unit = unit if isinstance(unit, MoneyUnit) else ctx.money_unit
    return to_wan(d, unit) if unit is not MoneyUnit.WAN else d


def parse_measure(value: Any, ctx: CellContext) -> Decimal:
    """Electricity, energy, mass or a ratio (``ctx.quantity``) in the cell's own unit or the
    header's (``ctx.measure``: 万千瓦时, 万吨标准煤, 万吨, %), as the column's stored unit,
    exactly (every factor is a power of ten)."""
    quantity = ctx.quantity or "ratio"
    d, unit = quantity_cell(value, ctx, quantity)
    measure = unit if unit is not None else ctx.measure
    if measure is None or not hasattr(measure, "factor") or measure.factor == 1:
        return d
    return _strip_zeros(d * measure.factor)


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_FLOOR = re.compile(r"(?P<neg>地下|负|-|b)?(?P<n>\d+|[零〇一二两三四五六七八九十]+)(?P<u>层|楼|f|l)?")


def _cn_number(text: str) -> int | None:
    """一 … 九十九 as an int."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def parse_floor(value: Any, ctx: CellContext) -> int:
    """A floor as offices write it: 5, 5层, 5F, 五层, 5楼; below ground 地下1层, B1, -1 → -1."""
    if value.__class__ is not str:
        return parse_int(value, ctx)
    text = "".join(unicodedata.normalize("NFKC", value).split()).lower()
    m = _FLOOR.fullmatch(text)
    number = _cn_number(m["n"]) if m else None
    if m is None or number is None:
        raise CellError("exchange.not_a_floor", value=value.strip())
    if m["neg"]:
        if number == 0:
            raise CellError("exchange.not_a_floor", value=value.strip())
        return -number
    return number


def count_parser(*words: str) -> Callable[[Any, CellContext], int]:
    """A whole non-negative count, alone or followed by one of the column's own count words
    (``52家``, ``180人``); another word after the number is ``exchange.foreign_unit``."""
    pattern = re.compile(r"(?P<n>\d+)(?P<u>\D.*)")

    def parse(value: Any, ctx: CellContext) -> int:
        if value.__class__ is str:
            text = "".join(unicodedata.normalize("NFKC", value).split())
            m = pattern.fullmatch(text.replace(",", ""))
            if m is not None:
                if m["u"] not in words:
                    raise CellError("exchange.foreign_unit", value=value.strip(), unit=m["u"])
                value = m["n"]
        number = parse_int(value, ctx)
        if number < 0:
            raise CellError("exchange.negative", value=number)
        return number

    parse.__doc__ = f"A count, optionally written with {'/'.join(words)}."
    return parse


# ---------------------------------------------------------------- dates
_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"),
    re.compile(r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})(?:[ T].*)?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)
_MONTH_PATTERNS = (
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月?(?:份)?"),
    re.compile(r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})"),
)


def _serial_to_date(serial: Decimal) -> dt.date:
    days = int(serial)
    if not 1 <= days <= 2_958_465:  # 1900-01-01 .. 9999-12-31
        raise ValueError(days)
    return _EXCEL_EPOCH + dt.timedelta(days=days)


def parse_date(value: Any, ctx: CellContext) -> dt.date:
    """A date from a date cell, an Excel serial (45366) or text: 2024年3月15日, 2024.6.30,
    2024/02/20, 2024-07-27, 20240727."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return _serial_to_date(parse_decimal(value, ctx))
        except (ValueError, OverflowError):
            raise CellError("exchange.not_a_date", value=_as_text(value)) from None
    text = unicodedata.normalize("NFKC", _as_text(value)).strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                break
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # a serial stored as text
        try:
            return _serial_to_date(Decimal(text))
        except ValueError:
            pass
    raise CellError("exchange.not_a_date", value=text)


def parse_month(value: Any, ctx: CellContext) -> dt.date:
    """A month (the first day): 2025年1月, 2025-02, 2025/2, 202502, or any date."""
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value == int(value)
        and 190001 <= int(value) <= 299912
        and 1 <= int(value) % 100 <= 12
    ):
        return dt.date(int(value) // 100, int(value) % 100, 1)  # 202506 typed as a number: yyyymm
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        try:
            return parse_date(value, ctx).replace(day=1)
        except CellError:
            raise CellError("exchange.not_a_month", value=_as_text(value)) from None
    text = unicodedata.normalize("NFKC", _as_text(value)).strip()
    for pattern in _MONTH_PATTERNS:
        m = pattern.fullmatch(text)
        if m and 1 <= int(m["m"]) <= 12:
            return dt.date(int(m["y"]), int(m["m"]), 1)
    try:
        return parse_date(text, ctx).replace(day=1)
    except CellError:
        raise CellError("exchange.not_a_month", value=text) from None


def parse_year(value: Any, ctx: CellContext) -> int:
    """A year: 2024, 2024年, 2024.0, or a date cell's year."""
    if isinstance(value, dt.date):
        return value.year
    text = unicodedata.normalize("NFKC", _as_text(value)).strip().removesuffix("年度").removesuffix("年")
    try:
        year = parse_int(text.strip(), ctx)
    except CellError:
        raise CellError("exchange.not_a_year", value=_as_text(value).strip()) from None
    if not 1900 <= year <= 2200:
        raise CellError("exchange.not_a_year", value=_as_text(value).strip())
    return year


# ---------------------------------------------------------------- choices
TRUE_WORDS = frozenset({"是", "y", "yes", "true", "√", "✓", "✔", "1", "对", "有"})
FALSE_WORDS = frozenset({"否", "n", "no", "false", "×", "✗", "✘", "x", "0", "不是", "无"})


def parse_bool(value: Any, ctx: CellContext) -> bool:  # noqa: ARG001  Parser protocol (value, ctx)
    """是/否, Y/N, yes/no, true/false, √/×, 1/0, and Excel's TRUE/FALSE cells."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = unicodedata.normalize("NFKC", _as_text(value)).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError("exchange.not_a_bool", value=_as_text(value).strip())


def normalize_label(text: str) -> str:
    """Labels compared for matching: NFKC, no spaces, lower-case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def choice_parser(mapping: Mapping[str, str]) -> Any:
    """A parser mapping labels (Chinese words, codes) to codes, matched after normalising."""
    table = {normalize_label(k): v for k, v in mapping.items()}

    def parse(value: Any, ctx: CellContext) -> str:
        text = parse_text(value, ctx)
        try:
            return table[normalize_label(text)]
        except KeyError:
            raise CellError(
                "exchange.not_a_choice", value=text, choices="、".join(dict.fromkeys(mapping))
            ) from None

    return parse


# ---------------------------------------------------------------- codes
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_ALPHABET)}
# Upper-case ASCII → the character's value in the alphabet; 0xFF for every other byte.
_USCC_BYTES = bytes(_USCC_VALUE.get(chr(b), 0xFF) for b in range(256))
_USCC_CHECK = [ord(_USCC_ALPHABET[(31 - total % 31) % 31]) for total in range(31 * 31 * 17)]


def parse_uscc(value: Any, ctx: CellContext) -> str:
    """统一社会信用代码: normalised (upper-case, half-width, no spaces). Wrong length or
    alphabet → error; a checksum failure → error, or a warning when the import option
    ``uscc_checksum_warning`` is set."""
    raw = parse_text(value, ctx)
    if len(raw) == 18 and raw.isascii() and raw.isalnum():
        code = raw.upper()
        total = _uscc_weighted_sum(code)
        if total is not None and _USCC_ALPHABET[(31 - total % 31) % 31] == code[17]:
            return code  # the common case, checked without building per-character lists
    return _parse_uscc_slow(raw, ctx)


def _uscc_weighted_sum(code: str) -> int | None:
    try:
        total: int = sum(map(operator.mul, map(_USCC_VALUE.__getitem__, code[:17]), _USCC_WEIGHTS))
        return total
    except KeyError:
        return None


def parse_uscc_column(cells: list[str], ctx: CellContext) -> list[str] | None:  # noqa: ARG001  column Parser protocol (cells, ctx)
    """``parse_uscc`` of a whole column of text cells in its common case — every cell 18
    letters and digits with a right check character — or None (then cell by cell)."""
    if set(map(len, cells)) != {18}:
        return None
    joined = "".join(cells)
    if not (joined.isascii() and joined.isalnum()):
        return None
    upper = joined.upper()
    raw = upper.encode("ascii")
    values = raw.translate(_USCC_BYTES)
    if b"\xff" in values:
        return None
    sums = _uscc_sums(values, len(cells))
    if bytes(map(_USCC_CHECK.__getitem__, sums)) != raw[17::18]:
        return None
    return [upper[i : i + 18] for i in range(0, len(upper), 18)]


# The weights as the digits (base 2**16, most significant first) of one integer.
_USCC_WEIGHT_POLY = sum(w << (16 * (16 - k)) for k, w in enumerate(_USCC_WEIGHTS))


def _uscc_sums(values: bytes, n: int) -> array.array[int]:
    """Each code's weighted sum Σ weight·value over its first 17 characters, for ``n``
    codes of 18 character values each, all at once: the values become the base-2**16
    digits of one integer, which times ``_USCC_WEIGHT_POLY`` has code i's sum as digit
    18·i + 16. No digit of the product exceeds 17·30·30 < 2**16, so none carries."""
    digits = int.from_bytes(values.decode("latin-1").encode("utf-16-le"), "little")
    product = digits * _USCC_WEIGHT_POLY
    out = array.array("H", product.to_bytes(2 * (18 * n + 17), "little"))
    if sys.byteorder == "big":
        out.byteswap()
    return out[16::18][:n]


# Whole-column versions of parsers for the reader's common case: given a column of text
# cells, the values the parser gives cell by cell — or None whenever some cell is blank,
# over-long, would err or warn, or simply needs a closer look (then the reader goes by cell).
COLUMN_PARSERS: dict[
    Callable[[Any, CellContext], Any], Callable[[list[str], CellContext], list[Any] | None]
] = {parse_uscc: parse_uscc_column}


def _parse_uscc_slow(raw: str, ctx: CellContext) -> str:
    from models.uscc import ALPHABET, UsccFault, check_char, fault, normalize

    code = normalize(raw)
    problem = fault(code)
    if problem is None:
        return code
    fields: dict[str, Any] = {"value": raw}
    if problem is UsccFault.LENGTH:
        fields["length"] = len(code)
    elif problem is UsccFault.ALPHABET:
        fields["chars"] = "".join(sorted({c for c in code if c not in ALPHABET}))
    else:
        fields["expected"] = check_char(code[:17])
        if ctx.options.get("uscc_checksum_warning"):
            ctx.warn(problem.value, **fields)
            return code
    raise CellError(problem.value, **fields)


def parse_code(value: Any, ctx: CellContext) -> str:
    """An identifier code: a key, so normalised — NFKC (full-width → half-width), upper-cased,
    without spaces (``qsh`` → ``QSH``, ``ＱＳＨ－０１`` → ``QSH-01``)."""
    return "".join(unicodedata.normalize("NFKC", parse_text(value, ctx)).split()).upper()
