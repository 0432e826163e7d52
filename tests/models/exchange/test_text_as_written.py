"""Text is stored as written (issue 14): Chinese punctuation, ㎡ and ① are not rewritten; only
the keys that match codes and names are normalised (NFKC, width, spaces, case)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import func, select

from models.database import Database
from models.enterprises.entities import Enterprise
from models.exchange.importer import run_import
from models.exchange.keys import match_key
from models.exchange.registry import get_kind
from models.exchange.spec import ImportContext
from models.exchange.writer import export_kind
from models.land.entities import Plot
from models.land.exchange import KINDS
from tests.models.efficiency.util import uscc
from tests.models.land.helpers import point_rows

NAME = "杭州（临安）精密机械有限公司：一期；二期，３号楼①"
ADDRESS = "青山湖街道科技大道1号（东区）㎡"


def _book(path: Path, rows: list[list[Any]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["统一社会信用代码", "企业名称", "所属平台", "地址"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_punctuation_is_stored_as_written_and_a_reimport_of_the_export_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    kind = get_kind("enterprises")
    report = run_import(db, kind, _book(tmp_path / "in.xlsx", [[uscc(1), NAME, "青山湖科技城", ADDRESS]]))
    assert report.ok and report.created == 1
    with db.read() as s:
        assert s.execute(select(Enterprise.name, Enterprise.address)).one() == (NAME, ADDRESS)
    export_kind(db, kind, tmp_path / "out.xlsx")
    again = run_import(db, kind, tmp_path / "out.xlsx")
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_a_platform_written_in_full_width_or_with_spaces_still_matches(db: Database, tmp_path: Path) -> None:
    report = run_import(
        db,
        get_kind("enterprises"),
        _book(tmp_path / "p.xlsx", [[uscc(2), "甲", "青山湖 科技城", ""], [uscc(3), "乙", "ＱＳＨ", ""]]),
    )
    assert report.ok, [(p.code, p.problem.fields) for p in report.problems]


def test_keys_ignore_width_spaces_and_case() -> None:
    assert match_key("ｑｓｈ－２０２４ ００１") == match_key("QSH-2024001")
    assert match_key("杭州（临安）公司") == match_key("杭州(临安)公司")


POINTS = {k.name: k for k in KINDS}["boundary-points"]
N, E = 3_347_800, 480_700
SQUARE = [(None, 1, "J2", N + 100, E + 100), (None, 1, "J3", N, E + 100), (None, 1, "J4", N, E)]


def test_a_lower_case_plot_code_in_boundary_points_is_its_plot_not_a_twin(db: Database) -> None:
    for code in ("LA-9", "la-9", "ＬＡ－９"):
        ctx = ImportContext()
        with db.write() as s:
            assert POINTS.load is not None
            POINTS.load(s, point_rows([(code, 1, "J1", N + 100, E), *SQUARE]), ctx)
        assert [p for p in ctx.problems if p.is_error] == []
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Plot)) == 1
        assert s.scalar(select(Plot.code)) == "LA-9"
