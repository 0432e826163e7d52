"""Occupancy of carriers computed from tenancies, two ways (docs/domain.md §8):

* **start of month** — the area of tenancies in force on the 1st;
* **prorated by day** — each tenancy's area weighted by the days of the month it covers,
  i.e. the mean occupied area over the month's days.

A tenancy occupies its carrier from ``start_on`` to ``end_on`` inclusive (open-ended when
``end_on`` is None). Areas are read as the stored scaled integers and summed exactly;
the prorated figure is rounded half-even to the stored 0.0001 ㎡ only at the end.

The computation is one query and an event sweep per carrier, O(tenancies + months), so
200 carriers × 120 months take a few tens of milliseconds.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import BigInteger, select, type_coerce
from sqlalchemy.orm import Session

from models.incubation.entities import Carrier, Tenancy, UsageReport
from models.units import AREA_SCALE

_SCALE = 10**AREA_SCALE
_Q = Decimal(1).scaleb(-AREA_SCALE)
RATE_Q = Decimal("0.0001")


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month start from ``first``'s month to ``last``'s month, inclusive."""
    out: list[dt.date] = []
    m, end = month_start(first), month_start(last)
    while m <= end:
        out.append(m)
        m = add_months(m, 1)
    return out


def rate(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part / whole`` as a ratio to 4 places, None when ``whole`` is zero."""
    if not whole:
        return None
    return (part / whole).quantize(RATE_Q, rounding=ROUND_HALF_EVEN)


def _m2(scaled: int) -> Decimal:
    return Decimal(scaled).scaleb(-AREA_SCALE).quantize(_Q)


@dataclass(frozen=True, slots=True)
class MonthOccupancy:
    """One carrier-month. Rates are ratios (0.8512 = 85.12 %), None without usable area.
    ``reported_m2`` is the carrier's own monthly report, when there is one."""

    carrier_id: int
    month: dt.date
    usable_area_m2: Decimal
    start_occupied_m2: Decimal
    prorated_occupied_m2: Decimal
    reported_m2: Decimal | None

    @property
    def start_rate(self) -> Decimal | None:
        return rate(self.start_occupied_m2, self.usable_area_m2)

    @property
    def prorated_rate(self) -> Decimal | None:
        return rate(self.prorated_occupied_m2, self.usable_area_m2)

    @property
    def reported_rate(self) -> Decimal | None:
        return None if self.reported_m2 is None else rate(self.reported_m2, self.usable_area_m2)

    @property
    def reported_difference_m2(self) -> Decimal | None:
        """Reported minus prorated: positive when the carrier reports more than its tenancies show."""
        return None if self.reported_m2 is None else self.reported_m2 - self.prorated_occupied_m2


def sweep(events: list[tuple[int, int]], bounds: list[int]) -> list[tuple[int, int]]:
    """For sorted ``events`` (day ordinal, area delta) and month ``bounds`` (n + 1 ordinals:
    each month's first day, then the day after the last month), return per month
    (area in force on its first day, sum over its days of the area in force)."""
    out: list[tuple[int, int]] = []
    cur = 0
    pos = 0
    n = len(events)
    first = bounds[0]
    while pos < n and events[pos][0] <= first:
        cur += events[pos][1]
        pos += 1
    for k in range(len(bounds) - 1):
        lo, hi = bounds[k], bounds[k + 1]
        while pos < n and events[pos][0] <= lo:  # events exactly on the 1st
            cur += events[pos][1]
            pos += 1
        at_start = cur
        acc = 0
        t = lo
        while pos < n and events[pos][0] < hi:
            day, delta = events[pos]
            acc += cur * (day - t)
            t = day
            cur += delta
            pos += 1
        acc += cur * (hi - t)
        out.append((at_start, acc))
    return out


def _tenancy_events(session: Session, carrier_ids: set[int] | None) -> dict[int, list[tuple[int, int]]]:
    stmt = select(
        Tenancy.carrier_id, Tenancy.start_on, Tenancy.end_on, type_coerce(Tenancy.area_m2, BigInteger)
    )
    if carrier_ids is not None:
        stmt = stmt.where(Tenancy.carrier_id.in_(carrier_ids))
    events: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for cid, start, end, area in session.execute(stmt):
        if end is not None and end < start:
            continue
        lst = events[cid]
        lst.append((start.toordinal(), area))
        if end is not None:
            lst.append((end.toordinal() + 1, -area))
    for lst in events.values():
        lst.sort()
    return events


def monthly_occupancy(
    session: Session, *, first: dt.date, last: dt.date, carrier_ids: Iterable[int] | None = None
) -> list[MonthOccupancy]:
    """Occupancy of each carrier (all, or ``carrier_ids``) for each month from ``first`` to ``last``.

    Ordered by carrier id, then month. Callers apply the user's scope by passing ``carrier_ids``.
    """
    ids = None if carrier_ids is None else set(carrier_ids)
    months = months_between(first, last)
    if not months:
        return []
    bounds = [m.toordinal() for m in months] + [add_months(months[-1], 1).toordinal()]
    cstmt = select(Carrier.id, Carrier.usable_area_m2).order_by(Carrier.id)
    rstmt = select(UsageReport.carrier_id, UsageReport.month, UsageReport.occupied_area_m2).where(
        UsageReport.month >= months[0], UsageReport.month <= months[-1]
    )
    if ids is not None:
        cstmt = cstmt.where(Carrier.id.in_(ids))
        rstmt = rstmt.where(UsageReport.carrier_id.in_(ids))
    carriers = list(session.execute(cstmt))
    reports = {(int(c), m): a for c, m, a in session.execute(rstmt)}
    events = _tenancy_events(session, ids)
    days = [bounds[k + 1] - bounds[k] for k in range(len(months))]
    out: list[MonthOccupancy] = []
    for cid, usable in carriers:
        swept = sweep(events.get(cid, []), bounds)
        for k, month in enumerate(months):
            at_start, area_days = swept[k]
            prorated = (Decimal(area_days) / (days[k] * _SCALE)).quantize(_Q, rounding=ROUND_HALF_EVEN)
            out.append(MonthOccupancy(cid, month, usable, _m2(at_start), prorated, reports.get((cid, month))))
    return out


def occupied_on(
    session: Session, day: dt.date, *, carrier_ids: Iterable[int] | None = None
) -> dict[int, Decimal]:
    """Area (㎡) occupied by tenancies in force on ``day``, per carrier (carriers with none absent)."""
    events = _tenancy_events(session, None if carrier_ids is None else set(carrier_ids))
    ordinal = day.toordinal()
    out: dict[int, Decimal] = {}
    for cid, lst in events.items():
        idx = bisect_right(lst, (ordinal, 1 << 62))
        out[cid] = _m2(sum(delta for _d, delta in lst[:idx]))
    return out
