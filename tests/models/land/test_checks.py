from __future__ import annotations

from decimal import Decimal

from shapely.geometry import box

from models.database import Database
from models.land import checks, services
from models.land import geometry as geo
from models.land.demo import seed_demo
from models.policy.entities import Platform
from tests.models.land.helpers import square


def test_touching_plots_are_not_overlaps() -> None:
    a, b = box(0, 0, 10, 10), box(10, 0, 20, 10)  # share an edge
    c = box(20, 10, 30, 20)  # touches b at a corner
    assert checks.find_overlaps([a, b, c]) == []


def test_overlap_found_with_its_area() -> None:
    polys = [box(0, 0, 10, 10), box(100, 100, 110, 110), box(5, 5, 15, 15)]
    found = checks.find_overlaps(polys)
    assert [(o.a, o.b, o.area_m2) for o in found] == [(0, 2, Decimal("25.00"))]


def test_contained_plot_is_an_overlap() -> None:
    found = checks.find_overlaps([box(0, 0, 10, 10), box(2, 2, 4, 4)])
    assert found[0].area_m2 == Decimal("4.00")


def test_findings_from_the_database_cite_the_rule(db: Database) -> None:
    with db.write() as s:
        qsh = s.query(Platform).filter_by(code="QSH").one()
        a = geo.polygon_from_points(square(100))
        qsh.boundary = a.buffer(5)
        services.create_plot(s, code="A", platform_id=qsh.id, polygon=a, cert_area_m2=Decimal(11000))
        services.create_plot(s, code="B", platform_id=qsh.id, polygon=a.buffer(-10).buffer(30, join_style=2))
    with db.read() as s:
        found = {f.problem.code: f for f in checks.run_checks(s)}
    assert found["land.overlap"].problem.fields["code"] == "A"
    assert found["land.outside_platform"].problem.fields["code"] == "B"
    mismatch = found["land.area_mismatch"].problem.fields
    assert mismatch["diff_m2"] == Decimal("-1000.0000")
    assert mismatch["rule_key"] == "land.area_tolerance" and mismatch["is_example"] is True
    assert mismatch["tolerance_m2"] == Decimal("55.0000")


def test_demo_shows_each_kind_of_finding(db: Database) -> None:
    import random

    with db.write() as s:
        seed_demo(s, random.Random(1))
    with db.read() as s:
        codes = {f.problem.code for f in checks.run_checks(s)}
    assert {"land.overlap", "land.area_mismatch", "land.outside_platform"} <= codes


def test_report_and_overview_balance(db: Database) -> None:
    import datetime as dt
    import random

    from models.land.overview import overview_figures
    from models.land.queries import list_plots
    from models.land.report import area_by_platform, low_eff_by_kind, report_sheets

    with db.write() as s:
        seed_demo(s, random.Random(3))
    with db.read() as s:
        rows = list_plots(s)
        by_platform = area_by_platform(s)
        total = sum((r.geom_area_m2 or r.cert_area_m2 or Decimal(0) for r in rows), Decimal(0))
        assert sum((t for *_, t in by_platform), Decimal(0)) == total  # exact: sums of ㎡ balance
        assert sum(c for _, c, *_ in by_platform) == len(rows)
        low = sum((a for _, _, a in low_eff_by_kind(s)), Decimal(0))
        assert low == sum((r.geom_area_m2 or Decimal(0) for r in rows if r.low_eff_kind), Decimal(0))
        sheets = report_sheets(s, 2024)
        assert [sh.title for sh in sheets] == ["地块", "低效用地"]
        figures = {f.label: f.value for f in overview_figures(s, dt.date(2024, 12, 31))}
        assert figures["land.overview.area"] == total and figures["land.overview.overlaps"] >= 1


def test_report_rows_add_up_as_printed(db: Database) -> None:
    import random

    from models.land.report import report_sheets

    with db.write() as s:
        seed_demo(s, random.Random(11))
    with db.read() as s:
        sheet = report_sheets(s, 2024)[0]
    for _name, _count, new, existing, total in sheet.rows:
        assert new + existing == total
