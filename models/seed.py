"""Defaults every new database starts with: the four platforms and the rules the policy
states (临政函〔2023〕74号), then each area's own default rules.

Each area's ``seed`` hook in ``models.areas.AREAS`` (``models/<area>/seed.py``,
``seed_defaults(session)``) runs in list order, policy first; it must be idempotent
(run again, it adds only what is missing): it runs on every open of a file this build has
not seeded yet (``models.db.fastpath`` skips a file it already seeded).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from models import areas


def seed_defaults(session: Session) -> None:
    for area in areas.AREAS:
        if area.seed is not None:
            area.seed(session)
