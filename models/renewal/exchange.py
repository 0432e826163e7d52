"""The ``renewal-projects`` kind: the vacate-and-replace (腾笼换鸟) case list.

Upserts by 项目编号. A row names the stage the case has reached and its date; when it
differs from the stored stage the case moves there through the same rules as in the
window (dates forward, a reason to go back, re-supply needs method and plot). Enterprises
missing from the register are created from USCC + name; plots must exist (by 地块编号,
several separated by 、 , ; or spaces).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.db.records import apply_changes
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.exchange.keys import KeyIndex, ids_by_key, match_key
from models.exchange.parsers import (
    choice_parser,
    count_parser,
    parse_area,
    parse_date,
    parse_decimal,
    parse_int,
    parse_money,
    parse_text,
    parse_uscc,
)
from models.exchange.spec import Column, ExportContext, ImportContext, Kind, LoadOutcome, SourceRow
from models.land.entities import Plot
from models.policy.queries import platform_index
from models.renewal import queries as Q
from models.renewal import services as S
from models.renewal.entities import RenewalProject, RenewalStageEvent
from models.units import AreaUnit, MoneyUnit

STAGE_LABELS = {
    "identified": "摸排认定",
    "negotiated": "谈判协议",
    "vacated": "腾退收储",
    "resupplied": "再供应",
    "building": "建设",
    "producing": "投产",
    "checked": "达产复核",
    "stopped": "终止",
}
TREATMENT_LABELS = {"upgrade": "提升", "vacate": "腾退", "phase_out": "淘汰"}
_STAGE_IN = {
    **{v: k for k, v in STAGE_LABELS.items()},
    **{k: k for k in STAGE_LABELS},
    "摸排": "identified",
    "认定": "identified",
    "谈判": "negotiated",
    "协议": "negotiated",
    "腾退": "vacated",
    "收储": "vacated",
    "再供": "resupplied",
    "供地": "resupplied",
    "在建": "building",
    "达产": "checked",
    "复核": "checked",
    "中止": "stopped",
}
_TREATMENT_IN = {
    **{v: k for k, v in TREATMENT_LABELS.items()},
    **{k: k for k in TREATMENT_LABELS},
    "提升改造": "upgrade",
    "腾退收储": "vacate",
    "关停淘汰": "phase_out",
    "淘汰关停": "phase_out",
}
_SPLIT = re.compile(r"[、,，;；\s]+")


def _label(mapping: dict[str, str]) -> Any:
    return lambda v: mapping.get(v, v) if v else v


def _plots(value: Any, ctx: Any) -> tuple[str, ...]:
    return tuple(p for p in _SPLIT.split(parse_text(value, ctx)) if p)


COLUMNS = (
    Column(
        "code",
        "项目编号",
        synonyms=("编号", "项目代码", "案件编号"),
        parse=parse_text,
        required=True,
        example="TL-2024-001",
        width=16,
    ),
    Column(
        "name",
        "项目名称",
        synonyms=("名称", "项目"),
        parse=parse_text,
        required=True,
        example="某纺织厂腾退再利用",
        width=26,
    ),
    Column(
        "platform", "所属平台", synonyms=("平台", "园区"), parse=parse_text, example="青山湖科技城", width=14
    ),
    Column(
        "old_uscc",
        "原企业统一社会信用代码",
        synonyms=("原企业信用代码", "原企业代码"),
        parse=parse_uscc,
        example="914403001922038216",
        width=22,
    ),
    Column(
        "old_name",
        "原企业名称",
        synonyms=("原企业", "原用地企业"),
        parse=parse_text,
        example="某纺织有限公司",
        width=22,
    ),
    Column(
        "low_eff_kind",
        "低效类型",
        synonyms=("低效用地类型", "认定类型"),
        parse=parse_text,
        example="用而未尽",
        choices=S.LOW_EFF_KINDS,
        width=12,
    ),
    Column(
        "treatment",
        "处置方式",
        synonyms=("处置方式（提升/腾退/淘汰）", "施策方式"),
        parse=choice_parser(_TREATMENT_IN),
        render=_label(TREATMENT_LABELS),
        example="腾退",
        choices=tuple(TREATMENT_LABELS.values()),
        width=10,
    ),
    Column(
        "compensation",
        "补偿金额",
        synonyms=("补偿", "补偿款", "收储补偿"),
        parse=parse_money,
        quantity="money",
        unit=MoneyUnit.WAN,
        example=Decimal("1500"),
    ),
    Column(
        "stage",
        "当前阶段",
        synonyms=("阶段", "进展阶段", "所处阶段"),
        parse=choice_parser(_STAGE_IN),
        render=_label(STAGE_LABELS),
        example="谈判协议",
        choices=tuple(STAGE_LABELS.values()),
        width=10,
    ),
    Column(
        "stage_date",
        "阶段日期",
        synonyms=("进入阶段日期", "日期", "阶段时间"),
        parse=parse_date,
        example=dt.date(2024, 5, 20),
        width=12,
    ),
    Column("reason", "退回或终止原因", synonyms=("原因", "退回原因", "终止原因"), parse=parse_text, width=20),
    Column(
        "plots",
        "地块编号",
        synonyms=("地块", "涉及地块", "地块代码"),
        parse=_plots,
        render=lambda v: "、".join(v) if v else "",
        example="QSH-2019-012",
        width=20,
    ),
    Column(
        "area_m2",
        "面积",
        synonyms=("用地面积", "腾退面积", "项目面积"),
        parse=parse_area,
        quantity="area",
        unit=AreaUnit.MU,
        example=Decimal("30"),
    ),
    Column(
        "supply_method",
        "供地方式",
        synonyms=("再供应方式",),
        parse=parse_text,
        example="标准地",
        choices=S.SUPPLY_METHODS,
        width=10,
    ),
    Column(
        "quota_use_id", "指标使用编号", synonyms=("指标使用ID", "用地指标使用编号"), parse=parse_int, width=10
    ),
    Column(
        "new_uscc",
        "新企业统一社会信用代码",
        synonyms=("新企业信用代码", "引进企业信用代码"),
        parse=parse_uscc,
        example="91330100799655058B",
        width=22,
    ),
    Column("new_name", "新企业名称", synonyms=("新企业", "引进企业"), parse=parse_text, width=22),
    Column("new_project", "新项目", synonyms=("新项目名称", "引进项目"), parse=parse_text, width=22),
    Column(
        "plot_ratio_before",
        "改造前容积率",
        synonyms=("原容积率",),
        parse=parse_decimal,
        example=Decimal("0.8"),
    ),
    Column(
        "plot_ratio_after",
        "改造后容积率",
        synonyms=("新容积率",),
        parse=parse_decimal,
        example=Decimal("2.0"),
    ),
    Column(
        "floor_area_added_m2",
        "新增建筑面积",
        synonyms=("新增面积",),
        parse=parse_area,
        quantity="area",
        unit=AreaUnit.M2,
        example=Decimal("24000"),
    ),
    Column(
        "investment",
        "投资额",
        synonyms=("总投资", "计划投资", "固定资产投资"),
        parse=parse_money,
        quantity="money",
        unit=MoneyUnit.WAN,
        example=Decimal("30000"),
    ),
    Column(
        "energy_freed_tce",
        "腾出能耗",
        synonyms=("腾出用能", "腾出能耗（吨标煤）"),
        parse=parse_decimal,
        example=Decimal("900"),
    ),
    Column(
        "firms_out",
        "迁出企业数",
        synonyms=("腾退企业数", "出清企业数"),
        parse=count_parser("家", "个", "户"),
        example=1,
    ),
    Column(
        "firms_in", "引进企业数", synonyms=("入驻企业数",), parse=count_parser("家", "个", "户"), example=1
    ),
    Column("tax_per_mu_before", "改造前亩均税收", parse=parse_decimal),
    Column("tax_per_mu_after", "改造后亩均税收", parse=parse_decimal),
    Column("va_per_mu_before", "改造前亩均增加值", parse=parse_decimal),
    Column("va_per_mu_after", "改造后亩均增加值", parse=parse_decimal),
    Column("note", "备注", synonyms=("说明",), parse=parse_text, width=24),
)
_FIGURES = ("tax_per_mu_before", "tax_per_mu_after", "va_per_mu_before", "va_per_mu_after")
_PLAIN = ("low_eff_kind", "treatment", "new_project", *S.FIGURES, "note")  # cells taken as they are


class _RowError(Exception):
    def __init__(self, key: str | None, problem_code: str, /, **fields: Any) -> None:
        super().__init__(problem_code)
        self.key, self.code, self.fields = key, problem_code, fields


def _index(session: Session) -> tuple[KeyIndex, dict[str, int], dict[str, int]]:
    platforms = platform_index(session)
    ents = {k: v for k, v in session.execute(select(Enterprise.uscc, Enterprise.id))}
    plots = {match_key(k): int(v) for k, v in session.execute(select(Plot.code, Plot.id))}
    return platforms, {str(k): int(v) for k, v in ents.items()}, plots


def _enterprise(session: Session, ents: dict[str, int], row: SourceRow, prefix: str) -> int | None:
    uscc = row.get(f"{prefix}_uscc")
    if uscc is None:
        return None
    if uscc in ents:
        return ents[uscc]
    name = row.get(f"{prefix}_name")
    if not name:
        raise _RowError(f"{prefix}_name", "renewal.enterprise_name_required", uscc=uscc)
    ent = Enterprise(uscc=uscc, name=name)
    session.add(ent)
    session.flush()
    ents[uscc] = ent.id
    return ent.id


def _apply(  # noqa: C901  one branch per column of the projects workbook
    session: Session,
    row: SourceRow,
    ctx: ImportContext,
    idx: tuple[
        KeyIndex,
        dict[str, int],
        dict[str, int],
    ],
) -> tuple[int, int]:
    platforms, ents, plots = idx
    values: dict[str, Any] = {k: row.values[k] for k in _PLAIN if k in row.values}
    values["name"] = row.get("name")
    if row.get("platform"):
        pid = platforms.get(row.get("platform"))
        if pid is None:
            raise _RowError("platform", "renewal.unknown_platform", value=row.get("platform"))
        values["platform_id"] = pid
    for prefix in ("old", "new"):
        eid = _enterprise(session, ents, row, prefix)
        if eid is not None:
            values[f"{prefix}_enterprise_id"] = eid
    plot_ids: tuple[int, ...] | None = None
    if "plots" in row.values:
        missing = [c for c in row.get("plots") if match_key(c) not in plots]
        if missing:
            raise _RowError("plots", "renewal.unknown_plot", codes="、".join(missing))
        plot_ids = tuple(plots[match_key(c)] for c in row.get("plots"))
    stage, on = row.get("stage"), row.get("stage_date")
    code = str(row.get("code")).strip()
    found = ids_by_key(session, RenewalProject.id, (RenewalProject.code,), code)
    project = session.get(RenewalProject, found[0]) if len(found) == 1 else None
    created = updated = 0
    if project is None:
        S.create_project(
            session, code=code, identified_on=on or dt.date.today(), plot_ids=plot_ids or (), **values
        )
        project = session.scalar(select(RenewalProject).where(RenewalProject.code == code))
        assert project is not None
        created = 1
    else:
        name = values.pop("name")
        ch = S.update_project(session, project_id=project.id, name=name, **values)
        changed = ch.updated > 0
        if plot_ids is not None:
            changed = S.set_plots(session, project_id=project.id, plot_ids=plot_ids).updated > 0 or changed
        updated = 1 if changed else 0
    if stage is not None and stage != project.stage:
        if on is None:
            raise _RowError("stage_date", "renewal.stage_date_required", code=code, stage=stage)
        S.advance_stage(
            session,
            project_id=project.id,
            stage=stage,
            on_date=on,
            reason=row.get("reason") or "",
            supply_method=row.get("supply_method"),
            quota_use_id=row.get("quota_use_id"),
        )
        updated = 0 if created else 1
    if row.get("supply_method") and row.get("supply_method") != project.supply_method:
        project.supply_method = row.get("supply_method")  # also past 再供应 (advancing sets it only on entry)
        updated = 0 if created else 1
    # The before/after figures as the file gives them (an export carries the ones computed from the
    # stage history, which the file does not hold): the import does not recompute them differently.
    figures = {k: row.values[k] for k in _FIGURES if row.values.get(k) is not None}
    if apply_changes(project, figures):
        session.flush()
        updated = 0 if created else 1
    return created, updated


def load_projects(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    idx = _index(session)
    seen: dict[str, int] = {}
    created = updated = unchanged = 0
    for row in rows:
        code = str(row.get("code")).strip()
        if match_key(code) in seen:
            ctx.problem(row, "code", "renewal.duplicate_in_file", code=code, first_row=seen[match_key(code)])
            continue
        seen[match_key(code)] = row.row
        try:
            c, u = _apply(session, row, ctx, idx)
        except _RowError as exc:
            ctx.problem(row, exc.key, exc.code, **exc.fields)
            continue
        except DomainError as exc:
            p = exc.problems[0]
            key = p.fields.get("field") if p.fields.get("field") in row.headers else None
            ctx.problem(row, key, p.code, **p.fields)
            continue
        created += c
        updated += u
        unchanged += 1 if not (c or u) else 0
    return LoadOutcome(
        created, updated, unchanged, Changes.of("renewal", "enterprises", created=created, updated=updated)
    )


def _stage_reasons(session: Session) -> dict[int, str]:
    """Each project's reason for its current stage (its latest stage entry's): a stop or a step
    back re-imports only with it."""
    reasons: dict[int, str] = {}
    for pid, reason in session.execute(
        select(RenewalStageEvent.project_id, RenewalStageEvent.reason).order_by(
            RenewalStageEvent.on_date, RenewalStageEvent.id
        )
    ):
        reasons[pid] = reason
    return reasons


def dump_projects(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    reasons = _stage_reasons(session)
    for r in Q.list_projects(session):
        yield {
            "code": r.code,
            "name": r.name,
            "platform": r.platform_name,
            "old_uscc": r.old_uscc or None,
            "old_name": r.old_name,
            "low_eff_kind": r.low_eff_kind,
            "treatment": r.treatment,
            "compensation": r.compensation,
            "stage": r.stage,
            "stage_date": r.stage_date,
            "reason": reasons.get(r.id, ""),
            "plots": r.plot_codes,
            "area_m2": r.area_m2,
            "supply_method": r.supply_method,
            "quota_use_id": r.quota_use_id,
            "new_uscc": r.new_uscc or None,
            "new_name": r.new_name,
            "new_project": r.new_project,
            "plot_ratio_before": r.plot_ratio_before,
            "plot_ratio_after": r.plot_ratio_after,
            "floor_area_added_m2": r.floor_area_added_m2,
            "investment": r.investment,
            "energy_freed_tce": r.energy_freed_tce,
            "firms_out": r.firms_out,
            "firms_in": r.firms_in,
            "tax_per_mu_before": r.tax_per_mu_before,
            "tax_per_mu_after": r.tax_per_mu_after,
            "va_per_mu_before": r.va_per_mu_before,
            "va_per_mu_after": r.va_per_mu_after,
            "note": r.note,
        }


KINDS = (
    Kind("renewal-projects", "腾笼换鸟项目", "renewal", COLUMNS, load=load_projects, dump=dump_projects),
)
