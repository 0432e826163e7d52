"""Shapefile import benchmark (issue 14): 20,000 parcels in EPSG:4326 read by the ``plots``
kind's shapefile reader (frame parsed and Transformer built once per file) vs reading the
same file with pyshp and transforming every ring with one pyproj ``Transformer``, in the
same run: bound ≤ 3×."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tests.benchmarks.common import Result, best_of, scale


def write_parcels(path: Path, n: int) -> None:
    import shapefile
    from pyproj import CRS, Transformer

    from models.land.shapefile_io import shapefile_writer

    to_wgs = Transformer.from_crs(4549, 4326, always_xy=True)
    side = int(n**0.5) + 1
    with shapefile_writer(path, shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("DKBH", "C", size=20)
        w.field("DKMC", "C", size=40)
        for i in range(n):
            e, no = 400_000.0 + (i % side) * 300, 3_320_000.0 + (i // side) * 300
            ring = [
                to_wgs.transform(x, y)
                for x, y in ((e, no), (e, no + 200), (e + 200, no + 200), (e + 200, no), (e, no))
            ]
            w.poly([ring])
            w.record(f"B-{i:05d}", f"地块{i}")
    path.with_suffix(".prj").write_text(CRS.from_epsg(4326).to_wkt("WKT1_ESRI"), encoding="utf-8")


def _baseline(path: Path) -> int:
    import numpy as np
    import shapefile
    from pyproj import Transformer

    t = Transformer.from_crs(4326, 4549, always_xy=True)
    count = 0
    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        for sr in reader.iterShapeRecords():
            pts = np.asarray(sr.shape.points)
            t.transform(pts[:, 0], pts[:, 1])
            dict(zip(("DKBH", "DKMC"), list(sr.record), strict=True))
            count += 1
    return count


def _ours(path: Path) -> Any:
    from models.exchange.spec import ImportContext
    from models.land import geojson_io
    from models.land.exchange import KINDS

    geojson_io._file_transform.cache_clear()  # each run parses the .prj and builds its Transformer
    kind = {k.name: k for k in KINDS}["plots"]
    rows = kind.readers[".shp"](path, ImportContext())
    assert len(rows) > 0
    return rows


def run() -> list[Result]:
    n = scale(20_000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "parcels.shp"
        write_parcels(path, n)
        baseline = best_of(lambda: _baseline(path), 3)
        ours = best_of(lambda: _ours(path), 3)
    return [
        Result(
            f"shapefile of {n} parcels in EPSG:4326 → plots rows",
            ours,
            baseline,
            3.0,
            "pyshp read + one Transformer",
        )
    ]
