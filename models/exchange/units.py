"""Units per quantity, as departments write them in headers, unit rows, title rows
(``单位：元``) and cells (``860.50㎡``), each converted exactly into the column's stored unit.

Areas are stored in ㎡ (``AreaUnit``), money in 万元 (``MoneyUnit``); the other
quantities are ``Measure``s relative to the unit the column stores: electricity in MWh,
energy in tce (吨标准煤), mass in t, ratios as fractions (``12%`` = 0.12). Every factor
is a power of ten or the exact 亩 fraction, so conversions are exact ``Decimal``
arithmetic (``models.units`` for areas and money).

Words are compared after ``unit_key``: NFKC (``㎡`` → ``m2``, ``hm²`` → ``hm2``, ``％`` →
``%``), no spaces, lower-case.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from models.units import AreaUnit, MoneyUnit


@dataclass(frozen=True)
class Measure:
    """A unit of a quantity other than area and money: ``factor`` × value = stored value."""

    quantity: str
    label: str  # as written in export headers
    factor: Decimal


Unit = AreaUnit | MoneyUnit | Measure

MWH = Measure("electricity", "兆瓦时", Decimal(1))
TCE = Measure("energy", "吨标准煤", Decimal(1))
TONNE = Measure("mass", "吨", Decimal(1))
PERCENT = Measure("ratio", "%", Decimal("0.01"))
FRACTION = Measure("ratio", "", Decimal(1))

_KWH = Measure("electricity", "千瓦时", Decimal("0.001"))
_WAN_KWH = Measure("electricity", "万千瓦时", Decimal(10))
_YI_KWH = Measure("electricity", "亿千瓦时", Decimal(100000))
_GWH = Measure("electricity", "GWh", Decimal(1000))
_WAN_TCE = Measure("energy", "万吨标准煤", Decimal(10000))
_KGCE = Measure("energy", "千克标准煤", Decimal("0.001"))
_WAN_T = Measure("mass", "万吨", Decimal(10000))
_KG = Measure("mass", "千克", Decimal("0.001"))

UNIT_LABELS: dict[Unit, str] = {
    AreaUnit.M2: "㎡",
    AreaUnit.MU: "亩",
    AreaUnit.HA: "公顷",
    MoneyUnit.WAN: "万元",
    MoneyUnit.YUAN: "元",
    MoneyUnit.QIAN: "千元",
    MoneyUnit.BAIWAN: "百万元",
    MoneyUnit.YI: "亿元",
}


def unit_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


_WORDS: dict[str, Unit] = {
    # area
    "m2": AreaUnit.M2,
    "平方米": AreaUnit.M2,
    "平米": AreaUnit.M2,
    "平方": AreaUnit.M2,
    "m^2": AreaUnit.M2,
    "亩": AreaUnit.MU,
    "公顷": AreaUnit.HA,
    "ha": AreaUnit.HA,
    "hm2": AreaUnit.HA,
    "hm^2": AreaUnit.HA,
    # money
    "元": MoneyUnit.YUAN,
    "人民币元": MoneyUnit.YUAN,
    "千元": MoneyUnit.QIAN,
    "万元": MoneyUnit.WAN,
    "百万元": MoneyUnit.BAIWAN,
    "亿元": MoneyUnit.YI,
    # electricity (stored in MWh)
    "kwh": _KWH,
    "kw·h": _KWH,
    "kw.h": _KWH,
    "千瓦时": _KWH,
    "度": _KWH,
    "万kwh": _WAN_KWH,
    "万千瓦时": _WAN_KWH,
    "万度": _WAN_KWH,
    "mwh": MWH,
    "兆瓦时": MWH,
    "gwh": _GWH,
    "亿千瓦时": _YI_KWH,
    "亿kwh": _YI_KWH,
    "亿度": _YI_KWH,
    # energy (stored in tce)
    "tce": TCE,
    "吨标准煤": TCE,
    "吨标煤": TCE,
    "t标准煤": TCE,
    "吨标准煤当量": TCE,
    "万tce": _WAN_TCE,
    "万吨标准煤": _WAN_TCE,
    "万吨标煤": _WAN_TCE,
    "kgce": _KGCE,
    "千克标准煤": _KGCE,
    # mass (stored in t)
    "t": TONNE,
    "吨": TONNE,
    "万吨": _WAN_T,
    "万t": _WAN_T,
    "kg": _KG,
    "千克": _KG,
    "公斤": _KG,
    # ratios (stored as fractions)
    "%": PERCENT,
    "百分比": PERCENT,
}
UNIT_WORDS: dict[str, Unit] = dict(_WORDS)
# longest first, so 万元 wins over 元 and 平方米 over 米
SUFFIXES = tuple(sorted(UNIT_WORDS, key=len, reverse=True))


def lookup(text: str) -> Unit | None:
    """The unit a word names (``亿元``, ``㎡``, ``万千瓦时``), or None."""
    return UNIT_WORDS.get(unit_key(text))


def quantity_of(unit: Unit) -> str:
    if isinstance(unit, AreaUnit):
        return "area"
    if isinstance(unit, MoneyUnit):
        return "money"
    return unit.quantity


def label_of(unit: Unit) -> str:
    return unit.label if isinstance(unit, Measure) else UNIT_LABELS[unit]
