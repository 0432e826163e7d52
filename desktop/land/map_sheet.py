"""The map as a map sheet (出图): title, the chosen extent (the selected plots, the current
view or all plots), a legend with counts, a scale bar and the scale, a north arrow, a
coordinate frame labelled in CGCS2000 metres (X north, Y east; EPSG:4549 named), the
date and the author; A4/A3, portrait or landscape. With plots chosen (one or several),
they are outlined with their surveyed point names, listed, and each plot's 界址点坐标表
follows the drawing, as surveyors and clerks file it.

``sheet_document`` builds the sheet from a scene holding the plots (the map page's, or
one built for the command line by ``desktop.printing.commands``).

The scene is painted through ``QGraphicsScene.render`` onto the print device, so the
PDF keeps the plots as vector paths.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSimpleTextItem

from desktop.i18n import tr
from desktop.printing.document import Drawing, Paragraph, PrintDocument, Table
from desktop.printing.render import font
from models.land.queries import MapPlot, PlotRow, VertexRow

CRS_TEXT = "CGCS2000 / 3-degree Gauss-Kruger CM 120E（EPSG:4549）"
FRAME_MM = 9.0  # margin of the coordinate labels around the map frame
LABELLED_PLOTS = 12  # chosen plots up to this many get their point names on the drawing
CHOSEN_FILL = QColor(255, 230, 0, 90)
CHOSEN_LINE = QColor(220, 30, 30)


@dataclass(frozen=True)
class ChosenPlot:
    """A plot chosen for the sheet: its outline, its list row and its surveyed points."""

    plot: MapPlot
    row: PlotRow | None
    vertices: Sequence[VertexRow]


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: QColor
    count: int


def nice_step(span: float, parts: int = 5) -> float:
    raw = max(span / parts, 1e-9)
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))


def paint_map(
    p: QPainter,
    rect: QRectF,
    scene: QGraphicsScene,
    extent: QRectF,
    legend: Sequence[LegendEntry],
    selected_label: str = "",
    *,
    chosen: Sequence[ChosenPlot] = (),
    hide: Sequence[QGraphicsItem] = (),
) -> None:
    """Draw ``extent`` (scene coordinates: easting, −northing) of ``scene`` into ``rect``;
    ``chosen`` plots outlined (with their point names when few), ``hide`` (the screen's
    own selection marks) left out."""
    device = p.device()
    mm = (device.logicalDpiY() if device is not None else 96) / 25.4
    small, tiny, bold = font(8), font(7), font(9, True)
    frame = rect.adjusted(FRAME_MM * mm, FRAME_MM * mm * 0.6, -FRAME_MM * mm * 0.6, -FRAME_MM * mm)
    # the extent grown to the frame's proportions: one scale for both axes
    scale = min(frame.width() / max(extent.width(), 1.0), frame.height() / max(extent.height(), 1.0))
    source = QRectF(0, 0, frame.width() / scale, frame.height() / scale)
    source.moveCenter(extent.center())
    p.save()
    p.fillRect(frame, QColor(250, 250, 246))
    p.setClipRect(frame)
    # texts that ignore the zoom (platform names, vertex names) are sized for the screen:
    # hidden while the scene paints, then drawn here at their printed size
    texts = [
        i
        for i in scene.items()
        if isinstance(i, QGraphicsSimpleTextItem)
        and i.isVisible()
        and i.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    ]
    hidden = [i for i in hide if i.isVisible()]
    for item in texts + hidden:
        item.setVisible(False)
    try:
        scene.render(p, frame, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    finally:
        for item in texts + hidden:
            item.setVisible(True)
    for item in texts:
        if item not in hide:
            _scene_text(
                p,
                item,
                QPointF(
                    frame.left() + (item.pos().x() - source.left()) * scale,
                    frame.top() + (item.pos().y() - source.top()) * scale,
                ),
            )

    def at(easting: float, northing: float) -> QPointF:
        return QPointF(
            frame.left() + (easting - source.left()) * scale, frame.top() + (-northing - source.top()) * scale
        )

    _chosen(p, chosen, at, mm)
    p.restore()
    p.save()
    # coordinate grid and frame labels (Y = easting along the top and bottom, X = northing at the sides)
    step = nice_step(source.width(), 4)
    p.setFont(tiny)
    fm = QFontMetricsF(tiny, device)

    def x_of(easting: float) -> float:
        return frame.left() + (easting - source.left()) * scale

    def y_of(scene_y: float) -> float:
        return frame.top() + (scene_y - source.top()) * scale

    grid = QPen(QColor(90, 90, 90, 110), 0.12 * mm, Qt.PenStyle.DashLine)
    e = math.ceil(source.left() / step) * step
    while e < source.right():
        x = x_of(e)
        p.setPen(grid)
        p.drawLine(QPointF(x, frame.top()), QPointF(x, frame.bottom()))
        p.setPen(QColor("#000000"))
        text = f"Y {e:,.0f}"
        p.drawText(
            QRectF(x - 20 * mm, frame.bottom() + 0.8 * mm, 40 * mm, fm.height()),
            int(Qt.AlignmentFlag.AlignHCenter),
            text,
        )
        p.drawText(
            QRectF(x - 20 * mm, frame.top() - fm.height() - 0.8 * mm, 40 * mm, fm.height()),
            int(Qt.AlignmentFlag.AlignHCenter),
            text,
        )
        e += step
    n = math.ceil(-source.bottom() / step) * step  # northings increase upwards
    while n < -source.top():
        y = y_of(-n)
        p.setPen(grid)
        p.drawLine(QPointF(frame.left(), y), QPointF(frame.right(), y))
        p.setPen(QColor("#000000"))
        p.save()
        p.translate(frame.left() - 0.8 * mm, y)
        p.rotate(-90)
        p.drawText(
            QRectF(-20 * mm, -fm.height(), 40 * mm, fm.height()),
            int(Qt.AlignmentFlag.AlignHCenter),
            f"X {n:,.0f}",
        )
        p.restore()
        n += step
    p.setPen(QPen(QColor("#000000"), 0.35 * mm))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(frame)
    _north_arrow(p, QPointF(frame.right() - 9 * mm, frame.top() + 4 * mm), mm, bold)
    _scale_bar(p, frame, scale, mm, small, device.logicalDpiY() if device is not None else 96)
    _legend(p, frame, legend, selected_label, mm, small, bold)
    p.restore()


def _chosen(p: QPainter, chosen: Sequence[ChosenPlot], at: Any, mm: float) -> None:
    """The chosen plots outlined in red over a yellow wash; their surveyed point names
    (J1, J2…) beside the points when there are few enough plots to read them."""
    for c in chosen:
        path = QPainterPath()
        for ring in c.plot.rings:
            path.addPolygon(QPolygonF([at(e, n) for e, n in ring]))
            path.closeSubpath()
        p.setPen(QPen(CHOSEN_LINE, 0.5 * mm))
        p.setBrush(QBrush(CHOSEN_FILL))
        p.drawPath(path)
    if len(chosen) > LABELLED_PLOTS:
        return
    f = font(6.5, True)
    fm = QFontMetricsF(f, p.device())
    p.setFont(f)
    for c in chosen:
        for v in c.vertices:
            point = at(float(v.y), float(v.x))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(CHOSEN_LINE))
            p.drawEllipse(point, 0.5 * mm, 0.5 * mm)
            box = QRectF(
                point.x() + 0.8 * mm,
                point.y() - fm.height() - 0.3 * mm,
                fm.horizontalAdvance(v.name) + 0.6 * mm,
                fm.height(),
            )
            p.fillRect(box, QColor(255, 255, 255, 190))
            p.setPen(QColor(160, 0, 0))
            p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), v.name)


def _scene_text(p: QPainter, item: QGraphicsSimpleTextItem, at: QPointF) -> None:
    """``item``'s text at ``at`` in its own font (points: printed size), offset like on screen."""
    screen = item.boundingRect()
    f = QFont(item.font())
    if f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() * 0.9)
    fm = QFontMetricsF(f, p.device())
    w, h = fm.horizontalAdvance(item.text()), fm.height()
    dx = item.transform().dx() / screen.width() * w if screen.width() else 0.0
    dy = item.transform().dy() / screen.height() * h if screen.height() else 0.0
    box = QRectF(at.x() + dx, at.y() + dy, w, h)
    p.setFont(f)
    halo = QColor(255, 255, 255, 200)
    p.fillRect(box, halo)
    p.setPen(item.brush().color())
    p.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), item.text())


