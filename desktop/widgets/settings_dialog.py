"""The settings dialog: database location (file or URL, with the network-share warning
of the engine), the area unit shown (㎡/亩/公顷) and the language. Values are written to
``desktop.settings``; ``changed_keys`` tells the window what to apply (a new database
or language takes effect on restart; the unit at once)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import tr
from desktop.messages import render
from desktop.settings import AREA_UNIT, DATABASE_URL, LANGUAGE, Settings, settings
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.file_dialogs import save_file_name
from models.db import engine
from models.errors import DomainError
from models.units import AreaUnit

UNITS = ((AreaUnit.M2, "平方米（㎡）"), (AreaUnit.MU, "亩"), (AreaUnit.HA, "公顷"))
LANGUAGES = (("zh", "简体中文"), ("en", "English"))


def network_warning(target: str) -> str:
    """The engine's reason a file location is refused for writing (empty when fine)."""
    if not target or "://" in target:
        return ""
    try:
        engine.ensure_local_file(Path(target).expanduser())
    except DomainError as exc:
        return "\n".join(render(p) for p in exc.problems)
    return ""


class SettingsDialog(QDialog):
    def __init__(
        self, current_database: str = "", parent: QWidget | None = None, store: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store or settings()
        self.setWindowTitle(tr("设置"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.database = QLineEdit(self.store.get(DATABASE_URL))
        self.database.setPlaceholderText(tr("默认：{path}", path=current_database or tr("用户数据文件夹")))
        self.database.textChanged.connect(self._check_database)
        browse = QPushButton(tr("浏览…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.database, 1)
        row.addWidget(browse)
        form.addRow(tr("数据库"), row)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b3261e;")
        form.addRow("", self.warning)
        hint = QLabel(
            tr(
                "可填 SQLite 文件路径，或多人共用时的 PostgreSQL 地址（postgresql://…）。"
                "不要把 SQLite 文件放在网络共享盘上。更换数据库在重启后生效。"
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        form.addRow("", hint)
        self.unit = QComboBox()
        for unit, label in UNITS:
            self.unit.addItem(tr(label), unit.value)
        self.unit.setCurrentIndex(max(0, self.unit.findData(self.store.area_unit().value)))
        form.addRow(tr("面积单位"), self.unit)
        self.language = QComboBox()
        for code, label in LANGUAGES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.store.get(LANGUAGE))))
        form.addRow(tr("界面语言"), self.language)
        layout.addLayout(form)
        buttons = ok_cancel(self)
        layout.addWidget(buttons)
        self.changed_keys: set[str] = set()
        self._check_database()

    def _browse(self) -> None:
        path, _ = save_file_name(
            self,
            tr("选择数据库文件"),
            self.database.text() or "landspace.sqlite3",
            tr("LandSpace 数据库 (*.sqlite3 *.db);;所有文件 (*)"),
            confirm_overwrite=False,
        )
        if path:
            self.database.setText(path)

    def _check_database(self) -> None:
        text = network_warning(self.database.text().strip())
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def accept(self) -> None:
        values = {
            DATABASE_URL.key: (DATABASE_URL, self.database.text().strip()),
            AREA_UNIT.key: (AREA_UNIT, str(self.unit.currentData())),
            LANGUAGE.key: (LANGUAGE, str(self.language.currentData())),
        }
        for key, (setting, value) in values.items():
            if self.store.get(setting) != value:
                self.store.set(setting, value)
                self.changed_keys.add(key)
        self.store.sync()
        super().accept()
