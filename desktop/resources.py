"""One resolver for files under ``resources/``: from source and from a frozen build.

An unknown name fails fast with the path it looked for.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    path = resources_root() / name
    if not path.exists():
        raise FileNotFoundError(f"missing resource {name!r} (looked at {path})")
    return path
