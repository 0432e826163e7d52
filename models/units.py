"""Area and money units. Canonical area: ㎡ as Decimal. 1 亩 = 10000/15 ㎡ exactly; 1 公顷 = 10000 ㎡.

Conversions into ㎡ are exact where the result terminates and otherwise rounded
half-even to ``AREA_SCALE`` places (the stored precision); conversions out of ㎡
for display are rounded by the caller's chosen places.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from fractions import Fraction

AREA_SCALE = 4  # ㎡ stored to 0.0001 ㎡
MONEY_SCALE = 6  # 万元 stored to 0.000001 万元 (0.01 元)
COORD_SCALE = 4  # metres stored to 0.1 mm

M2_PER_MU = Fraction(10000, 15)
M2_PER_HA = Fraction(10000)


class AreaUnit(StrEnum):
    M2 = "m2"
    MU = "mu"
    HA = "ha"

    @property
    def m2_factor(self) -> Fraction:
        return {AreaUnit.M2: Fraction(1), AreaUnit.MU: M2_PER_MU, AreaUnit.HA: M2_PER_HA}[self]


class MoneyUnit(StrEnum):
    WAN = "wan"  # 万元, canonical
    YUAN = "yuan"
    QIAN = "qian"  # 千元
    BAIWAN = "baiwan"  # 百万元
    YI = "yi"  # 亿元

    @property
    def wan_factor(self) -> Fraction:
        return _WAN_FACTORS[self]


_WAN_FACTORS = {
    MoneyUnit.WAN: Fraction(1),
    MoneyUnit.YUAN: Fraction(1, 10000),
    MoneyUnit.QIAN: Fraction(1, 10),
    MoneyUnit.BAIWAN: Fraction(100),
    MoneyUnit.YI: Fraction(10000),
}


def _to_decimal(value: Fraction, places: int) -> Decimal:
    q = Decimal(1).scaleb(-places)
    return (
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(q, rounding=ROUND_HALF_EVEN)
        if value.denominator != 1
        else Decimal(value.numerator).quantize(q)
    )


def _exact(value: Decimal | int | str) -> Fraction:
    if isinstance(value, float):
        raise TypeError("floats are not accepted for exact quantities")
    return Fraction(Decimal(value))


def to_m2(value: Decimal | int | str, unit: AreaUnit) -> Decimal:
    """An area in ``unit`` as ㎡, exact when it terminates, else rounded to AREA_SCALE."""
    return _to_decimal(_exact(value) * unit.m2_factor, AREA_SCALE)


def from_m2(value_m2: Decimal | int | str, unit: AreaUnit, places: int = 2) -> Decimal:
    """An area in ㎡ shown in ``unit``, rounded half-even to ``places``."""
    return _to_decimal(_exact(value_m2) / unit.m2_factor, places)


def to_wan(value: Decimal | int | str, unit: MoneyUnit) -> Decimal:
    return _to_decimal(_exact(value) * unit.wan_factor, MONEY_SCALE)


def mu(value_m2: Decimal | int | str, places: int = 2) -> Decimal:
    return from_m2(value_m2, AreaUnit.MU, places)
