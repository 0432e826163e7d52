"""What the installer puts in the frozen build, and what keeps it complete.

PyInstaller's ``collect_submodules`` (packaging/landspace.spec) walks packages with
``pkgutil``: a folder without ``__init__.py`` is not a package there and everything in it
is silently left out (that is how a build once lost its 用地指标 page). These tests walk
the packages the same way and require every module and every page to be found, and they
keep the code free of the by-name look-ups that would hide a missing module.
"""

from __future__ import annotations

import pkgutil
import re
from pathlib import Path

import desktop
import models

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (models, desktop)


def installer_modules() -> set[str]:
    """The module list ``collect_submodules("models") + collect_submodules("desktop")`` builds:
    each package and, through ``pkgutil.walk_packages``, the modules of folders with an
    ``__init__.py`` (a folder without one is skipped, with everything under it)."""

    def fail(name: str) -> None:
        raise AssertionError(f"cannot import package {name}")

    found: set[str] = set()
    for package in PACKAGES:
        found.add(package.__name__)
        found.update(
            info.name
            for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".", onerror=fail)
        )
    return found


def source_modules(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_python_folder_is_a_package() -> None:
    for top in (ROOT / "models", ROOT / "desktop", ROOT / "tests"):
        for folder in [top, *(p for p in top.rglob("*") if p.is_dir() and p.name != "__pycache__")]:
            if any(folder.glob("*.py")) or any(folder.rglob("*/*.py")):
                assert (folder / "__init__.py").is_file(), f"{folder.relative_to(ROOT)} has no __init__.py"


def test_the_installer_finds_every_module() -> None:
    found = installer_modules()
    expected = source_modules(ROOT / "models") | source_modules(ROOT / "desktop")
    assert expected - found == set()
    assert "desktop.quotas.page" in found and "models.areas" in found


def test_the_installer_finds_every_page_of_the_navigation() -> None:
    from desktop.pages import page_classes

    found = installer_modules()
    classes = page_classes()
    assert len(classes) == 12
    assert len(set(classes)) == 12
    for cls in classes:
        assert cls.__module__ in found, cls
    page_files = {
        m
        for m in source_modules(ROOT / "desktop")
        if re.search(r"\.(page|\w+_page)$", m) and m != "desktop.page"
    }  # desktop.page: the base class
    assert page_files == {cls.__module__ for cls in classes}  # a new page module is in the navigation


def test_every_message_catalogue_is_listed() -> None:
    from desktop import messages

    files = {
        p.stem
        for p in (ROOT / "desktop" / "messages").glob("*.py")
        if p.stem != "__init__" and "MESSAGES" in p.read_text(encoding="utf-8")
    }  # labels.py is no catalogue
    listed = {module.__name__.rsplit(".", 1)[1] for module in messages.CATALOGUES}
    assert listed == files
    from models.areas import AREAS

    assert {area.key for area in AREAS} <= listed  # every area speaks


FORBIDDEN = re.compile(
    r"import_module\(|find_spec\(|except\s*\(?[\w\s,.]*(ImportError|ModuleNotFoundError)|__import__\("
)


def test_no_module_is_looked_up_by_name() -> None:
    """Plain imports only: a by-name look-up or an ImportError fallback would turn a
    missing module into a missing feature instead of a failure."""
    offenders = []
    for top in ("models", "desktop"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if path == ROOT / "desktop" / "selfcheck.py":
                # the frozen build's self-check imports every module by name to report each missing one
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if FORBIDDEN.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_the_pattern_catches_what_it_should() -> None:
    for line in (
        "importlib.import_module(name)",
        "importlib.util.find_spec(name)",
        "except ImportError:",
        "except (ImportError, OSError):",
        "except ModuleNotFoundError:",
        "__import__(name)",
    ):
        assert FORBIDDEN.search(line), line
    assert not FORBIDDEN.search("from importlib.metadata import version")


def test_every_page_declares_its_own_key() -> None:
    """Keys name the page's icon, its saved settings and ``--page``: declared, unique."""
    from desktop.main_window import page_key
    from desktop.pages import page_classes

    keys = [page_key(cls) for cls in page_classes()]
    assert len(keys) == len(set(keys)) == 12 and all(keys)
