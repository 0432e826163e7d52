"""ESRI Shapefile in and out for the ``plots`` kind (pyshp), with the .prj and .cpg.

In: the frame is read from the ``.prj`` (WKT) beside the ``.shp`` and transformed into
EPSG:4549 with pyproj; without a ``.prj`` the coordinates are taken as EPSG:4549 only
when they lie in Lin'an's range, and the user is told so. Attribute text is decoded
per the ``.cpg`` (default GBK, what Chinese ArcGIS writes; UTF-8 tried first).
Out: polygons in EPSG:4549 with a ``.prj`` (ESRI WKT) and a UTF-8 ``.cpg``.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from models.errors import Problem
from models.exchange.spec import Column, ImportContext, RowProblem, SourceRow
from models.land import coords
from models.land.geojson_io import FrameError, feature_row, parcel_geometry, to_stored_many, unused_properties

_POLYGON_TYPES = (5, 15, 25)  # POLYGON, POLYGONZ, POLYGONM

# pyshp logs ring-orientation remarks ("Possible issue encountered when converting Shape #2 …")
# to its own logger, which without a handler Python prints on stderr; what matters of them
# (a hole-only ring read as the parcel, orphaned holes as further parts) comes back as the
# parcel or as a one-line refusal of a multi-part parcel.
logging.getLogger("shapefile").addHandler(logging.NullHandler())
logging.getLogger("shapefile").propagate = False


def _encoding(path: Path) -> str | None:
    """The .dbf's text encoding: as its .cpg says, else UTF-8 if every record decodes
    strictly as UTF-8 (QGIS and our exports), else GB18030 if every record decodes strictly
    as that (Chinese ArcGIS), else None (the file is refused rather than read garbled)."""
    import shapefile

    cpg = path.with_suffix(".cpg")
    if cpg.exists():
        name = cpg.read_text(encoding="ascii", errors="ignore").strip().lower()
        if name in ("utf-8", "utf8", "65001"):
            return "utf-8"
        if name in ("gbk", "936", "cp936", "gb2312", "gb18030"):
            return "gb18030"
    text = _dbf_text_bytes(path.with_suffix(".dbf"))
    if text is None:  # not a plain dBASE layout: let pyshp decode record by record
        for candidate in ("utf-8", "gb18030"):
            try:
                with (
                    warnings.catch_warnings(action="ignore"),
                    shapefile.Reader(str(path), encoding=candidate, encodingErrors="strict") as reader,
                ):
                    for _ in reader.iterRecords():
                        pass
            except (UnicodeDecodeError, shapefile.ShapefileException):
                continue
            return candidate
        return None
    for candidate in ("utf-8", "gb18030"):
        try:
            text.decode(candidate)
        except UnicodeDecodeError:
            continue
        return candidate
    return None


def _dbf_text_bytes(dbf: Path) -> bytes | None:
    """The bytes of a .dbf that hold text — field names and the records (numbers, dates and
    flags there are ASCII) — without the binary header, or None if the header is odd."""
    import struct

    try:
        data = dbf.read_bytes()
    except OSError:
        return None
    if len(data) < 32:
        return None
    header_len = struct.unpack_from("<H", data, 8)[0]
    if not 33 <= header_len <= len(data):
        return None
    names = b"".join(
        data[off : off + 11].split(b"\x00", 1)[0] + b" "
        for off in range(32, header_len - 31, 32)
        if data[off] != 0x0D
    )
    return names + data[header_len:].rstrip(b"\x1a")


def _prj(path: Path) -> str | None:
    for candidate in (path.with_suffix(".prj"), path.with_suffix(".PRJ")):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8", errors="replace")
    return None


def read_shapefile(path: Path, ctx: ImportContext, columns: Sequence[Column]) -> list[SourceRow]:
    import shapefile
    from shapely.geometry import shape

    prj = _prj(path)
    if prj is not None:
        try:
            coords.parse_crs(prj)
        except ValueError:
            ctx.problems.append(
                RowProblem(
                    path.name,
                    None,
                    None,
                    None,
                    Problem("land.crs_unreadable", {"file": path.name + ".prj", "crs": prj[:60]}),
                )
            )
            return []
    rows: list[SourceRow] = []
    encoding = _encoding(path)
    if encoding is None:
        ctx.problems.append(
            RowProblem(
                path.name,
                None,
                None,
                None,
                Problem("land.dbf_bad_encoding", {"file": path.with_suffix(".dbf").name}),
            )
        )
        return []
    features: list[tuple[int, dict[str, Any], Any]] = []  # (number, properties, polygon in the file's frame)
    rings = _OneRingPolygons()
    with shapefile.Reader(str(path), encoding=encoding, encodingErrors="strict") as reader:
        names = [f[0] for f in reader.fields[1:]]
        unused_properties(path.name, names, columns, ctx)
        for number, sr in enumerate(reader.iterShapeRecords(), start=1):
            props = dict(zip(names, list(sr.record), strict=True))
            geometry = None
            shp = sr.shape
            if shp.shapeType in _POLYGON_TYPES and len(shp.parts) == 1 and len(shp.points) >= 4:
                rings.append(number, shp.points)  # one ring: a polygon, built with the others at once
                features.append((number, props, _ONE_RING))
                continue
            if sr.shape.shapeType != shapefile.NULL:
                try:
                    if sr.shape.shapeType not in _POLYGON_TYPES:
                        raise FrameError(
                            Problem(
                                "land.geometry_type_refused",
                                {
                                    "row": number,
                                    "type": shapefile.SHAPETYPE_LOOKUP.get(sr.shape.shapeType, "?"),
                                },
                            )
                        )
                    geometry = parcel_geometry(shape(sr.shape.__geo_interface__), number)
                except FrameError as exc:
                    ctx.problems.append(RowProblem(path.name, number, None, None, exc.problem))
                    continue
            features.append((number, props, geometry))
    built = rings.polygons()
    features = [(n, props, built[n] if g is _ONE_RING else g) for n, props, g in features]
    shaped = [f for f in features if f[2] is not None]
    stored = dict(
        zip((f[0] for f in shaped), to_stored_many([f[2] for f in shaped], prj, path.name, ctx), strict=True)
    )
    texts = _wkt_of(stored)
    for number, props, _ in features:
        geometry = stored.get(number)
        if isinstance(geometry, FrameError):
            ctx.problems.append(RowProblem(path.name, number, None, None, geometry.problem))
            continue
        rows.append(feature_row(path.name, number, props, geometry, columns, ctx, wkt=texts.get(number)))
    return rows


def _wkt_of(stored: Mapping[int, Any]) -> dict[int, str]:
    """The stored polygons as WKT, written by one vectorised call (as ``polygon_to_wkt`` writes each)."""
    import numpy as np
    import shapely

    from models.units import COORD_SCALE

    numbers = [n for n, g in stored.items() if g is not None and not isinstance(g, FrameError)]
    if not numbers:
        return {}
    texts = shapely.to_wkt(
        np.array([stored[n] for n in numbers], dtype=object), rounding_precision=COORD_SCALE, trim=True
    )
    return dict(zip(numbers, map(str, texts), strict=True))


_ONE_RING = object()  # a feature whose polygon ``_OneRingPolygons`` builds


class _OneRingPolygons:
    """The single-ring polygons of a file (nearly every parcel), made by one vectorised call
    instead of a GeoJSON dictionary and a shapely object per feature: the same polygons,
    vertices in the file's order."""

    def __init__(self) -> None:
        self.numbers: list[int] = []
        self.sizes: list[int] = []
        self.points: list[Any] = []

    def append(self, number: int, points: list[Any]) -> None:
        self.numbers.append(number)
        self.sizes.append(len(points))
        self.points.extend(points)

    def polygons(self) -> dict[int, Any]:
        if not self.numbers:
            return {}
        import numpy as np
        import shapely

        xy = np.asarray(self.points, dtype=float)[:, :2]
        indices = np.repeat(np.arange(len(self.sizes)), self.sizes)
        made = shapely.polygons(shapely.linearrings(xy, indices=indices))
        return dict(zip(self.numbers, made, strict=True))


