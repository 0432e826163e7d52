"""Units are converted exactly or the column is refused naming the unit (issue 14): headers
(``税收（亿元）``), a unit row, a ``单位：元`` title row, and numbers written with their unit
in the cell (``860.50㎡``, ``5层``, ``52家``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from models.database import Database
from models.efficiency import queries as Q
from models.exchange.importer import run_import
from models.exchange.parsers import (
    count_parser,
    parse_area,
    parse_floor,
    parse_measure,
    parse_money,
)
from models.exchange.registry import get_kind
from models.exchange.spec import CellContext, CellError
from models.exchange.units import MWH, TCE
from models.units import AreaUnit, MoneyUnit, to_m2
from tests.models.efficiency.util import uscc

D = Decimal


def _book(
    path: Path,
    header: list[str],
    rows: list[list[object]],
    titles: tuple[list[object], ...] = (),
    units: list[object] | None = None,
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "2024年度"
    for t in titles:
        ws.append(t)
    ws.append(header)
    if units is not None:
        ws.append(units)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


BASE = ["统一社会信用代码", "企业名称", "所属平台", "用地面积（亩）"]


def _record(db: Database) -> Any:
    with db.read() as s:
        [record] = Q.list_records(s, year=2024)
        return record


def test_header_units_of_every_quantity_are_converted_exactly(db: Database, tmp_path: Path) -> None:
    header = [
        *BASE,
        "税收（亿元）",
        "工业增加值（千元）",
        "主营业务收入(元)",
        "用电量（万千瓦时）",
        "综合能耗（万吨标准煤）",
        "主要污染物排放量（万吨）",
    ]
    path = _book(
        tmp_path / "units.xlsx",
        header,
        [[uscc(1), "甲公司", "青山湖科技城", 10, 0.03805, 21502.5, "95,000,000", 86, "0.12", "0.0015"]],
    )
    report = run_import(db, get_kind("efficiency"), path)
    assert report.ok, [(p.column, p.code, p.problem.fields) for p in report.problems]
    r = _record(db)
    assert r.tax == D("380.5")  # 0.03805 亿元, not 0.03805 万元
    assert r.value_added == D("2150.25")
    assert r.main_revenue == D("9500")
    assert r.electricity_mwh == D("860")  # 86 万千瓦时 = 860 MWh
    assert r.energy_tce == D("1200")
    assert r.emissions_t == D("15")
    assert r.land_m2 == to_m2(D(10), AreaUnit.MU)


def test_kwh_in_the_header_is_converted(db: Database, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "kwh.xlsx",
        [*BASE, "税收", "用电量(kWh)"],
        [[uscc(1), "甲公司", "青山湖科技城", 10, 380.5, 8_600_000]],
    )
    report = run_import(db, get_kind("efficiency"), path)
    assert report.ok
    assert _record(db).electricity_mwh == D("8600")


def test_a_unit_title_row_applies_to_unit_less_headers(db: Database, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "yuan.xlsx",
        [*BASE, "税收", "工业增加值（万元）"],
        [[uscc(1), "甲公司", "青山湖科技城", 10, 3_805_000, 2150]],
        titles=(["2024年度亩均效益数据"], ["填报单位：区经信局", "", "单位：元"]),
    )
    report = run_import(db, get_kind("efficiency"), path)
    assert report.ok
    r = _record(db)
    assert r.tax == D("380.5")  # 3,805,000 元, not 3,805,000 万元
    assert r.value_added == D("2150")  # the header's own unit wins over the title's
    assert any(n.code == "exchange.title_units" and n.fields["units"] == "元" for n in report.notes)


def test_a_unit_row_converts_electricity_and_energy(db: Database, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "row.xlsx",
        [*BASE, "税收", "用电量", "综合能耗"],
        [[uscc(1), "甲公司", "青山湖科技城", 10, 380.5, 86, "0.12"]],
        units=["", "", "", "", "（万元）", "（万千瓦时）", "（万吨标准煤）"],
    )
    report = run_import(db, get_kind("efficiency"), path)
    assert report.ok
    r = _record(db)
    assert (r.electricity_mwh, r.energy_tce) == (D("860"), D("1200"))


@pytest.mark.parametrize(
    ("header", "code", "unit"),
    [
        ("税收（美元）", "exchange.unknown_unit", "美元"),
        ("税收（亩）", "exchange.unit_mismatch", "亩"),
        ("用电量（千卡）", "exchange.unknown_unit", "千卡"),
    ],
)
def test_a_unit_the_importer_cannot_convert_refuses_the_column(
    db: Database, tmp_path: Path, header: str, code: str, unit: str
) -> None:
    path = _book(tmp_path / "bad.xlsx", [*BASE, header], [[uscc(1), "甲公司", "青山湖科技城", 10, 5]])
    report = run_import(db, get_kind("efficiency"), path)
    assert not report.ok and not report.committed
    [err] = report.errors
    assert (err.code, err.column, err.problem.fields["unit"]) == (code, header, unit)


def test_a_percent_in_a_money_column_is_refused(db: Database, tmp_path: Path) -> None:
    path = _book(tmp_path / "pct.xlsx", [*BASE, "税收"], [[uscc(1), "甲公司", "青山湖科技城", 10, "12%"]])
    report = run_import(db, get_kind("efficiency"), path, options={"year": 2024})
    assert [(e.code, e.value) for e in report.errors] == [("exchange.foreign_unit", "12%")]


def test_numbers_written_with_their_unit_in_the_cell(db: Database, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "cells.xlsx",
        ["统一社会信用代码", "企业名称", "所属平台", "用地面积", "税收", "年平均职工人数"],
        [[uscc(1), "甲公司", "青山湖科技城", "860.50㎡", "0.03805亿元", "52人"]],
    )
    report = run_import(db, get_kind("efficiency"), path)
    assert report.ok, [(p.column, p.code, p.problem.fields) for p in report.problems]
    r = _record(db)
    assert (r.land_m2, r.tax, r.employees) == (D("860.50"), D("380.5"), 52)


M2 = CellContext(area_unit=AreaUnit.MU, quantity="area")


@pytest.mark.parametrize(
    ("raw", "m2"),
    [
        ("860.50㎡", D("860.50")),
        ("860.5平方米", D("860.5")),
        ("860.5 m²", D("860.5")),
        ("2公顷", D("20000")),
        ("1.5亩", D("1000")),
        ("1.5", D("1000")),
    ],
)
def test_areas_with_their_unit(raw: str, m2: Decimal) -> None:
    assert parse_area(raw, M2) == m2


@pytest.mark.parametrize("raw", ["860.5万元", "52家", "5层", "12%"])
def test_a_foreign_unit_in_an_area_cell_is_refused(raw: str) -> None:
    with pytest.raises(CellError) as e:
        parse_area(raw, M2)
    assert e.value.code == "exchange.foreign_unit"


def test_money_measures_and_ratios() -> None:
    assert parse_money("3,805,000元", CellContext()) == D("380.5")
    assert parse_money(12, CellContext(money_unit=MoneyUnit.QIAN)) == D("1.2")
    assert parse_measure("8,600,000kWh", CellContext(quantity="electricity", measure=MWH)) == D("8600")
    assert parse_measure("0.12万吨标准煤", CellContext(quantity="energy", measure=TCE)) == D("1200")
    with pytest.raises(CellError):
        parse_measure("5吨", CellContext(quantity="electricity", measure=MWH))


@pytest.mark.parametrize(
    ("raw", "floor"),
    [
        (5, 5),
        ("5", 5),
        ("5层", 5),
        ("5F", 5),
        ("5f", 5),
        ("五层", 5),
        ("十二层", 12),
        ("二十三层", 23),
        ("5楼", 5),
        ("地下1层", -1),
        ("B1", -1),
        ("b2", -2),
        ("-1", -1),
        ("地下二层", -2),
    ],
)
def test_floors_as_offices_write_them(raw: object, floor: int) -> None:
    assert parse_floor(raw, CellContext()) == floor


@pytest.mark.parametrize("raw", ["五", "5平方米", "B0", "三楼半", "abc"][1:])
def test_not_a_floor(raw: str) -> None:
    with pytest.raises(CellError):
        parse_floor(raw, CellContext())


def test_counts_with_the_columns_own_word() -> None:
    firms = count_parser("家", "个")
    assert firms("52家", CellContext()) == 52 and firms("52", CellContext()) == 52
    with pytest.raises(CellError) as e:
        firms("52人", CellContext())
    assert e.value.code == "exchange.foreign_unit" and e.value.fields["unit"] == "人"


def test_a_year_column_is_used_where_filled_and_the_title_year_elsewhere(
    db: Database, tmp_path: Path
) -> None:
    path = _book(
        tmp_path / "years.xlsx",
        [*BASE, "年度", "税收"],
        [
            [uscc(1), "甲公司", "青山湖科技城", 10, 2023, 100],
            [uscc(2), "乙公司", "青山湖科技城", 10, None, 200],
        ],
        titles=(["2024年度亩均效益数据"],),
    )
    report = run_import(db, get_kind("efficiency"), path)
    assert report.ok, [(p.code, p.problem.fields) for p in report.problems]
    with db.read() as s:
        assert [r.tax for r in Q.list_records(s, year=2023)] == [D("100")]
        assert [r.tax for r in Q.list_records(s, year=2024)] == [D("200")]
