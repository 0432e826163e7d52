"""Commands on vacate-and-replace (腾笼换鸟) projects. Take a Session, never commit, return Changes.

Stages run 摸排认定 → 谈判协议 → 腾退收储 → 再供应 → 建设 → 投产 → 达产复核, or 终止. Each
stage entered is a dated ``RenewalStageEvent``; dates never run backwards; returning to an
earlier stage (or stopping, or resuming after a stop) needs a reason. Entering 再供应 needs
the supply method and a plot; when a plot is new construction land (新增) it also needs
the quota-ledger use (``QuotaUse``) that covered it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.db.records import apply_changes, get_record, get_versioned, require_editable
from models.db.references import refuse_if_referenced
from models.efficiency.entities import EfficiencyRecord
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.land.entities import Plot
from models.policy.entities import Platform
from models.quotas.entities import QuotaUse
from models.renewal.entities import RenewalProject, RenewalProjectPlot, RenewalStageEvent, Stage

ORDER: tuple[Stage, ...] = (
    Stage.IDENTIFIED,
    Stage.NEGOTIATED,
    Stage.VACATED,
    Stage.RESUPPLIED,
    Stage.BUILDING,
    Stage.PRODUCING,
    Stage.CHECKED,
)
TREATMENTS = ("upgrade", "vacate", "phase_out")  # 提升 腾退 淘汰
LOW_EFF_KINDS = ("批而未供", "供而未用", "用而未尽", "建而未投", "投而未达标", "C/D类企业")
SUPPLY_METHODS = ("标准地", "弹性年期", "先租后让", "小微园", "出让", "租赁")
FIGURES = (  # a project's numbers, none negative
    "compensation",
    "area_m2",
    "plot_ratio_before",
    "plot_ratio_after",
    "floor_area_added_m2",
    "investment",
    "energy_freed_tce",
    "firms_out",
    "firms_in",
)
EDITABLE = (
    "name",
    "platform_id",
    "old_enterprise_id",
    "new_enterprise_id",
    "new_project",
    "low_eff_kind",
    "treatment",
    *FIGURES,
    "note",
)
_MU = Decimal(15) / Decimal(10000)
_Q = Decimal("0.000001")


def stage_index(stage: str) -> int:
    """Position in the forward order; 终止 is -1."""
    return -1 if stage == Stage.STOPPED else ORDER.index(Stage(stage))


def _check(session: Session, values: dict[str, Any]) -> None:
    if "name" in values and not str(values["name"]).strip():
        raise DomainError("renewal.name_required")
    pid = values.get("platform_id")
    if pid is not None and session.get(Platform, pid) is None:
        raise DomainError("renewal.unknown_platform", platform_id=pid)
    for key in ("old_enterprise_id", "new_enterprise_id"):
        eid = values.get(key)
        if eid is not None:
            get_record(session, Enterprise, eid)
    t = values.get("treatment")
    if t and t not in TREATMENTS:
        raise DomainError("renewal.bad_treatment", value=t, known="/".join(TREATMENTS))
    k = values.get("low_eff_kind")
    if k and k not in LOW_EFF_KINDS:
        raise DomainError("renewal.bad_low_eff_kind", value=k, known="、".join(LOW_EFF_KINDS))
    for key in FIGURES:
        v = values.get(key)
        if v is not None and v < 0:
            raise DomainError("renewal.negative_value", field=key, value=v)


def _load(session: Session, project_id: int, version: int | None = None) -> RenewalProject:
    return get_versioned(session, RenewalProject, project_id, version, key=lambda r: r.code)


def create_project(
    session: Session,
    *,
    code: str,
    name: str,
    identified_on: dt.date,
    plot_ids: tuple[int, ...] = (),
    **values: Any,
) -> Changes:
    """A new project at 摸排认定 on ``identified_on``, on the given plots."""
    require_editable(values, EDITABLE)
    code = code.strip()
    if not code:
        raise DomainError("renewal.code_required")
    if session.scalar(select(RenewalProject.id).where(RenewalProject.code == code)) is not None:
        raise DomainError("renewal.duplicate_code", code=code)
    values["name"] = name.strip()
    _check(session, values)
    p = RenewalProject(code=code, stage=Stage.IDENTIFIED.value, **values)
    session.add(p)
    session.flush()
    session.add(RenewalStageEvent(project_id=p.id, stage=Stage.IDENTIFIED.value, on_date=identified_on))
    _set_plots(session, p, plot_ids)
    refresh_figures(session, project_id=p.id)
    return Changes.of("renewal", created=1, ids=(p.id,))


def update_project(
    session: Session, *, project_id: int, version: int | None = None, **values: Any
) -> Changes:
    require_editable(values, EDITABLE)
    p = _load(session, project_id, version)
    if "name" in values:
        values["name"] = str(values["name"]).strip()
    _check(session, values)
    changed = apply_changes(p, values)
    session.flush()
    if changed:
        refresh_figures(session, project_id=p.id)
    return Changes.of("renewal", updated=1 if changed else 0, ids=(p.id,))


def _set_plots(session: Session, p: RenewalProject, plot_ids: tuple[int, ...]) -> bool:
    for pid in plot_ids:
        get_record(session, Plot, pid)
    have = set(
        session.scalars(select(RenewalProjectPlot.plot_id).where(RenewalProjectPlot.project_id == p.id))
    )
    want = set(plot_ids)
    if have == want:
        return False
    session.execute(
        delete(RenewalProjectPlot).where(
            RenewalProjectPlot.project_id == p.id, RenewalProjectPlot.plot_id.in_(have - want)
        )
    )
    for pid in sorted(want - have):
        session.add(RenewalProjectPlot(project_id=p.id, plot_id=pid))
    session.flush()
    if p.area_m2 is None and want:
        areas = [
            a for a in session.scalars(select(Plot.cert_area_m2).where(Plot.id.in_(want))) if a is not None
        ]
        if areas:
            p.area_m2 = sum(areas, Decimal(0))
    return True


def set_plots(session: Session, *, project_id: int, plot_ids: tuple[int, ...]) -> Changes:
    p = _load(session, project_id)
    changed = _set_plots(session, p, plot_ids)
    return Changes.of("renewal", updated=1 if changed else 0, ids=(p.id,))


def last_event(session: Session, project_id: int) -> RenewalStageEvent | None:
    return session.scalar(
        select(RenewalStageEvent)
        .where(RenewalStageEvent.project_id == project_id)
        .order_by(RenewalStageEvent.on_date.desc(), RenewalStageEvent.id.desc())
        .limit(1)
    )


def advance_stage(
    session: Session,
    *,
    project_id: int,
    stage: str,
    on_date: dt.date,
    reason: str = "",
    supply_method: str | None = None,
    quota_use_id: int | None = None,
    version: int | None = None,
) -> Changes:
    """Move the project to ``stage`` on ``on_date`` (see the module docstring for the rules)."""
    p = _load(session, project_id, version)
    try:
        target = Stage(stage)
    except ValueError as exc:
        raise DomainError("renewal.bad_stage", value=stage) from exc
    if target.value == p.stage:
        raise DomainError("renewal.same_stage", code=p.code, stage=stage)
    last = last_event(session, p.id)
    if last is not None and on_date < last.on_date:
        raise DomainError(
            "renewal.date_before_last",
            code=p.code,
            on_date=on_date,
            last_date=last.on_date,
            last_stage=last.stage,
        )
    backwards = (
        target is Stage.STOPPED
        or p.stage == Stage.STOPPED.value
        or stage_index(target) < stage_index(p.stage)
    )
    if backwards and not reason.strip():
        raise DomainError("renewal.reason_required", code=p.code, from_stage=p.stage, to_stage=stage)
    if target is Stage.RESUPPLIED:
        _check_resupply(session, p, supply_method, quota_use_id)
    p.stage = target.value
    session.add(
        RenewalStageEvent(project_id=p.id, stage=target.value, on_date=on_date, reason=reason.strip())
    )
    session.flush()
    refresh_figures(session, project_id=p.id)
    return Changes.of("renewal", updated=1, ids=(p.id,))


def _check_resupply(
    session: Session, p: RenewalProject, supply_method: str | None, quota_use_id: int | None
) -> None:
    method = supply_method if supply_method is not None else p.supply_method
    if not method:
        raise DomainError("renewal.supply_method_required", code=p.code, known="、".join(SUPPLY_METHODS))
    if method not in SUPPLY_METHODS:
        raise DomainError("renewal.bad_supply_method", value=method, known="、".join(SUPPLY_METHODS))
    plots = list(
        session.scalars(
            select(Plot)
            .join(RenewalProjectPlot, RenewalProjectPlot.plot_id == Plot.id)
            .where(RenewalProjectPlot.project_id == p.id)
        )
    )
    if not plots:
        raise DomainError("renewal.plot_required", code=p.code)
    use_id = quota_use_id if quota_use_id is not None else p.quota_use_id
    if use_id is not None and session.get(QuotaUse, use_id) is None:
        raise DomainError("renewal.unknown_quota_use", code=p.code, quota_use_id=use_id)
    new_land = [pl.code for pl in plots if pl.land_source == "new"]
    if new_land and use_id is None:
        raise DomainError("renewal.quota_use_required", code=p.code, plots="、".join(new_land))
    p.supply_method = method
    p.quota_use_id = use_id


def delete_project(session: Session, *, project_id: int, version: int | None = None) -> Changes:
    p = _load(session, project_id, version)
    refuse_if_referenced(session, "renewal_projects", project_id, p.code)
    session.delete(p)
    session.flush()
    return Changes.of("renewal", deleted=1, ids=(project_id,))


def _per_mu(rec: EfficiencyRecord | None, value: Decimal | None) -> Decimal | None:
    if rec is None or value is None or rec.land_area_m2 is None or rec.land_area_m2 <= 0:
        return None
    return (value / (rec.land_area_m2 * _MU)).quantize(_Q)


def vacated_on(session: Session, project_id: int) -> dt.date | None:
    """The date the project (last) entered 腾退收储."""
    return session.scalar(
        select(RenewalStageEvent.on_date)
        .where(RenewalStageEvent.project_id == project_id, RenewalStageEvent.stage == Stage.VACATED.value)
        .order_by(RenewalStageEvent.on_date.desc())
        .limit(1)
    )


def refresh_figures(session: Session, *, project_id: int) -> Changes:
    """Before/after 亩均税收 and 亩均增加值 from the efficiency records: the old enterprise's
    last year before vacating (its latest year while not vacated) against the new enterprise's
    latest year. The energy freed defaults to the old enterprise's energy use that year."""
    p = _load(session, project_id)
    out = vacated_on(session, p.id)
    old = new = None
    if p.old_enterprise_id is not None:
        stmt = select(EfficiencyRecord).where(EfficiencyRecord.enterprise_id == p.old_enterprise_id)
        if out is not None:
            stmt = stmt.where(EfficiencyRecord.year < out.year)
        old = session.scalar(stmt.order_by(EfficiencyRecord.year.desc()).limit(1))
    if p.new_enterprise_id is not None and stage_index(p.stage) >= stage_index(Stage.PRODUCING):
        new = session.scalar(
            select(EfficiencyRecord)
            .where(EfficiencyRecord.enterprise_id == p.new_enterprise_id)
            .order_by(EfficiencyRecord.year.desc())
            .limit(1)
        )
    figures = {
        "tax_per_mu_before": _per_mu(old, old.tax if old else None),
        "va_per_mu_before": _per_mu(old, old.value_added if old else None),
        "tax_per_mu_after": _per_mu(new, new.tax if new else None),
        "va_per_mu_after": _per_mu(new, new.value_added if new else None),
    }
    if (
        p.energy_freed_tce is None
        and old is not None
        and old.energy_tce is not None
        and p.treatment in ("vacate", "phase_out")
        and out is not None
    ):
        figures["energy_freed_tce"] = old.energy_tce
    changed = apply_changes(p, figures)
    session.flush()
    return Changes.of("renewal", updated=1 if changed else 0, ids=(p.id,))
