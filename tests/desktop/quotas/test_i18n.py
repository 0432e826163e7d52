"""Every string the quota page passes to tr() has an English entry, and every problem code
the quota models raise has a message in both languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_page_string_has_english() -> None:
    english = json.loads((ROOT / "resources/i18n/en/quotas.json").read_text(encoding="utf-8"))
    missing = set()
    for path in (ROOT / "desktop/quotas").glob("*.py"):
        for text in re.findall(r'tr\(\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")):
            if text not in english:
                missing.add(text)
    assert not missing


def test_every_quota_code_has_a_message() -> None:
    from desktop.messages.quotas import MESSAGES

    codes = set()
    for path in (ROOT / "models/quotas").glob("*.py"):
        codes |= set(re.findall(r'"(quotas?\.[a-z_]+(?:\.[a-z_]+)*)"', path.read_text(encoding="utf-8")))
    codes = {
        c
        for c in codes
        if c.count(".") >= 1
        and not c.startswith("quota.priority")
        and c not in {"quota.stock_linkage", "quota.land_decision_level", "quota.priority_order"}
    }
    assert codes - set(MESSAGES) == set()
    assert all(zh and en for zh, en in MESSAGES.values())
