"""The annual report's words in the UI language.

``models/*/report.py`` and ``models.reporting`` write a report's fixed labels (sheet names,
column headers, notes, chart titles, units) in Chinese; the Chinese is the key of the English
in ``resources/i18n/en/report.json``. A header with a unit, ``剩余（亩）``, is said as its two
parts (``Remaining (mu)``), so a header named after data (an industry chain, a platform) keeps
the name and still says its unit. A label carrying figures is a message code
(``desktop/messages/reports.py``). In Chinese every label is said exactly as models wrote it.
"""

from __future__ import annotations

from desktop.i18n import bracketed, language, tr_in
from desktop.messages import render
from models.errors import Problem
from models.exchange.report_spec import Text

CONTEXT = ("report",)


def report_label(label: str) -> str:
    """A fixed report label in the UI language (the label itself in Chinese)."""
    if language() != "en":
        return label
    english = tr_in(CONTEXT, label)
    if english != label or not label.endswith("）") or "（" not in label:
        return english
    name, _, unit = label[:-1].rpartition("（")
    return bracketed(tr_in(CONTEXT, name), tr_in(CONTEXT, unit))


def report_text(value: Text) -> str:
    """A sheet's name, note or chart title: a fixed label or a message code with figures."""
    return render(value) if isinstance(value, Problem) else report_label(value)
