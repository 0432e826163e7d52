"""Land files that used to change silently (issue 14): UTF-8 .dbf without .cpg, Xian 1980 and
Beijing 1954 frames, MultiPolygons and other geometry types, shapefile field names and
``证载面积(hm²)`` in GeoJSON."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pyproj import CRS

from models.exchange.spec import ImportContext
from models.land import coords
from models.land.exchange import KINDS
from models.land.shapefile_io import shapefile_writer

PLOTS = {k.name: k for k in KINDS}["plots"]
N, E = 3_347_800, 480_700
SQUARE = [[E, N], [E + 100, N], [E + 100, N + 100], [E, N + 100], [E, N]]


def _square_at(e: float, n: float, side: float = 100) -> list[list[float]]:
    return [[e, n], [e + side, n], [e + side, n + side], [e, n + side], [e, n]]


def _geojson(path: Path, features: list[dict[str, Any]], crs: str | None = "EPSG:4549") -> Path:
    doc: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _feature(geometry: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def test_utf8_dbf_without_cpg_reads_as_utf8(tmp_path: Path) -> None:
    import shapefile

    path = tmp_path / "utf8.shp"
    with shapefile_writer(path, shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("DKBH", "C", size=20)
        w.field("DKMC", "C", size=60)
        w.poly([SQUARE])
        w.record("H1", "黑龙江省")
    path.with_suffix(".prj").write_text(CRS.from_epsg(4549).to_wkt("WKT1_ESRI"))
    ctx = ImportContext()
    [row] = PLOTS.readers[".shp"](path, ctx)
    assert row.values["name"] == "黑龙江省"  # not 榛戦緳姹熺渷


@pytest.mark.parametrize(
    ("epsg", "datum"), [(2385, "Xian 1980"), (2436, "Beijing 1954"), (4610, "Xian 1980")]
)
def test_old_chinese_frames_are_refused_asking_for_official_parameters(
    tmp_path: Path, epsg: int, datum: str
) -> None:
    import shapefile
    from pyproj import Transformer

    lon, lat = 119.8, 30.25  # Lin'an
    x, y = Transformer.from_crs(4326, epsg, always_xy=True).transform(lon, lat)
    path = tmp_path / "old.shp"
    with shapefile_writer(path, shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("DKBH", "C", size=20)
        w.field("DKMC", "C", size=60)
        side = 0.001 if CRS.from_epsg(epsg).is_geographic else 100
        w.poly([_square_at(x, y, side)])
        w.record("X1", "西安80地块")
    path.with_suffix(".prj").write_text(CRS.from_epsg(epsg).to_wkt("WKT1_ESRI"))
    ctx = ImportContext()
    assert PLOTS.readers[".shp"](path, ctx) == []
    [p] = ctx.problems
    assert p.code == "land.crs_needs_parameters" and datum in p.problem.fields["datum"]


def test_seven_parameters_given_by_the_user_are_used(tmp_path: Path) -> None:
    from pyproj import Transformer

    x, y = Transformer.from_crs(4326, 2385, always_xy=True).transform(119.8, 30.25)
    path = _geojson(
        tmp_path / "x80.geojson",
        [_feature({"type": "Polygon", "coordinates": [_square_at(x, y)]}, DKBH="X2")],
        crs="EPSG:2385",
    )
    ctx = ImportContext(options={"towgs84": "24,-123,-94,0.02,-0.25,-0.13,1.1"})
    [row] = PLOTS.readers[".geojson"](path, ctx)
    assert row.values["wkt"].startswith("POLYGON")
    bad = ImportContext(options={"towgs84": "1,2,3"})
    assert PLOTS.readers[".geojson"](path, bad) == [] and bad.problems[0].code == "land.towgs84_unreadable"


def test_wgs84_and_cgcs2000_are_still_converted() -> None:
    assert coords.stored_transformer(CRS.from_epsg(4326)) is not None
    assert coords.stored_transformer(CRS.from_epsg(4490)) is not None
    assert coords.stored_transformer(CRS.from_epsg(4549)) is None


def test_one_transformer_per_frame(tmp_path: Path) -> None:
    from pyproj import Transformer

    from models.land import geojson_io

    geojson_io._file_transform.cache_clear()
    coords.stored_transformer.cache_clear()

    t = Transformer.from_crs(4549, 4326, always_xy=True)
    features = []
    for i in range(50):
        ring = [list(t.transform(e, n)) for e, n in _square_at(E + 200 * i, N)]
        features.append(_feature({"type": "Polygon", "coordinates": [ring]}, DKBH=f"W{i}"))
    path = _geojson(tmp_path / "wgs.geojson", features, crs=None)
    rows = PLOTS.readers[".geojson"](path, ImportContext())
    assert len(rows) == 50
    assert geojson_io._file_transform.cache_info().misses == 1  # one .prj/crs parse and Transformer for 50
    assert coords.stored_transformer.cache_info().misses == 1


def test_geometries_other_than_one_polygon(tmp_path: Path) -> None:
    two = {"type": "MultiPolygon", "coordinates": [[SQUARE], [_square_at(E + 500, N)]]}
    features = [
        _feature({"type": "MultiPolygon", "coordinates": [[SQUARE]]}, DKBH="M1"),
        _feature(two, DKBH="M2"),
        _feature({"type": "LineString", "coordinates": SQUARE}, DKBH="L1"),
        _feature({"type": "Point", "coordinates": [E, N]}, DKBH="P1"),
    ]
    ctx = ImportContext()
    rows = PLOTS.readers[".geojson"](_geojson(tmp_path / "g.geojson", features), ctx)
    assert [r.values["code"] for r in rows] == ["M1"]
    assert rows[0].values["wkt"].startswith("POLYGON")
    assert [(p.row, p.code) for p in ctx.problems] == [
        (2, "land.multipart_parcel"),
        (3, "land.geometry_type_refused"),
        (4, "land.geometry_type_refused"),
    ]
    assert ctx.problems[1].problem.fields["type"] == "LineString"


def test_shapefile_lines_and_points_are_refused_in_one_line(tmp_path: Path) -> None:
    import shapefile

    path = tmp_path / "lines.shp"
    with shapefile_writer(path, shapeType=shapefile.POLYLINE, encoding="utf-8") as w:
        w.field("DKBH", "C", size=20)
        w.field("DKMC", "C", size=60)
        w.line([SQUARE])
        w.record("L1", "线")
    path.with_suffix(".prj").write_text(CRS.from_epsg(4549).to_wkt("WKT1_ESRI"))
    ctx = ImportContext()
    assert PLOTS.readers[".shp"](path, ctx) == []
    assert [(p.code, p.problem.fields["type"]) for p in ctx.problems] == [
        ("land.geometry_type_refused", "POLYLINE")
    ]


@pytest.mark.parametrize(
    "wkt",
    [
        "LINESTRING (480700 3347800, 480800 3347800)",
        "POINT (480700 3347800)",
        "MULTIPOLYGON (((480700 3347800, 480800 3347800, 480800 3347900, 480700 3347800)),"
        " ((481700 3347800, 481800 3347800, 481800 3347900, 481700 3347800)))",
    ],
)
def test_wkt_other_than_a_polygon_is_a_row_problem(db: Any, wkt: str) -> None:
    from tests.models.land.test_exchange_formats import _load, _plot_row

    ctx = ImportContext()
    _load(db, "plots", [_plot_row({"code": "W1", "wkt": wkt})], ctx)
    [p] = [p for p in ctx.problems if p.is_error]
    assert p.code in ("land.polygon_wrong_type", "land.multipart_parcel")


def test_geojson_takes_shapefile_field_names_hectares_and_lists_unused_properties(tmp_path: Path) -> None:
    features = [
        _feature(
            {"type": "Polygon", "coordinates": [SQUARE]},
            DKBH="G1",
            DKMC="一号地",
            PTMC="青山湖科技城",
            QLR="杭州（临安）甲公司",
            **{"证载面积(hm²)": 2, "备用字段": "x"},
        )
    ]
    ctx = ImportContext()
    [row] = PLOTS.readers[".geojson"](_geojson(tmp_path / "ogr.geojson", features), ctx)
    assert (row.values["code"], row.values["name"], row.values["platform"], row.values["holder"]) == (
        "G1",
        "一号地",
        "青山湖科技城",
        "杭州（临安）甲公司",
    )
    assert row.values["cert_area_m2"] == Decimal(20000)
    [note] = [n for n in ctx.notes if n.code == "land.unused_properties"]
    assert note.fields["names"] == "备用字段"


def test_shapefile_parts_holes_and_multipatch(tmp_path: Path) -> None:
    """As QGIS and ArcGIS write them: a polygon with a hole imports; a two-part parcel is refused
    in one line naming the row; a MultiPatch (3-D) and points are refused in one line."""
    import shapefile

    hole = _square_at(E + 30, N + 30, 20)  # counter-clockwise
    path = tmp_path / "parts.shp"
    with shapefile_writer(path, shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("DKBH", "C", size=20)
        w.poly([SQUARE[::-1], hole])  # clockwise outer ring, counter-clockwise hole (ESRI order)
        w.record("H1")
        w.poly([SQUARE[::-1], _square_at(E + 500, N)[::-1]])  # two outer rings: a multi-part parcel
        w.record("M2")
    path.with_suffix(".prj").write_text(CRS.from_epsg(4549).to_wkt("WKT1_ESRI"))
    ctx = ImportContext()
    rows = PLOTS.readers[".shp"](path, ctx)
    assert [r.values["code"] for r in rows] == ["H1"]
    assert rows[0].values["wkt"].startswith("POLYGON") and rows[0].values["wkt"].count("(") == 3
    assert [(p.row, p.code) for p in ctx.problems] == [(2, "land.multipart_parcel")]

    write: Callable[[Any], object]
    for shape_type, write in (
        (
            shapefile.MULTIPATCH,
            lambda w: w.multipatch(
                [[[E, N, 0], [E + 100, N, 0], [E + 100, N + 100, 10], [E, N + 100, 10]]],
                partTypes=[shapefile.TRIANGLE_STRIP],
            ),
        ),
        (shapefile.POINT, lambda w: w.point(E, N)),
    ):
        other = tmp_path / f"type{shape_type}.shp"
        with shapefile_writer(other, shapeType=shape_type, encoding="utf-8") as w:
            w.field("DKBH", "C", size=20)
            write(w)
            w.record("X1")
        other.with_suffix(".prj").write_text(CRS.from_epsg(4549).to_wkt("WKT1_ESRI"))
        ctx = ImportContext()
        assert PLOTS.readers[".shp"](other, ctx) == []
        assert [(p.row, p.code, p.problem.fields["type"]) for p in ctx.problems] == [
            (1, "land.geometry_type_refused", shapefile.SHAPETYPE_LOOKUP[shape_type])
        ]


def test_rings_as_files_write_them_read_exactly_and_quietly(tmp_path: Path) -> None:
    """A counter-clockwise ring (a hole alone, as some tools write a parcel), an unclosed ring
    and a three-point sliver: read as before, and pyshp's remarks do not reach stderr."""
    import shapefile

    path = tmp_path / "rings.shp"
    with shapefile_writer(path, shapeType=shapefile.POLYGONZ, encoding="utf-8") as w:
        w.field("DKBH", "C", size=20)
        w.polyz([[[E, N, 1], [E + 100, N, 2], [E + 100, N + 100, 3], [E, N + 100, 4], [E, N, 1]]])
        w.record("CCW")
        w.polyz([[[E, N, 1], [E, N + 100, 4], [E + 100, N + 100, 3], [E + 100, N, 2]]])
        w.record("OPEN")
        w.polyz([[[E, N, 1], [E + 100, N, 2], [E, N, 1]]])
        w.record("TINY")
    path.with_suffix(".prj").write_text(CRS.from_epsg(4549).to_wkt("WKT1_ESRI"))
    ctx = ImportContext()
    rows = PLOTS.readers[".shp"](path, ctx)
    assert [r.values["code"] for r in rows] == ["CCW", "OPEN", "TINY"]
    assert (
        rows[0].values["wkt"] == "POLYGON ((480700 3347800, 480800 3347800, 480800 3347900, 480700 3347900, "
        "480700 3347800))"
    )
    assert (
        rows[1].values["wkt"] == "POLYGON ((480700 3347800, 480700 3347900, 480800 3347900, 480800 3347800, "
        "480700 3347800))"
    )
    # pytest's own log handler hides what Python would print: read the file in a plain process
    script = (
        "import sys; from pathlib import Path; from models.exchange.spec import ImportContext; "
        "from models.land.exchange import KINDS; "
        "k = {k.name: k for k in KINDS}['plots']; print(len(k.readers['.shp'](Path(sys.argv[1]), ImportContext())))"  # noqa: E501
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert (done.stdout.strip(), done.stderr) == ("3", "")
