"""GeoJSON in and out for the ``plots`` kind, and the feature → row mapping the
Shapefile reader shares.

In: the frame comes from the (legacy) ``crs`` member when present, otherwise
RFC 7946's WGS84 longitude/latitude. Geometry is transformed into EPSG:4549 with
pyproj and handed to the ``plots`` loader as WKT; properties are matched to the
kind's columns by header, synonym or key. Out: EPSG:4549 with a ``crs`` member
(exact, what QGIS and ArcGIS read), or WGS84 per RFC 7946 with ``crs=EPSG:4326``.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from models.exchange.parsers import MAX_TEXT, parse_text
from models.exchange.spec import CellContext, CellError, Column, ImportContext, SourceRow
from models.land import coords
from models.land.geometry import polygon_to_wkt
from models.units import AreaUnit


def normalize_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip().lower().replace(" ", "")
    for open_, close in (("(", ")"), ("[", "]")):
        if text.endswith(close) and open_ in text:
            text = text[: text.rindex(open_)]
    return text


def _unit_from_header(text: str) -> AreaUnit | None:
    """The area unit a property name carries, by the engine's unit table: ``证载面积(hm²)`` is
    hectares, ``面积（亩）`` mu, ``面积㎡`` square metres."""
    from models.exchange.headers import normalize_header as header_of

    h = header_of(text)
    unit = h.unit if h.unit is not None else h.suffix_unit
    return unit if isinstance(unit, AreaUnit) else None


def unused_properties(
    sheet: str, names: Iterable[str], columns: Sequence[Column], ctx: ImportContext
) -> None:
    """Say which properties of a file no column takes (they are not imported)."""
    from models.errors import Problem

    names = list(dict.fromkeys(names))
    used = match_columns(names, columns)
    unused = [n for n in names if n not in used]
    if unused:
        ctx.notes.append(
            Problem("land.unused_properties", {"file": sheet, "names": "、".join(unused)}, "info")
        )


_MATCHED: dict[tuple[int, tuple[str, ...]], tuple[Sequence[Column], dict[str, Column]]] = {}


def match_columns(names: Iterable[str], columns: Sequence[Column]) -> dict[str, Column]:
    """Property/field name → column, by key, header or synonym (spaces, width, unit ignored).
    Remembered per (columns, names): every feature of a file has the same names."""
    names = tuple(names)
    cache_key = (id(columns), names)
    hit = _MATCHED.get(cache_key)
    if hit is not None and hit[0] is columns:
        return hit[1]
    index: dict[str, Column] = {}
    for c in columns:
        for label in (c.key, c.header, *c.synonyms):
            index.setdefault(normalize_header(label), c)
    found = {n: index[normalize_header(n)] for n in names if normalize_header(n) in index}
    if len(_MATCHED) > 64:
        _MATCHED.clear()
    _MATCHED[cache_key] = (columns, found)
    return found


def feature_row(
    sheet: str,
    number: int,
    props: Mapping[str, Any],
    geometry: Any,
    columns: Sequence[Column],
    ctx: ImportContext,
    *,
    wkt: str | None = None,
) -> SourceRow:
    """A row of the ``plots`` kind from one feature: properties parsed by their columns,
    geometry (already in the stored frame) as WKT under ``wkt`` (given, when a whole file's
    were written at once, or written here)."""
    row = SourceRow(sheet, number, {}, raw={}, headers={})
    for name, column in match_columns(props.keys(), columns).items():
        value = props[name]
        row.headers[column.key] = name
        row.raw[column.key] = value
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if (
            column.parse is parse_text
            and value.__class__ is str
            and len(value) <= MAX_TEXT
            and value.isprintable()
        ):
            row.values[column.key] = value.strip()  # parse_text's common case, without a CellContext
            continue
        unit = _unit_from_header(name) if column.quantity == "area" else None
        cell_ctx = CellContext(
            area_unit=unit or (column.unit if isinstance(column.unit, AreaUnit) else AreaUnit.M2),
            choices=column.choices,
            options=ctx.options,
        )
        try:
            row.values[column.key] = column.parse(value, cell_ctx)
        except CellError as exc:
            ctx.problem(row, column.key, exc.code, **exc.fields)
        for warning in cell_ctx.warnings:
            ctx.problem(row, column.key, warning.code, severity="warning", **warning.fields)
    row.headers.setdefault("wkt", "geometry")
    if geometry is not None:
        row.values["wkt"] = wkt if wkt is not None else polygon_to_wkt(geometry)
        row.raw["wkt"] = row.values["wkt"][:60]
    return row


def looks_geographic(bounds: Sequence[float]) -> bool:
    minx, miny, maxx, maxy = bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def crs_of_geojson(data: Mapping[str, Any]) -> str | None:
    crs = data.get("crs")
    if isinstance(crs, Mapping):
        props = crs.get("properties") or {}
        name = props.get("name") if isinstance(props, Mapping) else None
        return str(name) if name else None
    return None


class FrameError(ValueError):
    """The geometry's frame is unknown or puts it outside Lin'an; ``problem`` says which."""

    def __init__(self, problem: Any) -> None:
        super().__init__(problem.code)
        self.problem = problem


def _check_range(geometry: Any, source: str) -> Any:
    from models.errors import Problem

    if geometry.is_empty:
        return geometry
    import math

    e, n = geometry.bounds[0], geometry.bounds[1]
    finite = math.isfinite(e) and math.isfinite(n)
    if not finite or coords.classify(Decimal(repr(n)), Decimal(repr(e))) is not coords.Frame.PLAIN:
        raise FrameError(
            Problem(
                "land.coords_outside_crs",
                {
                    "x": Decimal(repr(n)).quantize(Decimal("0.001")) if finite else "∞",
                    "y": Decimal(repr(e)).quantize(Decimal("0.001")) if finite else "∞",
                    "crs": source,
                    **coords.range_fields(),
                },
            )
        )
    return geometry


def to_stored(geometry: Any, source: str | None, sheet: str, ctx: ImportContext) -> Any:
    """``geometry`` in EPSG:4549. ``source`` None: WGS84 when it looks geographic (RFC 7946),
    else EPSG:4549 when inside Lin'an's range (said to the user), else refused. Xian 1980 /
    Beijing 1954 frames are refused unless the ``towgs84`` option gives the seven parameters."""
    import shapely

    from models.errors import Problem

    if source is None and ctx.options.get("crs"):
        source = str(ctx.options["crs"])  # the clerk named the frame of a file that names none
    if source is None:
        if looks_geographic(geometry.bounds):
            source = "EPSG:4326"
        else:
            e, n = geometry.bounds[0], geometry.bounds[1]
            if coords.classify(Decimal(repr(n)), Decimal(repr(e))) is coords.Frame.PLAIN:
                ctx.notes.append(Problem("land.crs_assumed_stored", {"file": sheet}, "warning"))
                return geometry
            raise FrameError(Problem("land.crs_missing", {"file": sheet, "crs": ""}))
    towgs84 = str(ctx.options.get("towgs84") or "")
    try:
        transformer, label = _file_transform(source, towgs84)
    except _Unreadable:
        raise FrameError(Problem("land.crs_unreadable", {"file": sheet, "crs": source[:60]})) from None
    except _BadParameters:
        raise FrameError(Problem("land.towgs84_unreadable", {"value": towgs84})) from None
    except coords.NeedsParameters as exc:
        raise FrameError(
            Problem("land.crs_needs_parameters", {"file": sheet, "crs": exc.crs, "datum": exc.datum})
        ) from None
    if transformer is not None:
        geometry = shapely.transform(geometry, functools.partial(_apply, transformer))
    return _check_range(geometry, label)


def to_stored_many(geometries: list[Any], source: str | None, sheet: str, ctx: ImportContext) -> list[Any]:
    """``to_stored`` of a whole file's polygons at once when the file names its frame: one
    Transformer and one vectorised transform over every coordinate. Each item is the stored
    geometry or the ``FrameError`` that refuses it."""
    import numpy as np
    import shapely

    from models.errors import Problem

    if source is None and ctx.options.get("crs"):
        source = str(ctx.options["crs"])
    if source is None or not geometries:
        out: list[Any] = []
        for g in geometries:
            try:
                out.append(to_stored(g, source, sheet, ctx))
            except FrameError as exc:
                out.append(exc)
        return out
    towgs84 = str(ctx.options.get("towgs84") or "")
    try:
        transformer, label = _file_transform(source, towgs84)
    except _Unreadable:
        error = FrameError(Problem("land.crs_unreadable", {"file": sheet, "crs": source[:60]}))
        return [error] * len(geometries)
    except _BadParameters:
        return [FrameError(Problem("land.towgs84_unreadable", {"value": towgs84}))] * len(geometries)
    except coords.NeedsParameters as exc:
        error = FrameError(
            Problem("land.crs_needs_parameters", {"file": sheet, "crs": exc.crs, "datum": exc.datum})
        )
        return [error] * len(geometries)
    moved = (
        shapely.transform(np.array(geometries, dtype=object), functools.partial(_apply, transformer))
        if transformer is not None
        else np.array(geometries, dtype=object)
    )
    inside = _plainly_inside(moved)
    out = []
    for g, ok in zip(moved, inside, strict=True):
        try:
            out.append(g if ok else _check_range(g, label))
        except FrameError as exc:
            out.append(exc)
    return out


def _plainly_inside(geometries: Any) -> Any:
    """Per geometry, whether ``_check_range`` would pass it (its south-west corner is a finite
    point in Lin'an's range, read plainly), for a whole file at once; the others go through
    ``_check_range`` for their message. Floats compare with the integral range bounds as
    their decimal ``repr`` would."""
    import numpy as np
    import shapely

    bounds = shapely.bounds(geometries)
    e, n = bounds[:, 0], bounds[:, 1]
    (x0, x1), (y0, y1) = coords.X_RANGE, coords.Y_RANGE
    with np.errstate(invalid="ignore"):
        return (
            ~shapely.is_empty(geometries)
            & np.isfinite(e)
            & np.isfinite(n)
            & (float(x0) <= n)
            & (n <= float(x1))
            & (float(y0) <= e)
            & (e <= float(y1))
        )


class _Unreadable(ValueError):
    pass


class _BadParameters(ValueError):
    pass


@functools.lru_cache(maxsize=16)
def _file_transform(source: str, towgs84: str) -> tuple[Any, str]:
    """The one Transformer (None: already EPSG:4549) and label of a file's frame: the .prj or
    ``crs`` is parsed once and the Transformer built once, not once per feature."""
    try:
        crs = coords.parse_crs(source)
    except ValueError:
        raise _Unreadable(source) from None
    if towgs84:
        try:
            return coords.with_towgs84(crs, towgs84), coords.crs_label(crs)
        except Exception:  # noqa: BLE001 - pyproj's CRSError or a bad number: the parameters are wrong
            raise _BadParameters(towgs84) from None
    return coords.stored_transformer(crs), coords.crs_label(crs)


def parcel_geometry(geometry: Any, number: int) -> Any:
    """The polygon of a feature (a one-part MultiPolygon as its polygon), or a FrameError-like
    one-line refusal for other types and multi-part parcels."""
    from models.errors import Problem
    from models.land.geometry import GeometryError, require_polygon

    try:
        return require_polygon(geometry, str(number))
    except GeometryError as exc:
        p = exc.problems[0]
        if p.code == "land.polygon_wrong_type":
            raise FrameError(
                Problem("land.geometry_type_refused", {"row": number, "type": p.fields["type"]})
            ) from None
        raise FrameError(p) from None


def read_geojson(path: Path, ctx: ImportContext, columns: Sequence[Column]) -> list[SourceRow]:
    from shapely.geometry import shape

    data = json.loads(path.read_text(encoding="utf-8-sig"))
    features = data.get("features", []) if data.get("type") == "FeatureCollection" else [data]
    source = crs_of_geojson(data)
    unused_properties(path.name, (n for f in features for n in (f.get("properties") or {})), columns, ctx)
    rows: list[SourceRow] = []
    for number, feature in enumerate(features, start=1):
        geom_json = feature.get("geometry")
        geometry = None
        if geom_json:
            try:
                geometry = to_stored(parcel_geometry(shape(geom_json), number), source, path.name, ctx)
            except FrameError as exc:
                ctx.problems.append(_problem(SourceRow(path.name, number, {}), exc.problem))
                continue
        rows.append(feature_row(path.name, number, feature.get("properties") or {}, geometry, columns, ctx))
    return rows


def _problem(row: SourceRow, problem: Any) -> Any:
    from models.exchange.spec import RowProblem

    return RowProblem(sheet=row.sheet, row=row.row, column=None, value=None, problem=problem)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_geojson(
    path: Path, records: Iterable[tuple[Mapping[str, Any], Any]], *, crs: str = "EPSG:4549"
) -> int:
    """Features from (properties, geometry in EPSG:4549) pairs; returns the count written."""
    import shapely
    from shapely.geometry import mapping

    target = coords.parse_crs(crs)
    features = []
    for props, geometry in records:
        if geometry is not None and target.to_epsg() != coords.STORED_EPSG:
            from pyproj import CRS, Transformer

            tr = Transformer.from_crs(CRS.from_epsg(coords.STORED_EPSG), target, always_xy=True)
            geometry = shapely.transform(geometry, lambda a, t=tr: _apply(t, a))
        features.append(
            {
                "type": "Feature",
                "properties": {k: _jsonable(v) for k, v in props.items()},
                "geometry": mapping(geometry) if geometry is not None else None,
            }
        )
    doc: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if target.to_epsg() != 4326:
        doc["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{target.to_epsg()}"}}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(features)


def _apply(transformer: Any, coords_: Any) -> Any:
    import numpy as np

    xs, ys = transformer.transform(coords_[:, 0], coords_[:, 1])
    return np.column_stack([xs, ys])
