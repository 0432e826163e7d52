"""Commands on plots, their surveyed boundaries and standard-land indicators.

Take a Session first, keyword-only arguments; never commit; return ``Changes``.
Refusals are ``DomainError`` with a code and the fields a message needs. A polygon
is stored only when valid; its area ``geom_area_m2`` is always recomputed from it
(exact decimal shoelace), never taken from a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.db.records import apply_changes, get_versioned
from models.db.references import referring_rows
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.land import geometry as geo
from models.land.entities import BoundaryPoint, Plot, PlotIndicator
from models.land.seed import INDICATORS, LAND_SOURCES
from models.policy.entities import ChoiceItem, Platform

CONTRACT_FIELDS = (
    "agreed_start_on",
    "agreed_completion_on",
    "agreed_operation_on",
    "agreed_full_production_on",
    "committed_investment",
    "started_on",
    "invested",
    "developed_share",
    "halted_since",
    "production_reviewed_on",
)
EDITABLE = (
    "code",
    "name",
    "platform_id",
    "land_use",
    "cert_area_m2",
    "holder_id",
    "land_source",
    "supply_date",
    "supply_method",
    "low_eff_kind",
    "status",
    "note",
    *CONTRACT_FIELDS,
)
_CHOICE_FIELDS = {
    "land_use": "land_use",
    "supply_method": "supply_method",
    "low_eff_kind": "low_eff_kind",
    "status": "plot_status",
}


def choices(session: Session, category: str) -> list[str]:
    return list(
        session.scalars(
            select(ChoiceItem.value)
            .where(ChoiceItem.category == category, ChoiceItem.active.is_(True))
            .order_by(ChoiceItem.sort_order)
        )
    )


def _check(session: Session, values: dict[str, Any]) -> None:
    if "code" in values and not str(values["code"]).strip():
        raise DomainError("land.code_required")
    pid = values.get("platform_id")
    if pid is not None and session.get(Platform, pid) is None:
        raise DomainError("land.unknown_platform", platform_id=pid)
    hid = values.get("holder_id")
    if hid is not None and session.get(Enterprise, hid) is None:
        raise DomainError("land.unknown_holder", holder_id=hid)
    if "land_source" in values and values["land_source"] not in LAND_SOURCES:
        raise DomainError(
            "land.unknown_choice",
            field="land_source",
            value=values["land_source"],
            known="、".join(LAND_SOURCES.values()),
        )
    for field, category in _CHOICE_FIELDS.items():
        value = values.get(field)
        if value:
            known = choices(session, category)
            if value not in known:
                raise DomainError("land.unknown_choice", field=field, value=value, known="、".join(known))
    area = values.get("cert_area_m2")
    if area is not None and Decimal(area) < 0:
        raise DomainError("land.negative_area", value_m2=area)
    for name in ("committed_investment", "invested"):
        amount = values.get(name)
        if amount is not None and Decimal(amount) < 0:
            raise DomainError("land.negative_amount", field=name, value=amount)
    share = values.get("developed_share")
    if share is not None and not (0 <= Decimal(share) <= 1):
        raise DomainError("land.share_out_of_range", field="developed_share", value=share)


def _ensure_unique(session: Session, code: str, own_id: int | None) -> None:
    other = session.scalar(select(Plot.id).where(Plot.code == code))
    if other is not None and other != own_id:
        raise DomainError("land.duplicate_code", code=code)


def get_plot(session: Session, plot_id: int, version: int | None = None) -> Plot:
    return get_versioned(session, Plot, plot_id, version, key=lambda r: r.code)


def create_plot(  # noqa: PLR0913  one keyword per plot field a clerk fills
    session: Session,
    *,
    code: str,
    name: str = "",
    platform_id: int | None = None,
    land_use: str = "",
    cert_area_m2: Decimal | None = None,
    holder_id: int | None = None,
    land_source: str = "new",
    supply_date: dt.date | None = None,
    supply_method: str = "",
    low_eff_kind: str = "",
    status: str = "",
    note: str = "",
    polygon: Any = None,
    **contract: Any,
) -> Changes:
    """A new plot; ``polygon`` (shapely, stored frame) is validated and its area computed.
    ``contract``: the land contract's fields (``CONTRACT_FIELDS``: agreed dates, committed
    investment, progress, 达产复核)."""
    unknown = set(contract) - set(CONTRACT_FIELDS)
    if unknown:
        raise DomainError("land.not_editable", names=", ".join(sorted(unknown)))
    values: dict[str, Any] = dict(
        code=code.strip(),
        name=name.strip(),
        platform_id=platform_id,
        land_use=land_use,
        cert_area_m2=cert_area_m2,
        holder_id=holder_id,
        land_source=land_source,
        supply_date=supply_date,
        supply_method=supply_method,
        low_eff_kind=low_eff_kind,
        status=status,
        note=note,
        **contract,
    )
    _check(session, values)
    _ensure_unique(session, values["code"], None)
    plot = Plot(**values)
    session.add(plot)
    session.flush()
    if polygon is not None:
        _store_polygon(session, plot, polygon, None)
    return Changes.of("land", created=1, ids=(plot.id,))


def update_plot(session: Session, *, plot_id: int, version: int | None = None, **values: Any) -> Changes:
    """Change the given attributes (see ``EDITABLE``); ``version`` guards against lost updates."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise DomainError("land.not_editable", names=", ".join(sorted(unknown)))
    plot = get_plot(session, plot_id, version)
    if "code" in values:
        values["code"] = str(values["code"]).strip()
        _ensure_unique(session, values["code"], plot.id)
    _check(session, values)
    if not apply_changes(plot, values):
        return Changes()
    session.flush()
    return Changes.of("land", updated=1, ids=(plot.id,))


