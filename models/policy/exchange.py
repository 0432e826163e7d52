"""Exchange kinds of the policy area: ``platforms`` (园区平台) and ``policy-rules`` (政策参数).

Headers and vocabulary are the workbook format (Chinese). Import updates by code
(platforms) or by key + scope + start date (rules); a row equal to the database
counts as unchanged, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.db.records import apply_changes
from models.exchange import parsers
from models.exchange.keys import match_key
from models.exchange.spec import (
    CellContext,
    CellError,
    Column,
    ExportContext,
    ImportContext,
    Kind,
    LoadOutcome,
    SourceRow,
)
from models.policy.entities import Platform, PolicyRule

CODE_RE = re.compile(r"^[A-Z0-9_-]{1,64}$")


def parse_name(value: Any, ctx: CellContext) -> str:
    text = parsers.parse_text(value, ctx)
    if len(text) > 200:
        raise CellError("policy.text_too_long", max_length=200, length=len(text))
    return text


def parse_code(value: Any, ctx: CellContext) -> str:
    text = parsers.parse_code(value, ctx)
    if not CODE_RE.match(text):
        raise CellError("platform.code_invalid", value=text)
    return text


def parse_priority(value: Any, ctx: CellContext) -> int:
    number = parsers.parse_int(value, ctx)
    if not 1 <= number <= 999:
        raise CellError("platform.priority_out_of_range", value=number, minimum=1, maximum=999)
    return number


def parse_json_value(value: Any, ctx: CellContext) -> Any:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return format(parsers.parse_decimal(value, ctx), "f")  # numbers as strings keep them exact
    text = parsers.parse_text(value, ctx)
    try:
        loaded = json.loads(text)
    except ValueError:
        return text
    if isinstance(loaded, (int, float)) and not isinstance(loaded, bool):
        return format(
            Decimal(text.strip()), "f"
        )  # a number written as text ("0.60") stays exact, as a number cell
    return loaded


parse_text = parsers.parse_text
parse_date = parsers.parse_date
parse_yes_no = parsers.parse_bool


def render_yes_no(value: Any) -> str:
    return "是" if value else "否"


def render_json(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


# --- platforms -------------------------------------------------------------------------------

PLATFORM_COLUMNS = (
    Column(
        "code",
        "平台代码",
        ("代码", "编码", "平台编码", "平台编号"),
        parse=parse_code,
        required=True,
        example="QSH",
        width=12,
    ),
    Column(
        "name",
        "平台名称",
        ("名称", "园区名称", "平台"),
        parse=parse_name,
        required=True,
        example="青山湖科技城",
        width=24,
    ),
    Column("short_name", "简称", ("平台简称", "园区简称"), parse=parse_text, example="科技城", width=12),
    Column(
        "priority",
        "优先顺序",
        ("优先级", "保障顺序", "优先保障顺序"),
        parse=parse_priority,
        example=1,
        width=10,
    ),
    Column(
        "is_main",
        "主平台",
        ("是否主平台",),
        parse=parse_yes_no,
        render=render_yes_no,
        example="是",
        choices=("是", "否"),
        width=10,
    ),
    Column("note", "备注", ("说明",), parse=parse_text, example="", width=30),
)


def load_platforms(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    existing = {p.code: p for p in session.scalars(select(Platform))}
    by_name = {match_key(p.name): p for p in existing.values()}  # a name written another way is the same name
    seen: dict[str, int] = {}
    created = updated = unchanged = 0
    for row in rows:
        code = row.get("code")
        name = row.get("name")
        if code is None or name is None:
            continue  # the engine reports missing required cells
        if code in seen:
            ctx.problem(row, "code", "platform.duplicate_code", code=code, first_row=seen[code])
            continue
        seen[code] = row.row
        other = by_name.get(match_key(name))
        if other is not None and other.code != code:
            ctx.problem(row, "name", "platform.name_taken", name=name, code=other.code)
            continue
        values: dict[str, Any] = {
            k: row.values[k] for k in ("short_name", "priority", "is_main", "note") if k in row.values
        }
        platform = existing.get(code)
        if platform is None:
            platform = Platform(
                code=code,
                name=name,
                short_name=values.get("short_name", ""),
                priority=values.get("priority", 99),
                is_main=values.get("is_main", False),
                note=values.get("note", ""),
            )
            session.add(platform)
            existing[code] = platform
            by_name[match_key(name)] = platform
            created += 1
            continue
        values["name"] = name
        if apply_changes(platform, values):
            by_name = {match_key(p.name): p for p in existing.values()}
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return LoadOutcome(
        created=created,
        updated=updated,
        unchanged=unchanged,
        changes=Changes.of("platforms", created=created, updated=updated),
    )


def dump_platforms(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    for p in session.scalars(select(Platform).order_by(Platform.priority, Platform.code)):
        yield {
            "code": p.code,
            "name": p.name,
            "short_name": p.short_name,
            "priority": p.priority,
            "is_main": p.is_main,
            "note": p.note,
        }


# --- policy rules ----------------------------------------------------------------------------

RULE_COLUMNS = (
    Column(
        "key",
        "规则代码",
        ("参数代码", "规则键"),
        parse=parse_text,
        required=True,
        example="quota.priority_order",
        width=28,
    ),
    Column(
        "title",
        "规则名称",
        ("名称", "参数名称"),
        parse=parse_text,
        example="新增产业用地指标优先保障顺序",
        width=30,
    ),
    Column("platform", "适用平台", ("平台代码", "平台"), parse=parse_text, example="", width=12),
    Column(
        "value",
        "取值",
        ("参数值", "值"),
        parse=parse_json_value,
        render=render_json,
        required=True,
        example='["QSH","GXY","LL","YQ"]',
        width=30,
    ),
    Column(
        "effective_from",
        "生效日期",
        ("起始日期", "施行日期"),
        parse=parse_date,
        required=True,
        example=dt.date(2023, 12, 1),
        width=12,
    ),
    Column("effective_to", "失效日期", ("截止日期",), parse=parse_date, width=12),
    Column(
        "document_no",
        "文件文号",
        ("文号", "依据文件"),
        parse=parse_text,
        example="临政函〔2023〕74号",
        width=22,
    ),
    Column("clause", "条款", ("条目",), parse=parse_text, example="六(十)", width=10),
    Column(
        "is_example",
        "示例值",
        ("是否示例",),
        parse=parse_yes_no,
        render=render_yes_no,
        example="否",
        choices=("是", "否"),
        width=8,
    ),
    Column("example_source", "示例来源", ("示例出处",), parse=parse_text, example="", width=22),
    Column("note", "备注", ("说明",), parse=parse_text, width=30),
)


def load_rules(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    """Rows are versions: an existing (key, platform, start date) is updated in place only
    where its content differs; a new start date adds a version (use the policy page or
    this kind; the previous open version is closed the day before)."""
    from models.policy.services import add_rule_version

    platforms = {match_key(k): v for k, v in session.execute(select(Platform.code, Platform.id))}
    created = updated = unchanged = 0
    for row in sorted(rows, key=lambda r: (str(r.get("key")), r.get("effective_from") or dt.date.min)):
        key, start, doc = row.get("key"), row.get("effective_from"), row.get("document_no") or ""
        if key is None or start is None or "value" not in row.values:
            continue
        code = row.get("platform") or ""
        platform_id = platforms.get(match_key(code)) if code else None
        if code and platform_id is None:
            ctx.problem(row, "platform", "platform.unknown", code=code)
            continue
        existing = session.scalar(
            select(PolicyRule).where(
                PolicyRule.key == key,
                PolicyRule.effective_from == start,
                PolicyRule.building_id.is_(None),
                PolicyRule.platform_id.is_(None)
                if platform_id is None
                else PolicyRule.platform_id == platform_id,
            )
        )
        fields = {
            "value": row.get("value"),
            "document_no": doc,
            "clause": row.get("clause", ""),
            "is_example": row.get("is_example", False),
            "note": row.get("note", ""),
            "example_source": row.get("example_source", "") or "",
        }
        if "title" in row.values:
            fields["title"] = row.get("title")
        if existing is not None:
            if "effective_to" in row.values:
                fields["effective_to"] = row.get("effective_to")
            diff = apply_changes(
                existing, fields, same=lambda k, held, read: k == "value" and _same_number(held, read)
            )
            updated += bool(diff)
            unchanged += not diff
            continue
        from models.errors import DomainError

        try:
            add_rule_version(
                session,
                key=key,
                value=fields["value"],
                effective_from=start,
                document_no=doc,
                clause=fields["clause"],
                title=fields.get("title"),
                is_example=bool(fields["is_example"]),
                platform_id=platform_id,
                note=fields["note"],
                example_source=fields["example_source"],
            )
        except DomainError as exc:
            ctx.problem(
                row,
                "document_no" if exc.code == "policy.document_required" else "effective_from",
                exc.code,
                **exc.fields,
            )
            continue
        created += 1
    session.flush()
    return LoadOutcome(
        created=created,
        updated=updated,
        unchanged=unchanged,
        changes=Changes.of("policy", created=created, updated=updated),
    )


def _same_number(stored: Any, read: Any) -> bool:
    """A rule value 5 and the cell "5" (exports write every value as text) are one value."""

    def number(v: Any) -> Decimal | None:
        if isinstance(v, bool) or not isinstance(v, (int, float, str, Decimal)):
            return None
        try:
            return Decimal(str(v).strip())
        except ArithmeticError:
            return None

    a, b = number(stored), number(read)
    return a is not None and a.is_finite() and a == b


def dump_rules(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    codes = {k: v for k, v in session.execute(select(Platform.id, Platform.code))}
    stmt = (
        select(PolicyRule)
        .where(PolicyRule.building_id.is_(None))
        .order_by(PolicyRule.key, PolicyRule.platform_id, PolicyRule.effective_from)
    )
    for r in session.scalars(stmt):
        yield {
            "key": r.key,
            "title": r.title,
            "platform": codes.get(r.platform_id, "") if r.platform_id else "",
            "value": r.value,
            "effective_from": r.effective_from,
            "effective_to": r.effective_to,
            "document_no": r.document_no,
            "clause": r.clause,
            "is_example": r.is_example,
            "example_source": r.example_source,
            "note": r.note,
        }


KINDS = (
    Kind(
        name="platforms",
        title="园区平台",
        area="platforms",
        columns=PLATFORM_COLUMNS,
        load=load_platforms,
        dump=dump_platforms,
    ),
    Kind(
        name="policy-rules",
        title="政策参数",
        area="policy",
        columns=RULE_COLUMNS,
        load=load_rules,
        dump=dump_rules,
    ),
)
