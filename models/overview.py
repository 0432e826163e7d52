"""The leaders' overview: each area contributes headline figures.

Each area's ``overview`` hook in ``models.areas.AREAS`` (``models/<area>/overview.py``,
``overview_figures(session, on: date) -> list[OverviewFigure]``), in list order.
``label`` is a message code the desktop renders (``desktop/messages/<area>.py``) with
``fields``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy.orm import Session


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
    # Imported here, not at the top: every overview module imports ``OverviewFigure`` from this one.
    from models import areas

    figures: list[OverviewFigure] = []
    for area in areas.AREAS:
        if area.overview is not None:
            figures.extend(area.overview(session, on))
    return figures
