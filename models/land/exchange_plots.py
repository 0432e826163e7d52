"""Loading and dumping the ``plots`` and ``plot-indicators`` kinds (see ``exchange.py``).

Loaders run inside the importer's transaction and never commit; a row with any
problem is reported (with its Excel row and header) and not written, and the
importer refuses the whole file when any row is bad.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.exchange.keys import KeyIndex, ids_by_key, match_key
from models.exchange.spec import ExportContext, ImportContext, LoadOutcome, SourceRow
from models.land import cells, coords, services
from models.land import geometry as geo
from models.land.entities import Plot, PlotIndicator
from models.land.seed import INDICATORS, LAND_SOURCES, LAND_USES
from models.policy.entities import Platform
from models.units import mu
from models.uscc import normalize as uscc_normalize

_SOURCE_BY_TEXT = {v: k for k, v in LAND_SOURCES.items()} | {k: k for k in LAND_SOURCES}
_USE_BY_NAME = {name: code for code, name, _ in LAND_USES}


def option(ctx: ImportContext, name: str) -> bool:
    for key in (name, name.replace("_", "-")):
        if key in ctx.options:
            return cells.truthy(ctx.options[key])
    return False


class _RowError(Exception):
    def __init__(self, key: str | None, code: str, /, **fields: Any) -> None:
        super().__init__(code)
        self.key, self.code, self.fields = key, code, fields


def _platform(session: Session, text: str) -> int:
    pids = ids_by_key(session, Platform.id, (Platform.code, Platform.name, Platform.short_name), text)
    if len(pids) != 1:
        names = "、".join(session.scalars(select(Platform.name).order_by(Platform.priority)))
        raise _RowError("platform", "land.unknown_platform_name", value=text, known=names)
    return int(pids[0])


def _holder(session: Session, uscc: str, name: str) -> int:
    if uscc:
        hid = session.scalar(select(Enterprise.id).where(Enterprise.uscc == uscc_normalize(uscc)))
        if hid is None:
            raise _RowError("holder_uscc", "land.unknown_holder_uscc", value=uscc)
        return int(hid)
    ids = ids_by_key(session, Enterprise.id, (Enterprise.name,), name)
    if len(ids) != 1:
        raise _RowError(
            "holder",
            "land.unknown_holder_name" if not ids else "land.ambiguous_holder_name",
            value=name,
            count=len(ids),
        )
    return int(ids[0])


def _polygon(text: str, ctx: ImportContext, code: str) -> Any:
    import shapely

    try:
        polygon = geo.require_polygon(geo.polygon_from_wkt(text), code)
    except geo.GeometryError as exc:
        raise _RowError("wkt", exc.problems[0].code, **exc.problems[0].fields) from exc
    if polygon is None or polygon.is_empty:
        raise _RowError("wkt", "land.wkt_unreadable", reason="EMPTY")
    e, n = polygon.exterior.coords[0]
    frame = coords.classify(Decimal(repr(n)), Decimal(repr(e)))
    swap, strip = option(ctx, "swap_xy"), option(ctx, "strip_zone")
    problem = coords.frame_problem_code(frame, swap_xy=swap, strip_zone=strip)
    if problem:
        raise _RowError(
            "wkt",
            problem,
            x=geo.quantize_coord(n),
            y=geo.quantize_coord(e),
            point="",
            **coords.range_fields(),
        )
    if swap or strip:

        def fix(a: Any) -> Any:
            import numpy as np

            east, north = (a[:, 1], a[:, 0]) if swap else (a[:, 0], a[:, 1])
            if strip:
                east = np.where(east >= float(coords.ZONE_OFFSET), east - float(coords.ZONE_OFFSET), east)
            return np.column_stack([east, north])

        polygon = shapely.transform(polygon, fix)
    problems = geo.validate_polygon(polygon, code=code)
    if problems:
        raise _RowError("wkt", problems[0].code, **problems[0].fields)
    return polygon


def _values(session: Session, row: SourceRow) -> dict[str, Any]:
    v: dict[str, Any] = {}
    if row.get("name") is not None:
        v["name"] = row.get("name")
    if row.get("platform"):
        v["platform_id"] = _platform(session, row.get("platform"))
    if row.get("land_use"):
        use = row.get("land_use")
        v["land_use"] = _USE_BY_NAME.get(use, use)
    if row.get("cert_area_m2") is not None:
        v["cert_area_m2"] = row.get("cert_area_m2")
    if row.get("holder_uscc") or row.get("holder"):
        v["holder_id"] = _holder(session, row.get("holder_uscc") or "", row.get("holder") or "")
    if row.get("land_source"):
        if row.get("land_source") not in _SOURCE_BY_TEXT:
            raise _RowError(
                "land_source",
                "land.unknown_choice",
                field="land_source",
                value=row.get("land_source"),
                known="、".join(LAND_SOURCES.values()),
            )
        v["land_source"] = _SOURCE_BY_TEXT[row.get("land_source")]
    for key in ("supply_date", "supply_method", "low_eff_kind", "status", "note", *services.CONTRACT_FIELDS):
        if row.get(key) is not None:
            v[key] = row.get(key)
    return v


_KEY_OF_FIELD = {
    "committed_investment": "committed_investment",
    "invested": "invested",
    "developed_share": "developed_share",
    "land_source": "land_source",
    "land_use": "land_use",
    "supply_method": "supply_method",
    "low_eff_kind": "low_eff_kind",
    "status": "status",
    "platform_id": "platform",
    "holder_id": "holder",
}


def _load_one(session: Session, row: SourceRow, ctx: ImportContext, plots: KeyIndex) -> str:
    code = row.get("code") or ""
    values = _values(session, row)
    polygon = _polygon(row.get("wkt"), ctx, code) if row.get("wkt") else None
    plot_id = plots.get(code)  # ``qsh-01`` is the plot ``QSH-01``
    plot = session.get(Plot, plot_id) if plot_id is not None else None
    try:
        if plot is None:
            services.create_plot(session, code=code, polygon=polygon, **values)
            created = session.scalar(select(Plot.id).where(Plot.code == code))
            if created is not None:
                plots.add(code, created)
            return "created"
        changes = services.update_plot(session, plot_id=plot.id, **values)
        if polygon is not None and not _same_shape(plot.geometry, polygon):
            changes |= services.set_plot_polygon(session, plot_id=plot.id, polygon=polygon)
    except DomainError as exc:
        p = exc.problems[0]
        field = p.fields.get("field")
        raise _RowError(
            _KEY_OF_FIELD.get(str(field), None) if field else "wkt" if "polygon" in p.code else None,
            p.code,
            **p.fields,
        ) from exc
    return "updated" if changes.updated or changes.created else "unchanged"


def _same_shape(a: Any, b: Any) -> bool:
    """Same polygon up to vertex order, orientation and 0.1 mm."""
    import shapely

    return a is not None and bool(shapely.normalize(a).equals_exact(shapely.normalize(b), 1e-4))


def load_plots(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    seen: set[str] = set()
    ids: list[int] = []
    plots = KeyIndex(session, Plot.id, Plot.code)
    for row in rows:
        code = row.get("code")
        if not code:
            ctx.problem(row, "code", "land.value_required")
            continue
        if match_key(code) in seen:
            ctx.problem(row, "code", "land.duplicate_code_in_file", code=code)
            continue
        seen.add(match_key(code))
        try:
            with session.begin_nested():
                counts[_load_one(session, row, ctx, plots)] += 1
        except _RowError as exc:
            ctx.problem(row, exc.key, exc.code, **exc.fields)
    return LoadOutcome(
        counts["created"],
        counts["updated"],
        counts["unchanged"],
        Changes.of("land", created=counts["created"], updated=counts["updated"], ids=tuple(ids)),
    )


def _plot_props(session: Session) -> Iterator[tuple[dict[str, Any], Any]]:
    stmt = (
        select(Plot, Platform.name, Enterprise.name, Enterprise.uscc)
        .outerjoin(Platform, Platform.id == Plot.platform_id)
        .outerjoin(Enterprise, Enterprise.id == Plot.holder_id)
        .order_by(Plot.code)
    )
    for plot, pname, hname, huscc in session.execute(stmt):
        props = {
            "code": plot.code,
            "name": plot.name,
            "platform": pname or "",
            "land_use": plot.land_use,
            "cert_area_m2": plot.cert_area_m2,
            "geom_area_m2": plot.geom_area_m2,
            "geom_area_mu": None if plot.geom_area_m2 is None else mu(plot.geom_area_m2, 4),
            "holder_uscc": huscc or "",
            "holder": hname or "",
            "land_source": LAND_SOURCES.get(plot.land_source, plot.land_source),
            "supply_date": plot.supply_date,
            "supply_method": plot.supply_method,
            "low_eff_kind": plot.low_eff_kind,
            "status": plot.status,
            "wkt": "" if plot.geometry is None else geo.polygon_to_wkt(plot.geometry),
            "note": plot.note,
        }
        yield props, plot.geometry


def dump_plots(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    contract = dict(
        (
            (code, fields)
            for code, *fields in session.execute(
                select(Plot.code, *(getattr(Plot, f) for f in services.CONTRACT_FIELDS))
            )
        )
    )
    for props, _ in _plot_props(session):
        yield props | dict(zip(services.CONTRACT_FIELDS, contract.get(props["code"], ()), strict=False))


def plot_features(session: Session) -> list[tuple[dict[str, Any], Any]]:
    return list(_plot_props(session))


# --- plot-indicators ------------------------------------------------------------------------

_INDICATOR_BY_NAME = {name: key for key, name, _, _ in INDICATORS} | {key: key for key, *_ in INDICATORS}
_INDICATOR_INFO = {key: (name, unit) for key, name, unit, _ in INDICATORS}


def load_indicators(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    created = updated = unchanged = 0
    for row in rows:
        found = ids_by_key(session, Plot.id, (Plot.code,), row.get("plot_code") or "")
        plot_id = found[0] if len(found) == 1 else None
        if plot_id is None:
            ctx.problem(row, "plot_code", "land.unknown_plot", code=row.get("plot_code"))
            continue
        key = _INDICATOR_BY_NAME.get(row.get("indicator") or "")
        if key is None:
            ctx.problem(
                row,
                "indicator",
                "land.unknown_indicator",
                value=row.get("indicator"),
                known="、".join(n for _, n, _, _ in INDICATORS),
            )
            continue
        if "promised_max" in row.headers:  # a file without the column keeps the ceiling as it is
            promised_max = row.get("promised_max")
        else:
            promised_max = session.scalar(
                select(PlotIndicator.promised_max).where(
                    PlotIndicator.plot_id == plot_id, PlotIndicator.indicator == key
                )
            )
        try:
            ch = services.set_indicator(
                session,
                plot_id=plot_id,
                indicator=key,
                promised=row.get("promised"),
                actual=row.get("actual"),
                promised_max=promised_max,
            )
        except DomainError as exc:  # a ceiling below the floor
            ctx.problem(row, "promised_max", exc.code, **exc.fields)
            continue
        created += ch.created
        updated += ch.updated
        unchanged += not (ch.created or ch.updated)
    return LoadOutcome(created, updated, unchanged, Changes.of("land", created=created, updated=updated))


def indicator_rows(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    stmt = (
        select(Plot.code, PlotIndicator)
        .join(Plot, Plot.id == PlotIndicator.plot_id)
        .order_by(Plot.code, PlotIndicator.id)
    )
    for code, ind in session.execute(stmt):
        name, unit = _INDICATOR_INFO.get(ind.indicator, (ind.indicator, ""))
        met = services.indicator_met(ind.promised, ind.actual, ind.comparison, ind.promised_max)
        yield {
            "plot_code": code,
            "indicator": name,
            "promised": ind.promised,
            "promised_max": ind.promised_max,
            "actual": ind.actual,
            "unit": unit,
            "met": "" if met is None else ("达标" if met else "未达标"),
        }
