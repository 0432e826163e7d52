"""What a target's status is made of (``models.targets.queries.target_statuses`` computes it):
plain values, imported without the database layer, so the window's start-up snapshot of the
overview (``models.overview_snapshot``) can be read back before SQLAlchemy is imported."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Literal

VALUE_PLACES = Decimal("0.01")
State = Literal["reached", "on_track", "behind", "no_data"]
RECORDS = "records"  # source of a figure summed from the efficiency records


@dataclass(frozen=True)
class YearValue:
    year: int
    value: Decimal
    source: str  # the statistics' source department, or RECORDS


@dataclass(frozen=True)
class ChainValue:
    chain: str
    series: tuple[YearValue, ...]

    @property
    def latest(self) -> Decimal:
        return self.series[-1].value if self.series else Decimal(0)


@dataclass(frozen=True)
class TargetStatus:
    target_id: int
    key: str
    title: str
    scope: str
    scope_label: str  # platform name, chain, or "" for the district
    indicator: str
    measure: str
    year: int
    value: Decimal
    unit: str
    threshold: Decimal | None
    document_no: str
    clause: str
    is_example: bool
    actual: tuple[YearValue, ...]  # the indicator (level, growth) or the followed chain (clusters)
    state: State
    latest_year: int | None = None
    latest_value: Decimal | None = None
    base_year: int | None = None
    base_value: Decimal | None = None
    path_value: Decimal | None = None  # where the path stands in the latest year
    gap: Decimal | None = None  # latest - path (negative: behind)
    achieved_rate: Decimal | None = None  # average yearly growth so far (0.1234 = 12.34 %)
    required_rate: Decimal | None = None  # yearly growth still needed
    chains: tuple[ChainValue, ...] = ()  # clusters: every chain, largest first
    clusters_now: int | None = None  # clusters: chains at the threshold in the latest year
    followed_chain: str = ""  # clusters: the chain that has to become the next cluster

    def path(self) -> list[tuple[int, Decimal]]:
        """The path year by year from the base year to the target year (for charts)."""
        if self.base_year is None or self.base_value is None or self.base_value <= 0:
            return []
        end = self.path_end()
        if end is None:
            return []
        return [
            (y, on_path(self.base_value, end, self.base_year, self.year, y))
            for y in range(self.base_year, self.year + 1)
        ]

    def path_end(self) -> Decimal | None:
        if self.measure == "level":
            return self.value
        if self.measure == "clusters":
            return self.threshold
        if self.base_value is None or self.base_year is None:
            return None
        return grow(self.base_value, self.value / 100, self.year - self.base_year)


def grow(start: Decimal, rate: Decimal, years: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return start * (1 + rate) ** years


def on_path(start: Decimal, end: Decimal, y0: int, y1: int, y: int) -> Decimal:
    """The value in year ``y`` on the constant-growth path from (y0, start) to (y1, end)."""
    if y1 <= y0 or start <= 0:
        return end
    with localcontext() as ctx:
        ctx.prec = 28
        return (start * (end / start) ** (Decimal(y - y0) / Decimal(y1 - y0))).quantize(VALUE_PLACES)


def plain(value: Decimal | None) -> str:
    """1800.000000 → 1800, 12.50 → 12.5."""
    if value is None:
        return ""
    text = format(value.quantize(Decimal("0.01")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
