"""Charts painted with a ``QPainter`` (vector in a PDF, crisp in a PNG): columns (grouped or
stacked), lines, horizontal bars and pies, each with its title, the unit on the value
axis, a legend, and a foot line naming the data source and the date.

``ChartSpec`` is the data; ``paint_chart(painter, rect, spec)`` draws it into ``rect``;
``chart_document`` puts it on a page, ``write_chart_png`` saves it as a picture. The window's
charts (``desktop.widgets.chart_panel``) are painted by the same code, without the title and
the foot line (``framed=False``: the panel shows its title above), so what a clerk sees is
what prints.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from desktop.i18n import tr
from desktop.printing.document import Drawing, PrintDocument
from desktop.printing.render import font

PALETTE = (
    "#1f6feb",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#9c755f",
    "#ff9da7",
    "#bab0ac",
)
Number = float | int | Decimal | None
ChartKind = Literal["bars", "stacked", "lines", "hbars", "pie"]


@dataclass(frozen=True)
class ChartSpec:
    kind: ChartKind
    title: str
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[Number]]]
    unit: str = ""  # the value axis title, with its unit: "面积（亩）"
    source: str = ""  # 数据来源
    dated: str = field(default_factory=lambda: dt.date.today().isoformat())
    dashed: Sequence[str] = ()  # series drawn dashed (a path beside the actuals)
    # horizontal bars: a marker on each bar at this value (None: none on that bar), named in
    # the legend by ``mark_label`` — e.g. each building's cap beside its transferred share
    marks: Sequence[Number] = ()
    mark_label: str = ""


MARK_COLOUR = "#c0392b"


def _f(value: Number) -> float | None:
    return None if value is None else float(value)


def _nice(top: float) -> tuple[float, float]:
    """(axis maximum, tick step) for values up to ``top``."""
    if top <= 0:
        return 1.0, 0.25
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * math.ceil(top / step), step


def _label(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text or "0"


def paint_chart(p: QPainter, rect: QRectF, spec: ChartSpec, *, framed: bool = True) -> None:
    """Draw ``spec`` into ``rect``: with its title above and the data source and date below
    when ``framed`` (paper, pictures), the chart alone when not (the window)."""
    dpi = p.device().logicalDpiY() if p.device() is not None else 96
    mm = dpi / 25.4
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.fillRect(rect, QColor("#ffffff"))
    small = font(8.5)
    body = _frame(p, rect, spec, mm) if framed else rect
    entries: list[tuple[str, QColor, str]] = []
    if spec.kind == "pie":
        entries = [(c, QColor(PALETTE[k % len(PALETTE)]), "fill") for k, c in enumerate(spec.categories)]
    else:
        names = [name for name, _ in spec.series]
        if len(names) > 1 or bool(names and names[0]):
            entries = [
                (n, QColor(PALETTE[k % len(PALETTE)]), "dash" if n in spec.dashed else "fill")
                for k, n in enumerate(names)
            ]
    if spec.kind == "hbars" and spec.mark_label and any(m is not None for m in spec.marks):
        entries.append((spec.mark_label, QColor(MARK_COLOUR), "line"))
    if entries:
        body = _legend(p, body, entries, small, mm)
    if spec.kind == "pie":
        _pie(p, body, spec, small)
    elif spec.kind == "hbars":
        _hbars(p, body, spec, small, mm)
    else:
        _columns(p, body, spec, small, mm)
    p.restore()


def _frame(p: QPainter, rect: QRectF, spec: ChartSpec, mm: float) -> QRectF:
    """The title above and the foot line (data source, date) below; the body between."""
    title_font, small, tiny = font(12, True), font(8.5), font(7.5)
    th = QFontMetricsF(title_font, p.device()).height()
    sh = QFontMetricsF(small, p.device()).height()
    p.setPen(QColor("#000000"))
    p.setFont(title_font)
    p.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), th), int(Qt.AlignmentFlag.AlignHCenter), spec.title
    )
    foot = QRectF(rect.left(), rect.bottom() - sh, rect.width(), sh)
    p.setFont(tiny)
    p.setPen(QColor("#555555"))
    source = tr("数据来源：{source}", source=spec.source) if spec.source else ""
    p.drawText(foot, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), source)
    p.drawText(
        foot,
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
        tr("日期：{date}", date=spec.dated),
    )
    return QRectF(rect.left(), rect.top() + th + 2 * mm, rect.width(), rect.height() - th - sh - 4 * mm)


def _legend(p: QPainter, body: QRectF, entries: list[tuple[str, QColor, str]], f: QFont, mm: float) -> QRectF:
    """The legend at the top right (each entry: name, colour, and "fill" for a swatch, "dash"
    or "line" for a stroke); the body left of it."""
    fm = QFontMetricsF(f, p.device())
    width = max((fm.horizontalAdvance(n) for n, _, _ in entries), default=0) + 9 * mm
    x = body.right() - width
    y = body.top()
    p.setFont(f)
    for name, color, style in entries:
        swatch = QRectF(x + mm, y + fm.height() * 0.25, 4 * mm, fm.height() * 0.5)
        if style == "fill":
            p.fillRect(swatch, color)
        else:
            pen = QPen(color, 0.6 * mm, Qt.PenStyle.DashLine if style == "dash" else Qt.PenStyle.SolidLine)
            p.setPen(pen)
            p.drawLine(
                QPointF(swatch.left(), swatch.center().y()), QPointF(swatch.right(), swatch.center().y())
            )
        p.setPen(QColor("#222222"))
        p.drawText(
            QRectF(x + 6 * mm, y, width - 6 * mm, fm.height()), int(Qt.AlignmentFlag.AlignVCenter), name
        )
        y += fm.height() * 1.2
    return QRectF(body.left(), body.top(), body.width() - width - 2 * mm, body.height())


def _columns(p: QPainter, body: QRectF, spec: ChartSpec, f: QFont, mm: float) -> None:  # noqa: C901, PLR0912, PLR0915  one painter for bar, stacked and grouped columns with axis and labels
    fm = QFontMetricsF(f, p.device())
    n = max(len(spec.categories), 1)
    if spec.kind == "stacked":
        tops = [sum(max(_f(vs[i]) or 0.0, 0.0) for _, vs in spec.series if i < len(vs)) for i in range(n)]
        top = max(tops, default=0.0)
    else:
        top = max((_f(v) or 0.0 for _, vs in spec.series for v in vs), default=0.0)
    axis_max, step = _nice(top)
    ticks = [step * i for i in range(int(round(axis_max / step)) + 1)]
    left_w = max(fm.horizontalAdvance(_label(t)) for t in ticks) + 2 * mm
    unit_h = fm.height() * 1.8 if spec.unit else 0.0
    widest = max((fm.horizontalAdvance(c) for c in spec.categories), default=0.0)
    rotate = widest > (body.width() - left_w) / n * 0.95
    # a line's categories are a sequence (months, years): every step-th one labelled, level
    every = 1
    if rotate and spec.kind == "lines":
        every = math.ceil(n * (widest + 2 * mm) / max(body.width() - left_w, 1.0))
        rotate = False
    cat_h = widest * 0.72 + fm.height() if rotate else fm.height() * 1.4
    plot = QRectF(
        body.left() + left_w, body.top() + unit_h, body.width() - left_w, body.height() - unit_h - cat_h
    )
    p.setFont(f)
    if spec.unit:
        p.setPen(QColor("#333333"))
        p.drawText(
            QRectF(body.left(), body.top(), body.width(), unit_h), int(Qt.AlignmentFlag.AlignLeft), spec.unit
        )

    def y_of(value: float) -> float:
        return plot.bottom() - plot.height() * value / axis_max

    for t in ticks:
        y = y_of(t)
        p.setPen(QPen(QColor("#dddddd"), 0.15 * mm))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(QColor("#333333"))
        p.drawText(
            QRectF(body.left(), y - fm.height() / 2, left_w - mm, fm.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            _label(t),
        )
    p.setPen(QPen(QColor("#333333"), 0.25 * mm))
    p.drawLine(plot.bottomLeft(), plot.bottomRight())
    p.drawLine(plot.bottomLeft(), plot.topLeft())
    slot = plot.width() / n
    for i, c in enumerate(spec.categories):
        if i % every:
            continue
        x = plot.left() + slot * (i + 0.5)
        p.setPen(QColor("#222222"))
        if rotate:
            p.save()
            p.translate(x, plot.bottom() + mm)
            p.rotate(-45)
            w = fm.horizontalAdvance(c)
            p.drawText(QRectF(-w, -fm.height() / 2, w, fm.height()), int(Qt.AlignmentFlag.AlignRight), c)
            p.restore()
        else:
            p.drawText(
                QRectF(x - slot * every / 2, plot.bottom() + mm, slot * every, fm.height()),
                int(Qt.AlignmentFlag.AlignHCenter),
                c,
            )
    count = max(len(spec.series), 1)
    if spec.kind == "lines":
        for k, (name, values) in enumerate(spec.series):
            color = QColor(PALETTE[k % len(PALETTE)])
            style = Qt.PenStyle.DashLine if name in spec.dashed else Qt.PenStyle.SolidLine
            path = QPainterPath()
            started = False
            points = []
            for i, v in enumerate(values):
                fv = _f(v)
                if fv is None:
                    continue
                pt = QPointF(plot.left() + slot * (i + 0.5), y_of(fv))
                points.append(pt)
                if started:
                    path.lineTo(pt)
                else:
                    path.moveTo(pt)
                    started = True
            p.setPen(QPen(color, 0.5 * mm, style))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            p.setBrush(QBrush(color))
            for pt in points:
                p.drawEllipse(pt, 0.8 * mm, 0.8 * mm)
        return
    group = slot * 0.75
    base = [0.0] * n
    for k, (_name, values) in enumerate(spec.series):
        color = QColor(PALETTE[k % len(PALETTE)])
        p.setPen(QPen(color.darker(120), 0.1 * mm))
        p.setBrush(QBrush(color))
        for i in range(n):
            fv = _f(values[i]) if i < len(values) else None
            if fv is None:
                continue
            if spec.kind == "stacked":
                x0, w = plot.left() + slot * i + (slot - group) / 2, group
                y_top, y_bottom = y_of(base[i] + fv), y_of(base[i])
                base[i] += fv
            else:
                w = group / count
                x0 = plot.left() + slot * i + (slot - group) / 2 + w * k
                y_top, y_bottom = y_of(max(fv, 0.0)), y_of(0.0)
            p.drawRect(QRectF(x0, y_top, w * 0.92, y_bottom - y_top))


def _hbars(p: QPainter, body: QRectF, spec: ChartSpec, f: QFont, mm: float) -> None:
    fm = QFontMetricsF(f, p.device())
    values = [(_f(v) or 0.0) for v in (spec.series[0][1] if spec.series else [])]
    marks = [_f(m) for m in spec.marks]
    n = max(len(spec.categories), 1)
    left_w = max((fm.horizontalAdvance(c) for c in spec.categories), default=0) + 2 * mm
    unit_h = fm.height() * 1.4 if spec.unit else 0.0
    plot = QRectF(body.left() + left_w, body.top(), body.width() - left_w - 18 * mm, body.height() - unit_h)
    top = max([*values, *(m for m in marks if m is not None)], default=0.0) or 1.0
    slot = plot.height() / n
    p.setFont(f)
    for i, c in enumerate(spec.categories):
        y = plot.top() + slot * i
        v = values[i] if i < len(values) else 0.0
        p.setPen(QColor("#222222"))
        p.drawText(
            QRectF(body.left(), y, left_w - mm, slot),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            c,
        )
        w = plot.width() * v / top
        p.fillRect(QRectF(plot.left(), y + slot * 0.2, w, slot * 0.6), QColor(PALETTE[0]))
        p.drawText(
            QRectF(plot.left() + w + mm, y, 18 * mm, slot), int(Qt.AlignmentFlag.AlignVCenter), _label(v)
        )
        mark = marks[i] if i < len(marks) else None
        if mark is not None:
            x = plot.left() + plot.width() * mark / top
            p.setPen(QPen(QColor(MARK_COLOUR), 0.7 * mm))
            p.drawLine(QPointF(x, y + slot * 0.08), QPointF(x, y + slot * 0.92))
    p.setPen(QPen(QColor("#333333"), 0.25 * mm))
    p.drawLine(plot.topLeft(), plot.bottomLeft())
    if spec.unit:
        p.drawText(
            QRectF(plot.left(), plot.bottom(), plot.width(), unit_h),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
            spec.unit,
        )


def _pie(p: QPainter, body: QRectF, spec: ChartSpec, f: QFont) -> None:  # noqa: ARG001  same signature as the other chart painters
    values = [max(_f(v) or 0.0, 0.0) for v in (spec.series[0][1] if spec.series else [])]
    total = sum(values) or 1.0
    side = min(body.width(), body.height()) * 0.9
    circle = QRectF(body.center().x() - side / 2, body.center().y() - side / 2, side, side)
    start = 90 * 16
    for k, v in enumerate(values):
        span = int(round(-360 * 16 * v / total))
        p.setPen(QPen(QColor("#ffffff"), 1))
        p.setBrush(QBrush(QColor(PALETTE[k % len(PALETTE)])))
        p.drawPie(circle, start, span)
        start += span


def chart_document(spec: ChartSpec, *, author: str = "", lines: Sequence[str] = ()) -> PrintDocument:
    """The chart alone on a landscape page."""
    return PrintDocument(
        title=spec.title,
        lines=list(lines),
        author=author,
        orientation="landscape",
        blocks=[Drawing(lambda painter, rect: paint_chart(painter, rect, spec))],
    )


def write_chart_png(spec: ChartSpec, path: str | Path, width_px: int = 1800, height_px: int = 1100) -> Path:
    """The chart as a PNG picture (150 dpi: the fonts keep their printed size)."""
    target = Path(path)
    if target.suffix.lower() != ".png":
        target = target.with_suffix(".png")
    image = QImage(width_px, height_px, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(int(150 / 0.0254))
    image.setDotsPerMeterY(int(150 / 0.0254))
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        margin = 150 / 25.4 * 6
        paint_chart(painter, QRectF(margin, margin, width_px - 2 * margin, height_px - 2 * margin), spec)
    finally:
        painter.end()
    if not image.save(str(target)):  # the format from the .png suffix
        raise OSError(f"cannot write {target}")
    return target
