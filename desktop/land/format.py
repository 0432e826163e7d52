"""Display formatting for the land pages (areas in 亩 from exact ㎡)."""

from __future__ import annotations

from decimal import Decimal

from models.units import mu


def area_mu(value_m2: Decimal | None) -> str:
    return "" if value_m2 is None else f"{mu(value_m2, 2):,.2f}"


def dec(value: Decimal | None, places: int = 2) -> str:
    return "" if value is None else f"{value:,.{places}f}"
