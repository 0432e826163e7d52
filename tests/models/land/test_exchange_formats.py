from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.database import Database
from models.exchange.spec import ExportContext, ImportContext, SourceRow
from models.land import geometry as geo
from models.land import queries, services
from models.land.entities import Plot
from models.land.exchange import KINDS
from models.land.shapefile_io import shapefile_writer
from tests.models.land.helpers import square

K = {k.name: k for k in KINDS}
N, E = 3_347_800, 480_700

TXT = """[属性描述]
格式版本号=1.01版本
坐标系=2000国家大地坐标系
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号=40
精度=0.001
[地块坐标]
5,1.0000,LA-7,七号地块,面,,工业用地,0601,@
J1,1,3347900.000,40480700.000
J2,1,3347900.000,40480800.000
J3,1,3347800.000,40480800.000
J4,1,3347800.000,40480700.000
J1,1,3347900.000,40480700.000
"""


def _load(db: Database, kind: str, rows: list[SourceRow], ctx: ImportContext) -> Any:
    with db.write() as s:
        loader = K[kind].load
        assert loader is not None
        return loader(s, rows, ctx)


def test_ministry_txt_in_gbk_with_declared_zone(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "坐标.txt"
    path.write_bytes(TXT.encode("gbk"))
    ctx = ImportContext()
    rows = K["boundary-points"].readers[".txt"](path, ctx)
    assert len(rows) == 5 and rows[0].row == 11
    outcome = _load(db, "boundary-points", rows, ctx)
    assert outcome.changes.created == 1 and outcome.created == 5 and not ctx.problems
    assert [n.code for n in ctx.notes] == ["land.coords_zone_stripped"]
    with db.read() as s:
        row = queries.list_plots(s)[0]
    assert (row.code, row.name, row.land_use) == ("LA-7", "七号地块", "0601")
    assert row.cert_area_m2 == Decimal("10000.0000") and row.geom_area_m2 == Decimal("10000.0000")


def test_ministry_txt_round_trip(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        pid = services.create_plot(s, code="A", name="甲", land_use="M1").ids[0]
        hole = [
            geo.SurveyPoint(f"J{i}", Decimal(N + dn), Decimal(E + de), 2)
            for i, (dn, de) in enumerate([(40, 40), (40, 60), (60, 60), (60, 40)], start=5)
        ]
        services.set_plot_boundary(s, plot_id=pid, points=square(100) + hole)
    out = tmp_path / "out.txt"
    with db.read() as s:
        assert K["boundary-points"].writers[".txt"](s, out, ExportContext()) == 1
    text = out.read_bytes().decode("gb18030")
    assert "带号=40" in text and "10,0.9600,A,甲,面,,一类工业用地,M1,@" in text
    assert "J1,1,3347900.0000,40480700.0000" in text
    with db.write() as s:
        services.delete_plot(s, plot_id=pid)
    ctx = ImportContext()
    rows = K["boundary-points"].readers[".txt"](out, ctx)
    assert _load(db, "boundary-points", rows, ctx).changes.created == 1
    with db.read() as s:
        assert queries.list_plots(s)[0].geom_area_m2 == Decimal("9600.0000")


def test_txt_bad_line_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(TXT.replace("J3,1,3347800.000,40480800.000", "J3,1,abc"), encoding="utf-8")
    ctx = ImportContext()
    K["boundary-points"].readers[".txt"](path, ctx)
    assert [(p.code, p.row, p.is_error) for p in ctx.problems] == [
        ("land.txt_line_unreadable", 13, True),
        ("land.txt_point_count", 10, False),
    ]


def _plot_row(values: dict[str, Any], row: int = 3) -> SourceRow:
    headers = {"code": "地块编号", "wkt": "WKT", "platform": "所属平台", "land_source": "土地来源"}
    return SourceRow("地块", row, values, raw=dict(values), headers=headers)


WKT = f"POLYGON (({E} {N}, {E + 100} {N}, {E + 100} {N + 100}, {E} {N + 100}, {E} {N}))"


def test_plots_with_wkt_column(db: Database) -> None:
    ctx = ImportContext()
    rows = [
        _plot_row(
            {"code": "W1", "wkt": WKT, "platform": "科技城", "land_source": "存量", "land_use": "工业用地"}
        )
    ]
    outcome = _load(db, "plots", rows, ctx)
    assert outcome.created == 1 and not ctx.problems
    with db.read() as s:
        r = queries.list_plots(s)[0]
    assert (r.platform_name, r.land_source, r.land_use, r.geom_area_m2) == (
        "青山湖科技城",
        "existing",
        "0601",
        Decimal("10000.0000"),
    )


def test_plots_wkt_northing_first_is_caught(db: Database) -> None:
    wkt = f"POLYGON (({N} {E}, {N} {E + 100}, {N + 100} {E + 100}, {N + 100} {E}, {N} {E}))"
    ctx = ImportContext()
    _load(db, "plots", [_plot_row({"code": "W1", "wkt": wkt})], ctx)
    assert [(p.code, p.column) for p in ctx.problems] == [("land.coords_swapped_xy", "WKT")]
    ctx = ImportContext(options={"swap-xy": "是"})
    assert _load(db, "plots", [_plot_row({"code": "W1", "wkt": wkt})], ctx).created == 1


def test_plots_bad_values_are_row_problems(db: Database) -> None:
    ctx = ImportContext()
    rows = [
        _plot_row({"code": "W1", "platform": "火星园"}, 3),
        _plot_row({"code": "W2", "land_source": "买的"}, 4),
        _plot_row({"code": "W3", "wkt": "POLYGON ((0 0, 1 1"}, 5),
        _plot_row(
            {"code": "W4", "wkt": WKT.replace(f"{E + 100} {N + 100}", f"{E} {N + 100}, {E + 100} {N + 100}")},
            6,
        ),
    ]
    _load(db, "plots", rows, ctx)
    assert [(p.row, p.code, p.column) for p in ctx.problems] == [
        (3, "land.unknown_platform_name", "所属平台"),
        (4, "land.unknown_choice", "土地来源"),
        (5, "land.wkt_unreadable", "WKT"),
        (6, "land.polygon_self_intersection", "WKT"),
    ]


def _seed_two(db: Database) -> None:
    with db.write() as s:
        services.create_plot(
            s,
            code="A",
            name="甲",
            cert_area_m2=Decimal(10000),
            land_source="existing",
            polygon=geo.polygon_from_points(square(100)),
        )
        services.create_plot(
            s, code="B", name="乙", polygon=geo.polygon_from_points(square(50, n0=Decimal(N + 500)))
        )


def test_geojson_round_trip_in_stored_frame(db: Database, tmp_path: Path) -> None:
    _seed_two(db)
    out = tmp_path / "plots.geojson"
    with db.read() as s:
        assert K["plots"].writers[".geojson"](s, out, ExportContext()) == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::4549"
    assert doc["features"][0]["properties"]["地块编号"] == "A"
    ctx = ImportContext()
    rows = K["plots"].readers[".geojson"](out, ctx)
    assert rows[0].values["code"] == "A" and rows[0].values["cert_area_m2"] == Decimal("10000")
    assert _load(db, "plots", rows, ctx).unchanged == 2


def test_geojson_wgs84_is_transformed(db: Database, tmp_path: Path) -> None:
    _seed_two(db)
    out = tmp_path / "wgs.geojson"
    with db.read() as s:
        K["plots"].writers[".geojson"](s, out, ExportContext(options={"crs": "EPSG:4326"}))
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "crs" not in doc
    lon, lat = doc["features"][0]["geometry"]["coordinates"][0][0]
    assert 119.7 < lon < 119.9 and 30.2 < lat < 30.3
    with db.write() as s:
        for p in s.scalars(select(Plot)):
            s.delete(p)
    ctx = ImportContext()
    rows = K["plots"].readers[".geojson"](out, ctx)
    _load(db, "plots", rows, ctx)
    with db.read() as s:
        areas = {r.code: r.geom_area_m2 for r in queries.list_plots(s)}
    area = areas["A"]
    assert area is not None
    assert abs(area - Decimal(10000)) < Decimal("0.01")  # through WGS84 and back


def test_shapefile_round_trip_with_prj(db: Database, tmp_path: Path) -> None:
    _seed_two(db)
    out = tmp_path / "plots.shp"
    with db.read() as s:
        assert K["plots"].writers[".shp"](s, out, ExportContext()) == 2
    assert "CGCS2000_3_Degree_GK_CM_120E" in out.with_suffix(".prj").read_text()
    ctx = ImportContext()
    rows = K["plots"].readers[".shp"](out, ctx)
    assert not ctx.problems
    assert rows[0].values["code"] == "A" and rows[0].values["name"] == "甲"
    assert _load(db, "plots", rows, ctx).unchanged == 2


def test_shapefile_in_another_projected_frame(db: Database, tmp_path: Path) -> None:
    """A surveyor's shapefile in EPSG:4528 (zone-prefixed) is transformed by its .prj."""
    import shapefile
    from pyproj import CRS

    path = tmp_path / "zone.shp"
    with shapefile_writer(path, shapeType=shapefile.POLYGON, encoding="gbk") as w:
        w.field("DKBH", "C", size=20)
        w.field("地块名称", "C", size=40)
        e = 40_000_000 + E
        w.poly([[(e, N), (e, N + 100), (e + 100, N + 100), (e + 100, N), (e, N)]])
        w.record("Z1", "带号地块")
    path.with_suffix(".prj").write_text(CRS.from_epsg(4528).to_wkt("WKT1_ESRI"))
    ctx = ImportContext()
    rows = K["plots"].readers[".shp"](path, ctx)
    assert rows[0].values["name"] == "带号地块"  # GBK attributes without a .cpg
    _load(db, "plots", rows, ctx)
    with db.read() as s:
        r = queries.list_plots(s)[0]
        geom = s.scalar(select(Plot.geometry))
    assert r.geom_area_m2 is not None and geom is not None
    assert r.code == "Z1" and abs(r.geom_area_m2 - Decimal(10000)) < Decimal("0.01")
    assert abs(geom.bounds[0] - E) < 0.01


def test_crs_option_names_the_frame_of_a_file_without_one(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "nocrs.geojson"
    e = 40_000_000 + E
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"地块编号": "C1"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[e, N], [e + 100, N], [e + 100, N + 100], [e, N + 100], [e, N]]],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    ctx = ImportContext()
    assert K["plots"].readers[".geojson"](path, ctx) == [] and ctx.problems[0].code == "land.crs_missing"
    ctx = ImportContext(options={"crs": "EPSG:4528"})
    rows = K["plots"].readers[".geojson"](path, ctx)
    _load(db, "plots", rows, ctx)
    with db.read() as s:
        assert abs(queries.list_plots(s)[0].geom_area_m2 - Decimal(10000)) < Decimal("0.01")  # type: ignore[operator]


def test_wrong_declared_frame_puts_shapes_outside_lin_an(tmp_path: Path) -> None:
    path = tmp_path / "wrong.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "EPSG:4526"}},  # zone 38
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"地块编号": "W"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[E, N], [E + 10, N], [E + 10, N + 10], [E, N]]],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    ctx = ImportContext()
    assert K["plots"].readers[".geojson"](path, ctx) == []
    assert ctx.problems[0].code == "land.coords_outside_crs"


def test_a_single_text_field_shapefile_reads_back_without_warnings(tmp_path: Path) -> None:
    """pyshp 3.1.x opened the .dbf twice and reserved a .shp-sized header in it: the file
    leaked a handle or declared the wrong size (PossiblyCorruptFileHeader, an error here).
    The lock pins a release without that bug; this catches it coming back."""
    import shapefile

    path = tmp_path / "one.shp"
    with shapefile_writer(path, shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("DKBH", "C", size=20)
        w.poly([[(E, N), (E, N + 100), (E + 100, N + 100), (E + 100, N), (E, N)]])
        w.record("A-1")
    with shapefile.Reader(str(path)) as r:
        assert [list(rec) for rec in r.records()] == [["A-1"]]
