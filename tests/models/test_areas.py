"""The one list of areas (``models.areas.AREAS``): every area is in it with every hook its
folder provides, and each registry really runs them — dropping an entry, a hook or a
module fails here instead of silently dropping a feature."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from models import areas
from models.areas import AREAS, Area, demo_order, overview_figures, run_all_checks
from models.database import Database
from models.exchange.registry import all_kinds
from models.land import geometry as geo
from models.land import services as land_services
from models.policy.entities import Platform, PolicyRule
from models.reporting import collect_sheets
from tests.models.land.helpers import square

MODELS = Path(areas.__file__).resolve().parent
KEYS = (
    "policy",
    "enterprises",
    "quotas",
    "land",
    "efficiency",
    "renewal",
    "buildings",
    "incubation",
    "targets",
    "accounts",
)
# hook field → (the area's module, the function it must be)
HOOKS = {
    "seed": ("seed", "seed_defaults"),
    "demo": ("demo", "seed_demo"),
    "checks": ("checks", "run_checks"),
    "overview": ("overview", "overview_figures"),
    "report": ("report", "report_sheets"),
}


def by_key() -> dict[str, Area]:
    return {area.key: area for area in AREAS}


def test_the_areas_in_the_order_users_see_them() -> None:
    assert tuple(area.key for area in AREAS) == KEYS


def test_every_area_folder_is_listed() -> None:
    folders = {p.parent.name for p in MODELS.glob("*/entities.py")}
    assert folders == set(KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_every_hook_the_area_folder_provides_is_registered(key: str) -> None:
    """``models/<key>/checks.py`` exists ⇔ the area's ``checks`` is its ``run_checks``, and so on."""
    area = by_key()[key]
    for field, (module, function) in HOOKS.items():
        hook = getattr(area, field)
        if (MODELS / key / f"{module}.py").exists():
            assert hook is not None, f"{key}: models/{key}/{module}.py is not in AREAS"
            assert (hook.__module__, hook.__name__) == (f"models.{key}.{module}", function)
        else:
            assert hook is None
    exchange = MODELS / key / "exchange.py"
    assert bool(area.kinds) == exchange.exists()
    for kind in area.kinds:
        assert kind.area == key or kind.name == "platforms"


def test_every_kind_users_exchange() -> None:
    assert list(all_kinds()) == [
        "platforms",
        "policy-rules",
        "enterprises",
        "quota-grants",
        "quota-allocations",
        "quota-uses",
        "quota-returns",
        "quota-repayments",
        "quota-balances",
        "plots",
        "boundary-points",
        "plot-indicators",
        "efficiency",
        "efficiency-results",
        "efficiency-publicity",
        "efficiency-measures",
        "renewal-projects",
        "buildings",
        "units",
        "transfers",
        "carriers",
        "spaces",
        "tenancies",
        "usage-reports",
        "statistics",
    ]


def test_demo_runs_each_area_after_those_it_links_to() -> None:
    order = [a.key for a in demo_order(AREAS) if a.demo is not None]
    assert order == [
        "enterprises",
        "land",
        "quotas",
        "efficiency",
        "renewal",
        "buildings",
        "incubation",
        "targets",
    ]
    assert all(k in KEYS for a in AREAS for k in a.demo_after)


def test_a_demo_cycle_is_refused() -> None:
    with pytest.raises(ValueError, match="cycle"):
        demo_order((Area("a", demo_after=("b",)), Area("b", demo_after=("a",))))


def test_every_seeding_area_seeds_its_rules(db: Database) -> None:
    prefix = {
        "quotas": "quota.",
        "land": "land.",
        "efficiency": "efficiency.",
        "buildings": "building.",
        "incubation": "incubation.",
    }
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Platform)) == 4  # policy: the four platforms
        for key, start in prefix.items():
            assert by_key()[key].seed is not None
            assert s.scalar(select(func.count()).where(PolicyRule.key.startswith(start))), key


def test_land_checks_run_in_landspace_check(db: Database) -> None:
    """Through the registry, not the module: the overlap, outside-platform and area-mismatch findings."""
    with db.write() as s:
        qsh = s.query(Platform).filter_by(code="QSH").one()
        a = geo.polygon_from_points(square(100))
        qsh.boundary = a.buffer(5)
        land_services.create_plot(s, code="A", platform_id=qsh.id, polygon=a, cert_area_m2=Decimal(11000))
        land_services.create_plot(
            s, code="B", platform_id=qsh.id, polygon=a.buffer(-10).buffer(30, join_style=2)
        )
    with db.read() as s:
        found = {(f.area, f.problem.code) for f in run_all_checks(s)}
    assert {
        ("land", "land.overlap"),
        ("land", "land.outside_platform"),
        ("land", "land.area_mismatch"),
    } <= found


def test_every_registry_runs_every_area_hook_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Seed, demo, check, overview, report and kinds each call every listed area's hook."""
    from models.checks import Finding
    from models.demo import seed_demo
    from models.errors import Problem
    from models.exchange.report_spec import ReportSheet
    from models.overview import OverviewFigure
    from models.seed import seed_defaults

    calls: list[tuple[str, str]] = []

    def fake(key: str) -> Area:
        def note(hook: str, result: Any = None) -> Any:
            calls.append((hook, key))
            return result

        return Area(
            key,
            seed=lambda s: note("seed"),
            demo=lambda s, rng: note("demo"),
            checks=lambda s: note("checks", [Finding(key, Problem("x"))]),
            overview=lambda s, on: note("overview", [OverviewFigure(key, "x", Decimal(1), "count")]),
            report=lambda s, year: note("report", [ReportSheet(key, Problem(key), ("a",), ())]),
            kinds=(replace(all_kinds()["plots"], name=f"{key}-kind"),),
        )

    monkeypatch.setattr(areas, "AREAS", (fake("one"), fake("two")))

    class NoSession:  # the fakes never touch it; the database's own check is not under test here
        pass

    monkeypatch.setattr("models.db.integrity.run_checks", lambda s: [])
    monkeypatch.setattr("models.accounts.integrity.run_checks", lambda s, **_: [])
    session: Any = NoSession()
    seed_defaults(session)
    seed_demo(session)
    assert [f.area for f in run_all_checks(session)] == ["one", "two"]
    assert [f.area for f in overview_figures(session, dt.date(2024, 1, 1))] == ["one", "two"]
    assert [sheet.title for sheet in collect_sheets(session, 2024)] == ["one", "two"]
    assert list(all_kinds()) == ["one-kind", "two-kind"]
    assert calls == [
        (hook, key) for hook in ("seed", "demo", "checks", "overview", "report") for key in ("one", "two")
    ]
