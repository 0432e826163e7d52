"""Loading and dumping the ``boundary-points`` kind (界址点坐标表) and its ministry TXT.

The whole table's frame is judged first (``coords.detect``): a swapped or
zone-prefixed table is refused with the evidence (an example point, how many
points read each way, Lin'an's range) unless the clerk confirmed the correction
(options ``swap_xy`` / ``strip_zone``; a TXT header 带号=40 declares the prefix).
Then each parcel's points make a polygon — problems carry the Excel row, the
point names and the X/Y of a self-intersection. Missing plots are created,
placed on the platform whose boundary holds them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.errors import DomainError, Problem
from models.exchange.keys import KeyIndex, match_key
from models.exchange.spec import ExportContext, ImportContext, LoadOutcome, SourceRow
from models.land import coords, services
from models.land import geometry as geo
from models.land import ministry_txt as txt
from models.land.entities import BoundaryPoint, Plot
from models.land.exchange_plots import _USE_BY_NAME, option
from models.land.seed import LAND_USE_NAMES
from models.units import M2_PER_HA


def _group(rows: list[SourceRow], ctx: ImportContext) -> dict[str, list[SourceRow]]:
    parcels: dict[str, list[SourceRow]] = {}
    spelled: dict[str, str] = {}  # key -> the code as first written (qsh-01 and QSH-01 are one parcel)
    last = ""
    for row in rows:
        code = row.get("plot_code") or last
        if not code:
            ctx.problem(row, "plot_code", "land.point_without_plot")
            continue
        last = code
        missing = [k for k in ("x", "y") if row.get(k) is None]
        if missing:
            for k in missing:
                ctx.problem(row, k, "land.value_required")
            continue
        parcels.setdefault(spelled.setdefault(match_key(code), code), []).append(row)
    return parcels


def _judge_frame(
    parcels: dict[str, list[SourceRow]], ctx: ImportContext
) -> tuple[coords.Frame, bool, bool] | None:
    everything = [r for rs in parcels.values() for r in rs]
    report = coords.detect([(r.get("x"), r.get("y")) for r in everything])
    declared = any(r.get("zone_declared") for r in everything)
    swap, strip = option(ctx, "swap_xy"), option(ctx, "strip_zone") or declared
    code = coords.frame_problem_code(report.frame, swap_xy=swap, strip_zone=strip)
    if code:
        first = next(r for r in everything if coords.classify(r.get("x"), r.get("y")) is report.frame)
        ex = report.example or (Decimal(0), Decimal(0))
        ctx.problem(
            first,
            "y" if code == "land.coords_zone_prefix" else "x",
            code,
            x=ex[0],
            y=ex[1],
            point=first.get("point") or "",
            points=report.counts.get(report.frame, 0),
            total=len(everything),
            **coords.range_fields(),
        )
        return None
    if report.frame in (coords.Frame.PREFIXED, coords.Frame.SWAPPED_PREFIXED):
        ctx.notes.append(
            Problem("land.coords_zone_stripped", {"zone": coords.ZONE, "declared": declared}, "warning")
        )
    if report.frame in (coords.Frame.SWAPPED, coords.Frame.SWAPPED_PREFIXED):
        ctx.notes.append(Problem("land.coords_swapped_confirmed", {"points": len(everything)}, "warning"))
    return report.frame, swap, strip


def _points(
    rows: list[SourceRow], frame: coords.Frame, swap: bool, strip: bool, ctx: ImportContext
) -> list[geo.SurveyPoint] | None:
    pts: list[geo.SurveyPoint] = []
    ok = True
    for i, r in enumerate(rows, start=1):
        got = coords.classify(r.get("x"), r.get("y"))
        if got is not frame:
            ctx.problem(
                r,
                "y" if got in (coords.Frame.PLAIN, coords.Frame.PREFIXED) else "x",
                "land.coords_row_frame",
                x=r.get("x"),
                y=r.get("y"),
                found=got.value,
                expected=frame.value,
                **coords.range_fields(),
            )
            ok = False
            continue
        x, y = coords.correct(r.get("x"), r.get("y"), swap_xy=swap, strip_zone=strip)
        ring = r.get("ring") or 1
        pts.append(
            geo.SurveyPoint(
                r.get("point") or f"J{i}", geo.quantize_coord(x), geo.quantize_coord(y), int(ring), r.row
            )
        )
    return pts if ok else None


def _same(session: Session, plot_id: int, pts: list[geo.SurveyPoint]) -> bool:
    have = [
        (p.ring, p.name, p.x_northing, p.y_easting)
        for p in session.scalars(
            select(BoundaryPoint)
            .where(BoundaryPoint.plot_id == plot_id)
            .order_by(BoundaryPoint.ring, BoundaryPoint.seq)
        )
    ]
    return have == [(p.ring, p.name[:20], p.x, p.y) for p in geo.without_closing(pts)]


def _create(session: Session, code: str, first: SourceRow, polygon: Any) -> int:
    use = first.get("land_use") or ""
    use = _USE_BY_NAME.get(use, use)
    if use not in services.choices(session, "land_use"):
        use = ""
    ch = services.create_plot(
        session,
        code=code,
        name=first.get("plot_name") or "",
        platform_id=services.platform_at(session, polygon),
        land_use=use,
        cert_area_m2=first.get("cert_area_m2"),
    )
    return ch.ids[0]


def _reject_rest(rows: list[SourceRow], ctx: ImportContext, code: str, /, **fields: Any) -> None:
    """Mark every row of ``rows`` not yet carrying an error as rejected along with it, so the
    import's counts reconcile (rows read = created + updated + unchanged + rejected)."""
    flagged = {(p.sheet, p.row) for p in ctx.problems if p.is_error}
    for r in rows:
        if (r.sheet, r.row) not in flagged:
            ctx.problem(r, None, code, **fields)


