"""Defaults every new database starts with: the four platforms and the rules the policy
states (临政函〔2023〕74号), then each area's own default rules.

Each area may provide ``models/<area>/seed.py`` with ``seed_defaults(session)``; it must
be idempotent (run again, it adds only what is missing).
"""

from __future__ import annotations

import importlib
import importlib.util

from sqlalchemy.orm import Session

AREA_MODULES = (
    "models.policy.seed",
    "models.enterprises.seed",
    "models.quotas.seed",
    "models.land.seed",
    "models.efficiency.seed",
    "models.renewal.seed",
    "models.buildings.seed",
    "models.incubation.seed",
    "models.targets.seed",
)


def seed_defaults(session: Session) -> None:
    for name in AREA_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        importlib.import_module(name).seed_defaults(session)
