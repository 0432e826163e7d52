"""Workbooks as offices make them, and a small test kind over ``choice_items``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.exchange.parsers import parse_area, parse_date, parse_int, parse_text
from models.exchange.spec import Column, ImportContext, Kind, LoadOutcome, SourceRow
from models.policy.entities import ChoiceItem
from models.units import AreaUnit


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    merges: Sequence[str] = (),
    title: str = "Sheet1",
    extra_sheets: dict[str, Sequence[Sequence[Any]]] | None = None,
) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(r, c, v)
    for m in merges:
        ws.merge_cells(m)
    for name, srows in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in srows:
            other.append(list(row))
    wb.save(path)
    return path


def _load(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    created = updated = unchanged = 0
    for row in rows:
        value = row.values.get("value")
        if value is None:  # a required cell was blank or bad: the reader reported it
            continue
        item = session.scalar(
            select(ChoiceItem).where(ChoiceItem.category == "test", ChoiceItem.value == value)
        )
        order = row.values.get("order", 0)
        if item is None:
            session.add(ChoiceItem(category="test", value=value, sort_order=order))
            created += 1
        elif item.sort_order != order:
            item.sort_order = order
            updated += 1
        else:
            unchanged += 1
        if value == "boom":
            ctx.problem(row, "value", "test.boom")
    session.flush()
    return LoadOutcome(created, updated, unchanged, Changes.of("policy", created=created, updated=updated))


def _dump(session: Session, ctx: Any) -> list[dict[str, Any]]:
    return [
        {"value": i.value, "order": i.sort_order}
        for i in session.scalars(select(ChoiceItem).where(ChoiceItem.category == "test"))
    ]


TEST_KIND = Kind(
    name="test-items",
    title="测试",
    area="policy",
    columns=(
        Column("value", "名称", synonyms=("项目名称",), parse=parse_text, required=True, example="甲"),
        Column("order", "序号", parse=parse_int, example=1),
        Column("area", "面积", parse=parse_area, quantity="area", unit=AreaUnit.M2, example=Decimal("1")),
        Column("when", "日期", parse=parse_date),
        Column("group", "分组", parse=parse_text, fill_down=True),
    ),
    load=_load,
    dump=_dump,
)


def items_of(session: Session) -> dict[str, int]:
    return {
        i.value: i.sort_order
        for i in session.scalars(select(ChoiceItem).where(ChoiceItem.category == "test"))
    }
