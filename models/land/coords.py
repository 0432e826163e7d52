"""Which frame a coordinate table is in, and transforms into the stored frame.

The stored frame is CGCS2000 / 3-degree Gauss-Krüger CM 120°E, EPSG:4549 (false
easting 500 000 m). Surveyors often prefix the zone number 40 to Y (EPSG:4528,
false easting 40 500 000 m) and sometimes swap the X and Y columns. Lin'an's
extent (docs/domain.md §2: X ≈ 3 312 000–3 366 000, Y ≈ 388 000–488 000) tells these
cases apart cheaply. What was found is *told* to the user: by default a swapped
or zone-prefixed table is refused with the evidence, and the clerk confirms the
correction with the import options ``swap_xy`` / ``strip_zone`` (a ministry TXT
whose header declares 带号=40 confirms the prefix itself).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

STORED_EPSG = 4549
ZONE = 40
ZONE_OFFSET = Decimal(ZONE) * Decimal(1_000_000)
ZONE_PREFIXED_EPSG = 4528
# A margin of 20 km around the district keeps plots just over the border readable.
X_RANGE = (Decimal(3_292_000), Decimal(3_386_000))
Y_RANGE = (Decimal(368_000), Decimal(508_000))


class Frame(StrEnum):
    PLAIN = "plain"  # X northing, Y easting, no zone prefix: EPSG:4549
    PREFIXED = "prefixed"  # Y carries the zone 40: EPSG:4528
    SWAPPED = "swapped"  # the X column holds eastings, the Y column northings
    SWAPPED_PREFIXED = "swapped_prefixed"
    UNKNOWN = "unknown"  # outside Lin'an in every reading


def _in(v: Decimal, r: tuple[Decimal, Decimal]) -> bool:
    return r[0] <= v <= r[1]


def classify(x: Decimal, y: Decimal) -> Frame:
    """The reading under which (x, y) — as the table's X and Y columns — lies in Lin'an."""
    if _in(x, X_RANGE):
        if _in(y, Y_RANGE):
            return Frame.PLAIN
        if _in(y - ZONE_OFFSET, Y_RANGE):
            return Frame.PREFIXED
    if _in(y, X_RANGE):
        if _in(x, Y_RANGE):
            return Frame.SWAPPED
        if _in(x - ZONE_OFFSET, Y_RANGE):
            return Frame.SWAPPED_PREFIXED
    return Frame.UNKNOWN


@dataclass(frozen=True)
class FrameReport:
    """What a table's coordinates look like: the frame most points are in, the counts per
    frame, and an example point of the dominant frame (as the table wrote it)."""

    frame: Frame
    counts: dict[Frame, int]
    example: tuple[Decimal, Decimal] | None

    @property
    def mixed(self) -> bool:
        return len([f for f, n in self.counts.items() if n]) > 1


def detect(points: Sequence[tuple[Decimal, Decimal]]) -> FrameReport:
    counts: dict[Frame, int] = {}
    examples: dict[Frame, tuple[Decimal, Decimal]] = {}
    for x, y in points:
        f = classify(x, y)
        counts[f] = counts.get(f, 0) + 1
        examples.setdefault(f, (x, y))
    if not counts:
        return FrameReport(Frame.PLAIN, {}, None)
    frame = max(counts, key=lambda f: counts[f])
    return FrameReport(frame, counts, examples[frame])


def correct(x: Decimal, y: Decimal, *, swap_xy: bool, strip_zone: bool) -> tuple[Decimal, Decimal]:
    """(X, Y) as read → (northing, easting) in EPSG:4549, applying the confirmed corrections."""
    if swap_xy:
        x, y = y, x
    if strip_zone and y >= ZONE_OFFSET:
        y -= ZONE_OFFSET
    return x, y


def frame_problem_code(frame: Frame, *, swap_xy: bool, strip_zone: bool) -> str | None:
    """The problem code when ``frame`` is not what the confirmed options make acceptable."""
    needs_swap = frame in (Frame.SWAPPED, Frame.SWAPPED_PREFIXED)
    needs_strip = frame in (Frame.PREFIXED, Frame.SWAPPED_PREFIXED)
    if frame is Frame.UNKNOWN:
        return "land.coords_outside_range"
    if needs_swap and not swap_xy:
        return "land.coords_swapped_xy" if not needs_strip or strip_zone else "land.coords_swapped_prefixed"
    if needs_strip and not strip_zone:
        return "land.coords_zone_prefix"
    if swap_xy and not needs_swap:
        return "land.coords_swap_not_needed"
    return None


def range_fields() -> dict[str, Any]:
    return {"x_min": X_RANGE[0], "x_max": X_RANGE[1], "y_min": Y_RANGE[0], "y_max": Y_RANGE[1]}


# --- pyproj -------------------------------------------------------------------------------


def crs_label(crs: Any) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else str(crs.name)


@functools.lru_cache(maxsize=32)
def parse_crs(text: str) -> Any:
    """A pyproj CRS from EPSG codes, URNs, WKT (a .prj) or PROJ strings. Raises ValueError.
    Cached: a file's frame is parsed once, not once per feature."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        return CRS.from_user_input(text.strip())
    except CRSError as exc:
        raise ValueError(str(exc)) from exc


