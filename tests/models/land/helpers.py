"""Shared builders for the land tests: points and rows in Lin'an's frame."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from models.exchange.spec import SourceRow
from models.land.geometry import SurveyPoint

N0, E0 = Decimal(3_347_800), Decimal(480_700)  # near 青山湖科技城


def square(side: int = 100, n0: Decimal = N0, e0: Decimal = E0, closed: bool = False) -> list[SurveyPoint]:
    """A side × side square, J1 at the north-west corner, clockwise as surveyors number."""
    pts = [
        SurveyPoint("J1", n0 + side, e0),
        SurveyPoint("J2", n0 + side, e0 + side),
        SurveyPoint("J3", n0, e0 + side),
        SurveyPoint("J4", n0, e0),
    ]
    if closed:
        pts.append(SurveyPoint("J1", n0 + side, e0))
    return pts


def point_rows(table: list[tuple[Any, ...]], sheet: str = "界址点") -> list[SourceRow]:
    """SourceRows of the boundary-points kind from (code, ring, point, x, y) tuples, row 3 onwards."""
    rows = []
    headers = {"plot_code": "地块编号", "ring": "圈号", "point": "点号", "x": "X坐标", "y": "Y坐标"}
    cells = {"plot_code": "A", "ring": "B", "point": "C", "x": "D", "y": "E"}
    for i, (code, ring, point, x, y) in enumerate(table, start=3):
        values = {
            k: v
            for k, v in zip(
                ("plot_code", "ring", "point", "x", "y"),
                (
                    code,
                    ring,
                    point,
                    None if x is None else Decimal(str(x)),
                    None if y is None else Decimal(str(y)),
                ),
                strict=True,
            )
            if v not in (None, "")
        }
        rows.append(
            SourceRow(
                sheet,
                i,
                values,
                raw=dict(values),
                headers=headers,
                cells={k: f"{c}{i}" for k, c in cells.items()},
            )
        )
    return rows
