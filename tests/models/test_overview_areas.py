"""``models.overview_areas``: the overview's hooks without importing the whole area list."""

from __future__ import annotations

import datetime as dt

from models import areas, overview_areas
from models.database import Database


def test_the_same_hooks_in_the_same_order_as_the_area_list() -> None:
    listed = [(area.key, area.overview) for area in areas.AREAS if area.overview is not None]
    assert list(overview_areas.OVERVIEWS) == listed


def test_the_same_figures_as_the_area_list(db: Database) -> None:
    on = dt.date(2024, 6, 30)
    with db.read() as session:
        figures = overview_areas.overview_figures(session, on)
        assert figures  # the seeded platforms give every area's figures
        assert figures == areas.overview_figures(session, on)
