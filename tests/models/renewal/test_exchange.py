"""The ``renewal-projects`` kind: import (upsert by code, stage moves through the rules),
export, template."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl

from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.exchange.writer import export_kind, write_template
from models.land.entities import Plot
from models.renewal import queries as Q
from models.units import AreaUnit, to_m2
from tests.models.efficiency.util import platform_id, uscc

HEADER = [
    "项目编号",
    "项目名称",
    "所属平台",
    "原企业统一社会信用代码",
    "原企业名称",
    "低效类型",
    "处置方式",
    "补偿金额（万元）",
    "当前阶段",
    "阶段日期",
    "地块编号",
    "供地方式",
    "退回或终止原因",
]


def _book(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["临安区腾笼换鸟项目推进台账"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    ws.append(["合计", "", "", "", "", "", "", "3,000", "", "", "", "", ""])
    wb.save(path)
    return path


def _plots(db: Database) -> None:
    with db.write() as s:
        for code in ("DK-1", "DK-2"):
            s.add(
                Plot(
                    code=code,
                    platform_id=platform_id(s),
                    cert_area_m2=to_m2(Decimal(20), AreaUnit.MU),
                    land_source="existing",
                )
            )


def test_import_export_round_trip(db: Database, tmp_path: Path) -> None:
    _plots(db)
    rows: list[list[object]] = [
        [
            "TL-001",
            "纺织厂腾退",
            "青山湖科技城",
            uscc(1),
            "老纺织厂",
            "用而未尽",
            "腾退",
            "1,500",
            "谈判协议",
            "2024年5月20日",
            "DK-1、DK-2",
            "",
            "",
        ],
        [
            "TL-002",
            "砖瓦厂淘汰",
            "於潜",
            uscc(2),
            "砖瓦厂",
            "投而未达标",
            "淘汰",
            "１５００",
            "摸排认定",
            "2024-03-01",
            "",
            "",
            "",
        ],
    ]
    kind = get_kind("renewal-projects")
    report = run_import(db, kind, _book(tmp_path / "a.xlsx", rows))
    assert report.ok, [(p.row, p.code, p.problem.fields) for p in report.problems]
    assert (report.created, report.updated) == (2, 0)
    with db.read() as s:
        p1, p2 = Q.list_projects(s)
        assert (p1.stage, p1.stage_date, p1.plot_codes, p1.compensation) == (
            "negotiated",
            dt.date(2024, 5, 20),
            ("DK-1", "DK-2"),
            Decimal("1500"),
        )
        assert p1.area_m2 == 2 * to_m2(Decimal(20), AreaUnit.MU) and p1.old_name == "老纺织厂"
        assert (p2.treatment, p2.platform_name, p2.compensation) == (
            "phase_out",
            "於潜工业功能区",
            Decimal("1500"),
        )
    again = run_import(db, kind, tmp_path / "a.xlsx")
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 2)
    # going back without a reason is refused with the row; with one it is recorded
    rows[0][8], rows[0][9] = "摸排认定", "2024-06-01"
    bad = run_import(db, kind, _book(tmp_path / "b.xlsx", rows))
    assert [(e.code, e.row) for e in bad.errors] == [("renewal.reason_required", 3)]
    rows[0][12] = "协议条件变化需重新认定"
    good = run_import(db, kind, _book(tmp_path / "c.xlsx", rows))
    assert good.ok and good.updated == 1
    with db.read() as s:
        hist = Q.stage_history(s, project_id=Q.list_projects(s)[0].id)
        assert [h.stage for h in hist] == ["identified", "negotiated", "identified"]
        assert hist[-1].reason == "协议条件变化需重新认定"
    assert export_kind(db, kind, tmp_path / "out.xlsx") == 2
    write_template(kind, tmp_path / "template.xlsx")
    back = run_import(db, kind, tmp_path / "out.xlsx")
    assert back.ok and back.unchanged == 2, [(p.code, p.problem.fields) for p in back.problems]


def test_unknown_plot_is_a_row_error(db: Database, tmp_path: Path) -> None:
    rows: list[list[object]] = [["TL-9", "x", "", "", "", "", "", "", "", "", "DK-404", "", ""]]
    report = run_import(db, get_kind("renewal-projects"), _book(tmp_path / "a.xlsx", rows))
    [err] = report.errors
    assert (err.code, err.column, err.problem.fields["codes"]) == (
        "renewal.unknown_plot",
        "地块编号",
        "DK-404",
    )
