from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from models.database import Database
from models.incubation import services
from models.incubation.occupancy import add_months, monthly_occupancy, months_between, occupied_on, sweep
from tests.models.incubation.helpers import D, carrier, day, enterprise


def test_start_of_month_and_prorated_by_day(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="2000")
        a, b = enterprise(s, 1), enterprise(s, 2)
        services.create_tenancy(
            s,
            carrier_id=c,
            enterprise_id=a,
            start_on=day(2025, 1, 1),
            end_on=day(2025, 1, 15),
            area_m2=D("100"),
        )
        services.create_tenancy(s, carrier_id=c, enterprise_id=b, start_on=day(2025, 1, 16), area_m2=D("300"))
    with db.read() as s:
        jan, feb = monthly_occupancy(s, first=day(2025, 1, 1), last=day(2025, 2, 1))
    assert jan.start_occupied_m2 == D("100.0000")
    # (100 ㎡ × 15 days + 300 ㎡ × 16 days) / 31 days
    assert jan.prorated_occupied_m2 == (D(6300) / 31).quantize(D("0.0001"))
    assert jan.start_rate == D("0.0500")
    assert feb.start_occupied_m2 == feb.prorated_occupied_m2 == D("300.0000")
    assert feb.prorated_rate == D("0.1500")
    with db.read() as s:
        assert occupied_on(s, day(2025, 1, 15)) == {c: D("100.0000")}
        assert occupied_on(s, day(2025, 1, 16)) == {c: D("300.0000")}


def test_reported_figure_is_compared(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="2000")
        services.create_tenancy(
            s, carrier_id=c, enterprise_id=enterprise(s, 1), start_on=day(2024, 1, 1), area_m2=D("500")
        )
        services.save_usage_report(
            s, carrier_id=c, month=day(2025, 3, 9), occupied_area_m2=D("620"), tenants=1
        )
    with db.read() as s:
        (m,) = monthly_occupancy(s, first=day(2025, 3, 1), last=day(2025, 3, 31))
    assert m.reported_m2 == D("620.0000")
    assert m.reported_difference_m2 == D("120.0000")
    assert m.reported_rate == D("0.3100")


def test_months_helpers() -> None:
    assert add_months(day(2024, 11, 1), 3) == day(2025, 2, 1)
    assert add_months(day(2025, 1, 1), -1) == day(2024, 12, 1)
    assert months_between(day(2024, 11, 20), day(2025, 1, 3)) == [
        day(2024, 11, 1),
        day(2024, 12, 1),
        day(2025, 1, 1),
    ]


tenancy = st.tuples(st.integers(0, 120), st.one_of(st.none(), st.integers(0, 120)), st.integers(1, 10_000))


@settings(max_examples=200, deadline=None)
@given(st.lists(tenancy, max_size=12))
def test_sweep_equals_counting_day_by_day(spans: list[tuple[int, int | None, int]]) -> None:
    origin = day(2025, 1, 1).toordinal()
    events: list[tuple[int, int]] = []
    periods = []
    for start, length, area in spans:
        end = None if length is None else start + length
        periods.append((origin + start, None if end is None else origin + end, area))
        events.append((origin + start, area))
        if end is not None:
            events.append((origin + end + 1, -area))
    events.sort()
    months = months_between(day(2025, 1, 1), day(2025, 5, 1))
    bounds = [m.toordinal() for m in months] + [add_months(months[-1], 1).toordinal()]
    got = sweep(events, bounds)
    for k in range(len(months)):

        def occ(d: int) -> int:
            return sum(a for s, e, a in periods if s <= d and (e is None or e >= d))

        assert got[k][0] == occ(bounds[k])
        assert got[k][1] == sum(occ(d) for d in range(bounds[k], bounds[k + 1]))
