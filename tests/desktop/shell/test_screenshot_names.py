"""Every image the user guide and the README show is one ``make screenshots`` renders, and
docs/screenshots holds nothing else: a hand-made or stale image fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from desktop import screenshots
from desktop.pages import page_classes

ROOT = Path(__file__).resolve().parents[3]
FOLDER = ROOT / "docs" / "screenshots"
REFERENCE = re.compile(r"(?:\.\./|docs/)screenshots/([^)\s\"'`]+\.png)")


def references() -> dict[str, list[str]]:
    """Image path (relative to docs/screenshots) → the documents showing it."""
    found: dict[str, list[str]] = {}
    for doc in [*sorted((ROOT / "docs" / "guide").glob("*.md")), ROOT / "README.md"]:
        for name in REFERENCE.findall(doc.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(doc.relative_to(ROOT).as_posix())
    return found


def rendered() -> set[str]:
    """What ``desktop.screenshots`` writes (relative to docs/screenshots)."""
    keys = [cls.key for cls in page_classes()]
    names = {f"{key}.png" for key in keys} | {f"{key}_charts.png" for key in keys}
    names |= {f"{name}.png" for name in screenshots.EXTRA_SHOTS}
    names |= {f"1280x720/{language}/{key}.png" for language in ("zh", "en") for key in keys}
    return names


def test_the_guide_finds_every_image_it_shows() -> None:
    found = references()
    assert "overview.png" in found  # the pattern reads the guide's links
    missing = {name: docs for name, docs in found.items() if not (FOLDER / name).is_file()}
    assert not missing


def test_the_guide_shows_only_rendered_images() -> None:
    by_hand = {name: docs for name, docs in references().items() if name not in rendered()}
    assert not by_hand


def test_no_image_is_left_that_nobody_renders() -> None:
    present = {path.relative_to(FOLDER).as_posix() for path in FOLDER.rglob("*.png")}
    assert "overview.png" in present
    stale = present - rendered() - set(references())
    assert not sorted(stale)


def test_extra_shots_are_the_names_the_script_saves() -> None:
    """``EXTRA_SHOTS`` lists each name passed to ``save`` as text (but a page's own key), and
    each is saved somewhere."""
    tree = ast.parse(Path(screenshots.__file__).read_text(encoding="utf-8"))
    saved = {
        node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "save"
        and len(node.args) == 2  # noqa: PLR2004  save(widget, name)
        and isinstance(node.args[1], ast.Constant)
    }
    texts = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    extra = set(screenshots.EXTRA_SHOTS)
    assert saved <= extra | {cls.key for cls in page_classes()}
    assert saved
    # a name not given to ``save`` as text is given through a variable: named once more than
    # in ``EXTRA_SHOTS`` itself
    unused = {name for name in extra - saved if texts.count(name) < 2}  # noqa: PLR2004
    assert not unused
