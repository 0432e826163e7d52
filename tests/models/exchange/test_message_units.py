"""Messages name the column as the sheet wrote it and give numbers with their unit (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.messages import render
from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from tests.models.exchange.helpers import write_xlsx


def test_a_quota_conflict_names_the_sheets_column_and_gives_mu(db: Database, tmp_path: Path) -> None:
    header = ["年度", "指标来源", "下达文号", "下达日期", "下达指标（亩）"]
    first = write_xlsx(
        tmp_path / "a.xlsx", [header, [2025, "区年度计划", "临政(2025)3号", dt.date(2025, 3, 1), 360]]
    )
    assert run_import(db, get_kind("quota-grants"), first).committed
    second = write_xlsx(
        tmp_path / "b.xlsx", [header, [2025, "区年度计划", "临政(2025)3号", dt.date(2025, 3, 1), 360.5]]
    )
    report = run_import(db, get_kind("quota-grants"), second)
    [p] = report.errors
    assert (p.code, p.column, p.cell) == ("quota.import_conflict", "下达指标（亩）", "E2")
    assert p.problem.fields == {"field": "下达指标（亩）", "existing": "360 亩", "incoming": "360.5 亩"}
    assert "下达指标（亩）" in render(p.problem) and "360 亩" in render(p.problem)


def test_a_stage_date_conflict_names_the_column_not_the_key(db: Database, tmp_path: Path) -> None:
    grants = write_xlsx(
        tmp_path / "g.xlsx",
        [
            ["年度", "指标来源", "下达文号", "下达日期", "下达面积（亩）"],
            [2025, "区年度计划", "临政(2025)3号", dt.date(2025, 3, 1), 100],
        ],
    )
    allocations = write_xlsx(
        tmp_path / "a.xlsx",
        [
            ["下达文号", "平台", "项目", "分配日期", "分配面积（亩）"],
            ["临政(2025)3号", "QSH", "算力中心", dt.date(2025, 4, 1), 40],
        ],
    )
    header = ["下达文号", "平台", "项目", "使用面积（亩）", "预安排日期", "核销日期"]
    uses = write_xlsx(
        tmp_path / "u.xlsx",
        [header, ["临政(2025)3号", "QSH", "算力中心", 10, dt.date(2025, 5, 1), dt.date(2025, 6, 1)]],
    )
    for kind, path in (("quota-grants", grants), ("quota-allocations", allocations), ("quota-uses", uses)):
        assert run_import(db, get_kind(kind), path).committed, kind
    moved = write_xlsx(
        tmp_path / "u2.xlsx",
        [header, ["临政(2025)3号", "QSH", "算力中心", 10, dt.date(2025, 5, 1), dt.date(2025, 6, 9)]],
    )
    [p] = run_import(db, get_kind("quota-uses"), moved).errors
    assert (p.code, p.column, p.problem.fields["field"]) == ("quota.import_conflict", "核销日期", "核销日期")


def test_messages_about_a_field_name_it_not_its_key() -> None:
    from desktop import i18n
    from models.errors import Problem

    for code, fields in (
        ("efficiency.negative_value", {"field": "land_area_m2", "value": -1, "year": 2024}),
        ("renewal.negative_value", {"field": "compensation", "value": -5}),
        ("incubation.report_negative", {"field": "tenants", "value": -1}),
        ("land.unknown_choice", {"field": "land_source", "value": "x", "known": "新增、存量"}),
    ):
        for language in ("zh", "en"):
            i18n.set_language(language)
            try:
                text = render(Problem(code, fields))
            finally:
                i18n.set_language("zh")
            assert str(fields["field"]) not in text, (code, language, text)
    assert "㎡" in render(Problem("land.negative_area", {"value_m2": -3}))
    assert "万元" in render(Problem("building.price_negative", {"price": -3}))
