"""The one list of LandSpace's areas and what each contributes to the whole.

Every registry — default rules (``models.seed``), the demonstration database
(``models.demo``), ``landspace check`` (``models.checks``), the leaders' overview
(``models.overview``), the annual report (``models.reporting``) and the exchangeable
kinds (``models.exchange.registry``) — iterates ``AREAS``. Each hook is a plain import
of the area's own module, so a missing module or a typo fails when this module is
imported (in every test run and in the frozen build), never by silently dropping a
feature. The window's side of the same list: ``desktop/pages.py`` (the navigation) and
``desktop/messages/__init__.py`` (the message catalogues).

The order is the order users see (overview cards, report sheets, ``landspace kinds``,
check output). Defaults are seeded in this order; the demonstration data too, except
that an area runs after the areas named in its ``demo_after`` (their records are what
it links to).

Adding an area: see ``ARCHITECTURE.md`` ("Adding an area").
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.accounts import integrity as accounts_integrity
from models.buildings import checks as buildings_checks
from models.buildings import demo as buildings_demo
from models.buildings import exchange as buildings_exchange
from models.buildings import overview as buildings_overview
from models.buildings import report as buildings_report
from models.buildings import seed as buildings_seed
from models.db import integrity
from models.efficiency import checks as efficiency_checks
from models.efficiency import demo as efficiency_demo
from models.efficiency import exchange as efficiency_exchange
from models.efficiency import overview as efficiency_overview
from models.efficiency import report as efficiency_report
from models.efficiency import seed as efficiency_seed
from models.enterprises import demo as enterprises_demo
from models.enterprises import exchange as enterprises_exchange
from models.enterprises import overview as enterprises_overview
from models.enterprises import report as enterprises_report
from models.incubation import checks as incubation_checks
from models.incubation import demo as incubation_demo
from models.incubation import exchange as incubation_exchange
from models.incubation import overview as incubation_overview
from models.incubation import report as incubation_report
from models.incubation import seed as incubation_seed
from models.land import checks as land_checks
from models.land import demo as land_demo
from models.land import exchange as land_exchange
from models.land import overview as land_overview
from models.land import report as land_report
from models.land import seed as land_seed
from models.policy import checks as policy_checks
from models.policy import exchange as policy_exchange
from models.policy import seed as policy_seed
from models.quotas import checks as quotas_checks
from models.quotas import demo as quotas_demo
from models.quotas import exchange as quotas_exchange
from models.quotas import overview as quotas_overview
from models.quotas import report as quotas_report
from models.quotas import seed as quotas_seed
from models.renewal import checks as renewal_checks
from models.renewal import demo as renewal_demo
from models.renewal import exchange as renewal_exchange
from models.renewal import overview as renewal_overview
from models.renewal import report as renewal_report
from models.targets import checks as targets_checks
from models.targets import demo as targets_demo
from models.targets import exchange as targets_exchange
from models.targets import report as targets_report
from models.targets import seed as targets_seed

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.checks import Finding
    from models.exchange.report_spec import ReportSheet
    from models.exchange.spec import Kind
    from models.overview import OverviewFigure


@dataclass(frozen=True)
class Area:
    """One area (``models/<key>/``) and its contributions; ``None``/empty where it has none.

    - ``seed(session)``: the area's default rules and lists, idempotent (every open);
    - ``demo(session, rng)``: its part of ``landspace demo`` (``rng`` has a fixed seed);
    - ``checks(session)``: its findings for ``landspace check``;
    - ``overview(session, on)``: its figures on the 总览 page;
    - ``report(session, year)``: its sheets of the annual workbook;
    - ``kinds``: the Excel kinds it imports and exports;
    - ``demo_after``: keys of the areas whose demonstration data its own links to.
    """

    key: str
    seed: Callable[[Session], None] | None = None
    demo: Callable[[Session, random.Random], None] | None = None
    checks: Callable[[Session], list[Finding]] | None = None
    overview: Callable[[Session, dt.date], list[OverviewFigure]] | None = None
    report: Callable[[Session, int], list[ReportSheet]] | None = None
    kinds: tuple[Kind, ...] = ()
    demo_after: tuple[str, ...] = ()


AREAS: tuple[Area, ...] = (
    Area(
        "policy",
        seed=policy_seed.seed_defaults,
        checks=policy_checks.run_checks,
        kinds=tuple(policy_exchange.KINDS),
    ),
    Area(
        "enterprises",
        demo=enterprises_demo.seed_demo,
        overview=enterprises_overview.overview_figures,
        report=enterprises_report.report_sheets,
        kinds=tuple(enterprises_exchange.KINDS),
    ),
    Area(
        "quotas",
        seed=quotas_seed.seed_defaults,
        demo=quotas_demo.seed_demo,
        checks=quotas_checks.run_checks,
        overview=quotas_overview.overview_figures,
        report=quotas_report.report_sheets,
        kinds=tuple(quotas_exchange.KINDS),
        demo_after=("land",),
    ),
    Area(
        "land",
        seed=land_seed.seed_defaults,
        demo=land_demo.seed_demo,
        checks=land_checks.run_checks,
        overview=land_overview.overview_figures,
        report=land_report.report_sheets,
        kinds=tuple(land_exchange.KINDS),
        demo_after=("enterprises",),
    ),
    Area(
        "efficiency",
        seed=efficiency_seed.seed_defaults,
        demo=efficiency_demo.seed_demo,
        checks=efficiency_checks.run_checks,
        overview=efficiency_overview.overview_figures,
        report=efficiency_report.report_sheets,
        kinds=tuple(efficiency_exchange.KINDS),
    ),
    Area(
        "renewal",
        demo=renewal_demo.seed_demo,
        checks=renewal_checks.run_checks,
        overview=renewal_overview.overview_figures,
        report=renewal_report.report_sheets,
        kinds=tuple(renewal_exchange.KINDS),
    ),
    Area(
        "buildings",
        seed=buildings_seed.seed_defaults,
        demo=buildings_demo.seed_demo,
        checks=buildings_checks.run_checks,
        overview=buildings_overview.overview_figures,
        report=buildings_report.report_sheets,
        kinds=tuple(buildings_exchange.KINDS),
    ),
    Area(
        "incubation",
        seed=incubation_seed.seed_defaults,
        demo=incubation_demo.seed_demo,
        checks=incubation_checks.run_checks,
        overview=incubation_overview.overview_figures,
        report=incubation_report.report_sheets,
        kinds=tuple(incubation_exchange.KINDS),
    ),
    # The policy's 2030 targets (seed 二): actuals from the efficiency records and statistics.
    Area(
        "targets",
        seed=targets_seed.seed_defaults,
        demo=targets_demo.seed_demo,
        checks=targets_checks.run_checks,
        report=targets_report.report_sheets,
        kinds=tuple(targets_exchange.KINDS),
        demo_after=("efficiency",),
    ),
    # Users, roles and the audit log: its tables are in models/schema.py, its pages and
    # messages in desktop/; it adds nothing to the registries above.
    Area("accounts"),
)


def demo_order(areas: tuple[Area, ...]) -> list[Area]:
    """``areas`` in list order, each moved after the areas its ``demo_after`` names."""
    keys = {area.key for area in areas}
    done: list[Area] = []
    pending = list(areas)
    while pending:
        ready = next(
            (a for a in pending if all(k in {d.key for d in done} or k not in keys for k in a.demo_after)),
            None,
        )
        if ready is None:
            raise ValueError(f"demo_after forms a cycle among {[a.key for a in pending]}")
        done.append(ready)
        pending.remove(ready)
    return done


def run_all_checks(session: Session, *, audit_after: tuple[int, str] | None = None) -> list[Finding]:
    """``landspace check``: the database's own integrity check and the audit log's, then every
    area's checks.
    ``audit_after`` (a verified checkpoint's id and hash) limits the audit chain's walk to the
    entries after it (``models.accounts.audit_checkpoint``)."""
    findings = integrity.run_checks(session)
    findings.extend(accounts_integrity.run_checks(session, audit_after=audit_after))
    for area in AREAS:
        if area.checks is not None:
            findings.extend(area.checks(session))
    return findings


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    """The leaders' overview: every area's headline figures, in list order."""
    figures: list[OverviewFigure] = []
    for area in AREAS:
        if area.overview is not None:
            figures.extend(area.overview(session, on))
    return figures
