"""The annual report's headings come from models as message codes; the desktop says them in
Chinese or English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.i18n import language, set_language
from desktop.messages import catalogue, render
from models.errors import Problem

MODELS = Path(__file__).resolve().parents[2] / "models"


@pytest.fixture
def english() -> Iterator[None]:
    before = language()
    set_language("en")
    yield
    set_language(before)


def test_every_report_heading_code_has_both_languages() -> None:
    codes = {
        m
        for path in MODELS.rglob("*.py")
        for m in re.findall(r'Problem\("(report\.[a-z_.]+)"', path.read_text(encoding="utf-8"))
    }
    assert len(codes) >= 18 and "report.contents" in codes
    for code in codes:
        zh, en = catalogue()[code]
        assert zh and en and en.isascii(), code


def test_a_heading_in_english(english: None) -> None:
    import datetime as dt

    text = render(Problem("report.quotas.balances", {"year": 2024, "as_of": dt.date(2024, 12, 31)}, "info"))
    assert text == "New construction-land quota balances by platform, 2024 (as of 2024-12-31)"
