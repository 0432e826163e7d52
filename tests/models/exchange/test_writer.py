from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl

from models.database import Database
from models.enterprises.exchange import ENTERPRISES
from models.enterprises.services import create_enterprise
from models.exchange.importer import run_import
from models.exchange.spec import Column, Kind
from models.exchange.writer import csv_text, export_kind, header_text, write_template, write_xlsx
from models.progress import Progress
from models.units import AreaUnit, MoneyUnit
from tests.models.enterprises.test_exchange import CODES
from tests.models.exchange.helpers import TEST_KIND

HOSTILE = ['=HYPERLINK("http://evil.example","点我")', "+1+1", "-2", "@SUM(A1)", "\t=1", "=0", "00123"]


def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_export_never_writes_a_formula(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        for code, text in zip(CODES, HOSTILE, strict=False):
            create_enterprise(s, uscc=code, name="杭州某有限公司" + code[-4:], note=text, contact=text)
    out = tmp_path / "e.xlsx"
    assert export_kind(db, ENTERPRISES, out) == 6
    xml = _sheet_xml(out)
    assert not re.search(rb"<(\w+:)?f[\s>/]", xml)
    ws = openpyxl.load_workbook(out).active
    notes = {ws.cell(r, 9).value for r in range(2, 8)}
    assert notes == set(HOSTILE[:6])
    for r in range(2, 8):
        cell = ws.cell(r, 9)
        assert cell.data_type == "s"
        assert cell.quotePrefix == (cell.value[0] in "=+-@\t")


def test_export_header_bold_frozen_with_units(db: Database, tmp_path: Path) -> None:
    kind = Kind(
        "k",
        "表",
        "land",
        (
            Column("a", "面积", quantity="area", unit=AreaUnit.MU),
            Column("m", "金额", quantity="money", unit=MoneyUnit.WAN),
            Column("t", "名称"),
        ),
        dump=lambda s, c: [{"a": Decimal("1000"), "m": Decimal("1.5"), "t": "x"}],
    )
    out = tmp_path / "k.xlsx"
    export_kind(db, kind, out)
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == ["面积（亩）", "金额（万元）", "名称"]
    assert ws["A1"].font.b and ws.freeze_panes == "A2"
    assert ws["A2"].value == 1.5 and ws["B2"].value == 1.5
    assert header_text(Column("x", "面积", unit=AreaUnit.M2)) == "面积（㎡）"


def test_csv_export_is_utf8_bom_and_owasp_escaped(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        create_enterprise(s, uscc=CODES[0], name="杭州甲有限公司", note="=1+1")
    out = tmp_path / "e.csv"
    export_kind(db, ENTERPRISES, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "'=1+1" in data.decode("utf-8-sig")
    assert csv_text("'=x") == "''=x" and csv_text("'a") == "'a" and csv_text(Decimal("1.50")) == "1.50"


def test_template_has_header_example_and_dropdowns(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_template(ENTERPRISES, out, choices={"platform": ["青山湖科技城", "高新技术产业园"]})
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "统一社会信用代码" and ws["A1"].font.b
    assert ws["A2"].value == "91330112MA27XYW352" and ws["E2"].value == "是"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["C2"] == '"青山湖科技城,高新技术产业园"'
    assert lists["D2"] == '"高端装备,集成电路,生命健康,其他"'
    assert lists["E2"] == '"是,否"'


def test_template_imports_as_its_example(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_template(ENTERPRISES, out)
    report = run_import(db, ENTERPRISES, out, dry_run=True)
    assert report.ok and report.created == 1, report.problems


def test_write_xlsx_counts_and_reports_progress(tmp_path: Path) -> None:
    seen: list[int] = []

    class P(Progress):
        def on_update(self) -> None:
            seen.append(self.done)

    n = write_xlsx(
        TEST_KIND, ({"value": f"v{i}", "order": i} for i in range(12_000)), tmp_path / "x.xlsx", P()
    )
    assert n == 12_000 and seen[-1] == 12_000 and any(0 < d < 12_000 for d in seen)


def test_templates_write_example_numbers_as_numbers_and_exports_format_quantities(tmp_path: Path) -> None:
    import openpyxl

    from models.exchange.registry import get_kind
    from models.exchange.writer import write_template

    write_template(get_kind("plots"), tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert ws is not None
    headers = [c.value for c in ws[1]]
    cert = ws.cell(2, headers.index("证载面积（㎡）") + 1)
    assert cert.data_type == "n" and cert.number_format == "#,##0.00"
    write_template(get_kind("efficiency"), tmp_path / "e.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx").active
    assert ws is not None
    headers = [c.value for c in ws[1]]
    assert ws.cell(2, headers.index("用地面积（亩）") + 1).value == 25.5  # a real example, not 0.03825 亩


def test_export_number_formats_fit_the_quantity() -> None:
    from models.exchange import xlsx_stream as xs
    from models.exchange.registry import get_kind
    from models.exchange.writer import number_style

    plots = get_kind("plots")
    assert number_style(plots.column("cert_area_m2")) == xs.S_2DP
    assert number_style(get_kind("efficiency").column("land_area_m2")) == xs.S_4DP
    assert number_style(get_kind("efficiency").column("tax")) == xs.S_2DP
    assert xs.styled_number(xs.S_4DP)("A2", Decimal("5333.3333")) == '<c r="A2" s="6"><v>5333.3333</v></c>'