def load_points(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    """Counts are of point rows (what the clerk's table has); ``changes`` counts plots."""
    parcels = _group(rows, ctx)
    judged = _judge_frame(parcels, ctx) if parcels else None
    if judged is None:
        first = next((p.row for p in ctx.problems if p.is_error), None)
        _reject_rest(
            [r for rs in parcels.values() for r in rs], ctx, "land.rejected_with_table", row=first or ""
        )
        return LoadOutcome()
    frame, swap, strip = judged
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    plots = {"created": 0, "updated": 0, "unchanged": 0}
    ids: list[int] = []
    index = KeyIndex(session, Plot.id, Plot.code)
    for code, prow in parcels.items():
        outcome = _load_parcel(session, code, prow, frame, swap, strip, ctx, index)
        if outcome is None:
            at = next((p.row for p in ctx.problems if p.is_error and p.row in {r.row for r in prow}), None)
            _reject_rest(prow, ctx, "land.rejected_with_parcel", code=code, row=at or "")
            continue
        kind, plot_id = outcome
        counts[kind] += len(prow)
        plots[kind] += 1
        if kind != "unchanged":
            ids.append(plot_id)
    return LoadOutcome(
        counts["created"],
        counts["updated"],
        counts["unchanged"],
        Changes.of("land", created=plots["created"], updated=plots["updated"], ids=tuple(ids)),
    )


def _load_parcel(  # noqa: PLR0917  private loader step: the parcel's frame and options passed through
    session: Session,
    code: str,
    prow: list[SourceRow],
    frame: coords.Frame,
    swap: bool,
    strip: bool,
    ctx: ImportContext,
    index: KeyIndex,
) -> tuple[str, int] | None:
    pts = _points(prow, frame, swap, strip, ctx)
    if pts is None:
        return None
    try:
        polygon = geo.polygon_from_points(pts, code=code)
    except geo.GeometryError as exc:
        for p in exc.problems:
            at = next((r for r in prow if r.row == p.fields.get("row")), prow[0])
            ctx.problem(at, "x", p.code, **p.fields)
        return None
    plot_id = index.get(code)  # a lower-case or full-width code names the same plot
    try:
        with session.begin_nested():
            if plot_id is None:
                plot_id = _create(session, code, prow[0], polygon)
                index.add(code, plot_id)
                kind = "created"
            elif _same(session, plot_id, pts):
                return "unchanged", plot_id
            else:
                kind = "updated"
            services.set_plot_boundary(session, plot_id=plot_id, points=pts)
    except DomainError as exc:
        for p in exc.problems:
            ctx.problem(prow[0], "plot_code", p.code, **p.fields)
        return None
    return kind, plot_id


def _plots_with_points(session: Session) -> Iterable[tuple[Plot, list[geo.SurveyPoint]]]:
    points: dict[int, list[geo.SurveyPoint]] = {}
    for p in session.scalars(
        select(BoundaryPoint).order_by(BoundaryPoint.plot_id, BoundaryPoint.ring, BoundaryPoint.seq)
    ):
        points.setdefault(p.plot_id, []).append(geo.SurveyPoint(p.name, p.x_northing, p.y_easting, p.ring))
    for plot in session.scalars(select(Plot).where(Plot.id.in_(list(points))).order_by(Plot.code)):
        yield plot, points[plot.id]


def dump_points(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    """The surveyors' layout: X (northing) first, code and name on each parcel's first row,
    each ring closed by repeating its first point, 边长 to the next point."""
    for plot, pts in _plots_with_points(session):
        edges = geo.edge_lengths(pts)
        first = True
        by_ring: dict[int, list[tuple[geo.SurveyPoint, Decimal | None]]] = {}
        for pt, edge in zip(pts, edges, strict=True):
            by_ring.setdefault(pt.ring, []).append((pt, edge))
        for ring, items in sorted(by_ring.items()):
            for p, e in [*items, (items[0][0], None)]:
                yield {
                    "plot_code": plot.code if first else None,
                    "plot_name": plot.name if first else None,
                    "ring": ring,
                    "point": p.name,
                    "x": p.x,
                    "y": p.y,
                    "edge": e,
                }
                first = False


def read_points_txt(path: Path, ctx: ImportContext) -> list[SourceRow]:
    return txt.read_txt(path, ctx)


def write_points_txt(session: Session, path: Path, ctx: ExportContext) -> int:
    parcels = []
    for plot, pts in _plots_with_points(session):
        area = None if plot.geom_area_m2 is None else (plot.geom_area_m2 / Decimal(M2_PER_HA.numerator))
        parcels.append(
            txt.TxtParcel(
                code=plot.code,
                name=plot.name,
                area_ha=area,
                land_use_name=LAND_USE_NAMES.get(plot.land_use, ""),
                land_use_code=plot.land_use,
                points=pts,
            )
        )
    zone_prefix = str(ctx.options.get("zone_prefix", "yes")).lower() not in ("no", "0", "false", "否")
    return txt.write(
        path,
        parcels,
        unit=str(ctx.options.get("unit", "")),
        date=str(ctx.options.get("date") or dt.date.today().isoformat()),
        zone_prefix=zone_prefix,
    )
