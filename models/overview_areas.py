"""The leaders' overview without the rest of the area list: each area's ``overview`` hook.

The 总览 page is the window's first page; importing ``models.areas`` for it would import
every area's seed, demonstration and exchange modules (about a third of a second at start).
This module imports only the areas' ``models/<area>/overview.py`` modules and lists their
hooks in the order of ``models.areas.AREAS``; ``tests/models/test_overview_areas.py`` checks
that the two lists name the same functions in the same order, so adding an area's overview to
``AREAS`` without adding it here fails a test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from models.accounts.services import needs_login
from models.buildings import overview as buildings_overview
from models.efficiency import overview as efficiency_overview
from models.enterprises import overview as enterprises_overview
from models.incubation import overview as incubation_overview
from models.land import overview as land_overview
from models.overview_snapshot import OverviewSnapshot, state_key
from models.policy.queries import choice_labels, platform_names
from models.quotas import overview as quotas_overview
from models.renewal import overview as renewal_overview
from models.targets.queries import target_statuses

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.overview import OverviewFigure

OVERVIEWS: tuple[tuple[str, Callable[[Session, dt.date], list[OverviewFigure]]], ...] = (
    ("enterprises", enterprises_overview.overview_figures),
    ("quotas", quotas_overview.overview_figures),
    ("land", land_overview.overview_figures),
    ("efficiency", efficiency_overview.overview_figures),
    ("renewal", renewal_overview.overview_figures),
    ("buildings", buildings_overview.overview_figures),
    ("incubation", incubation_overview.overview_figures),
)


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    """The leaders' overview: every area's headline figures, in ``AREAS`` order."""
    figures: list[OverviewFigure] = []
    for _key, hook in OVERVIEWS:
        figures.extend(hook(session, on))
    return figures


def read_overview(session: Session, on: dt.date, *, reader: int | None) -> tuple[OverviewSnapshot, bool]:
    """Everything the 总览 page shows, read as ``reader`` (the logged-in user, None in
    single-user mode), and whether it may be kept as the start-up snapshot
    (``models.overview_snapshot``): only from a SQLite file whose state key was the same before
    and after the read."""

    def query(sql: str) -> list[Any]:
        return list(session.connection().exec_driver_sql(sql).fetchall())

    sqlite = session.get_bind().dialect.name == "sqlite"
    key = state_key(query, on) if sqlite else None
    read = OverviewSnapshot(
        key=key or "",
        on=on,
        figures=tuple(overview_figures(session, on)),
        platform_names=platform_names(session),
        targets=tuple(target_statuses(session, up_to=on.year)),
        single_user=not needs_login(session),
        labels=choice_labels(session),
        reader=reader,
    )
    return read, key is not None and state_key(query, on) == key
