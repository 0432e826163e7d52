"""Display formatting shared by tables, forms and cards: areas in the user's unit,
money in 万元, decimals with thousands separators. Exact ``Decimal`` in, text out."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

from desktop.i18n import bracketed, tr
from models.units import AreaUnit, from_m2

UNIT_LABELS = {AreaUnit.M2: "㎡", AreaUnit.MU: "亩", AreaUnit.HA: "公顷"}
UNIT_PLACES = {AreaUnit.M2: 2, AreaUnit.MU: 2, AreaUnit.HA: 4}


_unit_cache: tuple[int, int, AreaUnit] | None = None


def area_unit() -> AreaUnit:
    """The area unit the user chose in the settings (㎡ / 亩 / 公顷); cached until the
    settings are written (tables format 100,000 areas at a time)."""
    global _unit_cache
    from desktop.settings import settings

    store = settings()
    if _unit_cache is None or _unit_cache[0] != id(store) or _unit_cache[1] != store.generation:
        _unit_cache = (id(store), store.generation, store.area_unit())
    return _unit_cache[2]


def unit_label(unit: AreaUnit | None = None) -> str:
    return tr(UNIT_LABELS[unit or area_unit()])


def format_decimal(value: Decimal | int | None, places: int = 2) -> str:
    if value is None:
        return ""
    q = Decimal(value).quantize(Decimal(1).scaleb(-places)) if places >= 0 else Decimal(value)
    return f"{q:,.{places}f}"


def format_area(
    value_m2: Decimal | int | None,
    unit: AreaUnit | None = None,
    *,
    places: int | None = None,
    with_unit: bool = False,
) -> str:
    """An area held in ㎡ shown in ``unit`` (default: the user's), e.g. ``12.50`` or ``12.50 亩``."""
    if value_m2 is None:
        return ""
    unit = unit or area_unit()
    shown = area_in_unit(value_m2, unit, UNIT_PLACES[unit] if places is None else places)
    text = f"{shown:,}"
    return f"{text} {unit_label(unit)}" if with_unit else text


_HALF_EVEN_SCALE = {
    AreaUnit.M2: (Decimal(1), Decimal(1)),
    AreaUnit.MU: (Decimal(15), Decimal(10000)),
    AreaUnit.HA: (Decimal(1), Decimal(10000)),
}


def area_in_unit(value_m2: Decimal | int, unit: AreaUnit, places: int) -> Decimal:
    """``models.units.from_m2`` without Fractions, for tables of 100,000 rows: ㎡ × 15 / 10000
    and ㎡ / 10000 are exact in Decimal, so the half-even rounding gives the same digits."""
    if not isinstance(value_m2, (Decimal, int)):
        return from_m2(value_m2, unit, places)
    value = Decimal(value_m2)
    if value.adjusted() > 20:  # beyond any real area: let the exact path decide
        return from_m2(value, unit, places)
    multiply, divide = _HALF_EVEN_SCALE[unit]
    return (value * multiply / divide).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def area_header(title: str, unit: AreaUnit | None = None) -> str:
    """A column title with the unit in brackets, e.g. ``面积（亩）``."""
    return bracketed(title, unit_label(unit))


def format_money(value_wan: Decimal | int | None, places: int = 2) -> str:
    return format_decimal(value_wan, places)


def format_date(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def format_percent(value: Decimal | float | None, places: int = 1) -> str:
    if value is None:
        return ""
    return f"{Decimal(str(value)) * 100:.{places}f}%"
