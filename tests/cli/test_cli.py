"""The headless commands, called as ``desktop.cli.main([...])``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from desktop import cli
from desktop.i18n import set_language
from models import areas
from models.areas import Area
from models.database import open_database
from models.enterprises.queries import list_enterprises
from tests.models.enterprises.test_exchange import CODES, _roster
from tests.models.exchange.helpers import write_xlsx


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    yield
    set_language("zh")


@pytest.fixture(autouse=True)
def _enterprise_demo_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the commands; each area tests its own demo data."""
    only_enterprises = tuple(a if a.key == "enterprises" else replace(a, demo=None) for a in areas.AREAS)
    monkeypatch.setattr(areas, "AREAS", only_enterprises)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _count(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        with db.read() as s:
            return len(list_enterprises(s))
    finally:
        db.dispose()


def test_is_headless() -> None:
    assert cli.is_headless(["import", "enterprises", "a.xlsx"])
    assert cli.is_headless(["--db", "x.sqlite3", "--lang", "en", "check"])
    assert cli.is_headless(["--help"])
    assert not cli.is_headless([])
    assert not cli.is_headless(["--db", "x.sqlite3"])


def test_no_qt_on_the_cli_path() -> None:
    import ast

    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    names = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(n.startswith(("PySide6", "desktop.main_window")) for n in names)


def test_demo_then_refuses_without_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    code, out, _ = run(capsys, "--db", db, "demo")
    assert code == 0 and _count(db) == 60
    code, _, err = run(capsys, "--db", db, "demo")
    assert code == 2 and "--force" in err
    code, _, _ = run(capsys, "--db", db, "demo", "--force")
    assert code == 0 and _count(db) == 60
    import sqlite3

    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM audit_entries WHERE action = 'wipe'").fetchone() == (1,)


def test_import_roster_reports_and_commits(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    roster = _roster(tmp_path / "r.xlsx")
    code, out, err = run(capsys, "import", "enterprises", roster, "--db", db, "--dry-run")
    assert code == 0 and "试导入" in out and _count(db) == 0
    code, out, _ = run(capsys, "--db", db, "import", "enterprises", roster)
    assert code == 0 and "新增 3" in out and "第 8 行已跳过（合计行）" in out and _count(db) == 3


def test_bad_roster_exits_1_names_rows_and_writes_error_book(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "d.sqlite3"
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["统一社会信用代码", "企业名称", "所属平台"],
            [CODES[0], "杭州甲有限公司", "火星园区"],
            [CODES[1][:10], "杭州乙有限公司", "QSH"],
        ],
    )
    errors = tmp_path / "out" / "errors.xlsx"
    code, out, err = run(capsys, "--db", db, "import", "enterprises", path, "--errors", errors)
    assert code == 1 and _count(db) == 0
    assert "第 2 行 【所属平台】 “火星园区”" in out
    assert "第 3 行 【统一社会信用代码】" in out and "18 位" in out
    assert "整个文件未导入" in out
    ws = openpyxl.load_workbook(errors).active
    assert "火星园区" in ws["C2"].comment.text and ws["A3"].comment is not None


def test_english_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", [["信用代码", "企业名称"], ["x", "甲"]])
    code, out, _ = run(capsys, "--lang", "en", "--db", tmp_path / "d.sqlite3", "import", "enterprises", path)
    assert code == 1 and "Sheet Sheet1, row 2, [信用代码]" in out and "A USCC has 18 characters" in out


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.xlsx", b"", "空的"),
        ("text.xlsx", "名称\n甲\n".encode(), "不是 Excel 工作簿"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".xls"),
    ],
)
def test_broken_files_one_line_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", tmp_path / "d.sqlite3", "import", "enterprises", path)
    assert code == 1
    assert len(out.strip().splitlines()) == 1 and expected in out
    assert "Traceback" not in out + err


