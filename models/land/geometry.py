"""Polygons from surveyed points, their validation and their exact area.

Surveyors write X = northing, Y = easting; shapely (like every GIS library) wants
easting first. Everything here takes ``SurveyPoint`` values (named X/Y the
surveyors' way) and builds shapely geometry as (easting, northing) — the one place
the axis order flips.

Nothing is "fixed": a ring with fewer than three distinct points, a
self-intersection or a hole outside its shell is reported as a ``Problem`` with
the reason and the location (X/Y and the nearest point names), and no polygon is
built. The closing point may be repeated or not; both are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

from models.errors import Problem
from models.units import AREA_SCALE, COORD_SCALE

if TYPE_CHECKING:
    from shapely.geometry import Polygon

_COORD_Q = Decimal(1).scaleb(-COORD_SCALE)
_AREA_Q = Decimal(1).scaleb(-AREA_SCALE)
_LOCATION = re.compile(r"\[\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\]")


@dataclass(frozen=True)
class SurveyPoint:
    """One surveyed vertex: ``x`` northing, ``y`` easting (metres, stored frame)."""

    name: str
    x: Decimal
    y: Decimal
    ring: int = 1
    row: int | None = None  # where it came from (Excel row, TXT line), for problems


class GeometryError(Exception):
    """The points do not make a valid polygon; ``problems`` say why and where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def quantize_coord(value: Decimal | float | int | str) -> Decimal:
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value).quantize(_COORD_Q, rounding=ROUND_HALF_EVEN)


def _rings(points: Sequence[SurveyPoint]) -> dict[int, list[SurveyPoint]]:
    rings: dict[int, list[SurveyPoint]] = {}
    for p in points:
        rings.setdefault(p.ring, []).append(p)
    return dict(sorted(rings.items()))


def _open_ring(ring: list[SurveyPoint]) -> list[SurveyPoint]:
    """The ring without its repeated closing point (if any)."""
    if len(ring) > 1 and (ring[0].x, ring[0].y) == (ring[-1].x, ring[-1].y):
        return ring[:-1]
    return ring


def without_closing(points: Sequence[SurveyPoint]) -> list[SurveyPoint]:
    """The points with each ring's repeated closing point dropped (stored rings are open)."""
    out: list[SurveyPoint] = []
    for ring in _rings(points).values():
        out.extend(_open_ring(ring))
    return out


def nearest_points(points: Sequence[SurveyPoint], x: Decimal, y: Decimal, k: int = 2) -> list[str]:
    """Names of the ``k`` surveyed points nearest to (x, y), nearest first."""
    ranked = sorted(points, key=lambda p: (p.x - x) ** 2 + (p.y - y) ** 2)
    names: list[str] = []
    for p in ranked:
        if p.name not in names:
            names.append(p.name)
        if len(names) == k:
            break
    return names


# GEOS reasons → problem codes (so the message can say it in Chinese)
_REASONS = {
    "Self-intersection": "land.polygon_self_intersection",
    "Ring Self-intersection": "land.polygon_self_intersection",
    "Hole lies outside shell": "land.polygon_hole_outside",
    "Nested holes": "land.polygon_nested_holes",
    "Interior is disconnected": "land.polygon_interior_disconnected",
    "Too few points": "land.polygon_too_few_points",
    "Duplicate Rings": "land.polygon_duplicate_rings",
}


def _invalid_problem(reason: str, points: Sequence[SurveyPoint], code: str) -> Problem:
    fields: dict[str, Any] = {"code": code, "reason": reason}
    m = _LOCATION.search(reason)
    if m:
        easting, northing = quantize_coord(m.group(1)), quantize_coord(m.group(2))
        fields.update(
            x=northing.quantize(Decimal("0.001")),
            y=easting.quantize(Decimal("0.001")),
            near="、".join(nearest_points(points, northing, easting)),
        )
        fields["reason"] = reason[: m.start()].strip()
        near = nearest_points(points, northing, easting, 1)
        rows = [p.row for p in points if p.row is not None and p.name in near] or [
            p.row for p in points if p.row is not None
        ]
        if rows:
            fields["row"] = rows[0]
        fields.setdefault("ring", 1)
        fields.setdefault("points", "")
        return Problem(_REASONS.get(str(fields["reason"]), "land.polygon_invalid_at"), fields)
    return Problem("land.polygon_invalid", fields)


