"""The frozen build's self-check and start-up probe (desktop/selfcheck.py), run from source:
the smoke test relies on them to count pages and find missing modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop import selfcheck
from desktop.pages import page_classes
from models.database import Database


def test_the_self_check_renders_every_page_and_reports_missing_modules(
    qtbot: QtBot,
    db: Database,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db.dispose()
    modules = tmp_path / "modules.txt"
    modules.write_text("desktop.quotas.page\nmodels.checks\ndesktop.no_such_area.page\n", encoding="utf-8")
    out = tmp_path / "pages"
    code = selfcheck.run([str(out), "--db", str(db_path), "--modules", str(modules)])
    report = json.loads((out / "selfcheck.json").read_text(encoding="utf-8"))
    assert code == 1  # the missing module
    assert [m.split(":")[0] for m in report["missing"]] == ["desktop.no_such_area.page"]
    assert report["errors"] == []
    assert report["navigation"] == len(page_classes()) == len(report["pages"])
    assert all((out / f"{p['key']}.png").stat().st_size > 5000 for p in report["pages"])
    assert "missing=1" in capsys.readouterr().out


def test_the_startup_probe_marks_the_window_and_the_first_page(
    qtbot: QtBot, db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.dispose()
    assert selfcheck.startup_probe([str(db_path)]) == 0
    assert capsys.readouterr().out.split() == ["SHOWN", "READY"]
