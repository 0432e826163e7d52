from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.land import geometry as geo
from models.land.geometry import SurveyPoint
from models.units import mu
from tests.models.land.helpers import E0, N0, square


def test_hundred_metre_square_is_exactly_fifteen_mu() -> None:
    poly = geo.polygon_from_points(square(100))
    assert geo.area_m2(poly) == Decimal("10000.0000")
    assert mu(geo.area_m2(poly)) == Decimal("15.00")


def test_surveyor_axes_become_easting_first() -> None:
    poly = geo.polygon_from_points(square(100))
    minx, miny, _, _ = poly.bounds
    assert (minx, miny) == (float(E0), float(N0))  # shapely x = easting (Y), y = northing (X)


def test_closing_point_repeated_or_not_gives_the_same_polygon() -> None:
    a = geo.polygon_from_points(square(100, closed=False))
    b = geo.polygon_from_points(square(100, closed=True))
    assert a.equals(b)
    assert geo.area_m2(a) == geo.area_m2(b)


def test_hole_is_subtracted() -> None:
    hole = [
        SurveyPoint(f"J{i}", N0 + dn, E0 + de, ring=2)
        for i, (dn, de) in enumerate([(40, 40), (40, 60), (60, 60), (60, 40)], start=5)
    ]
    poly = geo.polygon_from_points(square(100) + hole)
    assert len(poly.interiors) == 1
    assert geo.area_m2(poly) == Decimal("9600.0000")


def test_too_few_points_is_reported_not_fixed() -> None:
    pts = square(100)[:2] + [square(100)[0]]
    with pytest.raises(geo.GeometryError) as err:
        geo.polygon_from_points(pts, code="P1")
    p = err.value.problems[0]
    assert p.code == "land.polygon_too_few_points"
    assert p.fields["points"] == 2


def test_self_intersection_reports_location_and_nearest_points() -> None:
    # a bow tie: J2 and J3 swapped
    j1, j2, j3, j4 = square(100)
    pts = [j1, j3, j2, j4]
    pts = [SurveyPoint(p.name, p.x, p.y, 1, row=10 + i) for i, p in enumerate(pts)]
    with pytest.raises(geo.GeometryError) as err:
        geo.polygon_from_points(pts, code="P1")
    p = err.value.problems[0]
    assert p.code == "land.polygon_self_intersection"
    assert p.fields["reason"] == "Self-intersection"
    assert p.fields["x"] == Decimal("3347850.000")  # the crossing, northing
    assert p.fields["y"] == Decimal("480750.000")
    assert p.fields["row"] == 10


def test_hole_outside_shell_is_invalid() -> None:
    hole = [
        SurveyPoint(f"K{i}", N0 + 500 + dn, E0 + de, ring=2)
        for i, (dn, de) in enumerate([(0, 0), (0, 10), (10, 10), (10, 0)])
    ]
    with pytest.raises(geo.GeometryError) as err:
        geo.polygon_from_points(square(100) + hole)
    assert err.value.problems[0].fields["reason"].startswith("Hole lies outside shell")


def test_edge_lengths_per_ring() -> None:
    assert geo.edge_lengths(square(100, closed=True)) == [Decimal("100.000")] * 4


def test_points_from_polygon_round_trip() -> None:
    poly = geo.polygon_from_points(square(100))
    pts = geo.points_from_polygon(poly)
    assert [p.name for p in pts] == ["J1", "J2", "J3", "J4"]
    assert (pts[0].x, pts[0].y) == (N0 + 100, E0)  # starts at the north-west corner
    assert geo.polygon_from_points(pts).equals(poly)


def test_wkt_is_easting_northing() -> None:
    wkt = geo.polygon_to_wkt(geo.polygon_from_points(square(100)))
    assert wkt.startswith("POLYGON ((480")


@settings(max_examples=60, deadline=None)
@given(
    w=st.integers(1, 2000),
    h=st.integers(1, 2000),
    de=st.integers(-5000, 5000),
    dn=st.integers(-5000, 5000),
    frac=st.integers(0, 9999),
)
def test_rectangle_area_is_exact(w: int, h: int, de: int, dn: int, frac: int) -> None:
    e0, n0 = E0 + de + Decimal(frac).scaleb(-4), N0 + dn
    pts = [
        SurveyPoint("J1", n0 + h, e0),
        SurveyPoint("J2", n0 + h, e0 + w),
        SurveyPoint("J3", n0, e0 + w),
        SurveyPoint("J4", n0, e0),
    ]
    assert geo.area_m2(geo.polygon_from_points(pts)) == Decimal(w * h)
