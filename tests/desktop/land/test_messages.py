from __future__ import annotations

import re
from pathlib import Path

from desktop.messages import catalogue, render
from desktop.messages.land import MESSAGES
from models.errors import Problem

ROOT = Path(__file__).resolve().parents[3]


def test_every_land_problem_code_has_a_message() -> None:
    used: set[str] = set()
    for path in (ROOT / "models" / "land").glob("*.py"):
        used |= set(re.findall(r'"(land\.[a-z_]+(?:\.[a-z_]+)?)"', path.read_text(encoding="utf-8")))
    used -= {"land.area_tolerance", "land.idle_land"}  # rule keys, not problems
    assert {"land.idle_not_started", "land.idle_halted_underdeveloped"} <= set(
        MESSAGES
    )  # f"land.idle_{reason}"
    assert sorted(used - set(MESSAGES)) == []
    assert set(MESSAGES) <= set(catalogue())


def test_swapped_message_names_the_evidence_and_the_option() -> None:
    text = render(Problem("land.coords_swapped_xy", {"x": 480700, "y": 3347900, "points": 4, "total": 4}))
    assert "X/Y 互换" in text and "--swap-xy" in text and "480700" in text


def test_english_catalogue_fills_the_same_fields() -> None:
    for code, (zh, en) in MESSAGES.items():
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), code


def test_every_land_ui_string_has_english() -> None:
    import json

    english = json.loads((ROOT / "resources" / "i18n" / "en" / "land.json").read_text(encoding="utf-8"))
    used: set[str] = set()
    for path in (ROOT / "desktop" / "land").glob("*.py"):
        used |= set(re.findall(r'tr\("((?:[^"\\]|\\.)+)"', path.read_text(encoding="utf-8")))
    used = {u.replace("\\n", "\n") for u in used}
    assert sorted(used - set(english)) == []
