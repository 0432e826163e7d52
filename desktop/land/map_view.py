"""The plot map: a QGraphicsView over platform boundaries and plots.

Scene coordinates are (easting, −northing) in metres, so north is up. Plots are
not one item each: ``PlotLayer`` keeps one batched ``QPainterPath`` per colour
class *per 1 km tile* and paints only the tiles the exposed rect touches, so
20,000 plots pan and zoom smoothly (see tests/benchmarks/bench_land.py). Picking
uses a shapely STRtree; the selected plot is drawn by its own item with its
vertex names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from desktop import release
from models.land.queries import MapPlatform, MapPlot

TILE = 4000.0  # m: ~100 plots per tile at the design density; fewer, larger paths paint faster
LABEL_MIN_SCALE = 0.35  # pixels per metre above which plot codes are drawn
OUTLINE_MIN_SCALE = 0.05  # pixels per metre above which plot outlines are drawn
MIN_SCALE, MAX_SCALE = 1e-4, 200.0  # the zoom stops here (whole province … a few centimetres)


@dataclass(frozen=True)
class ColourClass:
    key: str
    label: str
    colour: QColor


def _path(rings: Sequence[Sequence[tuple[float, float]]]) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        path.addPolygon(QPolygonF([QPointF(e, -n) for e, n in ring]))
        path.closeSubpath()
    return path


@dataclass(frozen=True)
class LayerTiles:
    """The plot layer's paths per (tile, colour class), built off the UI thread: QPainterPath,
    QRectF and QColor are value classes (implicitly shared, reentrant), unlike QGraphicsItems,
    which only the UI thread may create."""

    paths: dict[tuple[int, int], list[tuple[QColor, QPainterPath]]]
    tile_rects: dict[tuple[int, int], QRectF]
    labels: dict[tuple[int, int], list[tuple[QPointF, str]]]
    bounds: QRectF


def build_tiles(plots: Sequence[MapPlot], classify: Callable[[MapPlot], ColourClass]) -> LayerTiles:
    grouped: dict[tuple[int, int], dict[str, tuple[QColor, QPainterPath]]] = {}
    labels: dict[tuple[int, int], list[tuple[QPointF, str]]] = {}
    tile_rects: dict[tuple[int, int], QRectF] = {}
    bounds = QRectF()
    for plot in plots:
        if not plot.rings:
            continue
        e, n = plot.rings[0][0]
        key = (int(e // TILE), int(-n // TILE))
        cls = classify(plot)
        colour, path = grouped.setdefault(key, {}).setdefault(cls.key, (cls.colour, QPainterPath()))
        sub = _path(plot.rings)
        path.addPath(sub)
        rect = sub.boundingRect()
        tile_rects[key] = tile_rects.get(key, rect).united(rect)
        bounds = bounds.united(rect)
        labels.setdefault(key, []).append((rect.center(), plot.code))
    for paths in grouped.values():
        for _, p in paths.values():
            p.setFillRule(Qt.FillRule.OddEvenFill)
    return LayerTiles({k: list(v.values()) for k, v in grouped.items()}, tile_rects, labels, bounds)


@dataclass(frozen=True)
class PreparedPlots:
    """What ``MapView.set_plots`` needs, prepared on the worker thread: the tiles and the
    spatial index for clicks."""

    tiles: LayerTiles
    tree: Any
    tree_ids: list[int]


def prepare_plots(plots: Sequence[MapPlot], classify: Callable[[MapPlot], ColourClass]) -> PreparedPlots:
    import shapely
    from shapely.geometry import Polygon

    polys = [Polygon(p.rings[0], p.rings[1:]) for p in plots if p.rings]
    return PreparedPlots(
        build_tiles(plots, classify),
        shapely.STRtree(polys) if polys else None,
        [p.id for p in plots if p.rings],
    )


class PlotLayer(QGraphicsItem):
    """All plots, batched per (tile, colour class)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self._bounds = QRectF()
        self._tiles: dict[tuple[int, int], list[tuple[QBrush, QPainterPath]]] = {}
        self._tile_rects: dict[tuple[int, int], QRectF] = {}
        self._labels: dict[tuple[int, int], list[tuple[QPointF, str]]] = {}
        self._font = QFont()
        self._font.setPointSizeF(8)

    def set_plots(self, plots: Sequence[MapPlot], classify: Callable[[MapPlot], ColourClass]) -> None:
        self.set_tiles(build_tiles(plots, classify))

    def set_tiles(self, tiles: LayerTiles) -> None:
        """Show tiles built (on any thread) by ``build_tiles``."""
        release.later(self._tiles, self._labels, self._tile_rects)  # freed in later turns
        self.prepareGeometryChange()
        self._labels = tiles.labels
        self._tile_rects = tiles.tile_rects
        self._tiles = {k: [(QBrush(c), p) for c, p in v] for k, v in tiles.paths.items()}
        self._bounds = tiles.bounds
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,  # noqa: ARG002  Qt override
    ) -> None:
        exposed = option.exposedRect
        scale = painter.worldTransform().m11()
        visible = [k for k, r in self._tile_rects.items() if r.intersects(exposed)]
        outline = QPen(QColor(60, 60, 60), 0)  # cosmetic hairline
        painter.setPen(outline if scale > OUTLINE_MIN_SCALE else Qt.PenStyle.NoPen)
        for key in visible:
            for brush, path in self._tiles[key]:
                painter.setBrush(brush)
                painter.drawPath(path)
        if scale >= LABEL_MIN_SCALE:
            self._paint_labels(painter, visible, exposed)

    def _paint_labels(self, painter: QPainter, tiles: list[tuple[int, int]], exposed: QRectF) -> None:
        painter.save()
        painter.setPen(QColor(20, 20, 20))
        painter.setFont(self._font)
        transform = painter.worldTransform()
        painter.resetTransform()
        metrics = painter.fontMetrics()  # of the device: a printed map gets boxes to its resolution
        half_h = metrics.height() / 2 + 1
        for key in tiles:
            for centre, code in self._labels.get(key, ()):
                if exposed.contains(centre):
                    p = transform.map(centre)
                    half_w = metrics.horizontalAdvance(code) / 2 + 2
                    painter.drawText(
                        QRectF(p.x() - half_w, p.y() - half_h, 2 * half_w, 2 * half_h),
                        Qt.AlignmentFlag.AlignCenter,
                        code,
                    )
        painter.restore()