# Datums whose difference from CGCS2000 is below a survey's precision (a few cm): PROJ's
# "ballpark" null offset between them is right. For any other datum (Xian 1980, Beijing
# 1954 …) a ballpark offset is 1.5 m to 100 m off, so it is refused.
NULL_OFFSET_DATUMS = (
    "China 2000",
    "China Geodetic Coordinate System 2000",
    "World Geodetic System 1984",
    "WGS 84",
    "WGS84",
)


class NeedsParameters(ValueError):
    """No exact transformation from the source frame into CGCS2000 is known."""

    def __init__(self, crs: str, datum: str) -> None:
        super().__init__(crs)
        self.crs, self.datum = crs, datum


def _datum_name(crs: Any) -> str:
    geodetic = crs.geodetic_crs
    datum = getattr(geodetic, "datum", None) if geodetic is not None else None
    return str(getattr(datum, "name", "") or "")


class _ViaWgs84:
    """A seven-parameter (Helmert) step into WGS 84, then WGS 84 → EPSG:4549 (a null offset:
    the two datums agree within centimetres)."""

    def __init__(self, bound: Any) -> None:
        from pyproj import Transformer

        self.first = Transformer.from_crs(bound, "EPSG:4326", always_xy=True)
        self.second = Transformer.from_crs("EPSG:4326", f"EPSG:{STORED_EPSG}", always_xy=True)

    def transform(self, xs: Any, ys: Any) -> Any:
        return self.second.transform(*self.first.transform(xs, ys))


def with_towgs84(crs: Any, params: str) -> Any:
    """A transformer from ``crs`` into EPSG:4549 through a user-supplied seven-parameter
    (Helmert, Bursa-Wolf) transformation to WGS 84 — ``dx,dy,dz`` (m), ``rx,ry,rz`` (″),
    ``ds`` (ppm): the file's official parameters. Raises ValueError if they are not 7 numbers."""
    from pyproj.crs import BoundCRS
    from pyproj.crs.coordinate_operation import ToWGS84Transformation

    values = [v for v in params.replace("，", ",").replace(" ", ",").split(",") if v]
    if len(values) != 7:
        raise ValueError(params)
    numbers = [float(Decimal(v)) for v in values]
    bound = BoundCRS(
        source_crs=crs,
        target_crs="EPSG:4326",
        transformation=ToWGS84Transformation(crs.geodetic_crs, *numbers),
    )
    return _ViaWgs84(bound)


@functools.lru_cache(maxsize=32)
def stored_transformer(source_crs: Any) -> Any:
    """One pyproj ``Transformer`` from ``source_crs`` into EPSG:4549 (cached per frame), or None
    when the source is EPSG:4549. Raises ``NeedsParameters`` when PROJ knows only a "ballpark"
    offset from a datum other than WGS 84 / CGCS2000 (Xian 1980, Beijing 1954)."""
    from pyproj import CRS, Transformer

    target = CRS.from_epsg(STORED_EPSG)
    if source_crs == target:
        return None
    transformer = Transformer.from_crs(source_crs, target, always_xy=True)
    ballpark = "ballpark" in (transformer.description or "").lower()
    datum = _datum_name(source_crs)
    if ballpark and not any(name.lower() in datum.lower() for name in NULL_OFFSET_DATUMS):
        raise NeedsParameters(crs_label(source_crs), datum)
    return transformer


def transform_geometry(geometry: Any, source_crs: Any) -> Any:
    """``geometry`` (shapely, axis order easting/longitude first) from ``source_crs`` into
    EPSG:4549. Returned unchanged when the source already is EPSG:4549. Raises
    ``NeedsParameters`` (see ``stored_transformer``)."""
    import shapely

    transformer = stored_transformer(source_crs)
    if transformer is None:
        return geometry

    def fn(coords: Any) -> Any:
        import numpy as np

        xs, ys = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([xs, ys])

    return shapely.transform(geometry, fn)


def is_geographic(crs: Any) -> bool:
    return bool(crs.is_geographic)