def _north_arrow(p: QPainter, top: QPointF, mm: float, f: QFont) -> None:
    h, w = 12 * mm, 4 * mm
    left = QPolygonF([top, QPointF(top.x() - w / 2, top.y() + h), QPointF(top.x(), top.y() + h * 0.75)])
    right = QPolygonF([top, QPointF(top.x() + w / 2, top.y() + h), QPointF(top.x(), top.y() + h * 0.75)])
    p.setPen(QPen(QColor("#000000"), 0.2 * mm))
    p.setBrush(QBrush(QColor("#000000")))
    p.drawPolygon(left)
    p.setBrush(QBrush(QColor("#ffffff")))
    p.drawPolygon(right)
    p.setFont(f)
    p.drawText(
        QRectF(top.x() - 5 * mm, top.y() + h, 10 * mm, 5 * mm), int(Qt.AlignmentFlag.AlignHCenter), "N 北"
    )


def _scale_bar(p: QPainter, frame: QRectF, scale: float, mm: float, f: QFont, dpi: float) -> None:
    metres = nice_step(frame.width() / scale / 4, 1)
    length = metres * scale
    x0, y0 = frame.left() + 5 * mm, frame.bottom() - 9 * mm
    box = QRectF(x0 - 2 * mm, y0 - 6 * mm, length + 14 * mm, 13 * mm)
    p.fillRect(box, QColor(255, 255, 255, 225))
    p.setPen(QPen(QColor("#000000"), 0.2 * mm))
    for i in range(4):
        seg = QRectF(x0 + length * i / 4, y0, length / 4, 1.6 * mm)
        p.setBrush(QBrush(QColor("#000000") if i % 2 == 0 else QColor("#ffffff")))
        p.drawRect(seg)
    p.setFont(f)
    p.setPen(QColor("#000000"))
    for value, x in ((0.0, x0), (metres / 2, x0 + length / 2), (metres, x0 + length)):
        p.drawText(
            QRectF(x - 10 * mm, y0 + 1.8 * mm, 20 * mm, 4 * mm),
            int(Qt.AlignmentFlag.AlignHCenter),
            f"{value:,.0f}",
        )
    ratio = dpi / 0.0254 / scale  # ground metres per paper metre
    rounded = float(f"{ratio:.2g}") if ratio >= 100 else ratio
    p.drawText(
        QRectF(x0, y0 - 5.5 * mm, length + 12 * mm, 5 * mm),
        int(Qt.AlignmentFlag.AlignLeft),
        tr("比例尺 1:{n}（米）", n=f"{rounded:,.0f}"),
    )


