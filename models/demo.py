"""``landspace demo``: a realistic demonstration database.

Each area's ``demo`` hook in ``models.areas.AREAS`` (``models/<area>/demo.py``,
``seed_demo(session, rng)``) runs inside one transaction, in list order except that an
area runs after the areas its ``demo_after`` names (it links to their records). ``rng``
is a ``random.Random`` with a fixed seed per area, so the demo is the same every time.
"""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from models import areas


def seed_demo(session: Session, seed: int = 2023) -> None:
    for area in areas.demo_order(areas.AREAS):
        if area.demo is not None:
            # The rng's seed names the module, as it always has: the demo stays the same.
            area.demo(session, random.Random(f"{seed}:{area.demo.__module__}"))
