"""Exchange kinds of the efficiency area.

* ``efficiency`` — the economy and tax departments' yearly workbook (工业企业亩均效益数据):
  one row per enterprise; import upserts by (USCC, year); enterprises missing from the
  register are created from the row (USCC + name + platform); a platform nobody knows is
  an error. The year comes from ``--year``, else a 年度 column, else the sheet name or the
  title row (e.g. "2024年度工业企业亩均效益数据") — and the import says so in a note.
* ``efficiency-results`` — scores, ranks, classes and every indicator's points (export).
* ``efficiency-publicity`` — the 公示 list: name, USCC, class (export).
* ``efficiency-measures`` — per class, each enterprise's differentiated measures (电价 …)
  with their basis, for the utility and tax departments (export, ``--class D``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.efficiency import queries as Q
from models.efficiency import services as S
from models.efficiency.entities import EfficiencyResult
from models.enterprises.entities import Enterprise
from models.errors import DomainError, Problem
from models.exchange.parsers import (
    choice_parser,
    count_parser,
    parse_area,
    parse_bool,
    parse_date,
    parse_measure,
    parse_money,
    parse_text,
    parse_uscc,
    parse_year,
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
from models.exchange.units import MWH, TCE, TONNE, Measure
from models.policy.documents import basis_of
from models.policy.queries import platform_index
from models.units import AreaUnit, MoneyUnit

STATUS_LABELS = {"normal": "正常", "exempt": "免评", "protected": "保护期", "leasing": "租赁"}
_STATUS_IN = {
    "正常": "normal",
    "参评": "normal",
    "免评": "exempt",
    "免于评价": "exempt",
    "保护期": "protected",
    "新设保护期": "protected",
    "租赁": "leasing",
    "租赁企业": "leasing",
    "无自有土地": "leasing",
    "normal": "normal",
    "exempt": "exempt",
    "protected": "protected",
    "leasing": "leasing",
}
_SCALE_IN = {
    "是": "1",
    "规上": "1",
    "规模以上": "1",
    "y": "1",
    "1": "1",
    "true": "1",
    "否": "0",
    "规下": "0",
    "规模以下": "0",
    "n": "0",
    "0": "0",
    "false": "0",
}
GROUP_LABELS = {
    "above": "规上",
    "below_large": "规下（≥3亩）",
    "below_small": "规下（<3亩）",
    "leasing": "租赁（无自有土地）",
    "exempt": "免评",
    "protected": "保护期",
}
INDICATOR_LABELS = {
    "tax_per_mu": "亩均税收",
    "va_per_mu": "亩均增加值",
    "va_per_energy": "单位能耗增加值",
    "va_per_emission": "单位排放增加值",
    "labour_productivity": "全员劳动生产率",
    "rd_ratio": "R&D经费占比",
    "tax_per_electricity": "单位电耗税收",
}
_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")  # 2024年度, not 2025年3月 (a date)


def _status(value: Any, ctx: Any) -> str:
    parsed: str = choice_parser(_STATUS_IN)(value, ctx)
    return parsed


def _scale(value: Any, ctx: Any) -> bool:
    return bool(choice_parser(_SCALE_IN)(value, ctx) == "1")


def _render_bool(value: Any) -> Any:
    return None if value is None else "是" if value else "否"


def _m(key: str, header: str, synonyms: tuple[str, ...], example: str) -> Column:
    return Column(
        key,
        header,
        synonyms=synonyms,
        parse=parse_money,
        quantity="money",
        unit=MoneyUnit.WAN,
        example=Decimal(example),
    )


def _q(key: str, header: str, synonyms: tuple[str, ...], example: str, unit: Measure) -> Column:
    """A measured quantity stored in ``unit`` (tce, t, MWh): other units in the header, a unit
    row, a ``单位：`` title or the cell (万吨标准煤, 万千瓦时, kWh) are converted exactly."""
    return Column(
        key,
        header,
        synonyms=synonyms,
        parse=parse_measure,
        quantity=unit.quantity,  # type: ignore[arg-type]
        unit=unit,
        example=Decimal(example),
    )


RECORD_COLUMNS = (
    Column(
        "uscc",
        "统一社会信用代码",
        synonyms=("信用代码", "社会信用代码", "统一信用代码", "统一代码"),
        parse=parse_uscc,
        required=True,
        example="91330100799655058B",
        width=22,
    ),
    Column(
        "name",
        "企业名称",
        synonyms=("名称", "企业", "单位名称", "公司名称"),
        parse=parse_text,
        required=True,
        example="杭州青山湖示例科技有限公司",
        width=30,
    ),
    Column(
        "platform",
        "所属平台",
        synonyms=("平台", "园区", "所在平台", "所属园区"),
        parse=parse_text,
        example="青山湖科技城",
        width=14,
    ),
    Column(
        "year", "年度", synonyms=("评价年度", "数据年度", "年份"), parse=parse_year, example=2024, width=8
    ),
    Column(
        "above_scale",
        "是否规上",
        synonyms=("规上企业", "规模", "企业规模", "规上/规下", "是否规模以上"),
        parse=_scale,
        render=_render_bool,
        example="是",
        choices=("是", "否"),
        width=10,
    ),
    Column(
        "land_area_m2",
        "用地面积",
        synonyms=("用地", "占地面积", "土地面积", "实际用地面积", "用地面积合计"),
        parse=parse_area,
        quantity="area",
        unit=AreaUnit.MU,
        example=Decimal("17000"),
    ),  # 25.5 亩, in ㎡
    _m("tax", "税收", ("实缴税金", "税收实际贡献", "实际入库税收", "税收总额", "税收收入"), "380.5"),
    _m("value_added", "工业增加值", ("增加值",), "2150"),
    _m("output", "工业总产值", ("总产值", "产值"), "9800"),
    _m("main_revenue", "主营业务收入", ("营业收入", "主营收入", "销售收入"), "9500"),
    _q("energy_tce", "综合能耗", ("能耗", "综合能源消费量", "能源消费量"), "1200", TCE),
    _q("emissions_t", "主要污染物排放量", ("污染物排放量", "排放量", "排放当量"), "15.2", TONNE),
    _q("electricity_mwh", "用电量", ("总用电量", "电耗", "工业用电量"), "860", MWH),
    _m("rd_spending", "研发经费", ("R&D经费", "研发费用", "R&D经费支出", "研究与试验发展经费"), "420"),
    Column(
        "employees",
        "年平均职工人数",
        synonyms=("职工人数", "从业人员", "年均从业人员", "平均职工人数", "从业人员平均人数"),
        parse=count_parser("人", "名"),
        example=180,
    ),
    Column(
        "status",
        "评价状态",
        synonyms=("状态", "参评状态", "评价类别"),
        parse=_status,
        render=lambda v: STATUS_LABELS.get(v, v),
        example="正常",
        choices=tuple(STATUS_LABELS.values()),
    ),
    Column("protection_from", "保护期起", synonyms=("保护期开始", "保护期起始日期"), parse=parse_date),
    Column("protection_to", "保护期止", synonyms=("保护期结束", "保护期截止日期"), parse=parse_date),
    # what the rule's deductions and vetoes read (温岭: points off per plant rented out; an
    # incident bars A and B)
    Column(
        "rented_out_plants",
        "出租厂房数",
        synonyms=("出租厂房", "出租厂房（处）"),
        parse=count_parser("处", "个"),
        example=0,
    ),
    Column(
        "major_incident",
        "重大安全环保事故",
        synonyms=("重大事故", "安全环保事故"),
        parse=parse_bool,
        render=lambda v: ("是" if v else "否") if isinstance(v, bool) else v,
        example="否",
        choices=("是", "否"),
    ),
    Column("note", "备注", synonyms=("说明",), parse=parse_text, width=24),
)


def _year_of(rows: list[SourceRow], ctx: ImportContext) -> int | None:
    """The year from --year; else, when no row has a 年度, from the sheet name or title row."""
    if ctx.options.get("year"):
        return int(ctx.options["year"])
    if rows and all(r.get("year") is not None for r in rows):
        return None  # per row
    sources = [("sheet", rows[0].sheet if rows else "")]
    for key in ("title", "title_rows"):
        title = ctx.options.get(key)
        if isinstance(title, list | tuple):
            sources.extend(("title", str(t)) for t in title)
        elif title:
            sources.append(("title", str(title)))
    # A year written as a year (2024年度 …) anywhere first; a bare 2024 only in the sheet name or
    # the first title line — a later line such as 填报日期：2025年3月 is not the data year.
    found = next(
        ((source, text, m) for source, text in sources if (m := _YEAR_IN_TEXT.search(text or ""))), None
    )
    if found is None:
        found = next(
            (
                (source, text, m)
                for source, text in sources[:2]
                if (m := re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)(?!年\d{1,2}月)", text or ""))
            ),
            None,
        )
    if found is not None:
        source, text, m = found
        year = int(m.group(1))
        ctx.notes.append(
            Problem("efficiency.year_from_title", {"year": year, "source": source, "text": text}, "info")
        )
        return year
    raise DomainError("efficiency.year_unknown")


def load_records(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    year_all = _year_of(rows, ctx)
    platforms = platform_index(session)
    known = {k: v for k, v in session.execute(select(Enterprise.uscc, Enterprise.id))}
    seen: dict[tuple[str, int], int] = {}
    created = updated = unchanged = 0
    changes = Changes.of("efficiency")
    new_names: list[str] = []
    for i, row in enumerate(rows):
        if i % 2000 == 0:
            ctx.progress.set(i, len(rows), stage="load")
        # a 年度 column is used where it is filled; the title's (or --year's) year only for blank cells
        year = (
            int(row.get("year"))
            if row.get("year") is not None and not ctx.options.get("year")
            else year_all
            if year_all is not None
            else int(row.get("year"))
        )
        uscc: str = row.get("uscc")
        if (uscc, year) in seen:
            ctx.problem(
                row, "uscc", "efficiency.duplicate_in_file", uscc=uscc, year=year, first_row=seen[uscc, year]
            )
            continue
        seen[uscc, year] = row.row
        platform_id = None
        if row.get("platform"):
            platform_id = platforms.get(row.get("platform"))
            if platform_id is None:
                ctx.problem(row, "platform", "efficiency.unknown_platform", value=row.get("platform"))
                continue
        ent_id = known.get(uscc)
        if ent_id is None:
            ent = Enterprise(uscc=uscc, name=str(row.get("name")).strip(), platform_id=platform_id)
            session.add(ent)
            session.flush()
            ent_id = known[uscc] = ent.id
            changes = changes | Changes.of("enterprises", created=1, ids=(ent.id,))
            new_names.append(ent.name)
        values = {
            k: row.values[k]
            for k in S.RECORD_FIELDS
            if k in row.values
            and not (k in ("rented_out_plants", "major_incident") and row.values[k] is None)
        }
        try:
            ch = S.upsert_record(session, enterprise_id=ent_id, year=year, **values)
        except DomainError as exc:
            p = exc.problems[0]
            ctx.problem(
                row,
                p.fields.get("field") if p.fields.get("field") in row.headers else None,
                p.code,
                **p.fields,
            )
            continue
        created += ch.created
        updated += ch.updated
        unchanged += 1 if not (ch.created or ch.updated) else 0
        changes = changes | ch
    if new_names:
        ctx.notes.append(
            Problem(
                "efficiency.enterprises_created",
                {
                    "count": len(new_names),
                    "names": "、".join(new_names[:5]) + ("…" if len(new_names) > 5 else ""),
                },
                "info",
            )
        )
    return LoadOutcome(created, updated, unchanged, changes)


def _latest_year(session: Session, model: Any) -> int | None:
    y = session.scalar(select(func.max(model.year)))
    return None if y is None else int(y)


def dump_records(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    year = ctx.options.get("year")
    for r in Q.list_records(session, year=int(year) if year else None):
        yield {
            "uscc": r.uscc,
            "name": r.name,
            "platform": r.platform_name,
            "year": r.year,
            "above_scale": r.above_scale,
            "land_area_m2": r.land_m2,
            "tax": r.tax,
            "value_added": r.value_added,
            "output": r.output,
            "main_revenue": r.main_revenue,
            "energy_tce": r.energy_tce,
            "emissions_t": r.emissions_t,
            "electricity_mwh": r.electricity_mwh,
            "rd_spending": r.rd_spending,
            "employees": r.employees,
            "status": r.status,
            "protection_from": r.protection_from,
            "protection_to": r.protection_to,
            "rented_out_plants": r.rented_out_plants,
            "major_incident": r.major_incident,
            "note": r.note,
        }


RESULT_COLUMNS = (
    Column("year", "年度", example=2024, width=8),
    Column("uscc", "统一社会信用代码", width=22),
    Column("name", "企业名称", width=30),
    Column("platform", "所属平台", width=14),
    Column("group", "评价分组", render=lambda v: GROUP_LABELS.get(v, v), width=16),
    # the industry the group was graded within, where the rule grades it by industry
    Column("industry", "行业分组", width=12),
    Column("score", "综合得分", width=10),
    Column("rank", "组内排名", width=8),
    Column("group_size", "组内企业数", width=8),
    Column("klass", "评价类别", width=8),
    *(
        c
        for key, label in INDICATOR_LABELS.items()
        for c in (
            Column(f"{key}.value", f"{label}（指标值）"),
            Column(f"{key}.benchmark", f"{label}（基准值）"),
            Column(f"{key}.points", f"{label}（得分）"),
            Column(f"{key}.capped", f"{label}（是否封顶）", render=_render_bool, width=8),
        )
    ),
    Column("document_no", "评价依据", width=24),
)


def _year_option(session: Session, ctx: ExportContext) -> int | None:
    year = ctx.options.get("year")
    return int(year) if year else _latest_year(session, EfficiencyResult)


def dump_results(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    year = _year_option(session, ctx)
    if year is None:
        return
    breakdowns = {
        eid: json.loads(b or "{}")
        for eid, b in session.execute(
            select(EfficiencyResult.enterprise_id, EfficiencyResult.breakdown).where(
                EfficiencyResult.year == year
            )
        )
    }
    for r in Q.list_results(session, year=year):
        data = breakdowns.get(r.enterprise_id, {})
        row: dict[str, Any] = {
            "year": r.year,
            "uscc": r.uscc,
            "name": r.name,
            "platform": r.platform_name,
            "group": r.group,
            "industry": r.industry,
            "score": r.score,
            "rank": r.rank,
            "group_size": r.group_size if r.rank is not None else None,
            "klass": r.klass,
            "document_no": basis_of(data) if data else "",
        }
        for item in data.get("items", []):
            k = item["key"]
            row[f"{k}.value"] = None if item["value"] is None else Decimal(item["value"])
            row[f"{k}.benchmark"] = None if item["benchmark"] is None else Decimal(item["benchmark"])
            row[f"{k}.points"] = Decimal(item["points"])
            row[f"{k}.capped"] = bool(item["capped"])
        yield row


PUBLICITY_COLUMNS = (
    Column("seq", "序号", width=6),
    Column("name", "企业名称", width=34),
    Column("uscc", "统一社会信用代码", width=22),
    Column("platform", "所属平台", width=14),
    Column("klass", "评价类别", width=10),
)


def dump_publicity(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    """Graded enterprises by class, then name (公示名单)."""
    year = _year_option(session, ctx)
    if year is None:
        return
    rows = [r for r in Q.list_results(session, year=year) if r.klass]
    rows.sort(key=lambda r: (r.klass, r.platform_name, r.name))
    for i, r in enumerate(rows, 1):
        yield {"seq": i, "name": r.name, "uscc": r.uscc, "platform": r.platform_name, "klass": f"{r.klass}类"}


MEASURE_COLUMNS = (
    Column("name", "企业名称", width=34),
    Column("uscc", "统一社会信用代码", width=22),
    Column("platform", "所属平台", width=14),
    Column("klass", "评价类别", width=8),
    Column("years_in_class", "连续年数", width=8),
    Column("kind", "措施类别", width=10),
    Column("measure", "措施", width=10),
    Column("amount", "标准", width=10),
    Column("unit", "单位", width=12),
    Column("basis", "依据", width=40),
)


def dump_measures(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    """One row per enterprise and differentiated measure (电价、水价、用能、排污、用地) of the
    chosen class (``--class D``; all classes when omitted), for the utility and tax
    departments that apply them. The basis is the rule's document or 示例（无文件依据）."""
    from models.efficiency.measures import measures_for

    year = _year_option(session, ctx)
    if year is None:
        return
    wanted = str(ctx.options.get("class") or "").upper().rstrip("类")
    rows = [r for r in Q.list_results(session, year=year) if r.klass and (not wanted or r.klass == wanted)]
    rows.sort(key=lambda r: (r.klass, r.platform_name, r.name))
    for r in rows:
        for m in measures_for(session, enterprise_id=r.enterprise_id, year=year):
            yield {
                "name": r.name,
                "uscc": r.uscc,
                "platform": r.platform_name,
                "klass": f"{r.klass}类",
                "years_in_class": m.years_in_class,
                "kind": m.kind,
                "measure": m.measure,
                "amount": m.amount,
                "unit": m.unit,
                "basis": basis_of(m.citation),
            }


_YEAR = (KindOption("year", "int"),)
KINDS = (
    Kind(
        "efficiency",
        "亩均效益数据",
        "efficiency",
        RECORD_COLUMNS,
        load=load_records,
        dump=dump_records,
        options=_YEAR,
    ),
    Kind(
        "efficiency-results",
        "亩均效益评价结果",
        "efficiency",
        RESULT_COLUMNS,
        dump=dump_results,
        options=_YEAR,
    ),
    Kind(
        "efficiency-publicity",
        "亩均效益评价公示名单",
        "efficiency",
        PUBLICITY_COLUMNS,
        dump=dump_publicity,
        options=_YEAR,
    ),
    Kind(
        "efficiency-measures",
        "亩均效益分类差别化措施名单",
        "efficiency",
        MEASURE_COLUMNS,
        dump=dump_measures,
        options=(*_YEAR, KindOption("class", "str")),
    ),
)
