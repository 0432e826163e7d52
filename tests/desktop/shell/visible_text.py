"""Collect the interface text a window shows: labels, buttons, group and tab titles, headers,
tooltips, placeholder texts, window titles, combo items that are not data — so a test can look
for words of the other language (the language walk)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

TAG = re.compile(r"<[^<>]+>")  # rich-text markup of a label
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# an English word of three letters or more (units, codes and file types are allowed below)
LATIN_WORD = re.compile(r"(?<![A-Za-z0-9_.-])[A-Za-z]{3,}(?![A-Za-z0-9_])")


def texts(root: QWidget, cells: int = 40) -> Iterator[tuple[str, str]]:
    """(where, text) of every interface text shown by ``root`` and its visible children, with
    the first ``cells`` rows of each table and every combo box item."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        where = f"{type(w).__name__}:{w.objectName() or ''}"
        if w.isWindow() and w.windowTitle():
            yield where + ".windowTitle", w.windowTitle()
        if w.toolTip():
            yield where + ".toolTip", w.toolTip()
        if w.accessibleName():
            yield where + ".accessibleName", w.accessibleName()
        if isinstance(w, QLabel) and w.text():
            yield (
                where + ".text",
                TAG.sub(" ", w.text()) if w.textFormat() != Qt.TextFormat.PlainText else w.text(),
            )
        elif isinstance(w, QAbstractButton) and w.text():
            yield where + ".text", w.text()
        elif isinstance(w, QGroupBox) and w.title():
            yield where + ".title", w.title()
        elif isinstance(w, QLineEdit) and w.placeholderText():
            yield where + ".placeholder", w.placeholderText()
        elif isinstance(w, (QPlainTextEdit, QTextEdit)) and w.placeholderText():
            yield where + ".placeholder", w.placeholderText()
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                if w.itemText(i):
                    yield f"{where}.item[{i}]", w.itemText(i)
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{where}.tab[{i}]", w.tabText(i)
                if w.tabToolTip(i):
                    yield f"{where}.tabToolTip[{i}]", w.tabToolTip(i)
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps columnCount private
                columns = 1
            for section in range(columns):
                value = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str) and value:
                    yield f"{where}.header[{section}]", value
                tip = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and tip:
                    yield f"{where}.headerTip[{section}]", tip
            for row in range(min(cells, model.rowCount())):
                for section in range(columns):
                    value = model.data(model.index(row, section), Qt.ItemDataRole.DisplayRole)
                    if isinstance(value, str) and value:
                        yield f"{where}.cell[{row},{section}]", value


IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
CJK_RUN = re.compile(r"[\u3400-\u9fff]+|[\u3000-\u303f\uff00-\uffef]+")  # ideographs | punctuation


def with_chinese(root: QWidget, data: str) -> list[tuple[str, str]]:
    """Texts that show Chinese other than data: every run of Chinese characters must be part
    of some stored value (``data``: the database's text values, one a line)."""
    return [(where, text) for where, text in texts(root) if foreign_runs(text, data)]


def foreign_runs(text: str, data: str) -> list[str]:
    """The runs of Chinese in ``text`` that are not part of a stored value. Full-width punctuation
    is data only where it stands in a stored value with its neighbours (临政函〔2023〕74号), not
    around English words (``Area（mu）``, ``Name、Role``) or data put together (``公司（代码）``)."""
    found = []
    for match in CJK_RUN.finditer(text):
        run = match.group()
        if IDEOGRAPH.fullmatch(run[0]):
            if run not in data:
                found.append(run)
        elif (
            text[max(0, match.start() - 3) : match.end()] not in data
            and text[match.start() : match.end() + 3] not in data
        ):
            found.append(run)
    return found


def database_text(session: object, *, translated: dict[str, tuple[str, ...]]) -> str:
    """Every text value stored in the database, one a line — except the columns whose values
    the interface translates (``translated``: table → columns)."""
    from sqlalchemy import JSON, String, Text, select

    from models.db.base import Base

    lines: list[str] = []
    for table in Base.metadata.sorted_tables:  # column names are codes (the audit shows 名称（name）)
        lines.extend(c.name for c in table.columns)
        skip = translated.get(table.name, ())
        columns = [
            c for c in table.columns if isinstance(c.type, (String, Text, JSON)) and c.name not in skip
        ]
        if columns:
            for row in session.execute(select(*columns)):  # type: ignore[attr-defined]
                lines.extend(
                    v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                    for v in row
                    if v not in (None, "")
                )
    return "\n".join(lines)


# the stored values the interface shows in the UI language: choice lists and seeded rule titles
# (and the audit log, whose records repeat them)
TRANSLATED: dict[str, tuple[str, ...]] = {
    "choice_items": ("value",),
    "policy_rules": ("title",),
    "enterprises": ("industry_chain",),
    "plots": ("land_use", "supply_method", "low_eff_kind", "status"),
    "quota_grants": ("source",),
    "audit_entries": ("changes",),
}


# words that stay as they are in a Chinese interface: the product, file types, units and codes
KEPT_WORDS = frozenset(
    {
        "LandSpace",
        "PDF",
        "Excel",
        "CSV",
        "XLSX",
        "xlsx",
        "ODS",
        "ods",
        "csv",
        "pdf",
        "WPS",
        "SQLite",
        "PostgreSQL",
        "postgresql",
        "GB",
        "CGCS",
        "EPSG",
        "TXT",
        "txt",
        "SHP",
        "shp",
        "dbf",
        "DXF",
        "dxf",
    }
)


def english_words(text: str, data: str) -> list[str]:
    """The English words in ``text`` that are neither data nor kept words (units, codes)."""
    return [word for word in LATIN_WORD.findall(text) if word not in KEPT_WORDS and word not in data]


def with_english(root: QWidget, data: str) -> list[tuple[str, str]]:
    """Texts that show English words other than data, file types and codes."""
    return [(where, text) for where, text in texts(root) if english_words(text, data)]


def unnamed_editors(root: QWidget) -> list[str]:
    """The visible editors under ``root`` with neither an accessible name nor a label whose
    buddy they are (a screen reader would read nothing; no mnemonic reaches them)."""
    from PySide6.QtWidgets import QAbstractSpinBox

    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    found = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit)):
            continue
        if not w.isVisibleTo(root) or isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # a combo's or spin box's own line edit is named through its owner
        if isinstance(w, QTextEdit) and w.isReadOnly():
            continue  # a text shown, not an editor
        owner = w.parentWidget()
        named = (
            w.accessibleName()
            or id(w) in buddies
            or (
                owner is not None
                and owner.focusProxy() is w
                and (owner.accessibleName() or id(owner) in buddies)
            )
        )
        if not named:
            found.append(
                f"{type(w).__name__}:{w.objectName()} {getattr(w, 'placeholderText', lambda: '')()!r}"
            )
    return found