def polygon_from_points(points: Sequence[SurveyPoint], *, code: str = "") -> Polygon:
    """The polygon the surveyed points describe (ring 1 = shell, 2.. = holes).

    Raises ``GeometryError`` with every problem found; never repairs anything.
    """
    import shapely
    from shapely.geometry import Polygon
    from shapely.geometry.polygon import orient

    problems: list[Problem] = []
    rings = _rings(points)
    if 1 not in rings:
        problems.append(Problem("land.polygon_no_outer_ring", {"code": code, "rings": sorted(rings)}))
    coords: dict[int, list[tuple[float, float]]] = {}
    for number, ring in rings.items():
        open_ring = _open_ring(ring)
        distinct = {(p.x, p.y) for p in open_ring}
        if len(distinct) < 3:
            problems.append(
                Problem(
                    "land.polygon_too_few_points",
                    {
                        "code": code,
                        "ring": number,
                        "points": len(distinct),
                        "row": ring[0].row if ring[0].row is not None else "",
                    },
                )
            )
            continue
        coords[number] = [(float(p.y), float(p.x)) for p in open_ring]
    if problems:
        raise GeometryError(problems)
    shell = coords[1]
    holes = [c for n, c in coords.items() if n != 1]
    polygon = Polygon(shell, holes)
    if not shapely.is_valid(polygon):
        raise GeometryError([_invalid_problem(shapely.is_valid_reason(polygon), points, code)])
    return orient(polygon, sign=1.0)


