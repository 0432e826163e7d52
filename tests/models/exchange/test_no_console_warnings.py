"""No library warning reaches the console (issue 14): a workbook as Excel or WPS saves it with a
data-validation list kept in an extension (``x14:dataValidations``), which openpyxl announces with
a UserWarning, reads and is marked up quietly — here pytest turns any warning into an error, and
the command line is run as a plain process."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from models.database import Database
from models.exchange.importer import run_import, write_error_workbook
from models.exchange.registry import get_kind
from models.uscc import check_char
from tests.models.exchange.helpers import write_xlsx

USCC = "91330112MA2000001" + check_char("91330112MA2000001")
EXT = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>选项!$A$1:$A$4</xm:f></x14:formula1>'
    "<xm:sqref>C2:C100</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)


def _with_extension(path: Path) -> Path:
    out = path.with_name("ext-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", EXT.encode() + b"</worksheet>")
            dst.writestr(item, data)
    return out


def test_a_workbook_with_a_validation_extension_reads_and_marks_quietly(db: Database, tmp_path: Path) -> None:
    path = _with_extension(
        write_xlsx(
            tmp_path / "e.xlsx",
            [["统一社会信用代码", "企业名称", "所属平台"], [USCC, "杭州乙有限公司", "月球工业园"]],
        )
    )
    report = run_import(db, get_kind("enterprises"), path)
    assert [p.code for p in report.errors] == ["enterprise.unknown_platform_name"]
    assert write_error_workbook(path, report, tmp_path / "marked.xlsx", lambda p: p.code) == 1
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.app",
            "--db",
            str(tmp_path / "cli.sqlite3"),
            "import",
            "enterprises",
            str(path),
            "--dry-run",
            "--errors",
            str(tmp_path / "cli-marked.xlsx"),
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.returncode != 0 and "月球工业园" in done.stdout + done.stderr
    assert "Warning" not in done.stderr and "warn" not in done.stderr.lower(), done.stderr
