"""Custom column types: exact decimals stored as scaled integers, and WKB polygons.

SQLite has no decimal type (NUMERIC columns come back as floats), so exact
decimals are stored as integers scaled by 10**scale. Sums in SQL stay exact and
fast; the Python side always sees ``Decimal``. The same type works on PostgreSQL.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import BigInteger, LargeBinary
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from models.errors import DomainError


class ScaledDecimal(TypeDecorator[Decimal]):
    """A ``Decimal`` stored as ``round(value * 10**scale)`` in a BIGINT column.

    Binding rounds half-even to ``scale`` places; reading returns a Decimal with
    exactly ``scale`` places. ``func.sum()`` over the column keeps this type.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._quantum = Decimal(1).scaleb(-scale)

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            if isinstance(value, float):
                raise TypeError("floats are not accepted for exact decimal columns")
            value = Decimal(value)
        return int(value.quantize(self._quantum, rounding=ROUND_HALF_EVEN).scaleb(self.scale))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.scale).quantize(self._quantum)

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal


class Geometry(TypeDecorator[Any]):
    """A shapely geometry stored as WKB. Invalid geometry is refused, never fixed."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        import shapely

        if not shapely.is_valid(value):
            raise DomainError("geometry.invalid", reason=shapely.is_valid_reason(value))
        return bytes(shapely.to_wkb(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        import shapely

        return shapely.from_wkb(bytes(value))
