"""The leaders' overview: each area contributes headline figures.

Each area's ``overview`` hook in ``models.areas.AREAS`` (``models/<area>/overview.py``,
``overview_figures(session, on: date) -> list[OverviewFigure]``); ``models.areas.overview_figures``
gathers them in list order, and so does ``models.overview_areas.overview_figures`` for the 总览
page without importing the rest of the area list. This module sits below every area (it imports none of them).
``label`` is a message code the desktop renders (``desktop/messages/<area>.py``) with
``fields``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal


@dataclass(frozen=True)
class OverviewFigure:
    area: str
    label: str  # message code, e.g. "quotas.overview.remaining"
    value: Decimal
    unit: Literal["m2", "count", "percent", "wan", "ratio", "tce"]  # m2 is shown in the user's area unit
    platform_id: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    emphasis: bool = False  # the figure a leader wants first
