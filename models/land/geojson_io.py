"""GeoJSON in and out for the ``plots`` kind, and the feature → row mapping the
Shapefile reader shares.

In: the frame comes from the (legacy) ``crs`` member when present, otherwise
RFC 7946's WGS84 longitude/latitude. Geometry is transformed into EPSG:4549 with
pyproj and handed to the ``plots`` loader as WKT; properties are matched to the
kind's columns by header, synonym or key. Out: EPSG:4549 with a ``crs`` member
(exact, what QGIS and ArcGIS read), or WGS84 per RFC 7946 with ``crs=EPSG:4326``.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

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
    t = unicodedata.normalize("NFKC", text)
    if "亩" in t:
        return AreaUnit.MU
    if "公顷" in t or "ha" in t.lower():
        return AreaUnit.HA
    if "㎡" in t or "m2" in t.lower() or "平方米" in t or "m²" in t:
        return AreaUnit.M2
    return None


def match_columns(names: Iterable[str], columns: Sequence[Column]) -> dict[str, Column]:
    """Property/field name → column, by key, header or synonym (spaces, width, unit ignored)."""
    index: dict[str, Column] = {}
    for c in columns:
        for label in (c.key, c.header, *c.synonyms):
            index.setdefault(normalize_header(label), c)
    return {n: index[normalize_header(n)] for n in names if normalize_header(n) in index}


def feature_row(sheet: str, number: int, props: Mapping[str, Any], geometry: Any,
                columns: Sequence[Column], ctx: ImportContext) -> SourceRow:
    """A row of the ``plots`` kind from one feature: properties parsed by their columns,
    geometry (already in the stored frame) as WKT under ``wkt``."""
    row = SourceRow(sheet, number, {}, raw={}, headers={})
    for name, column in match_columns(props.keys(), columns).items():
        value = props[name]
        row.headers[column.key] = name
        row.raw[column.key] = value
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        unit = _unit_from_header(name) if column.quantity == "area" else None
        cell_ctx = CellContext(area_unit=unit or (column.unit if isinstance(column.unit, AreaUnit)
                                                  else AreaUnit.M2), choices=column.choices)
        try:
            row.values[column.key] = column.parse(value, cell_ctx)
        except CellError as exc:
            ctx.problem(row, column.key, exc.code, **exc.fields)
    row.headers.setdefault("wkt", "geometry")
    if geometry is not None:
        row.values["wkt"] = polygon_to_wkt(geometry)
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


def to_stored(geometry: Any, source: str | None, sheet: str, ctx: ImportContext) -> Any:
    """``geometry`` in EPSG:4549. ``source`` None: WGS84 when it looks geographic (RFC 7946),
    else EPSG:4549 when inside Lin'an's range (said to the user), else refused."""
    from models.errors import Problem

    if source is None:
        if looks_geographic(geometry.bounds):
            source = "EPSG:4326"
        else:
            e, n = geometry.bounds[0], geometry.bounds[1]
            if coords.classify(Decimal(repr(n)), Decimal(repr(e))) is coords.Frame.PLAIN:
                ctx.notes.append(Problem("land.crs_assumed_stored", {"file": sheet}, "warning"))
                return geometry
            raise ValueError("land.crs_missing")
    crs = coords.parse_crs(source)
    return coords.transform_geometry(geometry, crs)


def read_geojson(path: Path, ctx: ImportContext, columns: Sequence[Column]) -> list[SourceRow]:
    from shapely.geometry import shape

    from models.errors import Problem

    data = json.loads(path.read_text(encoding="utf-8-sig"))
    features = data.get("features", []) if data.get("type") == "FeatureCollection" else [data]
    source = crs_of_geojson(data)
    rows: list[SourceRow] = []
    for number, feature in enumerate(features, start=1):
        geom_json = feature.get("geometry")
        geometry = None
        if geom_json:
            try:
                geometry = to_stored(shape(geom_json), source, path.name, ctx)
            except ValueError as exc:
                row = SourceRow(path.name, number, {})
                code = str(exc) if str(exc).startswith("land.") else "land.crs_unreadable"
                ctx.problems.append(_problem(row, Problem(code, {"file": path.name, "crs": source or ""})))
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


def write_geojson(path: Path, records: Iterable[tuple[Mapping[str, Any], Any]], *, crs: str = "EPSG:4549") -> int:
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
        features.append({"type": "Feature", "properties": {k: _jsonable(v) for k, v in props.items()},
                         "geometry": mapping(geometry) if geometry is not None else None})
    doc: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if target.to_epsg() != 4326:
        doc["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{target.to_epsg()}"}}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(features)


def _apply(transformer: Any, coords_: Any) -> Any:
    import numpy as np

    xs, ys = transformer.transform(coords_[:, 0], coords_[:, 1])
    return np.column_stack([xs, ys])