# A plot's own children go with it; what other areas hold against it (quota uses, buildings,
# vacate-and-replace projects) is found through their foreign keys to ``plots``.
_OWN_CHILDREN = (BoundaryPoint.__tablename__, PlotIndicator.__tablename__)
_REFERENCE_FIELD = {"renewal_project_plots": "renewal_projects"}


def plot_references(session: Session, plot_id: int) -> dict[str, int]:
    """What else points at the plot: quota uses, buildings, vacate-and-replace projects."""
    return {
        _REFERENCE_FIELD.get(name, name): count
        for name, count in referring_rows(session, Plot.__tablename__, plot_id, ignore=_OWN_CHILDREN)
    }


def delete_plot(session: Session, *, plot_id: int, version: int | None = None) -> Changes:
    """Delete a plot with its points and indicators. Refused while a quota use, a building or
    a vacate-and-replace project refers to it (the ledger would silently lose its plot)."""
    plot = get_plot(session, plot_id, version)
    refs = plot_references(session, plot_id)
    if refs:
        raise DomainError(
            "land.plot_in_use",
            code=plot.code,
            quota_uses=refs.get("quota_uses", 0),
            buildings=refs.get("buildings", 0),
            renewal_projects=refs.get("renewal_projects", 0),
        )
    session.delete(plot)
    session.flush()
    return Changes.of("land", deleted=1, ids=(plot_id,))


def _replace_points(session: Session, plot: Plot, points: Sequence[geo.SurveyPoint]) -> None:
    session.execute(delete(BoundaryPoint).where(BoundaryPoint.plot_id == plot.id))
    seq: dict[int, int] = {}
    for p in points:
        seq[p.ring] = seq.get(p.ring, 0) + 1
        session.add(
            BoundaryPoint(
                plot_id=plot.id,
                ring=p.ring,
                seq=seq[p.ring],
                name=p.name[:20],
                x_northing=geo.quantize_coord(p.x),
                y_easting=geo.quantize_coord(p.y),
            )
        )


def _store_polygon(
    session: Session, plot: Plot, polygon: Any, points: Sequence[geo.SurveyPoint] | None
) -> None:
    polygon = geo.single_polygon(polygon)
    problems = geo.validate_polygon(polygon, code=plot.code)
    if problems:
        raise DomainError.from_problems(problems)
    if points is None:
        points = geo.points_from_polygon(polygon)
        polygon = geo.polygon_from_points(points, code=plot.code)  # on the stored 0.1 mm grid
    _check_in_district(points)
    plot.geometry = polygon
    plot.geom_area_m2 = geo.area_m2(polygon)
    _replace_points(session, plot, points)
    session.flush()


def _check_in_district(points: Sequence[geo.SurveyPoint]) -> None:
    """Every point must lie in the district's range of the stored frame (a mistyped digit or a
    coordinate from another frame would otherwise put the plot kilometres away)."""
    from models.land import coords

    for p in points:
        if coords.classify(p.x, p.y) is not coords.Frame.PLAIN:
            raise DomainError(
                "land.coords_outside_range", x=p.x, y=p.y, point=p.name, **coords.range_fields()
            )