def test_missing_file_and_unknown_kind(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(
        capsys, "--db", tmp_path / "d.sqlite3", "import", "enterprises", tmp_path / "none.xlsx"
    )
    assert code == 1 and "找不到文件" in out
    code, _, err = run(capsys, "--db", tmp_path / "d.sqlite3", "import", "nonsense", tmp_path / "a.xlsx")
    assert code == 2 and "enterprises" in err
    code, _, err = run(capsys, "import")
    assert code == 2


def test_export_template_and_kinds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    run(capsys, "--db", db, "demo")
    code, out, _ = run(capsys, "--db", db, "export", "enterprises", tmp_path / "e.csv")
    assert code == 0 and "60" in out
    assert len((tmp_path / "e.csv").read_text(encoding="utf-8-sig").splitlines()) == 61
    code, out, _ = run(capsys, "--db", db, "template", "enterprises", tmp_path / "t.xlsx")
    assert code == 0 and (tmp_path / "t.xlsx").exists()
    code, out, _ = run(capsys, "kinds")
    assert code == 0 and "enterprises" in out
    code, _, err = run(capsys, "--db", db, "export", "enterprises", tmp_path / "e.docx")
    assert code == 1 and ".docx" in err  # (.pdf prints the table: tests/desktop/printing)
    code, _, err = run(capsys, "--db", db, "export", "enterprises", tmp_path / "e.xlsx", "--year", "2024")
    assert code == 2 and "--year" in err


def test_report_and_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.cli import fake_report

    # The enterprise register's sheet and a stand-in area's; no area's checks (the database's own run).
    monkeypatch.setattr(
        areas,
        "AREAS",
        (
            *(
                replace(a, checks=None, report=a.report if a.key == "enterprises" else None)
                for a in areas.AREAS
            ),
            Area("fake", report=fake_report.report_sheets),
        ),
    )
    db = tmp_path / "d.sqlite3"
    run(capsys, "--db", db, "demo")
    out_file = tmp_path / "r.xlsx"
    code, out, _ = run(capsys, "--db", db, "report", "2024", out_file)
    assert code == 0
    wb = openpyxl.load_workbook(out_file)
    assert wb.sheetnames[:2] == ["目录", "企业库"]
    ws = wb["企业库"]
    assert ws["A2"].value == "平台" and ws.freeze_panes == "A3"
    total_row = next(r for r in range(3, 12) if ws.cell(r, 1).value == "合计")
    assert ws.cell(total_row, ws.max_column).value == 60
    assert len(ws._charts) == 1
    area = wb["指标台账测试"]
    assert area["A1"].value == "2024 年指标下达与分配（按来源）" and area["B2"].value == "下达（亩）"
    assert [area.cell(5, c).value for c in range(1, 4)] == ["合计", 150.5, 80.25]
    assert area["D3"].value.startswith("=HYPERLINK") and area["D3"].data_type == "s"
    assert area["A7"].value.startswith("依据") and len(area._charts) == 1
    import re
    import zipfile

    with zipfile.ZipFile(out_file) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(re.search(rb"<(\w+:)?f[\s>/]", z.read(n)) for n in sheets)
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 0


def test_check_exits_1_on_error_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.cli import fake_checks

    monkeypatch.setattr(
        areas,
        "AREAS",
        (*(replace(a, checks=None) for a in areas.AREAS), Area("fake", checks=fake_checks.run_checks)),
    )
    code, out, _ = run(capsys, "--db", tmp_path / "d.sqlite3", "check")
    assert code == 1
    assert "✗ quotas [临土资〔2024〕1号]: 找不到记录：quota_grants 7" in out
    assert "⚠ land: 必填项为空" in out and "1 个错误" in out


def test_backup(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    run(capsys, "--db", db, "demo")
    code, out, err = run(capsys, "--db", db, "backup", tmp_path / "copy.sqlite3")
    assert code == 0, err
    assert _count(tmp_path / "copy.sqlite3") == 60


def test_backup_schedule_list_and_prune(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from models.backup_policy import BackupPolicy, load_policy

    db = tmp_path / "d.sqlite3"
    run(capsys, "--db", db, "demo")
    code, out, err = run(capsys, "--db", db, "backup", "--when", "weekly", "--keep-daily", "3", "--list")
    assert code == 0, err
    assert load_policy(db) == BackupPolicy("weekly", 3, 4)  # beside the database: the window reads it too
    assert "定时备份：每周，保留每天一份 3 天、每周一份 4 周" in out and "备份共 0 份" in out
    code, out, err = run(capsys, "--db", db, "backup")  # the schedule: due (no backup yet), so one is made
    assert code == 0, err
    made = [p for p in tmp_path.iterdir() if ".scheduled.bak" in p.name]
    assert len(made) == 1 and f"已备份到 {made[0]}" in out and "备份共 1 份" in out
    code, out, err = run(capsys, "--db", db, "backup")  # not due again within the week
    assert code == 0 and "已备份到" not in out
    code, out, err = run(capsys, "--db", db, "backup", "--list", "--prune")
    assert code == 0 and made[0].name in out and made[0].exists()  # the newest is always kept


def test_flag_options_stand_alone() -> None:
    from desktop.cli import _kind_options
    from models.exchange.registry import get_kind

    kind = get_kind("boundary-points")
    assert _kind_options(kind, ["--swap-xy"]) == {"swap_xy": True}
    assert _kind_options(kind, []) == {}


def test_flag_options_also_take_yes_or_no_as_the_guide_writes() -> None:
    from desktop.cli import _kind_options
    from models.exchange.registry import get_kind

    kind = get_kind("boundary-points")
    assert _kind_options(kind, ["--swap-xy", "yes"]) == {"swap_xy": True}
    assert _kind_options(kind, ["--swap-xy", "yes", "--strip-zone"]) == {"swap_xy": True, "strip_zone": True}
    assert _kind_options(kind, ["--strip-zone", "no"]) == {"strip_zone": False}
    guide = (Path(__file__).resolve().parents[2] / "docs" / "guide" / "land.md").read_text(encoding="utf-8")
    assert "--swap-xy yes" in guide  # the spelling the guide shows works


def test_kinds_in_english_have_english_titles(capsys: pytest.CaptureFixture[str]) -> None:
    import re

    code = cli.main(["--lang", "en", "kinds"])
    out = capsys.readouterr().out
    set_language("zh")
    assert code == 0
    assert not re.search(r"[\u4e00-\u9fff]", out), out
    assert "Boundary point coordinates" in out
