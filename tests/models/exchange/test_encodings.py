"""Text files are decoded strictly (issue 14): UTF-8 first, GB18030 only when every byte
decodes and no row is UTF-8 on its own, UTF-16 ("Unicode 文本" from Excel) with its BOM;
anything else is refused with the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from models.database import Database
from models.enterprises.entities import Enterprise
from models.exchange.importer import run_import
from models.exchange.reader import TextDecodeError, decode_text
from models.exchange.registry import get_kind
from tests.models.efficiency.util import uscc

HEADER = "统一社会信用代码,企业名称\r\n"


def _names(db: Database) -> list[str]:
    with db.read() as s:
        return sorted(s.scalars(select(Enterprise.name)))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_each_encoding_imports_exactly(db: Database, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes((HEADER + f"{uscc(1)},黑龙江省精密机械（临安）有限公司\r\n").encode(encoding))
    report = run_import(db, get_kind("enterprises"), path)
    assert report.ok, [(p.code, p.problem.fields) for p in report.problems]
    assert _names(db) == ["黑龙江省精密机械（临安）有限公司"]


def test_excel_unicode_text_utf16_with_bom_and_tabs_imports(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "名单.txt"
    path.write_bytes(
        (f"统一社会信用代码\t企业名称\r\n{uscc(2)}\t杭州青山湖示例科技有限公司\r\n").encode("utf-16")
    )
    report = run_import(db, get_kind("enterprises"), path)
    assert report.ok, [(p.code, p.problem.fields) for p in report.problems]
    assert _names(db) == ["杭州青山湖示例科技有限公司"]


def test_a_file_mixing_gbk_and_utf8_rows_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "混合.csv"
    path.write_bytes(
        HEADER.encode("gbk")
        + f"{uscc(1)},临安五金厂\r\n".encode("gbk")
        + f"{uscc(2)},杭州示例科技有限公司\r\n".encode()
    )
    report = run_import(db, get_kind("enterprises"), path)
    [err] = report.errors
    assert err.code == "exchange.mixed_encoding" and err.problem.fields["utf8_line"] == 3
    assert _names(db) == []


def test_bytes_that_decode_in_no_encoding_are_refused_with_the_line() -> None:
    with pytest.raises(TextDecodeError) as e:
        decode_text("名称\n甲\n".encode() + b"\x81\x20\xff\n")
    assert e.value.code == "exchange.bad_encoding" and e.value.fields["line"] == 3


def test_decode_names_the_encoding() -> None:
    assert decode_text("甲".encode("gb18030")) == ("甲", "GB18030")
    assert decode_text("甲".encode("utf-16")) == ("甲", "UTF-16")
    assert decode_text("\ufeff甲".encode()) == ("甲", "UTF-8")