def set_plot_polygon(session: Session, *, plot_id: int, polygon: Any, version: int | None = None) -> Changes:
    """Store ``polygon`` (stored frame) as the plot's boundary; points J1… are derived from it."""
    plot = get_plot(session, plot_id, version)
    _store_polygon(session, plot, polygon, None)
    return Changes.of("land", updated=1, ids=(plot.id,))


def set_plot_boundary(
    session: Session, *, plot_id: int, points: Sequence[geo.SurveyPoint], version: int | None = None
) -> Changes:
    """Store the surveyed points (names kept) and the polygon they make.

    Refuses with the polygon's problems (too few points, self-intersection at X/Y near
    J3/J4 …) and stores nothing when they do not make a valid polygon.
    """
    plot = get_plot(session, plot_id, version)
    _check_in_district(points)
    try:
        polygon = geo.polygon_from_points(points, code=plot.code)
    except geo.GeometryError as exc:
        raise DomainError.from_problems(exc.problems) from exc
    _store_polygon(session, plot, polygon, geo.without_closing(points))
    return Changes.of("land", updated=1, ids=(plot.id,))


def clear_plot_boundary(session: Session, *, plot_id: int, version: int | None = None) -> Changes:
    plot = get_plot(session, plot_id, version)
    plot.geometry = None
    plot.geom_area_m2 = None
    session.execute(delete(BoundaryPoint).where(BoundaryPoint.plot_id == plot.id))
    session.flush()
    return Changes.of("land", updated=1, ids=(plot.id,))


_COMPARISON = {key: cmp for key, _, _, cmp in INDICATORS}


def set_indicator(
    session: Session,
    *,
    plot_id: int,
    indicator: str,
    promised: Decimal | None,
    actual: Decimal | None,
    comparison: str | None = None,
    promised_max: Decimal | None = None,
) -> Changes:
    """Add or change one standard-land indicator of a plot (promised vs actual). A two-sided
    indicator (``<>``: 容积率, 建筑系数) has a minimum (``promised``) and a maximum."""
    get_plot(session, plot_id)
    cmp = comparison or _COMPARISON.get(indicator, ">=")
    if cmp not in (">=", "<=", "<>"):
        raise DomainError("land.bad_comparison", value=cmp)
    if promised_max is not None and promised is not None and promised_max < promised:
        raise DomainError("land.bad_bounds", minimum=promised, maximum=promised_max)
    if not indicator.strip():
        raise DomainError("land.indicator_required")
    row = session.scalar(
        select(PlotIndicator).where(PlotIndicator.plot_id == plot_id, PlotIndicator.indicator == indicator)
    )
    if row is None:
        row = PlotIndicator(
            plot_id=plot_id,
            indicator=indicator,
            promised=promised,
            actual=actual,
            comparison=cmp,
            promised_max=promised_max,
        )
        session.add(row)
        session.flush()
        return Changes.of("land", created=1, ids=(row.id,))
    if (row.promised, row.actual, row.comparison, row.promised_max) == (promised, actual, cmp, promised_max):
        return Changes()
    row.promised, row.actual, row.comparison, row.promised_max = promised, actual, cmp, promised_max
    session.flush()
    return Changes.of("land", updated=1, ids=(row.id,))


def indicator_met(
    promised: Decimal | None, actual: Decimal | None, comparison: str, promised_max: Decimal | None = None
) -> bool | None:
    """True/False when both values are known, else None (not yet assessed). ``<>`` compares
    within the bounds: at least ``promised`` and, when given, at most ``promised_max``."""
    if actual is None or (promised is None and (comparison != "<>" or promised_max is None)):
        return None
    if comparison == "<>":
        return (promised is None or actual >= promised) and (promised_max is None or actual <= promised_max)
    assert promised is not None
    return actual >= promised if comparison == ">=" else actual <= promised


def platform_at(session: Session, polygon: Any) -> int | None:
    """The platform whose boundary contains most of ``polygon`` (None when none does)."""
    best: tuple[float, int | None] = (0.0, None)
    for pid, boundary in session.execute(select(Platform.id, Platform.boundary)):
        if boundary is None:
            continue
        share = float(boundary.intersection(polygon).area)
        if share > best[0]:
            best = (share, pid)
    return best[1]