def validate_polygon(polygon: Any, *, code: str = "") -> list[Problem]:
    """Problems with a polygon read from WKT/GeoJSON/Shapefile (empty list when valid)."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(polygon, MultiPolygon) and len(polygon.geoms) == 1:
        polygon = polygon.geoms[0]
    if not isinstance(polygon, Polygon):
        return [
            Problem("land.polygon_wrong_type", {"code": code, "type": getattr(polygon, "geom_type", "?")})
        ]
    if polygon.is_empty:
        return [Problem("land.polygon_too_few_points", {"code": code, "ring": 1, "points": 0, "row": ""})]
    if not shapely.is_valid(polygon):
        pts = points_from_polygon(polygon, validate=False)
        return [_invalid_problem(shapely.is_valid_reason(polygon), pts, code)]
    return []


def single_polygon(geometry: Any) -> Polygon:
    """A one-part MultiPolygon as its Polygon; anything else unchanged."""
    from shapely.geometry import MultiPolygon

    if isinstance(geometry, MultiPolygon) and len(geometry.geoms) == 1:
        return geometry.geoms[0]
    return geometry


def require_polygon(geometry: Any, code: str = "") -> Polygon:
    """The parcel polygon of an imported geometry: a Polygon, or a MultiPolygon of one part
    (QGIS's default) as that Polygon. A multi-part parcel (``land.multipart_parcel``) and
    every other type — LineString, Point, MultiPatch … (``land.polygon_wrong_type``) — are
    refused with one line: a parcel is stored as one polygon with holes."""
    from shapely.geometry import MultiPolygon
    from shapely.geometry import Polygon as ShapelyPolygon

    geometry = single_polygon(geometry)
    if isinstance(geometry, ShapelyPolygon):
        return geometry
    if isinstance(geometry, MultiPolygon):
        raise GeometryError([Problem("land.multipart_parcel", {"code": code, "parts": len(geometry.geoms)})])
    raise GeometryError([Problem("land.polygon_wrong_type", {"code": code, "type": geometry.geom_type})])


def _ring_points(coords: Iterable[tuple[float, float]], ring: int, start: int) -> list[SurveyPoint]:
    pts = list(coords)[:-1]  # shapely repeats the first point last
    return [
        SurveyPoint(f"J{start + i}", quantize_coord(n), quantize_coord(e), ring)
        for i, (e, n) in enumerate(pts)
    ]


def points_from_polygon(polygon: Polygon, *, validate: bool = True) -> list[SurveyPoint]:
    """Surveyed points of a polygon: J1… numbered through all rings, shell clockwise from its
    northernmost-westernmost vertex as surveyors usually start, holes after it."""
    from shapely.geometry.polygon import orient

    if validate:
        polygon = orient(polygon, sign=-1.0)  # clockwise shell, as 界址点 are usually numbered
    shell = list(polygon.exterior.coords)[:-1]
    if validate and shell:
        first = max(range(len(shell)), key=lambda i: (shell[i][1], -shell[i][0]))
        shell = shell[first:] + shell[:first]
    out = _ring_points([*shell, shell[0]] if shell else [], 1, 1)
    for n, hole in enumerate(polygon.interiors, start=2):
        out += _ring_points(hole.coords, n, len(out) + 1)
    return out


def _shoelace2(ring: Sequence[tuple[Decimal, Decimal]]) -> Decimal:
    total = Decimal(0)
    for i, (x1, y1) in enumerate(ring):
        x2, y2 = ring[(i + 1) % len(ring)]
        total += x1 * y2 - x2 * y1
    return total


def _decimal_ring(coords: Iterable[tuple[float, float]]) -> list[tuple[Decimal, Decimal]]:
    pts = [(quantize_coord(e), quantize_coord(n)) for e, n in coords]
    return pts[:-1] if len(pts) > 1 and pts[0] == pts[-1] else pts


def area_m2(polygon: Polygon) -> Decimal:
    """The polygon's area in ㎡: the shoelace formula over its coordinates as exact decimals
    (on the stored 0.1 mm grid), rounded half-even to the stored area scale.

    Floating-point shoelace at Gauss-Krüger magnitudes (3.3e6 m) loses about 1e-3 ㎡;
    exact decimals do not, so 100 m × 100 m is exactly 10 000 ㎡ (15 亩).
    """
    shell = abs(_shoelace2(_decimal_ring(polygon.exterior.coords)))
    holes = sum((abs(_shoelace2(_decimal_ring(h.coords))) for h in polygon.interiors), Decimal(0))
    return ((shell - holes) / 2).quantize(_AREA_Q, rounding=ROUND_HALF_EVEN)


def edge_lengths(points: Sequence[SurveyPoint]) -> list[Decimal]:
    """The length (m, 3 places) of the edge from each point to the next one of its ring."""
    out: list[Decimal] = []
    for ring in _rings(points).values():
        open_ring = _open_ring(ring)
        for i, p in enumerate(open_ring):
            q = open_ring[(i + 1) % len(open_ring)]
            d2 = (q.x - p.x) ** 2 + (q.y - p.y) ** 2
            out.append(d2.sqrt().quantize(Decimal("0.001"), rounding=ROUND_HALF_EVEN))
    return out


def polygon_from_wkt(text: str) -> Any:
    """Parse WKT; raises ``GeometryError`` (code land.wkt_unreadable) when it cannot be read."""
    import shapely

    try:
        return shapely.from_wkt(text.strip())
    except Exception as exc:  # shapely raises GEOSException; its text says where
        raise GeometryError([Problem("land.wkt_unreadable", {"reason": str(exc)[:200]})]) from exc


def polygon_to_wkt(polygon: Polygon) -> str:
    """WKT in the stored frame, easting northing order, coordinates to 0.1 mm."""
    import shapely

    return str(shapely.to_wkt(polygon, rounding_precision=COORD_SCALE, trim=True))
