"""Translation: every user-visible string goes through ``tr()``.

Source strings are Simplified Chinese (the default language). English comes from
``resources/i18n/en/*.json`` (one file per area: {"中文": "English"}); a string with
no English entry is shown in Chinese. Problem messages have their own catalogues in
``desktop/messages``. No Qt import here: the CLI uses it too.
"""

from __future__ import annotations

import json
from functools import cache

from desktop.resources import resource_path

_language = "zh"


def set_language(language: str) -> None:
    global _language
    _language = "en" if language.startswith("en") else "zh"


def language() -> str:
    return _language


@cache
def _english() -> dict[str, str]:
    data: dict[str, str] = {}
    for path in sorted(resource_path("i18n/en").glob("*.json")):
        data.update(json.loads(path.read_text(encoding="utf-8")))
    return data


def tr(text: str, /, **fields: object) -> str:
    """The text in the current language, with ``{name}`` placeholders filled from ``fields``."""
    if _language == "en":
        text = _english().get(text, text)
    return text.format(**fields) if fields else text
