"""The repository's documents stand on their own: every link in the README, ARCHITECTURE.md
and docs/ points at a file inside the repository, and nothing users read cites a document
they cannot open (the domain notes are docs/domain.md)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)#\s]+)")


def documents() -> list[Path]:
    return [ROOT / "README.md", ROOT / "ARCHITECTURE.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_every_link_stays_in_the_repository() -> None:
    broken = []
    for doc in documents():
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            resolved = (doc.parent / target).resolve()
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{doc.relative_to(ROOT)} → {target}")
    assert broken == []


def test_the_readme_links_the_architecture_and_the_reliability_notes() -> None:
    links = LINK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "ARCHITECTURE.md" in links and "docs/reliability.md" in links


def test_nothing_cites_a_document_outside_the_repository() -> None:
    pattern = re.compile(r"\bDOMAIN(\.md)?\s*§|\bRELIABILITY(\.md)?\b|shared/")
    offenders = []
    for top in ("models", "desktop", "resources", "docs"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in (".py", ".json", ".md") and pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
