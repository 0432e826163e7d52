"""Problem codes → sentences, in Chinese (default) or English.

Each area keeps its catalogue in ``desktop/messages/<area>.py`` as
``MESSAGES: dict[str, tuple[str, str]]`` — code → (中文 template, English template),
with ``{field}`` placeholders filled from the problem's fields. Decimals and dates
are formatted by ``format_value``; a template that shows an area in 亩 needs the
problem to carry the 亩 figure itself (by convention a ``*_mu`` field beside ``*_m2``).
The raw value of every field is also available as ``{name__raw}``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from decimal import Decimal
from functools import cache
from typing import Any

from desktop.basis import basis_of
from desktop.i18n import language
from models.errors import Problem

AREA_CATALOGUES = (
    "desktop.messages.common",
    "desktop.messages.exchange",
    "desktop.messages.accounts",
    "desktop.messages.enterprises",
    "desktop.messages.policy",
    "desktop.messages.quotas",
    "desktop.messages.land",
    "desktop.messages.efficiency",
    "desktop.messages.renewal",
    "desktop.messages.buildings",
    "desktop.messages.incubation",
)


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for name in AREA_CATALOGUES:
        if importlib.util.find_spec(name) is None:
            continue
        for code, pair in importlib.import_module(name).MESSAGES.items():
            if code in merged:
                raise ValueError(f"message code {code} defined twice")
            merged[code] = pair
    return merged


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if language() == "zh" else "yes" if value else "no"
    if isinstance(value, Decimal):
        text = f"{value:,.2f}" if value == value.quantize(Decimal("0.01")) or abs(value) >= 1 else f"{value:f}"
        return text
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(problem: Problem) -> str:
    """The problem as a sentence in the current language (the code itself if unknown)."""
    pair = catalogue().get(problem.code)
    if pair is None:
        details = ", ".join(f"{k}={format_value(v)}" for k, v in problem.fields.items())
        return f"{problem.code} ({details})" if details else problem.code
    template = pair[0] if language() == "zh" else pair[1]
    fields = _Fields({k: format_value(v) for k, v in problem.fields.items()})
    for k, v in problem.fields.items():
        fields[k + "__raw"] = v
    if problem.fields.get("is_example") in (True, "true", "True") and "document_no" in problem.fields:
        # an example rule: 示例（无文件依据） with its source instead of a document and clause
        template = template.replace("{document_no} {clause}", "{document_no}")
        fields["document_no"], fields["clause"] = basis_of(problem.fields), ""
    return template.format_map(fields)
