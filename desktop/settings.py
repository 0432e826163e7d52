"""Every user setting in one registry, over ``QSettings`` INI (Picard's ``options.py``).

Nothing else in the application calls ``QSettings`` directly: pages read and write
through ``settings()`` and the ``Setting`` declarations below. Tests point the
store at a temporary file with ``use_file(tmp_path / "settings.ini")``.

``LANDSPACE_SETTINGS=/path/file.ini`` in the environment does the same for a whole run.

Business parameters (rules, thresholds) live in the database, not here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from models.units import AreaUnit

T = TypeVar("T")

ORGANISATION = "LandSpace"
APPLICATION = "LandSpace"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per key
class Setting(Generic[T]):
    """A declared key with its default and type (``str``, ``int``, ``bool``, ``bytes``, ``list``)."""

    key: str
    default: T
    type: type

    def convert(self, raw: Any) -> T:  # noqa: PLR0911  one return per setting type
        if raw is None:
            return self.default
        try:
            if self.type is bool:
                if isinstance(raw, str):
                    return raw.lower() in ("1", "true", "yes")  # type: ignore[return-value]
                return bool(raw)  # type: ignore[return-value]
            if self.type is int:
                return int(raw)  # type: ignore[return-value]
            if self.type is bytes:
                if isinstance(raw, QByteArray):
                    return bytes(raw.data())  # type: ignore[return-value]
                return bytes(raw)  # type: ignore[return-value]
            if self.type is list:
                if isinstance(raw, str):
                    return [raw] if raw else []  # type: ignore[return-value]
                return list(raw)  # type: ignore[return-value]
            return str(raw)  # type: ignore[return-value]
        except (TypeError, ValueError):
            return self.default


REGISTRY: dict[str, Setting[Any]] = {}


def _declare(key: str, default: T, kind: type) -> Setting[T]:
    setting = Setting(key, default, kind)
    REGISTRY[key] = setting
    return setting


DATABASE_URL = _declare("database/url", "", str)  # "" = the default file in the data folder
AREA_UNIT = _declare("display/area_unit", AreaUnit.MU.value, str)
LANGUAGE = _declare("display/language", "zh", str)
WINDOW_GEOMETRY = _declare("window/geometry", b"", bytes)
WINDOW_STATE = _declare("window/state", b"", bytes)
LAST_PAGE = _declare("window/last_page", "", str)
RECENT_FILES: Setting[list[str]] = _declare("files/recent", [], list)
LAST_FOLDER = _declare("files/last_folder", "", str)
LOG_LEVEL = _declare("logging/level", "INFO", str)  # DEBUG, INFO, WARNING or ERROR (desktop/logs.py)
WELCOME_DONE: Setting[list[str]] = _declare(
    "database/welcome_done", [], list
)  # database URLs whose welcome was answered
MAX_RECENT = 8


class Settings:
    """The store. ``get``/``set`` take a declared ``Setting``; undeclared keys are refused
    (so every key, default and type is in one place)."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._qs = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
            )
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        self.generation = 0  # bumped on every write: readers may cache derived values against it

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    @property
    def cache_folder(self) -> Path:
        """Beside the settings file: what the window keeps between runs that can always be
        read again (the overview's start-up snapshot, ``models.overview_snapshot``)."""
        return Path(self.file_name).parent / "cache"

    def get(self, setting: Setting[T]) -> T:
        self._check(setting)
        return setting.convert(self._qs.value(setting.key))

    def set(self, setting: Setting[T], value: T) -> None:
        self._check(setting)
        self.generation += 1
        if setting.type is bytes:
            self._qs.setValue(setting.key, QByteArray(value))  # type: ignore[call-overload]
        else:
            self._qs.setValue(setting.key, value)

    def reset(self, setting: Setting[Any]) -> None:
        self._check(setting)
        self.generation += 1
        self._qs.remove(setting.key)

    def sync(self) -> None:
        self._qs.sync()

    @staticmethod
    def _check(setting: Setting[Any]) -> None:
        if REGISTRY.get(setting.key) is not setting:
            raise KeyError(f"undeclared setting {setting.key!r}")

    # --- typed conveniences -----------------------------------------------------------
    def area_unit(self) -> AreaUnit:
        try:
            return AreaUnit(self.get(AREA_UNIT))
        except ValueError:
            return AreaUnit.MU

    def add_recent_file(self, path: str) -> None:
        files = [f for f in self.get(RECENT_FILES) if f != path]
        self.set(RECENT_FILES, [path, *files][:MAX_RECENT])

    # Per-table column widths: one declared family, "tables/<name>/widths".
    def column_widths(self, table: str) -> list[int]:
        return self._int_list(_widths_key(table))

    def set_column_widths(self, table: str, widths: list[int]) -> None:
        self._qs.setValue(_widths_key(table), [str(w) for w in widths])

    def splitter_sizes(self, name: str) -> list[int]:
        return self._int_list(_splitter_key(name))

    def set_splitter_sizes(self, name: str, sizes: list[int]) -> None:
        self._qs.setValue(_splitter_key(name), [str(v) for v in sizes])

    def _int_list(self, key: str) -> list[int]:
        """A stored list of integers (QSettings INI gives one value back as a plain string);
        anything unreadable is no list at all."""
        raw = self._qs.value(key)
        if raw is None:
            return []
        values = [raw] if isinstance(raw, str) else list(raw)
        try:
            return [int(v) for v in values]
        except (TypeError, ValueError):
            return []


def _splitter_key(name: str) -> str:
    safe = "".join(c if c.isalnum() or c in "_-." else "_" for c in name)
    return f"splitters/{safe}/sizes"


def _widths_key(table: str) -> str:
    safe = "".join(c if c.isalnum() or c in "_-." else "_" for c in table)
    return f"tables/{safe}/widths"


_current: Settings | None = None


def settings() -> Settings:
    """The application's settings store (created on first use)."""
    global _current
    if _current is None:
        override = os.environ.get("LANDSPACE_SETTINGS")
        _current = Settings(Path(override) if override else None)
    return _current


def use_file(path: Path | None) -> Settings:
    """Point the store at ``path`` (tests, portable installs); None returns to the default."""
    global _current
    _current = Settings(path)
    return _current
