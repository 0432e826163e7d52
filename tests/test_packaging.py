"""What an installed (non-editable) wheel carries: the two packages and every file of
``resources/``, found where ``desktop.resources`` looks for it."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_resource_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert any(fnmatch.fnmatch("resources", pattern) for pattern in config["packages"]["find"]["include"])
    patterns = config["package-data"]["*"]
    files = [p for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert files
    missing = [
        str(p.relative_to(ROOT)) for p in files if not any(fnmatch.fnmatch(p.name, pat) for pat in patterns)
    ]
    assert missing == []


def test_the_resolver_looks_beside_the_packages() -> None:
    from desktop.resources import resource_path, resources_root

    assert resources_root() == ROOT / "resources"  # in a wheel: site-packages/resources
    assert resource_path("icons/landspace.svg").is_file()
