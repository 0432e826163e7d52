from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop import settings as s
from models.units import AreaUnit


def test_every_declared_key_round_trips(tmp_path: Path) -> None:
    store = s.Settings(tmp_path / "a.ini")
    values: dict[s.Setting[Any], Any] = {
        s.DATABASE_URL: "postgresql://db.example/landspace",
        s.AREA_UNIT: "ha",
        s.LANGUAGE: "en",
        s.WINDOW_GEOMETRY: b"\x01\x02\x00\xff",
        s.WINDOW_STATE: b"",
        s.LAST_PAGE: "enterprises",
        s.RECENT_FILES: ["C:/数据/企业名册.xlsx", "/tmp/b.csv"],
        s.LAST_FOLDER: "/home/用户",
        s.WELCOME_DONE: ["sqlite:///x"],
        s.LOG_LEVEL: "DEBUG",
    }
    assert set(values) == set(s.REGISTRY.values())
    for setting, value in values.items():
        store.set(setting, value)
    store.sync()
    again = s.Settings(tmp_path / "a.ini")
    for setting, value in values.items():
        assert again.get(setting) == value, setting.key
    assert again.area_unit() is AreaUnit.HA


def test_defaults_and_undeclared_keys(tmp_path: Path) -> None:
    store = s.Settings(tmp_path / "b.ini")
    assert store.get(s.AREA_UNIT) == "mu"
    assert store.get(s.LANGUAGE) == "zh"
    assert store.get(s.RECENT_FILES) == []
    with pytest.raises(KeyError):
        store.get(s.Setting("rogue/key", "", str))


def test_recent_files_and_column_widths(tmp_path: Path) -> None:
    store = s.Settings(tmp_path / "c.ini")
    for i in range(12):
        store.add_recent_file(f"/f{i}.xlsx")
    store.add_recent_file("/f5.xlsx")
    recent = store.get(s.RECENT_FILES)
    assert recent[0] == "/f5.xlsx" and len(recent) == s.MAX_RECENT and recent.count("/f5.xlsx") == 1
    store.set_column_widths("企业/表", [100, 250])
    assert s.Settings(tmp_path / "c.ini").column_widths("企业/表") == [100, 250]


def test_bad_stored_unit_falls_back(tmp_path: Path) -> None:
    store = s.Settings(tmp_path / "d.ini")
    store.set(s.AREA_UNIT, "acre")
    assert store.area_unit() is AreaUnit.MU


def test_environment_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANDSPACE_SETTINGS", str(tmp_path / "env.ini"))
    monkeypatch.setattr(s, "_current", None)
    assert s.settings().file_name.endswith("env.ini")
