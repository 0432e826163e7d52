"""Workbook kinds of the quota ledger: ``quota-grants``, ``quota-allocations``, ``quota-uses``,
``quota-returns`` (import, export, template) and ``quota-balances`` (export only, option ``as_of``).

Headers are the file format (Chinese). Areas carry their unit in the header (亩/公顷/㎡) and
arrive here in ㎡ (the engine's ``parse_area``); exports give ㎡ and the engine writes them
in the column's unit (亩). A grant's 文号 identifies it in allocation and use sheets;
platforms are matched by name, short name or code. Loading upserts by natural keys —
grant: 文号; allocation: 文号 + 平台 + 项目 + 分配日期; use: 平台 + 项目 + 预安排日期 + 文号 —
so importing a file twice changes nothing. Ledger entries are never overwritten: a row
that matches an entry but differs in its area or date is a row problem; a use row with
later stage dates than the ledger advances the use (that is how stages are reported).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models.changes import NO_CHANGES, Changes
from models.db.records import apply_changes
from models.errors import DomainError
from models.exchange.keys import ids_by_key, match_key
from models.exchange.parsers import (
    choice_parser,
    parse_area,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    parse_text,
)
from models.exchange.spec import (
    Column,
    ExportContext,
    ImportContext,
    Kind,
    KindOption,
    LoadOutcome,
    SourceRow,
)
from models.land.entities import Plot
from models.policy.entities import Platform
from models.quotas import services
from models.quotas.entities import (
    STAGE_ORDER,
    QuotaAllocation,
    QuotaGrant,
    QuotaRepayment,
    QuotaReturn,
    QuotaUse,
    UseStage,
)
from models.quotas.queries import balance_tree
from models.quotas.seed import QUOTA_SOURCES
from models.units import AreaUnit, from_m2, to_m2

TEXT, INT, DATE, AREA = parse_text, parse_int, parse_date, parse_area
LAND_SOURCES = {"新增": "new", "存量": "existing", "new": "new", "existing": "existing"}
LAND_SOURCE_LABEL = {"new": "新增", "existing": "存量"}
LEVELS = {
    "区政府": "district",
    "区级": "district",
    "区": "district",
    "科技城": "science_city",
    "科技城管委会": "science_city",
    "district": "district",
    "science_city": "science_city",
}
LEVEL_LABEL = {"district": "区政府", "science_city": "科技城管委会"}
STAGE_LABEL = {"reserved": "预安排", "deducted": "报批核销", "approved": "批准", "supplied": "供地"}
PURPOSES = {
    "产业用地": "industrial",
    "产业": "industrial",
    "工业": "industrial",
    "其他用地": "other",
    "其他": "other",
    "industrial": "industrial",
    "other": "other",
}
PURPOSE_LABEL = {"industrial": "产业用地", "other": "其他用地"}


def _yes_no(value: Any) -> Any:
    return ("是" if value else "否") if isinstance(value, bool) else value


def _mu(value: int) -> Decimal:
    return to_m2(value, AreaUnit.MU)


def shortest_mu(value_m2: Decimal) -> Decimal:
    """The shortest 亩 figure that converts back to exactly ``value_m2`` (at the stored 0.0001 ㎡):
    93333.3333 ㎡ is "140" 亩, not "139.99999995". Eight places always suffice."""
    for places in range(0, 9):
        shown = from_m2(value_m2, AreaUnit.MU, places)
        if to_m2(shown, AreaUnit.MU) == value_m2:
            return shown
    return from_m2(value_m2, AreaUnit.MU, 8)


def _render_mu(value: Any) -> Any:
    """Area cells of 亩 columns: ㎡ whose exact 亩 conversion (the writer's) is ``shortest_mu``."""
    if not isinstance(value, Decimal):
        return value
    with localcontext() as ctx:
        ctx.prec = 40
        return shortest_mu(value) * 10000 / 15


def _area(key: str = "area_m2", header: str = "面积", example: Any = None, **kw: Any) -> Column:
    return Column(
        key,
        header,
        synonyms=kw.pop("synonyms", ("指标面积", "面积")),
        parse=AREA,
        quantity="area",
        unit=AreaUnit.MU,
        render=_render_mu,
        example=_mu(150) if example is None else example,
        required=kw.pop("required", True),
        **kw,
    )


def _date(
    key: str, header: str, synonyms: tuple[str, ...] = (), required: bool = False, example: Any = None
) -> Column:
    return Column(key, header, synonyms=synonyms, parse=DATE, required=required, example=example, width=12)


# ------------------------------------------------------------------ helpers for load
class _Lookup:
    """Platforms by name/short name/code, grants by 文号, plots by code — read once per load."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.platforms: dict[str, int] = {}
        for p in session.scalars(select(Platform)):
            for label in (p.name, p.short_name, p.code):
                if label:
                    self.platforms.setdefault(match_key(label), p.id)
        self.platform_names = {p.id: p.name for p in session.scalars(select(Platform))}

    def platform(self, ctx: ImportContext, row: SourceRow, key: str = "platform") -> int | None:
        text = str(row.get(key, "")).strip()
        pid = self.platforms.get(match_key(text))
        if pid is None:
            ctx.problem(row, key, "quota.unknown_platform", platform=text)
        return pid

    def grant(self, ctx: ImportContext, row: SourceRow, key: str = "grant_document_no") -> QuotaGrant | None:
        doc = str(row.get(key, "")).strip()
        grant = grant_by_document(self.session, doc)
        if grant is None:
            ctx.problem(row, key, "quota.unknown_grant", document_no=doc)
        return grant

    def plot(self, ctx: ImportContext, row: SourceRow) -> tuple[bool, int | None]:
        code = str(row.get("plot_code", "") or "").strip()
        if not code:
            return True, None
        found = ids_by_key(self.session, Plot.id, (Plot.code,), code)
        pid = found[0] if len(found) == 1 else None
        if pid is None:
            ctx.problem(row, "plot_code", "quota.unknown_plot", plot=code)
            return False, None
        return True, pid


def grant_by_document(session: Session, doc: str) -> QuotaGrant | None:
    """The grant whose 下达文号 is ``doc`` as written, or else the one whose key equals its key
    (full-width brackets, spaces)."""
    found = ids_by_key(session, QuotaGrant.id, (QuotaGrant.document_no,), doc)
    return session.get(QuotaGrant, found[0]) if len(found) == 1 else None


_WithProject = TypeVar("_WithProject", QuotaAllocation, QuotaUse)


def _by_project(records: Iterable[_WithProject], text: str) -> list[_WithProject]:
    """The records whose project matches ``text`` by key (width, spaces, case)."""
    key = match_key(text)
    return [r for r in records if match_key(r.project) == key]


def _incomplete(row: SourceRow, columns: tuple[Column, ...]) -> bool:
    """A required cell is blank or bad (the reader reported it): the row's lookups are checked,
    nothing is recorded (the loader also sees such rows, so one report lists everything)."""
    return any(c.required and c.key not in row.values for c in columns)


def _refused(ctx: ImportContext, row: SourceRow, key: str, err: DomainError) -> None:
    for p in err.problems:
        ctx.problem(row, key, p.code, severity=p.severity, **p.fields)


def _attempt(
    ctx: ImportContext, row: SourceRow, key: str, service: Callable[..., Changes], /, **fields: Any
) -> Changes | None:
    """``service(**fields)``, or None when it refuses: the refusal is the row's problem under
    ``key`` and the loader goes on with the next row (one report lists everything)."""
    try:
        return service(**fields)
    except DomainError as err:
        _refused(ctx, row, key, err)
        return None


@dataclass
class _Tally:
    """What a quota loader has done so far, and the one way a row becomes a new entry."""

    ctx: ImportContext
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: Changes = NO_CHANGES

    def create(
        self, row: SourceRow, key: str, service: Callable[..., Changes], /, **fields: Any
    ) -> Changes | None:
        """A new entry through ``service`` (see ``_attempt``), counted as created."""
        made = _attempt(self.ctx, row, key, service, **fields)
        if made is not None:
            self.changes = self.changes | made
            self.created += 1
        return made

    def merge(self, changes: Changes | None) -> None:
        if changes is not None:
            self.changes = self.changes | changes

    def kept(self, changed: bool) -> None:
        """An entry already in the ledger: updated by the row, or unchanged."""
        if changed:
            self.updated += 1
            self.changes = self.changes | Changes.of("quotas", updated=1)
        else:
            self.unchanged += 1

    def outcome(self) -> LoadOutcome:
        return LoadOutcome(self.created, self.updated, self.unchanged, self.changes)


def _edit(session: Session, record: Any, edits: Mapping[str, Any]) -> bool:
    """Set the row's values that differ on an entry already in the ledger; True when any did."""
    changed = apply_changes(record, edits)
    if changed:
        session.flush()
    return bool(changed)


def _conflict(ctx: ImportContext, row: SourceRow, key: str, field: str, existing: Any, incoming: Any) -> None:
    """The ledger differs from the sheet: named by the column as the sheet wrote it, areas in 亩
    with their unit (the ledger keeps ㎡; the quota sheets are in 亩)."""

    def shown(value: Any) -> Any:
        return f"{shortest_mu(value)} 亩" if key == "area_m2" and isinstance(value, Decimal) else value

    ctx.problem(
        row,
        key,
        "quota.import_conflict",
        field=row.headers.get(key) or field,
        existing=shown(existing),
        incoming=shown(incoming),
    )


# ------------------------------------------------------------------ quota-grants
GRANT_COLUMNS = (
    Column("year", "年度", synonyms=("指标年度", "年份"), parse=INT, required=True, example=2025, width=8),
    Column(
        "source",
        "指标来源",
        synonyms=("来源", "指标类型"),
        parse=TEXT,
        required=True,
        example="区年度计划",
        choices=QUOTA_SOURCES,
    ),
    Column(
        "document_no",
        "下达文号",
        synonyms=("文号", "批次文号", "指标文号"),
        parse=TEXT,
        required=True,
        example="杭规划资源〔2025〕25号",
        width=26,
    ),
    _date("granted_on", "下达日期", ("日期", "下达时间"), required=True, example=dt.date(2025, 3, 14)),
    _area(header="下达面积", synonyms=("面积", "指标面积", "下达指标")),
    _date("expires_on", "有效期至", ("有效期", "到期日期")),
    Column("major_project", "重大项目", synonyms=("对应项目", "预留项目"), parse=TEXT, width=24),
    Column(
        "is_advance",
        "预支",
        synonyms=("是否预支",),
        parse=parse_bool,
        render=_yes_no,
        example="否",
        choices=("是", "否"),
        width=8,
    ),
    Column("note", "备注", parse=TEXT, width=24),
)


def load_grants(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    tally = _Tally(ctx)
    for row in rows:
        if _incomplete(row, GRANT_COLUMNS):
            continue  # a required cell was blank or bad: the reader reported it
        doc = str(row.get("document_no", "")).strip()
        existing = grant_by_document(session, doc)
        if existing is not None:
            same = True
            for key, field in (
                ("year", "年度"),
                ("source", "指标来源"),
                ("granted_on", "下达日期"),
                ("area_m2", "下达面积"),
                ("is_advance", "预支"),
            ):
                if key == "is_advance" and row.get(key) is None:
                    continue
                if row.get(key) != getattr(existing, key):
                    _conflict(ctx, row, key, field, getattr(existing, key), row.get(key))
                    same = False
            if not same:
                continue
            given: tuple[str, ...] = ("expires_on", "major_project", "note")
            edits = {k: row.get(k) for k in given if row.get(k) not in (None, "")}
            tally.kept(_edit(session, existing, edits))
            continue
        tally.create(
            row,
            "document_no",
            services.add_grant,
            session=session,
            year=row.get("year"),
            source=row.get("source"),
            document_no=doc,
            granted_on=row.get("granted_on"),
            area_m2=row.get("area_m2"),
            expires_on=row.get("expires_on"),
            major_project=row.get("major_project", "") or "",
            note=row.get("note", "") or "",
            is_advance=bool(row.get("is_advance")),
        )
    return tally.outcome()


def dump_grants(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    for g in session.scalars(
        select(QuotaGrant).order_by(QuotaGrant.year, QuotaGrant.granted_on, QuotaGrant.id)
    ):
        yield {
            "year": g.year,
            "source": g.source,
            "document_no": g.document_no,
            "granted_on": g.granted_on,
            "area_m2": g.area_m2,
            "expires_on": g.expires_on,
            "major_project": g.major_project,
            "is_advance": g.is_advance,
            "note": g.note,
        }


# ------------------------------------------------------------------ quota-allocations
ALLOCATION_COLUMNS = (
    Column(
        "grant_document_no",
        "下达文号",
        synonyms=("指标文号", "文号", "批次文号"),
        parse=TEXT,
        required=True,
        example="杭规划资源〔2025〕25号",
        width=26,
    ),
    Column(
        "platform",
        "平台",
        synonyms=("园区", "平台名称", "分配平台"),
        parse=TEXT,
        required=True,
        example="青山湖科技城",
    ),
    Column("project", "项目", synonyms=("项目名称",), parse=TEXT, example="人工智能算力中心", width=24),
    _date("allocated_on", "分配日期", ("日期",), required=True, example=dt.date(2025, 6, 30)),
    _area(header="分配面积", synonyms=("面积", "分配指标", "指标面积"), example=_mu(120)),
    Column(
        "purpose",
        "用途",
        synonyms=("指标用途", "用地类别"),
        parse=choice_parser(PURPOSES),
        example="产业用地",
        choices=("产业用地", "其他用地"),
        render=lambda v: PURPOSE_LABEL.get(v, v),
        width=10,
    ),
    Column("document_no", "分配文号", synonyms=("分配依据",), parse=TEXT, width=22),
    Column("note", "备注", parse=TEXT, width=24),
)


def load_allocations(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    look = _Lookup(session)
    tally = _Tally(ctx)
    for row in rows:
        grant, pid = look.grant(ctx, row), look.platform(ctx, row)
        if grant is None or pid is None or _incomplete(row, ALLOCATION_COLUMNS):
            continue
        project = str(row.get("project", "") or "").strip()
        same = _by_project(
            session.scalars(
                select(QuotaAllocation).where(
                    QuotaAllocation.grant_id == grant.id,
                    QuotaAllocation.platform_id == pid,
                    QuotaAllocation.allocated_on == row.get("allocated_on"),
                )
            ),
            project,
        )
        existing = same[0] if same else None
        if existing is not None:
            if existing.area_m2 != row.get("area_m2"):
                _conflict(ctx, row, "area_m2", "分配面积", existing.area_m2, row.get("area_m2"))
            else:
                tally.kept(False)
            continue
        tally.create(
            row,
            "area_m2",
            services.allocate_quota,
            session=session,
            grant_id=grant.id,
            platform_id=pid,
            area_m2=row.get("area_m2"),
            allocated_on=row.get("allocated_on"),
            project=project,
            document_no=row.get("document_no", "") or "",
            note=row.get("note", "") or "",
            purpose=row.get("purpose") or "industrial",
        )
    return tally.outcome()


def dump_allocations(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    rows = session.execute(
        select(QuotaAllocation, QuotaGrant.document_no, Platform.name)
        .join(QuotaGrant, QuotaAllocation.grant_id == QuotaGrant.id)
        .join(Platform, QuotaAllocation.platform_id == Platform.id)
        .order_by(QuotaGrant.year, QuotaAllocation.allocated_on, QuotaAllocation.id)
    )
    for a, doc, platform in rows:
        yield {
            "grant_document_no": doc,
            "platform": platform,
            "project": a.project,
            "allocated_on": a.allocated_on,
            "area_m2": a.area_m2,
            "purpose": a.purpose,
            "document_no": a.document_no,
            "note": a.note,
        }


# ------------------------------------------------------------------ quota-uses
USE_COLUMNS = (
    Column(
        "grant_document_no",
        "下达文号",
        synonyms=("指标文号", "文号", "批次文号"),
        parse=TEXT,
        example="杭规划资源〔2025〕25号",
        width=26,
    ),
    Column(
        "platform", "平台", synonyms=("园区", "平台名称"), parse=TEXT, required=True, example="青山湖科技城"
    ),
    Column(
        "project",
        "项目",
        synonyms=("项目名称", "用地项目"),
        parse=TEXT,
        required=True,
        example="人工智能算力中心",
        width=24,
    ),
    Column("plot_code", "地块编号", synonyms=("地块代码", "宗地编号"), parse=TEXT, width=16),
    # the allocation a use draws on is named by its own project, which may differ from the use's
    Column("allocation_project", "分配项目", synonyms=("指标分配项目", "分配的项目"), parse=TEXT, width=24),
    Column(
        "land_source",
        "用地来源",
        synonyms=("新增/存量", "土地来源"),
        parse=choice_parser(LAND_SOURCES),
        example="新增",
        choices=("新增", "存量"),
        render=lambda v: LAND_SOURCE_LABEL.get(v, v),
    ),
    _area(header="使用面积", synonyms=("面积", "核销面积", "用地面积"), example=_mu(60)),
    _date("reserved_on", "预安排日期", ("预安排", "使用日期"), required=True, example=dt.date(2025, 7, 15)),
    _date("deducted_on", "报批核销日期", ("核销日期", "报批日期")),
    _date("approved_on", "批准日期", ("批复日期",)),
    _date("supplied_on", "供地日期", ("出让日期",)),
    Column("approval_no", "批准文号", synonyms=("批复文号", "用地批准文号"), parse=TEXT, width=22),
    Column(
        "decision_level",
        "决策层级",
        synonyms=("决策主体",),
        parse=choice_parser(LEVELS),
        example="区政府",
        choices=("区政府", "科技城管委会"),
        render=lambda v: LEVEL_LABEL.get(v, v),
    ),
    Column("stage", "当前环节", parse=TEXT, export=True, render=lambda v: STAGE_LABEL.get(v, v)),
    _date("cancelled_on", "撤销日期"),
    Column("note", "备注", parse=TEXT, width=24),
)
_STAGE_KEYS = {
    UseStage.DEDUCTED: "deducted_on",
    UseStage.APPROVED: "approved_on",
    UseStage.SUPPLIED: "supplied_on",
}


def _find_allocation(  # noqa: PLR0917  private loader step: the row's context passed through
    session: Session,
    ctx: ImportContext,
    row: SourceRow,
    grant: QuotaGrant,
    platform_id: int,
    platform: str,
    project: str,
) -> int | None:
    allocs = list(
        session.scalars(
            select(QuotaAllocation).where(
                QuotaAllocation.grant_id == grant.id, QuotaAllocation.platform_id == platform_id
            )
        )
    )
    wanted = str(row.get("allocation_project") or project).strip()
    named = _by_project(allocs, wanted)
    if len(named) == 1 or (len(named) > 1 and len({a.id for a in named}) == 1):
        return named[0].id
    if len(allocs) == 1:
        return allocs[0].id
    code = "quota.unknown_allocation" if not allocs else "quota.ambiguous_allocation"
    ctx.problem(
        row, "grant_document_no", code, document_no=grant.document_no, platform=platform, project=wanted
    )
    return None


def _advance_existing(session: Session, ctx: ImportContext, row: SourceRow, use: QuotaUse) -> bool:
    """Advance ``use`` to the later stage dates of the row; True when it changed."""
    moved = False
    for stage in STAGE_ORDER[1:]:
        key = _STAGE_KEYS[stage]
        incoming, have = row.get(key), getattr(use, key)
        if incoming is None or incoming == have:
            continue
        if have is not None:
            _conflict(ctx, row, key, key, have, incoming)
            return moved
        advanced = _attempt(
            ctx,
            row,
            key,
            services.advance_use,
            session=session,
            use_id=use.id,
            on=incoming,
            approval_no=row.get("approval_no", "") or "",
        )
        if advanced is None:
            return moved
        moved = True
    return moved


def load_uses(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:  # noqa: C901  one branch per column of the uses workbook
    look = _Lookup(session)
    tally = _Tally(ctx)
    for row in rows:
        pid = look.platform(ctx, row)
        plot_ok, plot_id = look.plot(ctx, row)
        source = row.get("land_source") or "new"
        project = str(row.get("project", "")).strip()
        allocation_id: int | None = None
        if source == "new":
            grant = look.grant(ctx, row)
            if grant is None or pid is None:
                continue
            allocation_id = _find_allocation(session, ctx, row, grant, pid, look.platform_names[pid], project)
            if allocation_id is None:
                continue
        if pid is None or not plot_ok or _incomplete(row, USE_COLUMNS):
            continue
        same_uses = _by_project(
            session.scalars(
                select(QuotaUse).where(
                    QuotaUse.platform_id == pid,
                    QuotaUse.reserved_on == row.get("reserved_on"),
                    QuotaUse.allocation_id.is_(None)
                    if allocation_id is None
                    else QuotaUse.allocation_id == allocation_id,
                )
            ),
            project,
        )
        existing = same_uses[0] if same_uses else None
        if existing is not None:
            if existing.area_m2 != row.get("area_m2"):
                _conflict(ctx, row, "area_m2", "使用面积", existing.area_m2, row.get("area_m2"))
                continue
            moved = _advance_existing(session, ctx, row, existing)
            if row.get("cancelled_on") and existing.cancelled_on is None:
                cancelled = _attempt(
                    ctx,
                    row,
                    "cancelled_on",
                    services.cancel_use,
                    session=session,
                    use_id=existing.id,
                    on=row.get("cancelled_on"),
                    reason=row.get("note", "") or "导入：项目撤销",
                )
                moved = moved or cancelled is not None
            tally.kept(moved)
            continue
        made = tally.create(
            row,
            "area_m2",
            services.record_use,
            session=session,
            allocation_id=allocation_id,
            platform_id=pid,
            land_source=source,
            project=project,
            plot_id=plot_id,
            area_m2=row.get("area_m2"),
            reserved_on=row.get("reserved_on"),
            deducted_on=row.get("deducted_on"),
            approved_on=row.get("approved_on"),
            supplied_on=row.get("supplied_on"),
            approval_no=row.get("approval_no", "") or "",
            decision_level=row.get("decision_level") or "district",
            note=row.get("note", "") or "",
        )
        if made is not None and row.get("cancelled_on"):
            cancel = _attempt(
                ctx,
                row,
                "area_m2",
                services.cancel_use,
                session=session,
                use_id=made.ids[0],
                on=row.get("cancelled_on"),
                reason=row.get("note", "") or "导入：项目撤销",
            )
            tally.merge(cancel)
    return tally.outcome()


def dump_uses(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    stmt = (
        select(QuotaUse, QuotaGrant.document_no, Platform.name, Plot.code, QuotaAllocation.project)
        .join(Platform, QuotaUse.platform_id == Platform.id)
        .outerjoin(QuotaAllocation, QuotaUse.allocation_id == QuotaAllocation.id)
        .outerjoin(QuotaGrant, QuotaAllocation.grant_id == QuotaGrant.id)
        .outerjoin(Plot, QuotaUse.plot_id == Plot.id)
        .order_by(QuotaUse.reserved_on, QuotaUse.id)
    )
    for u, doc, platform, plot, allocation_project in session.execute(stmt):
        yield {
            "grant_document_no": doc or "",
            "platform": platform,
            "project": u.project,
            "plot_code": plot or "",
            "allocation_project": allocation_project or "",
            "land_source": u.land_source,
            "area_m2": u.area_m2,
            "reserved_on": u.reserved_on,
            "deducted_on": u.deducted_on,
            "approved_on": u.approved_on,
            "supplied_on": u.supplied_on,
            "approval_no": u.approval_no,
            "decision_level": u.decision_level,
            "stage": u.stage,
            "cancelled_on": u.cancelled_on,
            "note": u.note,
        }


# ------------------------------------------------------------------ quota-returns
RETURN_COLUMNS = (
    Column(
        "grant_document_no",
        "下达文号",
        synonyms=("指标文号", "文号", "批次文号"),
        parse=TEXT,
        required=True,
        example="杭规划资源〔2025〕25号",
        width=26,
    ),
    Column(
        "platform", "平台", synonyms=("园区", "平台名称"), parse=TEXT, required=True, example="青山湖科技城"
    ),
    Column(
        "project",
        "项目",
        synonyms=("项目名称", "用地项目"),
        parse=TEXT,
        required=True,
        example="人工智能算力中心",
        width=24,
    ),
    _date("reserved_on", "预安排日期", ("预安排", "使用日期"), required=True, example=dt.date(2025, 7, 15)),
    _date("returned_on", "收回日期", ("日期",), required=True, example=dt.date(2025, 12, 1)),
    _area(header="收回面积", synonyms=("面积", "收回指标"), example=_mu(15)),
    Column(
        "reason",
        "收回原因",
        synonyms=("原因",),
        parse=TEXT,
        required=True,
        example="项目核减用地面积",
        width=24,
    ),
    Column("document_no", "收回文号", parse=TEXT, width=22),
)


def load_returns(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    """A return names its use by 下达文号 + 平台 + 项目 + 预安排日期; one already in the ledger
    (same use, date and area — e.g. made by a cancellation in the uses sheet) is unchanged."""
    look = _Lookup(session)
    tally = _Tally(ctx)
    for row in rows:
        grant, pid = look.grant(ctx, row), look.platform(ctx, row)
        if grant is None or pid is None or _incomplete(row, RETURN_COLUMNS):
            continue
        uses = _by_project(
            session.scalars(
                select(QuotaUse)
                .join(QuotaAllocation, QuotaUse.allocation_id == QuotaAllocation.id)
                .where(
                    QuotaAllocation.grant_id == grant.id,
                    QuotaUse.platform_id == pid,
                    QuotaUse.reserved_on == row.get("reserved_on"),
                )
            ),
            str(row.get("project", "")).strip(),
        )
        use = uses[0] if uses else None
        if use is None:
            ctx.problem(
                row,
                "project",
                "quota.unknown_use",
                document_no=grant.document_no,
                platform=look.platform_names[pid],
                project=row.get("project"),
                on=row.get("reserved_on"),
            )
            continue
        same = session.scalar(
            select(QuotaReturn).where(
                QuotaReturn.use_id == use.id,
                QuotaReturn.returned_on == row.get("returned_on"),
                QuotaReturn.area_m2 == row.get("area_m2"),
            )
        )
        if (
            same is not None
        ):  # e.g. made by a cancellation in the uses sheet: this sheet's reason and 文号 hold
            given: tuple[str, ...] = ("reason", "document_no")
            edits = {k: row.get(k) or "" for k in given if k in row.headers}
            tally.kept(_edit(session, same, edits))
            continue
        tally.create(
            row,
            "area_m2",
            services.return_quota,
            session=session,
            use_id=use.id,
            area_m2=row.get("area_m2"),
            returned_on=row.get("returned_on"),
            reason=row.get("reason", "") or "",
            document_no=row.get("document_no", "") or "",
        )
    return tally.outcome()


def dump_returns(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    stmt = (
        select(QuotaReturn, QuotaUse.project, QuotaUse.reserved_on, QuotaGrant.document_no, Platform.name)
        .join(QuotaUse, QuotaReturn.use_id == QuotaUse.id)
        .join(QuotaAllocation, QuotaReturn.allocation_id == QuotaAllocation.id)
        .join(QuotaGrant, QuotaAllocation.grant_id == QuotaGrant.id)
        .join(Platform, QuotaAllocation.platform_id == Platform.id)
        .order_by(QuotaReturn.returned_on, QuotaReturn.id)
    )
    for r, project, reserved_on, doc, platform in session.execute(stmt):
        yield {
            "grant_document_no": doc,
            "platform": platform,
            "project": project,
            "reserved_on": reserved_on,
            "returned_on": r.returned_on,
            "area_m2": r.area_m2,
            "reason": r.reason,
            "document_no": r.document_no,
        }


# ------------------------------------------------------------------ quota-repayments (预支的归还)
REPAYMENT_COLUMNS = (
    Column(
        "advance_document_no",
        "预支文号",
        synonyms=("预支指标文号",),
        parse=TEXT,
        required=True,
        example="浙自然资预〔2024〕6号",
        width=26,
    ),
    Column(
        "grant_document_no",
        "归还指标文号",
        synonyms=("下达文号", "用于归还的指标"),
        parse=TEXT,
        required=True,
        example="杭规划资源〔2025〕88号",
        width=26,
    ),
    _date("repaid_on", "归还日期", ("日期",), required=True, example=dt.date(2025, 8, 20)),
    _area(header="归还面积", synonyms=("面积",), example=_mu(15)),
    Column("document_no", "归还文号", synonyms=("依据文号",), parse=TEXT, width=22),
    Column("note", "备注", parse=TEXT, width=24),
)


def load_repayments(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    """A repayment names the advance and the later grant by their 文号; one already in the
    ledger (same pair, date and area) is unchanged; the same pair and date with another area
    is a conflict (entries are never overwritten)."""
    look = _Lookup(session)
    tally = _Tally(ctx)
    for row in rows:
        advance, grant = look.grant(ctx, row, "advance_document_no"), look.grant(ctx, row)
        if advance is None or grant is None:
            continue
        existing = session.scalar(
            select(QuotaRepayment).where(
                QuotaRepayment.advance_id == advance.id,
                QuotaRepayment.grant_id == grant.id,
                QuotaRepayment.repaid_on == row.get("repaid_on"),
            )
        )
        if existing is not None:
            if existing.area_m2 != row.get("area_m2"):
                _conflict(ctx, row, "area_m2", "归还面积", existing.area_m2, row.get("area_m2"))
            else:
                tally.kept(False)
            continue
        tally.create(
            row,
            "area_m2",
            services.repay_advance,
            session=session,
            advance_id=advance.id,
            grant_id=grant.id,
            area_m2=row.get("area_m2"),
            repaid_on=row.get("repaid_on"),
            document_no=row.get("document_no", "") or "",
            note=row.get("note", "") or "",
        )
    return tally.outcome()


def dump_repayments(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    advance = aliased(QuotaGrant)
    stmt = (
        select(QuotaRepayment, advance.document_no, QuotaGrant.document_no)
        .join(advance, QuotaRepayment.advance_id == advance.id)
        .join(QuotaGrant, QuotaRepayment.grant_id == QuotaGrant.id)
        .order_by(QuotaRepayment.repaid_on, QuotaRepayment.id)
    )
    for r, advance_doc, grant_doc in session.execute(stmt):
        yield {
            "advance_document_no": advance_doc,
            "grant_document_no": grant_doc,
            "repaid_on": r.repaid_on,
            "area_m2": r.area_m2,
            "document_no": r.document_no,
            "note": r.note,
        }


# ------------------------------------------------------------------ quota-balances (export only)
def _bal(key: str, header: str) -> Column:
    return Column(key, header, quantity="area", unit=AreaUnit.MU, parse=AREA, render=_render_mu)


BALANCE_COLUMNS = (
    Column("year", "年度", parse=INT, width=8),
    Column("source", "指标来源", parse=TEXT),
    Column("platform", "平台", parse=TEXT),
    _bal("granted", "下达"),
    _bal("allocated", "分配"),
    _bal("reserved", "预安排"),
    _bal("deducted", "报批核销"),
    _bal("approved", "批准"),
    _bal("supplied", "供地"),
    _bal("returned", "收回"),
    _bal("used", "已用"),
    _bal("remaining", "剩余"),
    Column("utilisation", "利用率", parse=parse_decimal),
)


UNALLOCATED_LABEL = "（未分配）"


def dump_balances(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    as_of = ctx.options.get("as_of") or dt.date.today()
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    tree = balance_tree(session, as_of=as_of)
    for y in tree.years:
        for sb in y.sources:
            for pb in sb.platforms:
                f = pb.figures
                rate = f.utilisation(of_allocated=True)
                yield {
                    "year": y.year,
                    "source": sb.source,
                    "platform": pb.platform.name,
                    "allocated": f.allocated,
                    "reserved": f.reserved,
                    "deducted": f.deducted,
                    "approved": f.approved,
                    "supplied": f.supplied,
                    "returned": f.returned,
                    "used": f.used,
                    "remaining": f.remaining,
                    "utilisation": None if rate is None else rate.quantize(Decimal("0.0001")),
                }
            # The source's own row: its grants and what is not yet allocated. Column sums stay
            # right: Σ 下达 = granted, Σ 剩余 = granted − used (no subtotal rows to double count).
            f = sb.figures
            rate = f.utilisation()
            yield {
                "year": y.year,
                "source": sb.source,
                "platform": UNALLOCATED_LABEL,
                "granted": f.granted - f.carried_out,
                "remaining": f.unallocated,
                "utilisation": None if rate is None else rate.quantize(Decimal("0.0001")),
            }


KINDS: tuple[Kind, ...] = (
    Kind("quota-grants", "指标下达", "quotas", GRANT_COLUMNS, load=load_grants, dump=dump_grants),
    Kind(
        "quota-allocations",
        "指标分配",
        "quotas",
        ALLOCATION_COLUMNS,
        load=load_allocations,
        dump=dump_allocations,
    ),
    Kind("quota-uses", "指标使用", "quotas", USE_COLUMNS, load=load_uses, dump=dump_uses),
    Kind("quota-returns", "指标收回", "quotas", RETURN_COLUMNS, load=load_returns, dump=dump_returns),
    Kind(
        "quota-repayments",
        "预支归还",
        "quotas",
        REPAYMENT_COLUMNS,
        load=load_repayments,
        dump=dump_repayments,
    ),
    Kind(
        "quota-balances",
        "指标余额",
        "quotas",
        BALANCE_COLUMNS,
        dump=dump_balances,
        options=(KindOption("as_of", "date"),),
    ),
)
