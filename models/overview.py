"""The leaders' overview: each area contributes headline figures.

An area may provide ``models/<area>/overview.py`` with
``overview_figures(session, on: date) -> list[OverviewFigure]``. ``label`` is a message
code the desktop renders (``desktop/messages/<area>.py``) with ``fields``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy.orm import Session

OVERVIEW_MODULES = (
    "models.enterprises.overview",
    "models.quotas.overview",
    "models.land.overview",
    "models.efficiency.overview",
    "models.renewal.overview",
    "models.buildings.overview",
    "models.incubation.overview",
)


@dataclass(frozen=True)
class OverviewFigure:
    area: str
    label: str  # message code, e.g. "quotas.overview.remaining"
    value: Decimal
    unit: Literal["m2", "count", "percent", "wan", "ratio", "tce"]  # m2 is shown in the user's area unit
    platform_id: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    emphasis: bool = False  # the figure a leader wants first


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    figures: list[OverviewFigure] = []
    for name in OVERVIEW_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        figures.extend(importlib.import_module(name).overview_figures(session, on))
    return figures