def _legend(  # noqa: PLR0917  private painter: the sheet's geometry passed through
    p: QPainter,
    frame: QRectF,
    legend: Sequence[LegendEntry],
    selected_label: str,
    mm: float,
    f: QFont,
    bold: QFont,
) -> None:
    fm = QFontMetricsF(f, p.device())
    entries = [(e.label, e.colour, tr("{n} 宗", n=e.count)) for e in legend]
    if selected_label:
        entries.append((selected_label, QColor(255, 230, 0), ""))
    width = max((fm.horizontalAdvance(f"{a} {c}") for a, _, c in entries), default=20 * mm) + 14 * mm
    height = (len(entries) + 1) * fm.height() * 1.25 + 3 * mm
    box = QRectF(frame.right() - width - 3 * mm, frame.bottom() - height - 3 * mm, width, height)
    p.setPen(QPen(QColor("#333333"), 0.2 * mm))
    p.setBrush(QBrush(QColor(255, 255, 255, 235)))
    p.drawRect(box)
    p.setFont(bold)
    p.setPen(QColor("#000000"))
    y = box.top() + 1.5 * mm
    p.drawText(
        QRectF(box.left() + 2 * mm, y, width, fm.height()), int(Qt.AlignmentFlag.AlignLeft), tr("图例")
    )
    p.setFont(f)
    for label, colour, count in entries:
        y += fm.height() * 1.25
        swatch = QRectF(box.left() + 2 * mm, y + fm.height() * 0.15, 6 * mm, fm.height() * 0.7)
        p.setPen(QPen(QColor(60, 60, 60), 0.1 * mm) if count else QPen(QColor(220, 30, 30), 0.4 * mm))
        p.setBrush(QBrush(colour))
        p.drawRect(swatch)
        p.setPen(QColor("#000000"))
        p.drawText(
            QRectF(swatch.right() + 2 * mm, y, width, fm.height()),
            int(Qt.AlignmentFlag.AlignLeft),
            f"{label} {count}".strip(),
        )


