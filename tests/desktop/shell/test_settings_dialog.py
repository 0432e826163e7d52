from __future__ import annotations

from desktop.settings import AREA_UNIT, DATABASE_URL, LANGUAGE
from desktop.widgets import settings_dialog
from desktop.widgets.settings_dialog import SettingsDialog
from models.db import engine
from models.errors import DomainError


def test_saves_what_changed(qtbot, isolated_settings) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog("/data/landspace.sqlite3", store=isolated_settings)
    qtbot.addWidget(dialog)
    dialog.unit.setCurrentIndex(dialog.unit.findData("ha"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert dialog.changed_keys == {AREA_UNIT.key, LANGUAGE.key}
    assert isolated_settings.get(AREA_UNIT) == "ha" and isolated_settings.get(LANGUAGE) == "en"
    assert isolated_settings.get(DATABASE_URL) == ""


def test_network_share_is_warned_at_once(qtbot, isolated_settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(path, **_probe):  # type: ignore[no-untyped-def]
        if str(path).startswith("/mnt/share"):
            raise DomainError("database.network_share", path=str(path), reason="nfs", detail="nfs4")

    monkeypatch.setattr(engine, "ensure_local_file", refuse)
    dialog = SettingsDialog("", store=isolated_settings)
    qtbot.addWidget(dialog)
    assert dialog.warning.isHidden()
    dialog.database.setText("/mnt/share/landspace.sqlite3")
    assert not dialog.warning.isHidden() and dialog.warning.text()
    dialog.database.setText("postgresql://server/landspace")
    assert dialog.warning.isHidden()
    assert settings_dialog.network_warning("") == ""
