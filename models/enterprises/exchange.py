"""The ``enterprises`` kind: the enterprise register (企业库) as departments send it.

Keyed by 统一社会信用代码: importing upserts by USCC, so importing the same file twice
changes nothing. Only the columns present in the file are written; a column the file
lacks keeps the register's value. Platforms are named by name, short name or code
(``青山湖科技城``, ``科技城``, ``QSH``); industry chains must be on the editable list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.enterprises.bulk import DEFAULTS, insert_enterprise_columns, insert_enterprises
from models.enterprises.entities import Enterprise
from models.exchange.keys import KeyIndex
from models.exchange.parsers import normalize_label, parse_bool, parse_text, parse_uscc
from models.exchange.spec import Column, ExportContext, ImportContext, Kind, LoadOutcome, SourceRow
from models.exchange.table import MISSING, Table
from models.policy.entities import ChoiceItem
from models.policy.queries import platform_index

BULK_THRESHOLD = 500  # larger imports insert new records in bulk (models.enterprises.bulk)
FIELDS = ("name", "platform_id", "industry_chain", "is_manufacturing", "address", "contact", "phone", "note")


def render_bool(value: Any) -> Any:
    return "是" if value else "否" if value is not None else None


COLUMNS = (
    Column(
        "uscc",
        "统一社会信用代码",
        synonyms=(
            "信用代码",
            "社会信用代码",
            "统一信用代码",
            "统一代码",
            "USCC",
            "企业信用代码",
            "组织机构代码",
        ),
        parse=parse_uscc,
        required=True,
        example="91330112MA27XYW352",
        width=22,
    ),
    Column(
        "name",
        "企业名称",
        synonyms=("名称", "企业", "单位名称", "公司名称", "企业（单位）名称"),
        parse=parse_text,
        required=True,
        example="杭州青山湖示例科技有限公司",
        width=32,
    ),
    Column(
        "platform",
        "所属平台",
        synonyms=("平台", "园区", "所在平台", "所属园区", "平台名称"),
        parse=parse_text,
        example="青山湖科技城",
        width=16,
    ),
    Column(
        "industry_chain",
        "产业链",
        synonyms=("所属产业链", "产业链条", "行业"),
        parse=parse_text,
        example="高端装备",
        choices=("高端装备", "集成电路", "生命健康", "其他"),
        width=12,
    ),
    Column(
        "is_manufacturing",
        "是否制造业",
        synonyms=("制造业", "是否为制造业", "制造业企业"),
        parse=parse_bool,
        render=render_bool,
        example="是",
        choices=("是", "否"),
        width=10,
    ),
    Column(
        "address",
        "地址",
        synonyms=("企业地址", "注册地址", "生产经营地址", "经营地址"),
        parse=parse_text,
        example="临安区青山湖街道大园路 1 号",
        width=32,
    ),
    Column(
        "contact", "联系人", synonyms=("企业联系人", "联络人"), parse=parse_text, example="张三", width=10
    ),
    Column(
        "phone",
        "联系电话",
        synonyms=("电话", "手机", "联系方式", "手机号码"),
        parse=parse_text,
        example="0571-12345678",
        width=16,
    ),
    Column("note", "备注", synonyms=("说明",), parse=parse_text, width=24),
)


def _chains(session: Session) -> dict[str, str]:
    return {
        normalize_label(v): v
        for v in session.scalars(
            select(ChoiceItem.value).where(ChoiceItem.category == "industry_chain", ChoiceItem.active)
        )
    }


def _existing(session: Session) -> dict[str, tuple[Any, ...]]:
    cols = [getattr(Enterprise, f) for f in FIELDS]
    return {r[0]: tuple(r[1:]) for r in session.execute(select(Enterprise.uscc, Enterprise.id, *cols))}


def load_enterprises(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    lookup = _Lookup(platform_index(session), _chains(session))
    existing = _existing(session)
    seen: dict[str, int] = {}
    new: list[dict[str, Any]] = []
    updates: list[tuple[int, dict[str, Any]]] = []
    unchanged = 0
    lenient = bool(ctx.options.get("uscc_checksum_warning"))
    for i, row in enumerate(rows):
        if i % 5000 == 0:
            ctx.progress.set(i, len(rows), stage="load")
        values = _row_values(row, lookup, ctx)
        uscc = row.values.get("uscc")
        if values is None or uscc is None:
            continue
        if uscc in seen:
            ctx.problem(row, "uscc", "enterprise.duplicate_in_file", uscc=uscc, first_row=seen[uscc])
            continue
        seen[uscc] = row.row
        have = existing.get(uscc)
        if have is None:
            new.append({"uscc": uscc, **DEFAULTS, **values})
            continue
        current = dict(zip(FIELDS, have[1:], strict=True))
        diff = {k: v for k, v in values.items() if current[k] != v}
        if diff:
            updates.append((have[0], diff))
        else:
            unchanged += 1
    if any(p.is_error for p in ctx.problems):
        return LoadOutcome(len(new), len(updates), unchanged)
    ids = _insert(session, new, lenient)
    for enterprise_id, diff in updates:
        from models.enterprises.services import update_enterprise

        update_enterprise(session, enterprise_id=enterprise_id, version=None, **diff)
        ids.append(enterprise_id)
    changes = Changes.of("enterprises", created=len(new), updated=len(updates), ids=tuple(ids))
    return LoadOutcome(len(new), len(updates), unchanged, changes)


def load_enterprises_table(session: Session, table: Table, ctx: ImportContext) -> LoadOutcome:
    """The fast path of ``load_enterprises`` for a large roster of enterprises all new to
    the register, with known platforms and chains: the records go in as columns. Any
    other roster — small, a USCC twice or already registered, an unknown name — goes
    row by row through ``load_enterprises``, which explains each problem."""
    n = len(table)
    usccs = table.column("uscc")
    if (
        n <= BULK_THRESHOLD
        or usccs is None
        or "uscc" in table.gaps
        or len(set(usccs)) != n
        or not _existing(session).keys().isdisjoint(usccs)
    ):
        return load_enterprises(session, table.rows(), ctx)
    ctx.progress.set(0, n, stage="load")
    lookup = _Lookup(platform_index(session), _chains(session))
    columns: dict[str, list[Any]] = {}
    for key, values in zip(table.keys, table.values, strict=True):
        if key == "platform":
            found = _translate(values, lookup.platform, None)
            if found is None:
                return load_enterprises(session, table.rows(), ctx)
            columns["platform_id"] = found
        elif key == "industry_chain":
            found = _translate(values, lookup.chain, "")
            if found is None:
                return load_enterprises(session, table.rows(), ctx)
            columns[key] = found
        else:
            default = DEFAULTS.get(key, "")
            columns[key] = [default if v is MISSING else v for v in values] if key in table.gaps else values
    ids = insert_enterprise_columns(session, columns, n)
    ctx.progress.set(n, n, stage="load")
    return LoadOutcome(n, 0, 0, Changes.of("enterprises", created=n, updated=0, ids=tuple(ids)))


def _translate(values: list[Any], find: Callable[[str], Any], blank: Any) -> list[Any] | None:
    """Each name through ``find`` (once per distinct name); a blank cell → ``blank``;
    None if some name is unknown."""
    names = set(values)
    names.discard(MISSING)
    known: dict[Any, Any] = {MISSING: blank}
    for name in names:
        found = find(name)
        if found is None:
            return None
        known[name] = found
    return list(map(known.__getitem__, values))


class _Lookup:
    """Platform and industry-chain names → values, normalised once per distinct spelling."""

    def __init__(self, platforms: KeyIndex, chains: Mapping[str, str]) -> None:
        self._platforms, self._chains = platforms, chains
        self.platform_cache: dict[str, int | None] = {}
        self.chain_cache: dict[str, str | None] = {}

    def platform(self, text: str) -> int | None:
        try:
            return self.platform_cache[text]
        except KeyError:
            found = self.platform_cache[text] = self._platforms.get(text)
            return found

    def chain(self, text: str) -> str | None:
        try:
            return self.chain_cache[text]
        except KeyError:
            found = self.chain_cache[text] = self._chains.get(normalize_label(text))
            return found


def _row_values(row: SourceRow, lookup: _Lookup, ctx: ImportContext) -> dict[str, Any] | None:
    """The record's fields from the columns present in the file, or None after a problem."""
    values: dict[str, Any] = {}
    ok = True
    got = row.values
    for key in row.headers:
        if key == "uscc":
            continue
        value = got.get(key)
        if key == "platform":
            if value is None:
                values["platform_id"] = None
            elif (pid := lookup.platform(value)) is not None:
                values["platform_id"] = pid
            else:
                ctx.problem(row, key, "enterprise.unknown_platform_name", value=value)
                ok = False
        elif key == "industry_chain":
            if value is None:
                values[key] = ""
            elif (chain := lookup.chain(value)) is not None:
                values[key] = chain
            else:
                ctx.problem(
                    row,
                    key,
                    "enterprise.unknown_industry_chain",
                    value=value,
                    known="、".join(lookup._chains.values()),
                )
                ok = False
        else:
            values[key] = DEFAULTS.get(key, "") if value is None else value
    return values if ok else None


def _insert(session: Session, new: list[dict[str, Any]], lenient: bool) -> list[int]:
    if len(new) > BULK_THRESHOLD:
        return insert_enterprises(session, new)
    from models.enterprises.services import create_enterprise

    ids: list[int] = []
    for values in new:
        ids.extend(create_enterprise(session, allow_bad_checksum=lenient, **values).ids)
    return ids


def dump_enterprises(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    from models.enterprises.queries import iter_enterprises

    for e in iter_enterprises(session):
        yield {
            "uscc": e.uscc,
            "name": e.name,
            "platform": e.platform_name,
            "industry_chain": e.industry_chain,
            "is_manufacturing": e.is_manufacturing,
            "address": e.address,
            "contact": e.contact,
            "phone": e.phone,
            "note": e.note,
        }


ENTERPRISES = Kind(
    name="enterprises",
    title="企业库",
    area="enterprises",
    columns=COLUMNS,
    load=load_enterprises,
    dump=dump_enterprises,
    load_table=load_enterprises_table,
)

KINDS = (ENTERPRISES,)