def vertex_table(vertices: Sequence[VertexRow], caption: str = "") -> Table:
    return Table(
        [tr("点号"), tr("圈号"), tr("X（北）"), tr("Y（东）"), tr("边长（米）")],
        [[v.name, str(v.ring), f"{v.x:.3f}", f"{v.y:.3f}", f"{v.edge_m:,.2f}"] for v in vertices],
        [False, True, True, True, True],
        caption=caption or tr("界址点坐标表"),
    )


def _perimeter(vertices: Sequence[VertexRow]) -> Decimal:
    return sum((v.edge_m for v in vertices), Decimal(0))


def _area_text(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return tr("{mu} 亩（{m2} ㎡）", mu=f"{value * 15 / 10000:,.2f}", m2=f"{value:,.2f}")


def chosen_table(chosen: Sequence[ChosenPlot]) -> Table:
    """The chosen plots listed: code, name, platform, status, computed area, points, perimeter."""
    rows = []
    for c in chosen:
        r = c.row
        rows.append(
            [
                c.plot.code,
                r.name if r else "",
                (r.platform_name if r else "") or "—",
                tr(c.plot.status) if c.plot.status else "—",
                _area_text(r.geom_area_m2 if r else None),
                str(len(c.vertices)),
                f"{_perimeter(c.vertices):,.2f}",
            ]
        )
    return Table(
        [
            tr("地块编号"),
            tr("名称"),
            tr("平台"),
            tr("状态"),
            tr("计算面积"),
            tr("界址点数"),
            tr("周长（米）"),
        ],
        rows,
        [False, False, False, False, True, True, True],
        caption=tr("选定地块"),
    )


def extent_of(chosen: Sequence[ChosenPlot]) -> QRectF:
    rect = QRectF()
    for c in chosen:
        outline = selected_outline(c.plot.rings)
        rect = outline if rect.isNull() else rect.united(outline)
    return rect


def sheet_document(  # noqa: C901, PLR0913  one keyword per sheet option (paper, orientation, plots, title, author …), one branch per optional part
    scene: QGraphicsScene,
    plots: Sequence[MapPlot],
    legend_classes: Sequence[Any],
    classify: Any,
    *,
    scope: str,
    chosen: Sequence[ChosenPlot] = (),
    view_extent: QRectF | None = None,
    hide: Sequence[QGraphicsItem] = (),
    mode_title: str = "",
    title: str = "",
    author: str = "",
    paper: str = "A4",
    orientation: str = "landscape",
) -> PrintDocument:
    """The map sheet of ``scope``: ``selected`` (the ``chosen`` plots, with their 界址点坐标表),
    ``view`` (``view_extent``) or ``all`` (every plot in ``scene``). ``legend_classes`` and
    ``classify`` are the colouring in force (``desktop.land.colours``)."""
    if scope == "selected" and not chosen:
        scope = "view" if view_extent is not None else "all"
    if scope == "selected":
        extent = padded(extent_of(chosen))
        codes = tr("、").join(c.plot.code for c in chosen[:6]) + (tr(" 等") if len(chosen) > 6 else "")
        scope_text = tr("选定地块 {codes}（{n} 宗）", codes=codes, n=len(chosen))
    elif scope == "view" and view_extent is not None:
        extent = view_extent
        scope_text = tr("当前视图")
    else:
        extent = padded(scene.itemsBoundingRect(), 0.03, 10.0)
        scope_text = tr("全部地块")
    counts: dict[str, int] = {}
    for p in plots:
        if p.rings and extent.contains(QPointF(p.rings[0][0][0], -p.rings[0][0][1])):
            key = classify(p).key
            counts[key] = counts.get(key, 0) + 1
    legend = [
        LegendEntry(c.label, c.colour, counts.get(c.key, 0)) for c in legend_classes if counts.get(c.key, 0)
    ]
    shown = [c for c in chosen if extent.intersects(selected_outline(c.plot.rings))]
    label = tr("选定地块 {n} 宗", n=len(shown)) if shown else ""
    if not title:
        if scope == "selected" and len(chosen) == 1:
            title = tr("地块图 — {code}", code=chosen[0].plot.code)
        elif scope == "selected":
            title = tr("地块图 — 选定 {n} 宗地块", n=len(chosen))
        else:
            title = tr("临安区地块分布图（{mode}）", mode=mode_title)
    lines = []
    if scope == "selected" and len(chosen) == 1 and chosen[0].row is not None:
        r = chosen[0].row
        lines.append(
            tr(
                "{code} {name}；{platform}；{status}；{holder}；计算面积 {area}，周长 {perimeter} 米",
                code=r.code,
                name=r.name,
                platform=r.platform_name or tr("未归属平台"),
                status=tr(r.status) if r.status else "—",
                holder=r.holder_name or tr("无权利人"),
                area=_area_text(r.geom_area_m2),
                perimeter=f"{_perimeter(chosen[0].vertices):,.2f}",
            )
        )
    doc = map_sheet(
        scene,
        extent,
        legend,
        title=title,
        scope=scope_text,
        author=author,
        paper=paper,
        orientation=orientation,
        plot_lines=lines,
        selected_label=label,
        chosen=shown,
        hide=hide,
    )
    if scope == "selected":
        if len(chosen) > 1:
            doc.add(chosen_table(chosen))
        for c in chosen:
            if not c.vertices:
                continue
            caption = tr("界址点坐标表 — {code} {name}", code=c.plot.code, name=c.row.name if c.row else "")
            doc.add(
                vertex_table(c.vertices, caption.strip()),
                Paragraph(
                    tr(
                        "共 {n} 个界址点，周长 {p} 米。坐标系：{crs}。",
                        n=len(c.vertices),
                        p=f"{_perimeter(c.vertices):,.2f}",
                        crs=CRS_TEXT,
                    ),
                    size=8.5,
                ),
            )
    return doc


def map_sheet(  # noqa: PLR0913  one keyword per sheet option, as sheet_document
    scene: QGraphicsScene,
    extent: QRectF,
    legend: Sequence[LegendEntry],
    *,
    title: str,
    scope: str,
    author: str = "",
    paper: str = "A4",
    orientation: str = "landscape",
    plot_lines: Sequence[str] = (),
    vertices: Sequence[VertexRow] = (),
    selected_label: str = "",
    chosen: Sequence[ChosenPlot] = (),
    hide: Sequence[QGraphicsItem] = (),
) -> PrintDocument:
    """The sheet; ``vertices`` (one plot's) add its 界址点坐标表 after the drawing."""
    doc = PrintDocument(
        title=title,
        author=author,
        paper="A3" if paper == "A3" else "A4",
        orientation="portrait" if orientation == "portrait" else "landscape",
        lines=[
            tr("范围：{scope}；坐标系：{crs}，单位：米（X 北、Y 东）", scope=scope, crs=CRS_TEXT),
            *plot_lines,
        ],
    )
    doc.add(
        Drawing(
            lambda painter, rect: paint_map(
                painter, rect, scene, extent, legend, selected_label, chosen=chosen, hide=hide
            ),
            height_mm=None,
        )
    )
    if vertices:
        perimeter = sum((v.edge_m for v in vertices), Decimal(0))
        doc.add(
            vertex_table(vertices),
            Paragraph(
                tr(
                    "共 {n} 个界址点，周长 {p} 米。坐标系：{crs}。",
                    n=len(vertices),
                    p=f"{perimeter:,.2f}",
                    crs=CRS_TEXT,
                ),
                size=8.5,
            ),
        )
    return doc


def padded(rect: QRectF, share: float = 0.25, minimum: float = 30.0) -> QRectF:
    pad = max(minimum, share * max(rect.width(), rect.height()))
    return rect.adjusted(-pad, -pad, pad, pad)


def selected_outline(rings: Sequence[Sequence[tuple[float, float]]]) -> QRectF:
    path = QPainterPath()
    for ring in rings:
        path.addPolygon(QPolygonF([QPointF(e, -n) for e, n in ring]))
    return path.boundingRect()
