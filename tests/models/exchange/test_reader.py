from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from models.exchange.headers import normalize_header
from models.exchange.preflight import preflight
from models.exchange.reader import ReadResult, column_letter, read_rows
from models.units import AreaUnit, MoneyUnit
from tests.models.exchange.helpers import TEST_KIND, write_xlsx


def _read(path: Path, **options: object) -> ReadResult:
    return read_rows(path, TEST_KIND, preflight(path), options=options)


def test_normalize_header_units() -> None:
    assert normalize_header("面积（亩）").unit is AreaUnit.MU
    assert normalize_header("面积(㎡)").unit is AreaUnit.M2
    assert normalize_header("面积[平方米]").label == "面积"
    assert normalize_header("面积/公顷").unit is AreaUnit.HA
    assert normalize_header("投资额（万元）").unit is MoneyUnit.WAN
    assert normalize_header("*企 业 名 称：").label == "企业名称"
    h = normalize_header("用地面积m2")
    assert (h.suffix_label, h.suffix_unit) == ("用地面积", AreaUnit.M2)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_title_rows_units_totals_notes_and_any_column_order(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [
            ["临安区某某清单（2024年）"],
            ["填报单位：经信局", None, None, "日期：2024-03-01"],
            [],
            ["序号", "日期", "面 积（亩）", "项目名称", "其他列"],
            [1, "2024年3月15日", "1.5", "甲", "x"],
            [None, None, None, None, None],
            ["２", 45366, "１５", " 乙 ", None],
            ["合计", None, "16.5", None, None],
            ["注：面积以亩计。", None, None, None, None],
            ["2. 数据截至 3 月底", None, None, None, None],
        ],
    )
    result = _read(path)
    assert not result.has_errors, result.problems
    assert result.header_row == 4
    assert result.headers["area"] == "面 积（亩）"
    assert [r.row for r in result.rows] == [5, 7]
    first, second = result.rows
    assert first.values == {"order": 1, "when": dt.date(2024, 3, 15), "area": Decimal("1000"), "value": "甲"}
    assert second.values["area"] == Decimal("10000") and second.values["value"] == "乙"
    assert second.cell("area") == "C7"
    assert [(s.row, s.reason) for s in result.skipped] == [
        (6, "blank"),
        (8, "total"),
        (9, "note"),
        (10, "note"),
    ]
    assert result.ignored_headers == ["其他列"]


def test_unit_row_under_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "u.xlsx", [["名称", "面积"], [None, "（公顷）"], ["甲", "0.1"]])
    result = _read(path)
    assert result.rows[0].values["area"] == Decimal("1000")
    assert result.skipped[0].reason == "unit_row"


def test_merged_cells_and_fill_down(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "m.xlsx",
        [
            ["分组", "名称", "序号"],
            ["一组", "甲", 1],
            [None, "乙", 2],
            ["二组", "丙", 3],
            [None, "丁", 4],
        ],
        merges=["A2:A3"],
    )
    result = _read(path)
    assert [r.values["group"] for r in result.rows] == ["一组", "一组", "二组", "二组"]


def test_every_cell_problem_is_collected(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "b.xlsx",
        [
            ["名称", "序号", "日期"],
            ["甲", "x", "2024-02-30"],
            [None, "2", None],
            ["丙", "1.5", None],
        ],
    )
    result = _read(path)
    found = sorted((p.row, p.column, p.code, p.cell) for p in result.problems)
    assert found == [
        (2, "序号", "exchange.not_a_number", "B2"),
        (2, "日期", "exchange.not_a_date", "C2"),
        (3, "名称", "exchange.required", "A3"),
        (4, "序号", "exchange.not_an_integer", "B4"),
    ]


def test_missing_required_column_is_one_problem(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [["序号", "日期"], [1, "2024-01-01"]])
    result = _read(path)
    assert [(p.code, p.problem.fields["column"]) for p in result.problems] == [
        ("exchange.missing_column", "名称")
    ]
    assert result.rows == []


def test_no_header_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [["a", "b"], [1, 2]])
    assert [p.code for p in _read(path).problems] == ["exchange.no_header_row"]


def test_best_sheet_is_chosen_or_named(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "s.xlsx",
        [["说明"], ["本表…"]],
        title="封面",
        extra_sheets={"数据": [["名称", "序号"], ["甲", 1]], "另表": [["名称"], ["乙"]]},
    )
    assert _read(path).sheet == "数据"
    assert [r.values["value"] for r in _read(path, sheet="另表").rows] == ["乙"]


def test_formula_cached_value_used_and_uncached_is_an_error(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["名称", "序号"])
    ws.append(["甲", "=1+1"])  # openpyxl writes no cached value
    wb.save(path)
    result = _read(path)
    assert [(p.code, p.cell) for p in result.problems] == [("exchange.formula_without_value", "B2")]


def test_formula_with_cached_value_is_read_not_evaluated(tmp_path: Path) -> None:
    import zipfile

    path = write_xlsx(tmp_path / "g.xlsx", [["名称", "序号"], ["甲", 5]])
    # give B2 a formula whose cached value (5) differs from what it would compute (2)
    tmp = tmp_path / "g2.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="B2" t="n"><v>5</v></c>', b'<c r="B2"><f>1+1</f><v>5</v></c>')
                assert b"<f>1+1</f>" in data
            dst.writestr(item, data)
    result = _read(tmp)
    assert not result.problems
    assert result.rows[0].values["order"] == 5


def test_csv_utf8_bom_and_gb18030(tmp_path: Path) -> None:
    text = "名称,序号,面积（亩）\n甲,1,1.5\n合计,,1.5\n"
    (tmp_path / "a.csv").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "b.csv").write_bytes(text.encode("gb18030"))
    for name in ("a.csv", "b.csv"):
        result = _read(tmp_path / name)
        assert [r.values for r in result.rows] == [{"value": "甲", "order": 1, "area": Decimal("1000")}]
        assert [s.reason for s in result.skipped] == ["total"]
