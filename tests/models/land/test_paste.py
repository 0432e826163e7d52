from __future__ import annotations

from decimal import Decimal

from models.database import Database
from models.exchange.spec import ImportContext
from models.land import queries, services
from models.land.exchange_points import load_points
from models.land.paste import rows_from_pasted

EXCEL = """点号\tX坐标\tY坐标
J1\t3,347,900.000\t480700.000
J2\t３３４７９００\t480800

J3\t3347800\t480800
J4\t3347800\t480700
"""


def test_pasted_excel_cells_become_a_boundary(db: Database) -> None:
    with db.write() as s:
        pid = services.create_plot(s, code="P").ids[0]
    rows = rows_from_pasted(EXCEL, "P")
    assert [r.get("point") for r in rows] == ["J1", "J2", "J3", "J4"]
    assert rows[1].get("x") == Decimal(3347900)  # full-width digits
    ctx = ImportContext()
    with db.write() as s:
        outcome = load_points(s, rows, ctx)
    assert outcome.updated == 4 and outcome.changes.updated == 1 and not ctx.problems
    with db.read() as s:
        assert queries.get_plot_row(s, pid).geom_area_m2 == Decimal("10000.0000")  # type: ignore[union-attr]


def test_ring_column_and_bare_xy() -> None:
    rows = rows_from_pasted("J1,2,3347900,480700\n3347800 480800\n", "P")
    assert rows[0].get("ring") == 2 and rows[0].get("point") == "J1"
    assert rows[1].get("point") is None and rows[1].get("y") == Decimal(480800)
