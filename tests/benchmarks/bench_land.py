"""Land benchmarks (issue 4).

- overlap check of 20,000 plots (``checks.find_overlaps``: STRtree + vectorised relate)
  vs a naive pairwise loop timed on a sample and scaled by n²: bound ≤ 1/50;
- the same vs a bare ``STRtree.query`` of the same polygons: bound ≤ 1.5×;
- map repaint of 20,000 plots: median offscreen render of the view after each pan/zoom
  step, as a ratio of the 50 ms budget: bound ≤ 1; and (issue 12: a baseline doing the
  same work) against a bare ``QPainter`` drawing the same visible polygons, each with its
  colour and outline, and the same plot codes at street level, into the same pixmap under
  the same transform (polygons and their bounding boxes prepared beforehand, as the map's
  tiles are): bound ≤ 1.5×.
"""

from __future__ import annotations

import random
import time
from typing import Any

from tests.benchmarks.common import Result, best_of, scale

N0, E0 = 3_330_000.0, 400_000.0


def synthetic_plots(n: int, seed: int = 4) -> list[Any]:
    """``n`` quadrilaterals of 10–200 亩 on a 420 m road grid in Lin'an; ~1 % overlap a neighbour."""
    from shapely.geometry import Polygon

    rng = random.Random(seed)
    side = int(n**0.5) + 1
    polys = []
    for i in range(n):
        c, r = i % side, i // side
        e, no = E0 + c * 420, N0 + r * 420
        w, h = rng.uniform(90, 370), rng.uniform(80, 360)
        if rng.random() < 0.01:
            w += 120  # reaches into the next cell

        def j() -> float:
            return rng.uniform(-10, 10)

        polys.append(
            Polygon(
                [
                    (e + j(), no + j()),
                    (e + w + j(), no + j()),
                    (e + w + j(), no + h + j()),
                    (e + j(), no + h + j()),
                ]
            )
        )
    return polys


def _naive(polys: list[Any]) -> int:
    found = 0
    for i in range(len(polys)):
        for k in range(i + 1, len(polys)):
            if polys[i].relate_pattern(polys[k], "2********"):
                found += 1
    return found


def bench_overlaps() -> list[Result]:
    import numpy as np
    import shapely

    from models.land.checks import find_overlaps

    n = scale(20_000)
    polys = synthetic_plots(n)
    ours = best_of(lambda: find_overlaps(polys), 3)
    sample = polys[: min(n, 400)]
    t = time.perf_counter()
    _naive(sample)
    naive = (time.perf_counter() - t) * (n * (n - 1)) / (len(sample) * (len(sample) - 1))
    arr = np.asarray(polys, dtype=object)
    bare = best_of(lambda: shapely.STRtree(arr).query(arr, predicate="intersects"), 3)
    return [
        Result(f"overlap check, {n} plots", ours, naive, 1 / 50, "naive pairwise (scaled from 400)"),
        Result(f"overlap check, {n} plots", ours, bare, 1.5, "bare STRtree.query"),
    ]


def bench_map() -> list[Result]:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from desktop.land import colours
    from desktop.land.map_view import PlotMapView
    from models.land.queries import MapPlot

    app = QApplication.instance() or QApplication([])
    n = scale(20_000)
    rng = random.Random(5)
    statuses = ("储备", "待供", "已供", "在建", "已投产")
    plots = [
        MapPlot(
            i,
            f"P-{i:05d}",
            rng.choice(statuses),
            rng.choice(("new", "existing")),
            "",
            "",
            (tuple((float(x), float(y)) for x, y in p.exterior.coords),),
        )
        for i, p in enumerate(synthetic_plots(n))
    ]
    view = PlotMapView()
    view.resize(1200, 800)
    view.set_plots(plots, colours.classifier("status"))
    view.show()
    app.processEvents()
    pixmap = QPixmap(view.viewport().size())

    def render() -> None:
        painter = QPainter(pixmap)
        view.render(painter, QRectF(pixmap.rect()), view.viewport().rect())
        painter.end()

    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QBrush, QColor, QPen, QPolygonF

    from desktop.land.map_view import LABEL_MIN_SCALE

    classify = colours.classifier("status")
    prepared = []
    for plot in plots:
        polygon = QPolygonF([QPointF(e, -n) for e, n in plot.rings[0]])
        box = polygon.boundingRect()
        prepared.append((box, polygon, QBrush(classify(plot).colour), box.center(), plot.code))

    def raw_render() -> None:
        """The same picture drawn plainly: background, each visible polygon, codes when near."""
        painter = QPainter(pixmap)
        painter.fillRect(pixmap.rect(), view.backgroundBrush())
        transform = view.viewportTransform()
        painter.setTransform(transform)
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        scale_now = transform.m11()
        painter.setPen(QPen(QColor(60, 60, 60), 0) if scale_now > 0.05 else Qt.PenStyle.NoPen)
        shown = [p for p in prepared if p[0].intersects(seen)]
        for _, polygon, brush, _, _ in shown:
            painter.setBrush(brush)
            painter.drawPolygon(polygon)
        if scale_now >= LABEL_MIN_SCALE:
            painter.resetTransform()
            painter.setPen(QColor(20, 20, 20))
            metrics = painter.fontMetrics()
            for _, _, _, centre, code in shown:
                if seen.contains(centre):
                    at = transform.map(centre)
                    half_w, half_h = metrics.horizontalAdvance(code) / 2 + 2, metrics.height() / 2 + 1
                    painter.drawText(
                        QRectF(at.x() - half_w, at.y() - half_h, 2 * half_w, 2 * half_h),
                        Qt.AlignmentFlag.AlignCenter,
                        code,
                    )
        painter.end()

    # Zoom in from the whole district to street level around the centre of the plots,
    # panning a square loop at each level so the view always stays over plots.
    view.fit_all()
    times: list[float] = []
    raw_times: list[float] = []

    def step() -> None:
        for fn, into in ((render, times), (raw_render, raw_times)):
            t = time.perf_counter()
            fn()
            into.append(time.perf_counter() - t)

    for level in range(6):
        if level:
            view.zoom(2.0)
            step()
        for dx, dy in ((250, 0), (0, 250), (-250, 0), (0, -250)):
            view.pan(dx, dy)
            step()
    view.fit_all()
    t = time.perf_counter()
    render()
    full = time.perf_counter() - t
    t = time.perf_counter()
    raw_render()
    raw_full = time.perf_counter() - t
    times.sort()
    raw_times.sort()
    median = times[len(times) // 2]
    return [
        Result(
            f"map repaint after pan/zoom, {n} plots (median of {len(times)})",
            median,
            0.050,
            1.0,
            "50 ms budget",
        ),
        Result(
            f"map repaint after pan/zoom, {n} plots (median of {len(times)})",
            median,
            raw_times[len(raw_times) // 2],
            1.5,
            "bare QPainter drawing the same visible plots",
        ),
        Result(f"map repaint, whole district in view, {n} plots", full, 0.050, None, "50 ms budget"),
        Result(
            f"map repaint, whole district in view, {n} plots",
            full,
            raw_full,
            None,
            "bare QPainter drawing the same visible plots",
        ),
    ]


def run() -> list[Result]:
    return bench_overlaps() + bench_map()
