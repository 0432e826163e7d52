"""Translation: every user-visible string goes through ``tr()``.

Source strings are Simplified Chinese (the default language). English comes from
``resources/i18n/en/*.json`` (one file per area: {"中文": "English"}); a string with
no English entry is shown in Chinese. Problem messages have their own catalogues in
``desktop/messages``. No Qt import here: the CLI uses it too.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from functools import cache

from desktop.resources import resource_path

_language = "zh"


def set_language(language: str) -> None:
    global _language
    _language = "en" if language.startswith("en") else "zh"


def language() -> str:
    return _language


@cache
def _english_by_area() -> dict[str, dict[str, str]]:
    """Each catalogue file is a translation context (the area): the same Chinese may read
    differently in English in two areas ("平台" is a platform in one, a carrier's in another)."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(resource_path("i18n/en").glob("*.json"))
    }


@cache
def _english() -> dict[str, str]:
    """Every catalogue merged (the fallback when the area's own has no entry)."""
    data: dict[str, str] = {}
    for area in _english_by_area().values():
        data.update(area)
    return data


# desktop packages whose strings live in a catalogue of another name
_AREA_OF_PACKAGE = {"admin": ("accounts", "policy"), "widgets": ("shell", "exchange"), "overview": ("shell",)}


@cache
def area_of_module(module: str) -> tuple[str, ...]:
    """The translation contexts of a module, first match first: ``desktop.quotas.page`` →
    ("quotas",), ``desktop.admin.users_page`` → ("accounts", "policy"); others → ("shell",)."""
    parts = module.split(".")
    package = parts[1] if len(parts) > 1 and parts[0] == "desktop" else ""
    if package in _AREA_OF_PACKAGE:
        return _AREA_OF_PACKAGE[package]
    if package in _english_by_area():
        return (package,)
    return ("shell",)


def tr_in(areas: tuple[str, ...] | str, text: str, /, **fields: object) -> str:
    """``tr`` in an explicit context (``areas``: a catalogue name or several, first wins)."""
    if _language == "en":
        by_area = _english_by_area()
        for area in (areas,) if isinstance(areas, str) else areas:
            found = by_area.get(area, {}).get(text)
            if found is not None:
                text = found
                break
        else:
            text = _english().get(text, text)
    return text.format(**fields) if fields else text


def tr(text: str, /, **fields: object) -> str:
    """The text in the current language, with ``{name}`` placeholders filled from ``fields``.
    The English is looked up first in the calling module's area (its translation context)."""
    if _language != "en":
        return text.format(**fields) if fields else text
    module = sys._getframe(1).f_globals.get("__name__", "")
    return tr_in(area_of_module(module), text, **fields)


def bracketed(text: str, inner: str, /) -> str:
    """``text`` with ``inner`` in brackets: 面积（亩） in Chinese, ``Area (mu)`` in English."""
    return f"{text}（{inner}）" if _language != "en" else f"{text} ({inner})"


def listed(items: Iterable[str], /) -> str:
    """Items as a list in running text: 甲、乙 in Chinese, ``a, b`` in English."""
    return ("、" if _language != "en" else ", ").join(items)


def spaced(items: Iterable[str], /) -> str:
    """Items side by side on one line: an ideographic space in Chinese, wide spaces in English."""
    return ("\u3000" if _language != "en" else "    ").join(items)
