"""Problem codes → sentences, in Chinese (default) or English.

Each area keeps its catalogue in ``desktop/messages/<area>.py`` (listed, by a plain
import, in ``CATALOGUES`` below) as ``MESSAGES: dict[str, tuple[str, str]]`` —
code → (中文 template, English template),
with ``{field}`` placeholders filled from the problem's fields. Decimals and dates
are formatted by ``format_value``; a template that shows an area in 亩 needs the
problem to carry the 亩 figure itself (by convention a ``*_mu`` field beside ``*_m2``).
The raw value of every field is also available as ``{name__raw}``, and a field that names
something (a role, an operation, a table — ``table`` or ``*_table`` — or a column — ``field``
or ``*_field``) also by its display name as ``{name__label}`` (``desktop.messages.labels``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from desktop.basis import basis_of
from desktop.i18n import language, listed, tr_in
from desktop.messages import (
    accounts,
    buildings,
    common,
    efficiency,
    enterprises,
    exchange,
    incubation,
    land,
    policy,
    quotas,
    renewal,
    reports,
    targets,
)
from desktop.messages.labels import field_labels
from models.errors import Problem

CATALOGUES = (
    common,
    exchange,
    accounts,
    enterprises,
    policy,
    quotas,
    land,
    efficiency,
    renewal,
    buildings,
    incubation,
    targets,
    reports,
)


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in CATALOGUES:
        for code, pair in module.MESSAGES.items():
            if code in merged:
                raise ValueError(f"message code {code} defined twice")
            merged[code] = pair
    return merged


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        if language() == "zh":
            return "是" if value else "否"
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        text = (
            f"{value:,.2f}" if value == value.quantize(Decimal("0.01")) or abs(value) >= 1 else f"{value:f}"
        )
        return text
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):  # names in a sentence: 甲、乙 / a, b; a list inside is a group
        return listed(_group(v) if isinstance(v, (list, tuple)) else format_value(v) for v in value)
    return str(value)


def _group(names: list[Any] | tuple[Any, ...]) -> str:
    """Names that share one place in a list: （甲、乙） / (a, b)."""
    return ("({})" if language() == "en" else "（{}）").format(format_value(names))


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
    fields.update(field_labels(problem.fields))  # {role__label} …: names, not codes
    if isinstance(problem.fields.get("rule_title"), str):  # a seeded rule's title in the UI language
        fields["rule_title"] = tr_in("policy", problem.fields["rule_title"])
    if problem.fields.get("is_example") in (True, "true", "True") and "document_no" in problem.fields:
        # an example rule: 示例（无文件依据） with its source instead of a document and clause
        template = template.replace("{document_no} {clause}", "{document_no}")
        fields["document_no"], fields["clause"] = basis_of(problem.fields), ""
    return template.format_map(fields)
