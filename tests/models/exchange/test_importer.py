from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.database import Database
from models.errors import Problem
from models.exchange import importer as importer_mod
from models.exchange.importer import run_import, write_error_workbook
from models.exchange.spec import ImportContext, LoadOutcome, SourceRow
from models.policy.entities import ChoiceItem
from tests.models.exchange.helpers import TEST_KIND, items_of, write_xlsx


def _items(db: Database) -> dict[str, int]:
    with db.read() as s:
        return items_of(s)


def test_clean_import_commits_and_reconciles(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["标题"], ["名称", "序号"], ["甲", 1], ["乙", 2], ["合计", 3]])
    report = run_import(db, TEST_KIND, path)
    assert report.ok and report.committed
    assert (report.rows_read, report.created, report.updated, report.unchanged, report.rejected) == (
        2,
        2,
        0,
        0,
        0,
    )
    assert report.reconciles
    assert [s.reason for s in report.skipped] == ["total"]
    assert _items(db) == {"甲": 1, "乙": 2}
    assert report.changes.touches("policy")


def test_same_file_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["名称", "序号"], ["甲", 1], ["乙", 2]])
    run_import(db, TEST_KIND, path)
    second = run_import(db, TEST_KIND, path)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert second.reconciles


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["名称", "序号"], ["甲", 1]])
    report = run_import(db, TEST_KIND, path, dry_run=True)
    assert report.ok and not report.committed and report.created == 1
    assert _items(db) == {}


def test_one_bad_cell_refuses_the_whole_file(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["名称", "序号"], ["甲", 1], ["乙", "二"], ["丙", 3]])
    report = run_import(db, TEST_KIND, path)
    assert not report.committed and _items(db) == {}
    assert [(p.row, p.column, p.value, p.code) for p in report.errors] == [
        (3, "序号", "二", "exchange.not_a_number")
    ]
    assert (report.rows_read, report.created, report.rejected) == (3, 2, 1)
    assert report.reconciles


def test_problem_raised_by_load_rolls_back_everything(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["名称", "序号"], ["甲", 1], ["boom", 2]])
    report = run_import(db, TEST_KIND, path)
    assert [(p.row, p.code) for p in report.errors] == [(3, "test.boom")]
    assert not report.committed
    assert _items(db) == {}


def test_refused_file_never_reaches_the_reader(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("名称,序号\n甲,1\n", encoding="utf-8")
    called = []
    monkeypatch.setattr(importer_mod, "read_rows", lambda *a, **k: called.append(1))
    report = run_import(db, TEST_KIND, path)
    assert [p.code for p in report.errors] == ["exchange.not_a_workbook"]
    assert report.file_refused and called == []


def test_error_workbook_marks_bad_cells(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["名称", "序号"], ["甲", 1], ["乙", "二"], [None, 3]])
    report = run_import(db, TEST_KIND, path)
    out = tmp_path / "errors.xlsx"
    marked = write_error_workbook(path, report, out, lambda p: f"<{p.code}>")
    assert marked == 2
    ws = openpyxl.load_workbook(out).active
    assert ws["B3"].comment.text == "<exchange.not_a_number>"
    assert ws["B3"].fill.start_color.rgb.endswith("FF9999")
    assert ws["A4"].comment.text == "<exchange.required>"
    assert ws["B2"].comment is None
    assert ws["B3"].value == "二"  # the rest of the input is kept


def test_error_workbook_from_csv_keeps_text_as_text(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("名称,序号\n=1+1,x\n", encoding="utf-8-sig")
    report = run_import(db, TEST_KIND, path)
    out = tmp_path / "errors.xlsx"
    write_error_workbook(path, report, out, lambda p: p.code)
    ws = openpyxl.load_workbook(out).active
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    assert ws["B2"].comment is not None


def test_user_and_actor_reach_the_load(db: Database, tmp_path: Path) -> None:
    seen: list[tuple[int | None, str]] = []

    def load(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
        seen.append((ctx.user_id, ctx.actor))
        return LoadOutcome(unchanged=len(rows))

    from dataclasses import replace

    kind = replace(TEST_KIND, load=load)
    path = write_xlsx(tmp_path / "a.xlsx", [["名称"], ["甲"]])
    report = run_import(db, kind, path, user_id=7)
    assert seen == [(7, "tester")] and report.reconciles


def test_domain_error_from_load_is_a_file_problem(db: Database, tmp_path: Path) -> None:
    from dataclasses import replace

    from models.errors import DomainError

    def load(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
        session.add(ChoiceItem(category="test", value="half"))
        session.flush()
        raise DomainError("test.refused", reason="x")

    path = write_xlsx(tmp_path / "a.xlsx", [["名称"], ["甲"]])
    report = run_import(db, replace(TEST_KIND, load=load), path)
    assert [(p.row, p.problem) for p in report.errors] == [(None, Problem("test.refused", {"reason": "x"}))]
    with db.read() as s:
        assert s.scalars(select(ChoiceItem).where(ChoiceItem.category == "test")).all() == []


def test_error_workbook_opens_with_a_sheet_listing_every_problem(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["名称", "序号"], ["甲", 1], ["乙", "二"], [None, 3]])
    report = run_import(db, TEST_KIND, path)
    write_error_workbook(path, report, tmp_path / "errors.xlsx", lambda p: f"<{p.code}>")
    wb = openpyxl.load_workbook(tmp_path / "errors.xlsx")
    listing = wb.worksheets[0]
    assert listing.title == "问题清单"
    rows = [tuple(c.value for c in r) for r in listing.iter_rows(min_row=2)]
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        (3, "序号", "B3", "二", "<exchange.not_a_number>"),
        (4, "名称", "A4", None, "<exchange.required>"),
    ]


def test_a_missing_required_column_also_gets_an_error_workbook(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["序号"], [1]])
    report = run_import(db, TEST_KIND, path)
    assert report.file_refused and report.sheet
    write_error_workbook(path, report, tmp_path / "errors.xlsx", lambda p: f"<{p.code}>")
    listing = openpyxl.load_workbook(tmp_path / "errors.xlsx").worksheets[0]
    assert listing.cell(2, 6).value == "<exchange.missing_column>" and listing.cell(2, 3).value == "名称"


@pytest.mark.parametrize("ext", [".xlsx", ".csv"])
def test_the_row_limit_counts_data_rows_not_the_header(db: Database, tmp_path: Path, ext: str) -> None:
    from models.exchange.preflight import Limits

    limits = Limits(max_rows=5)
    head: list[list[object]] = [["2024年名单"], ["名称", "序号"]]

    def sheet(name: str, n: int) -> Path:
        rows = [*head, *([f"甲{i}", i] for i in range(n)), ["合计", n]]
        if ext == ".xlsx":
            return write_xlsx(tmp_path / f"{name}.xlsx", rows)
        path = tmp_path / f"{name}.csv"
        path.write_text("\n".join(",".join(str(v) for v in r) for r in rows[1:]) + "\n", encoding="utf-8")
        return path

    exactly = run_import(db, TEST_KIND, sheet("five", 5), limits=limits)  # 5 data rows + title, header, total
    assert exactly.committed and exactly.created == 5, [p.problem for p in exactly.errors]
    over = run_import(db, TEST_KIND, sheet("six", 6), limits=limits)
    assert not over.committed
    assert [(p.code, p.problem.fields.get("rows"), p.problem.fields.get("limit")) for p in over.errors] == [
        ("exchange.too_many_data_rows", 6, 5)
    ]