def _field_spec(value: Any) -> tuple[str, int, int]:
    if isinstance(value, bool):
        return ("L", 1, 0)
    if isinstance(value, int):
        return ("N", 18, 0)
    if isinstance(value, Decimal):
        return ("N", 20, 4)
    if hasattr(value, "isoformat"):
        return ("D", 8, 0)
    return ("C", 254, 0)


@contextmanager
def shapefile_writer(path: Path, **options: Any) -> Iterator[Any]:
    """A ``shapefile.Writer`` on ``.shp``/``.shx``/``.dbf`` files that we open and close ourselves.

    pyshp 3.1 leaves the ``.dbf`` it opened from a path unclosed even after ``with Writer(...)``
    (a ResourceWarning, and a locked file on Windows); given file objects, it only writes to
    them, so closing them is ours and certain.
    """
    import shapefile

    with ExitStack() as files:
        shp, shx, dbf = (
            files.enter_context(path.with_suffix(ext).open("w+b")) for ext in (".shp", ".shx", ".dbf")
        )
        writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, **options)
        try:
            yield writer
        finally:
            writer.close()


def write_shapefile(
    path: Path, records: Iterable[tuple[Mapping[str, Any], Any]], fields: Sequence[str]
) -> int:
    """Polygons with attributes ``fields`` (DBF names ≤ 10 bytes; Chinese kept, UTF-8 .cpg)."""
    import shapefile
    from pyproj import CRS
    from shapely.geometry import mapping
    from shapely.geometry.polygon import orient

    items = list(records)
    specs: dict[str, tuple[str, int, int]] = {}
    for props, _ in items:
        for f in fields:
            if f not in specs and props.get(f) is not None:
                specs[f] = _field_spec(props[f])
    count = 0
    with shapefile_writer(path, shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        for f in fields:
            kind, size, dec = specs.get(f, ("C", 254, 0))
            w.field(f.encode("utf-8")[:10].decode("utf-8", errors="ignore"), kind, size=size, decimal=dec)
        for props, geometry in items:
            if geometry is None:
                w.null()
            else:
                g = orient(geometry, sign=-1.0)  # shapefile shells are clockwise
                w.shape(mapping(g))
            w.record(*[_dbf_value(props.get(f), specs.get(f, ("C", 0, 0))[0]) for f in fields])
            count += 1
    path.with_suffix(".prj").write_text(
        CRS.from_epsg(coords.STORED_EPSG).to_wkt("WKT1_ESRI"), encoding="utf-8"
    )
    path.with_suffix(".cpg").write_text("UTF-8", encoding="ascii")
    return count


def _dbf_value(value: Any, kind: str) -> Any:
    if value is None:
        return "" if kind == "C" else None
    if isinstance(value, Decimal):
        return float(value)
    return value
