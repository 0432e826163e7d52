"""Imports every area's entities so ``Base.metadata`` holds the whole schema.

    python -m models.schema

regenerates the baseline migration (``models/db/migrations/versions/0001_baseline.py``)
from it (``models.db.migrations.baseline``)."""

import sys

from models.accounts import entities as accounts  # noqa: F401
from models.buildings import entities as buildings  # noqa: F401
from models.db.base import Base
from models.efficiency import entities as efficiency  # noqa: F401
from models.enterprises import entities as enterprises  # noqa: F401
from models.incubation import entities as incubation  # noqa: F401
from models.land import entities as land  # noqa: F401
from models.policy import entities as policy  # noqa: F401
from models.quotas import entities as quotas  # noqa: F401
from models.renewal import entities as renewal  # noqa: F401
from models.targets import entities as targets  # noqa: F401

metadata = Base.metadata
__all__ = ["Base", "metadata"]


def main() -> int:
    from models.db.migrations.baseline import BASELINE, render_baseline

    BASELINE.write_text(render_baseline(metadata), encoding="utf-8")
    print(f"wrote {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
