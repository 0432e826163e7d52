from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from models.changes import Changes
from models.database import Database
from models.errors import ConflictError, DomainError
from models.land import geometry as geo
from models.land import queries, services
from models.land.entities import BoundaryPoint, Plot
from models.policy.entities import Platform
from tests.models.land.helpers import E0, N0, square


def _qsh(db: Database) -> int:
    with db.read() as s:
        pid = s.scalar(select(Platform.id).where(Platform.code == "QSH"))
        assert pid is not None
        return int(pid)


def test_create_plot_with_boundary_stores_points_polygon_and_exact_area(db: Database) -> None:
    pid = _qsh(db)
    with db.write() as s:
        ch = services.create_plot(
            s, code="QSH-1", name="一号", platform_id=pid, land_use="M1", cert_area_m2=Decimal("10000")
        )
        services.set_plot_boundary(s, plot_id=ch.ids[0], points=square(100, closed=True))
    with db.read() as s:
        row = queries.list_plots(s)[0]
        assert row.geom_area_m2 == Decimal("10000.0000")
        assert row.area_mismatch is False and row.point_count == 4  # closing point not stored twice
        verts = queries.plot_vertices(s, row.id)
        assert [v.name for v in verts] == ["J1", "J2", "J3", "J4"]
        assert verts[0].x == N0 + 100 and verts[0].y == E0
        assert {v.edge_m for v in verts} == {Decimal("100.000")}


def test_invalid_boundary_is_refused_and_nothing_stored(db: Database) -> None:
    with db.write() as s:
        ch = services.create_plot(s, code="P")
    j1, j2, j3, j4 = square(100)
    with pytest.raises(DomainError) as err, db.write() as s:
        services.set_plot_boundary(s, plot_id=ch.ids[0], points=[j1, j3, j2, j4])
    assert err.value.code == "land.polygon_self_intersection"
    assert "J" in err.value.fields["near"]
    with db.read() as s:
        assert s.scalar(select(Plot.geometry)) is None
        assert s.scalars(select(BoundaryPoint)).first() is None


def test_choices_and_uniqueness_are_checked(db: Database) -> None:
    with db.write() as s:
        services.create_plot(s, code="A")
    with pytest.raises(DomainError) as err, db.write() as s:
        services.create_plot(s, code="A")
    assert err.value.code == "land.duplicate_code"
    with pytest.raises(DomainError) as err, db.write() as s:
        services.create_plot(s, code="B", supply_method="拍卖抢地")
    assert err.value.code == "land.unknown_choice" and err.value.fields["field"] == "supply_method"
    with pytest.raises(DomainError) as err, db.write() as s:
        services.create_plot(s, code="B", land_source="maybe")
    assert err.value.code == "land.unknown_choice"


def test_update_with_stale_version_is_refused(db: Database) -> None:
    with db.write() as s:
        pid = services.create_plot(s, code="A").ids[0]
    with db.write() as s:
        services.update_plot(s, plot_id=pid, version=1, status="已供")
    with pytest.raises(ConflictError), db.write() as s:
        services.update_plot(s, plot_id=pid, version=1, status="在建")
    with db.write() as s:
        assert services.update_plot(s, plot_id=pid, status="已供") == Changes()


def test_area_mismatch_flag_follows_the_tolerance_rule(db: Database) -> None:
    with db.write() as s:
        a = services.create_plot(s, code="A", cert_area_m2=Decimal("10040")).ids[0]  # 0.4 % off: within 0.5 %
        b = services.create_plot(s, code="B", cert_area_m2=Decimal("10060")).ids[0]  # 0.6 % off
        for pid in (a, b):
            services.set_plot_boundary(s, plot_id=pid, points=square(100, n0=N0 + 1000 * pid))
    with db.read() as s:
        flags = {r.code: (r.area_mismatch, r.area_diff_m2) for r in queries.list_plots(s)}
    assert flags["A"] == (False, Decimal("-40.0000"))
    assert flags["B"] == (True, Decimal("-60.0000"))


def test_indicators_met_or_not(db: Database) -> None:
    with db.write() as s:
        pid = services.create_plot(s, code="A").ids[0]
        services.set_indicator(
            s, plot_id=pid, indicator="investment_intensity", promised=Decimal(300), actual=Decimal(320)
        )
        services.set_indicator(
            s, plot_id=pid, indicator="energy_per_value", promised=Decimal("0.5"), actual=Decimal("0.6")
        )
        services.set_indicator(s, plot_id=pid, indicator="tax_per_mu", promised=Decimal(30), actual=None)
        again = services.set_indicator(
            s, plot_id=pid, indicator="tax_per_mu", promised=Decimal(30), actual=None
        )
    assert again == Changes()
    with db.read() as s:
        met = {r.indicator: r.met for r in queries.plot_indicators(s, pid)}
    assert met == {"investment_intensity": True, "energy_per_value": False, "tax_per_mu": None}


def test_set_polygon_derives_points(db: Database) -> None:
    poly = geo.polygon_from_points(square(50))
    with db.write() as s:
        pid = services.create_plot(s, code="A", polygon=poly).ids[0]
    with db.read() as s:
        assert [v.name for v in queries.plot_vertices(s, pid)] == ["J1", "J2", "J3", "J4"]
        assert queries.list_plots(s)[0].geom_area_m2 == Decimal("2500.0000")


def test_delete_plot_removes_points(db: Database) -> None:
    with db.write() as s:
        pid = services.create_plot(s, code="A", polygon=geo.polygon_from_points(square(50))).ids[0]
    with db.write() as s:
        services.delete_plot(s, plot_id=pid)
    with db.read() as s:
        assert s.scalars(select(BoundaryPoint)).first() is None


def test_plot_with_a_building_cannot_be_deleted(db: Database) -> None:
    from models.buildings.entities import Building

    with db.write() as s:
        pid = services.create_plot(s, code="A").ids[0]
        s.add(Building(code="B1", name="一号楼", plot_id=pid, total_floor_area_m2=Decimal(5000)))
    with pytest.raises(DomainError) as err, db.write() as s:
        services.delete_plot(s, plot_id=pid)
    assert err.value.code == "land.plot_in_use" and err.value.fields["buildings"] == 1


def test_a_point_outside_the_district_is_refused(db: Database) -> None:
    pts = square(100)
    pts[2] = geo.SurveyPoint("J3", pts[2].x, pts[2].y - 400_000)  # a lost digit
    with db.write() as s:
        pid = services.create_plot(s, code="A").ids[0]
    with pytest.raises(DomainError) as err, db.write() as s:
        services.set_plot_boundary(s, plot_id=pid, points=pts)
    assert err.value.code == "land.coords_outside_range" and err.value.fields["point"] == "J3"
