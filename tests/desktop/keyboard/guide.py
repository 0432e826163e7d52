"""What the guide (docs/guide/*.md) says a clerk does in the window: its headings, and in a
section about tasks (a heading with 操作, or "Main tasks") each task it lists: a table row under
an 操作 column, a ### heading, a list item or paragraph that begins with a bold name (not under a
### heading, where bold words are terms)."""

from __future__ import annotations

import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "guide"
WINDOW_PAGES = (
    "admin",
    "buildings",
    "efficiency",
    "enterprises",
    "exchange",
    "incubation",
    "land",
    "overview",
    "printing",
    "quotas",
    "renewal",
)
_BOLD = re.compile(r"^(?:\d+\.\s+|[-*]\s+)?\*\*(.+?)\*\*")


def _clean(text: str) -> str:
    return re.sub(r"\s*[（(][^）)]*[)）]\s*$", "", text.strip()).strip()


def headings(page: str) -> list[str]:
    text = (GUIDE / f"{page}.md").read_text(encoding="utf-8")
    return [_clean(line.lstrip("#")) for line in text.splitlines() if re.match(r"^#{2,3} ", line)]


def task_items(page: str) -> list[str]:
    """The tasks listed in the page's task sections."""
    items: list[str] = []
    in_tasks = False
    in_code = False
    op_table = False
    in_sub = False  # under a ### heading: its bold words are not tasks of their own
    for line in (GUIDE / f"{page}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        if line.startswith("## "):
            in_tasks = "操作" in line or "Main tasks" in line
            op_table = in_sub = False
            continue
        if not in_tasks:
            continue
        if line.startswith("### "):
            items.append(_clean(line[4:]))
            in_sub = True
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells[0] == "操作":
                op_table = True
            elif op_table and not set(cells[0]) <= set("-: "):
                items.append(_clean(cells[0]))
        else:
            op_table = False
            match = None if in_sub else _BOLD.match(line.strip())
            if match:
                items.append(_clean(match.group(1)))
    return items
