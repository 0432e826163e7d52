from __future__ import annotations

import ast
from pathlib import Path

from desktop import i18n
from desktop.i18n import set_language, tr

ROOT = Path(__file__).resolve().parents[3]
SHELL_MODULES = [
    *sorted((ROOT / "desktop" / "widgets").glob("*.py")),
    *sorted((ROOT / "desktop" / "enterprises").glob("*.py")),
    *sorted((ROOT / "desktop" / "overview").glob("*.py")),
    *sorted((ROOT / "desktop" / "printing").glob("*.py")),
    ROOT / "desktop" / "land" / "map_sheet.py",
    ROOT / "desktop" / "buildings" / "approval_sheet.py",
    ROOT / "desktop" / "main_window.py",
    ROOT / "desktop" / "tasks.py",
    ROOT / "desktop" / "context.py",
    ROOT / "desktop" / "logs.py",
]


def literal_tr_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "tr"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(node.args[0].value)
    return found


def test_every_shell_string_has_an_english_entry() -> None:
    english = i18n._english()
    missing = sorted(
        {text for path in SHELL_MODULES for text in literal_tr_calls(path) if text not in english}
    )
    assert missing == []


def test_english_window(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    set_language("en")
    try:
        window = MainWindow(ctx, show_welcome=False)
        qtbot.addWidget(window)
        assert [a.text() for a in window.menuBar().actions()] == ["&File", "&View", "&Help"]
        titles = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert "Enterprises" in titles and "Overview" in titles
        assert tr("共 {total} 行", total=3) == "3 rows"
    finally:
        set_language("zh")


def test_format_value_says_yes_and_no_in_both_languages() -> None:
    """Regression: operator precedence once rendered False as 是 in Chinese."""
    from desktop.i18n import set_language
    from desktop.messages import format_value

    try:
        set_language("zh")
        assert (format_value(True), format_value(False)) == ("是", "否")
        set_language("en")
        assert (format_value(True), format_value(False)) == ("yes", "no")
    finally:
        set_language("zh")


def test_each_area_is_a_translation_context() -> None:
    """The same Chinese may read differently per area: the calling module's catalogue wins."""
    from desktop.i18n import _english_by_area, area_of_module

    assert area_of_module("desktop.quotas.page") == ("quotas",)
    assert area_of_module("desktop.admin.users_page") == ("accounts", "policy")
    assert area_of_module("desktop.main_window") == ("shell",)
    set_language("en")
    try:
        checked = 0
        for area, entries in _english_by_area().items():
            module = "desktop.main_window" if area == "shell" else f"desktop.{area}.page"
            if area in ("accounts", "policy", "exchange", "common"):
                continue  # shared by several packages: looked up after their first area
            for text, english in entries.items():
                scope: dict[str, object] = {"__name__": module, "tr": tr, "text": text}
                exec("result = tr(text)", scope)  # noqa: S102 - tr called from a module of that area
                assert scope["result"] == english, (area, text)
                checked += 1
        assert checked > 100
    finally:
        set_language("zh")
