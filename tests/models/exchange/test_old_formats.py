""".xls (Excel 97–2003) and .ods are read through python-calamine like .xlsx, after a
pre-flight suited to their format; error workbooks for them are written as .xlsx (issue 14)."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from models.database import Database
from models.enterprises.entities import Enterprise
from models.exchange.importer import run_import, write_error_workbook
from models.exchange.preflight import Limits, PreflightError, preflight
from models.exchange.reader import load_grids
from models.exchange.registry import get_kind
from tests.models.efficiency.util import uscc

DATA = Path(__file__).parent / "data"


def _ods(path: Path, rows: list[list[str]], sheet: str = "名单") -> Path:
    def cell(v: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'

    body = "".join(f"<table:table-row>{''.join(cell(v) for v in r)}</table:table-row>" for r in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'  # noqa: E501
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_ods_imports_like_xlsx(db: Database, tmp_path: Path) -> None:
    path = _ods(
        tmp_path / "名单.ods",
        [["企业名单"], ["统一社会信用代码", "企业名称"], [uscc(1), "杭州（临安）甲公司"]],
    )
    assert preflight(path).format == "ods"
    report = run_import(db, get_kind("enterprises"), path)
    assert report.ok and report.created == 1 and report.sheet == "名单" and report.header_row == 2
    with db.read() as s:
        assert list(s.scalars(select(Enterprise.name))) == ["杭州（临安）甲公司"]


def test_an_ods_with_errors_gets_an_xlsx_error_workbook(db: Database, tmp_path: Path) -> None:
    path = _ods(tmp_path / "bad.ods", [["统一社会信用代码", "企业名称"], ["123", "甲"]])
    report = run_import(db, get_kind("enterprises"), path)
    assert not report.ok
    write_error_workbook(path, report, tmp_path / "退回.ods", lambda p: p.code)
    wb = openpyxl.load_workbook(tmp_path / "退回.xlsx")
    assert wb.active is not None and wb.active["A2"].comment is not None


def test_xls_passes_preflight_and_is_read_by_calamine() -> None:
    facts = preflight(DATA / "base.xls")
    assert facts.format == "xls"
    grids = load_grids(DATA / "base.xls", facts)
    assert [g.name for g in grids] == ["Sheet1", "Sheet2", "Merged Cells"]
    cells = [v for row in grids[0].rows for v in row if v != ""]
    assert cells[:3] == ["String", 1.0, 1.1]


def test_a_password_xls_is_refused_in_one_line(db: Database, tmp_path: Path) -> None:
    report = run_import(db, get_kind("enterprises"), DATA / "password.xls")
    assert report.file_refused
    assert report.errors[0].code in ("exchange.encrypted", "exchange.workbook_unreadable")


def test_hostile_ole_files_are_refused_fast(tmp_path: Path) -> None:
    header = bytearray(DATA.joinpath("base.xls").read_bytes()[:512])
    looped = tmp_path / "loop.xls"
    data = bytearray(DATA.joinpath("base.xls").read_bytes())
    first_dir = struct.unpack_from("<I", header, 0x30)[0]
    fat_sector = struct.unpack_from("<I", header, 0x4C)[0]
    struct.pack_into(
        "<I", data, 512 + fat_sector * 512 + first_dir * 4, first_dir
    )  # the directory chain loops
    looped.write_bytes(bytes(data))
    with pytest.raises(PreflightError) as e:
        preflight(looped)
    assert e.value.problems[0].code == "exchange.not_a_workbook"
    with pytest.raises(PreflightError) as e:
        preflight(DATA / "base.xls", Limits(max_ole_streams=2))
    assert e.value.problems[0].code == "exchange.too_many_parts"
    big = tmp_path / "big.xls"
    big.write_bytes(bytes(DATA.joinpath("base.xls").read_bytes()))
    with pytest.raises(PreflightError) as e:
        preflight(big, Limits(max_ole_bytes=1000))
    assert e.value.problems[0].code == "exchange.file_too_large"
    garbage = tmp_path / "garbage.xls"
    garbage.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    with pytest.raises(PreflightError):
        preflight(garbage)