class PlotMapView(QGraphicsView):
    """Pan (drag), zoom (wheel, under the cursor), click to pick. ``plot_clicked(id)``."""

    plot_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.setBackgroundBrush(QColor(246, 246, 240))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self._layer = PlotLayer()
        self._layer.setZValue(1)
        self.scene().addItem(self._layer)
        self._platform_items: list[QGraphicsItem] = []
        self._selected = QGraphicsPathItem()
        self._selected.setZValue(3)
        pen = QPen(QColor(220, 30, 30), 3)
        pen.setCosmetic(True)
        self._selected.setPen(pen)
        self._selected.setBrush(QBrush(QColor(255, 230, 0, 90)))
        self.scene().addItem(self._selected)
        self._vertex_labels: list[QGraphicsItem] = []
        self._plots: list[MapPlot] = []
        self._by_id: dict[int, MapPlot] = {}
        self._tree: Any = None
        self._tree_ids: list[int] = []
        self._press: QPointF | None = None

    # --- data ------------------------------------------------------------------------------
    def set_platforms(self, platforms: Sequence[MapPlatform]) -> None:
        for item in self._platform_items:
            self.scene().removeItem(item)
        self._platform_items = []
        for p in platforms:
            item = QGraphicsPathItem(_path(p.rings))
            pen = QPen(QColor(40, 90, 160), 2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            item.setPen(pen)
            item.setBrush(QBrush(QColor(40, 90, 160, 18)))
            item.setZValue(0)
            self.scene().addItem(item)
            label = QGraphicsSimpleTextItem(p.name)
            font = QFont()
            font.setPointSize(11)
            font.setBold(True)
            label.setFont(font)
            label.setBrush(QColor(40, 90, 160))
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            r = item.boundingRect()
            # Centred above the boundary in screen pixels (the label ignores the zoom).
            text = label.boundingRect()
            label.setTransform(QTransform.fromTranslate(-text.width() / 2, -text.height()))
            label.setPos(r.center().x(), r.top())
            label.setZValue(4)
            self.scene().addItem(label)
            self._platform_items += [item, label]

    def set_plots(
        self,
        plots: Sequence[MapPlot],
        classify: Callable[[MapPlot], ColourClass],
        prepared: PreparedPlots | None = None,
    ) -> None:
        """``prepared``: the same plots' tiles and index, built by ``prepare_plots`` on the
        worker thread (else built here)."""
        prepared = prepared or prepare_plots(plots, classify)
        release.later(self._plots, self._by_id, self._tree, self._tree_ids)  # freed in later turns
        self._plots = list(plots)
        self._by_id = {p.id: p for p in self._plots}
        self._layer.set_tiles(prepared.tiles)
        self._tree_ids = prepared.tree_ids
        self._tree = prepared.tree
        rect = self._layer.boundingRect()
        for item in self._platform_items:
            rect = rect.united(item.sceneBoundingRect())
        self.scene().setSceneRect(rect.adjusted(-5000, -5000, 5000, 5000))

    def recolour(self, classify: Callable[[MapPlot], ColourClass]) -> None:
        self._layer.set_plots(self._plots, classify)

    # --- selection -------------------------------------------------------------------------
    def plot_at(self, scene_pos: QPointF) -> int | None:
        if self._tree is None:
            return None
        from shapely.geometry import Point

        hits = self._tree.query(Point(scene_pos.x(), -scene_pos.y()), predicate="within")
        if len(hits) == 0:
            return None
        return self._tree_ids[int(min(hits))]

    def select_plot(self, plot_id: int | None, *, centre: bool = False) -> None:
        for item in self._vertex_labels:
            self.scene().removeItem(item)
        self._vertex_labels = []
        plot = self._by_id.get(plot_id) if plot_id is not None else None
        if plot is None or not plot.rings:
            self._selected.setPath(QPainterPath())
            return
        self._selected.setPath(_path(plot.rings))
        self._selected.setData(0, plot.id)
        self._show_vertices(plot)
        if centre:
            self.centerOn(self._selected.boundingRect().center())

    def _show_vertices(self, plot: MapPlot) -> None:
        self.set_vertex_labels(
            [
                (f"J{i}", e, n)
                for i, (e, n) in enumerate((pt for ring in plot.rings for pt in ring[:-1]), start=1)
            ]
        )

    def set_vertex_labels(self, labels: Sequence[tuple[str, float, float]]) -> None:
        """Label the selected plot's vertices: (surveyed name, easting, northing)."""
        for item in self._vertex_labels:
            self.scene().removeItem(item)
        self._vertex_labels = []
        font = QFont()
        font.setPointSize(8)
        font.setBold(True)
        for name, e, n in labels:
            label = QGraphicsSimpleTextItem(name)
            label.setFont(font)
            label.setBrush(QColor(180, 0, 0))
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            label.setPos(e, -n)
            label.setZValue(5)
            self.scene().addItem(label)
            self._vertex_labels.append(label)

    def selection_items(self) -> list[QGraphicsItem]:
        """The screen's selection marks (outline and point names): a map sheet draws its own."""
        return [self._selected, *self._vertex_labels]

    def selected_id(self) -> int | None:
        value = self._selected.data(0)
        return int(value) if value is not None and not self._selected.path().isEmpty() else None

    # --- navigation ------------------------------------------------------------------------
    def fit_all(self) -> None:
        rect = self._layer.boundingRect()
        for item in self._platform_items:
            rect = rect.united(item.sceneBoundingRect())
        if not rect.isEmpty():
            # Room around the data for the platform names, which do not scale with the map.
            pad = max(200.0, 0.15 * max(rect.width(), rect.height()))
            self.fitInView(rect.adjusted(-pad, -pad, pad, pad), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float, *, under_mouse: bool = False) -> None:
        """Zoom by ``factor`` about the view's centre (or the cursor, for the wheel)."""
        scale = self.transform().m11() * factor
        if not MIN_SCALE < scale < MAX_SCALE:
            return
        self.setTransformationAnchor(
            QGraphicsView.ViewportAnchor.AnchorUnderMouse
            if under_mouse
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        self.scale(factor, factor)

    def pan(self, dx: float, dy: float) -> None:
        """Pan by (dx, dy) pixels."""
        centre = self.mapToScene(self.viewport().rect().center())
        s = self.transform().m11()
        self.centerOn(centre.x() + dx / s, centre.y() + dy / s)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8, under_mouse=True)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if (
            self._press is not None
            and (event.position() - self._press).manhattanLength() < 5
            and event.button() == Qt.MouseButton.LeftButton
        ):
            picked = self.plot_at(self.mapToScene(event.position().toPoint()))
            if picked is not None:
                self.plot_clicked.emit(picked)
        self._press = None

    def render_png(self, path: str, width: int = 0, height: int = 0) -> bool:
        """The current view as a PNG (the viewport's size unless given)."""
        size = self.viewport().size()
        pixmap = QPixmap(width or size.width(), height or size.height())
        pixmap.fill(self.backgroundBrush().color())
        painter = QPainter(pixmap)
        self.render(painter, QRectF(pixmap.rect()), self.viewport().rect())
        painter.end()
        return pixmap.save(path, "PNG")
