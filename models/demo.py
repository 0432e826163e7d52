"""``landspace demo``: a realistic demonstration database.

Each area may provide ``models/<area>/demo.py`` with ``seed_demo(session, rng)``;
they run in this order (later areas use earlier ones' records) inside one
transaction. ``rng`` is a ``random.Random`` with a fixed seed, so the demo is the
same every time.
"""

from __future__ import annotations

import importlib
import importlib.util
import random

from sqlalchemy.orm import Session

AREA_MODULES = (
    "models.enterprises.demo",
    "models.land.demo",
    "models.quotas.demo",
    "models.efficiency.demo",
    "models.renewal.demo",
    "models.buildings.demo",
    "models.incubation.demo",
    "models.targets.demo",
    "models.accounts.demo",
)


def seed_demo(session: Session, seed: int = 2023) -> None:
    for name in AREA_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        importlib.import_module(name).seed_demo(session, random.Random(f"{seed}:{name}"))
