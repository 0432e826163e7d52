from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from models.database import Database
from models.exchange.registry import get_kind
from models.exchange.spec import CellContext, CellError, ExportContext, ImportContext, SourceRow
from models.policy.entities import Platform
from models.policy.exchange import parse_code, parse_date, parse_priority
from models.policy.queries import list_platforms, list_rules


def _rows(*values: dict[str, Any]) -> list[SourceRow]:
    headers = {"code": "平台代码", "name": "平台名称", "priority": "优先顺序"}
    return [SourceRow("园区平台", i + 3, dict(v), raw=dict(v), headers=headers) for i, v in enumerate(values)]


def test_platforms_kind_updates_by_code_and_reimport_changes_nothing(db: Database) -> None:
    kind = get_kind("platforms")
    rows = _rows(
        {"code": "QSH", "name": "青山湖科技城", "short_name": "科技城", "priority": 1, "is_main": True},
        {"code": "GXY", "name": "高新技术产业园", "short_name": "高新区", "priority": 2, "is_main": True},
        {"code": "TK", "name": "太湖源生态工业区", "priority": 5},
    )
    ctx = ImportContext()
    assert kind.load is not None
    with db.write() as s:
        out = kind.load(s, rows, ctx)
    assert ctx.problems == []
    assert (out.created, out.updated, out.unchanged) == (1, 1, 1)
    with db.write() as s:
        again = kind.load(s, rows, ImportContext())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    with db.read() as s:
        assert [(p.code, p.short_name) for p in list_platforms(s)][:2] == [
            ("QSH", "科技城"),
            ("GXY", "高新区"),
        ]
        assert s.scalar(select(Platform.priority).where(Platform.code == "TK")) == 5
        assert kind.dump is not None
        dumped = list(kind.dump(s, ExportContext()))
    assert [d["code"] for d in dumped] == ["QSH", "GXY", "LL", "YQ", "TK"]


def test_duplicate_codes_and_taken_names_are_row_problems(db: Database) -> None:
    kind = get_kind("platforms")
    rows = _rows(
        {"code": "NEW", "name": "新园"},
        {"code": "NEW", "name": "新园二"},
        {"code": "X1", "name": "青山湖科技城"},
    )
    ctx = ImportContext()
    assert kind.load is not None
    with db.write() as s:
        kind.load(s, rows, ctx)
    assert [(p.row, p.column, p.code) for p in ctx.problems] == [
        (4, "平台代码", "platform.duplicate_code"),
        (5, "平台名称", "platform.name_taken"),
    ]


@pytest.mark.parametrize(("raw", "expected"), [(" qsh ", "QSH"), ("ｇｘｙ", "GXY"), (12.0, "12")])
def test_codes_are_normalised(raw: Any, expected: str) -> None:
    assert parse_code(raw, CellContext()) == expected


@pytest.mark.parametrize("raw", ["0", "abc", "1.5", 1000])
def test_bad_priorities_are_cell_errors(raw: Any) -> None:
    with pytest.raises(CellError):
        parse_priority(raw, CellContext())


@pytest.mark.parametrize(
    "raw", ["2024年3月15日", "2024.3.15", "2024/03/15", "2024-3-15", dt.date(2024, 3, 15)]
)
def test_dates(raw: Any) -> None:
    assert parse_date(raw, CellContext()) == dt.date(2024, 3, 15)


def test_policy_rules_kind_adds_versions(db: Database) -> None:
    kind = get_kind("policy-rules")
    assert kind.load is not None and kind.dump is not None
    row = SourceRow(
        "政策参数",
        3,
        {
            "key": "quota.priority_order",
            "value": ["GXY", "QSH"],
            "effective_from": dt.date(2026, 1, 1),
            "document_no": "临政函〔2025〕1号",
        },
    )
    with db.write() as s:
        out = kind.load(s, [row], ImportContext())
        assert out.created == 1
        dumped = list(kind.dump(s, ExportContext()))
    assert [d["effective_to"] for d in dumped if d["key"] == "quota.priority_order"] == [
        dt.date(2025, 12, 31),
        None,
    ]
    with db.write() as s:
        again = kind.load(s, [row], ImportContext())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    with db.read() as s:
        assert len(list_rules(s, key="quota.priority_order")) == 2
