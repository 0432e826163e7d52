from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from models.database import Database
from models.exchange.spec import ImportContext
from models.land import queries
from models.land.entities import Plot
from models.land.exchange import KINDS
from tests.models.land.helpers import point_rows

POINTS = {k.name: k for k in KINDS}["boundary-points"]
N, E = 3_347_800, 480_700

TABLE = [  # code on the first row only; closing point repeated; a hole in the second parcel
    ("LA-1", 1, "J1", N + 100, E),
    (None, 1, "J2", N + 100, E + 100),
    (None, 1, "J3", N, E + 100),
    (None, 1, "J4", N, E),
    (None, 1, "J1", N + 100, E),
    ("LA-2", 1, "J1", N + 400, E),
    (None, 1, "J2", N + 400, E + 200),
    (None, 1, "J3", N + 200, E + 200),
    (None, 1, "J4", N + 200, E),
    (None, 2, "J5", N + 280, E + 80),
    (None, 2, "J6", N + 280, E + 120),
    (None, 2, "J7", N + 320, E + 120),
    (None, 2, "J8", N + 320, E + 80),
]


def _load(db: Database, table: list[tuple[Any, ...]], **options: Any) -> tuple[Any, ImportContext]:
    ctx = ImportContext(options=options)
    with db.write() as s:
        assert POINTS.load is not None
        outcome = POINTS.load(s, point_rows(table), ctx)
        if any(p.is_error for p in ctx.problems):
            s.rollback()
    return outcome, ctx


def test_surveyors_table_becomes_plots_with_right_areas(db: Database) -> None:
    outcome, ctx = _load(db, TABLE)
    assert ctx.problems == [] and outcome.changes.created == 2
    assert outcome.created == len(TABLE)  # counts are of rows, so the import report reconciles
    with db.read() as s:
        rows = {r.code: r for r in queries.list_plots(s)}
        assert rows["LA-1"].geom_area_m2 == Decimal("10000.0000")
        assert rows["LA-2"].geom_area_m2 == Decimal("38400.0000")  # 200×200 − 40×40
        assert rows["LA-1"].point_count == 4
        geom = s.scalar(select(Plot.geometry).where(Plot.code == "LA-1"))
        assert geom is not None
        assert geom.bounds == (E, N, E + 100, N + 100)  # in the right place: easting, northing


def test_reimport_changes_nothing(db: Database) -> None:
    _load(db, TABLE)
    outcome, ctx = _load(db, TABLE)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, len(TABLE))
    assert outcome.changes.ids == ()


def test_swapped_columns_are_refused_with_evidence(db: Database) -> None:
    swapped = [(c, r, p, y, x) for c, r, p, x, y in TABLE]
    outcome, ctx = _load(db, swapped)
    assert outcome.created == 0
    problem, *rest = ctx.problems
    assert {p.code for p in rest} == {"land.rejected_with_table"} and len(rest) == len(TABLE) - 1
    assert problem.code == "land.coords_swapped_xy"
    assert problem.row == 3 and problem.column == "X坐标"
    assert problem.problem.fields["x"] == Decimal(E) and problem.problem.fields["points"] == len(TABLE)
    with db.read() as s:
        assert queries.list_plots(s) == []


def test_swapped_columns_load_when_confirmed(db: Database) -> None:
    swapped = [(c, r, p, y, x) for c, r, p, x, y in TABLE]
    outcome, ctx = _load(db, swapped, swap_xy="yes")
    assert outcome.changes.created == 2 and not ctx.problems
    assert [n.code for n in ctx.notes] == ["land.coords_swapped_confirmed"]


def test_zone_prefix_refused_then_stripped_when_confirmed(db: Database) -> None:
    prefixed = [(c, r, p, x, y + 40_000_000) for c, r, p, x, y in TABLE]
    _, ctx = _load(db, prefixed)
    assert ctx.problems[0].code == "land.coords_zone_prefix"
    assert ctx.problems[0].column == "Y坐标"
    outcome, ctx = _load(db, prefixed, strip_zone=True)
    assert outcome.changes.created == 2
    with db.read() as s:
        assert queries.plot_vertices(s, queries.list_plots(s)[0].id)[0].y == Decimal(E)


def test_a_row_in_another_frame_is_pointed_at(db: Database) -> None:
    table = list(TABLE)
    c, r, p, x, y = table[2]
    table[2] = (c, r, p, x, y + 40_000_000)  # one point carries the zone, the others not
    _, ctx = _load(db, table)
    assert [(q.code, q.row) for q in ctx.problems][0] == ("land.coords_row_frame", 5)
    assert {q.code for q in ctx.problems[1:]} == {"land.rejected_with_parcel"}
    assert len(ctx.problems) == 5  # every row of LA-1 rejected; LA-2 loads


def test_invalid_parcel_is_reported_with_row_and_location(db: Database) -> None:
    table = list(TABLE)
    table[1], table[2] = table[2], table[1]  # bow tie in LA-1
    outcome, ctx = _load(db, table)
    problem = ctx.problems[0]
    assert problem.code == "land.polygon_self_intersection"
    assert problem.problem.fields["reason"] == "Self-intersection"
    assert problem.row in (3, 4, 5)  # at a point next to the crossing
    assert outcome.changes.created == 1


def test_too_few_points(db: Database) -> None:
    table = [("LA-9", 1, "J1", N, E), (None, 1, "J2", N + 10, E), (None, 1, "J1", N, E)]
    _, ctx = _load(db, table)
    assert [p.code for p in ctx.problems] == ["land.polygon_too_few_points"] + [
        "land.rejected_with_parcel"
    ] * 2


def test_missing_coordinate_is_a_cell_problem(db: Database) -> None:
    table = [*TABLE[:3], (None, 1, "J3", N, None), *TABLE[4:]]
    _, ctx = _load(db, table)
    assert [(p.code, p.column) for p in ctx.problems] == [("land.value_required", "Y坐标")]


def test_dump_is_surveyors_layout(db: Database) -> None:
    from models.exchange.spec import ExportContext

    _load(db, TABLE)
    with db.read() as s:
        assert POINTS.dump is not None
        rows = list(POINTS.dump(s, ExportContext()))
    assert rows[0] == {
        "plot_code": "LA-1",
        "plot_name": "",
        "ring": 1,
        "point": "J1",
        "x": Decimal(N + 100),
        "y": Decimal(E),
        "edge": Decimal("100.000"),
    }
    assert rows[1]["plot_code"] is None and rows[4]["point"] == "J1" and rows[4]["edge"] is None
    assert len(rows) == 5 + 5 + 5
