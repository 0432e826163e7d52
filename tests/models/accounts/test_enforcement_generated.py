"""Generated: every public function of every ``models/*/services.py`` (and the incubation
tenancy services) and every import kind, run as every role; each must be refused or
allowed exactly as ``models.accounts.permissions.can`` says for the tables it writes.

The functions are found by introspection and the service files by the file system: a
new service (or a new ``services.py``) without an entry in ``SAMPLES`` fails
``test_every_service_has_a_sample``. The tables a call writes are not declared but
observed (every INSERT/UPDATE/DELETE reaching the database, raw executemany included)
when an administrator runs it, so a declaration cannot lie either.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy.orm import Session

from models.accounts import permissions
from models.accounts import services as accounts_services
from models.buildings import services as buildings_services
from models.buildings.services import Override
from models.database import Database
from models.efficiency import rules as efficiency_rules
from models.efficiency import services as efficiency_services
from models.enterprises import services as enterprises_services
from models.errors import DomainError, PermissionDeniedError
from models.exchange.importer import run_import
from models.exchange.registry import all_kinds
from models.exchange.writer import export_kind
from models.incubation import services as incubation_services
from models.incubation import tenancy_services
from models.land import services as land_services
from models.land.geometry import SurveyPoint
from models.policy import services as policy_services
from models.quotas import services as quotas_services
from models.renewal import services as renewal_services
from models.targets import services as targets_services
from tests.models.accounts.world import PW, ROLES, D, World, build_world, uscc, written_tables

SERVICE_MODULES: tuple[ModuleType, ...] = (
    accounts_services,
    buildings_services,
    efficiency_services,
    enterprises_services,
    incubation_services,
    tenancy_services,
    land_services,
    policy_services,
    quotas_services,
    renewal_services,
    targets_services,
)
MODELS = Path(__file__).resolve().parents[3] / "models"
DAY = dt.date(2024, 6, 1)
Call = Callable[[Session, World], Any]
_UNIT_POLY = "POLYGON ((400000 3300000, 400000 3300100, 400100 3300100, 400100 3300000, 400000 3300000))"


def _square() -> Any:
    from shapely import wkt

    return wkt.loads(_UNIT_POLY)


def _points() -> list[SurveyPoint]:
    x, y = D(3300000), D(400000)
    return [
        SurveyPoint("J1", x, y),
        SurveyPoint("J2", x, y + 100),
        SurveyPoint("J3", x + 100, y + 100),
        SurveyPoint("J4", x + 100, y),
    ]


def _advance(s: Session) -> int:
    """An advance (预支) granted before the world's grant, which can then repay it."""
    return quotas_services.add_grant(
        s,
        year=2000,
        source=quotas_services.quota_sources(s)[0],
        document_no="浙预〔2000〕1号",
        granted_on=dt.date(2000, 1, 1),
        area_m2=D(100),
        major_project="省重大项目",
        is_advance=True,
    ).ids[0]


# One valid invocation of every public service function (readers and pure helpers too).
SAMPLES: dict[str, Call] = {
    # accounts
    "accounts.now": lambda s, w: accounts_services.now(),
    "accounts.hash_password": lambda s, w: accounts_services.hash_password(PW),
    "accounts.create_user": lambda s, w: accounts_services.create_user(
        s, username="new", password=PW, role="clerk"
    ),
    "accounts.update_user": lambda s, w: accounts_services.update_user(
        s, user_id=w.users["viewer"], display_name="李"
    ),
    "accounts.set_role": lambda s, w: accounts_services.set_role(s, user_id=w.users["viewer"], role="clerk"),
    "accounts.set_active": lambda s, w: accounts_services.set_active(
        s, user_id=w.users["viewer"], active=False
    ),
    "accounts.reset_password": lambda s, w: accounts_services.reset_password(
        s, user_id=w.users["viewer"], password="another pw 1"
    ),
    "accounts.change_own_password": lambda s, w: accounts_services.change_own_password(
        s, user_id=w.users["viewer"], old_password=PW, new_password="another pw 1"
    ),
    "accounts.assign_carriers": lambda s, w: accounts_services.assign_carriers(
        s, user_id=w.users["carrier_manager"], carrier_ids=[w.carrier, w.other_carrier]
    ),
    "accounts.login": lambda s, w: None,  # before anyone is logged in: see test_login_needs_no_role
    "accounts.needs_login": lambda s, w: accounts_services.needs_login(s),
    # buildings
    "buildings.create_building": lambda s, w: buildings_services.create_building(
        s, code="B-9", name="九号楼", total_floor_area_m2=D(1000)
    ),
    "buildings.update_building": lambda s, w: buildings_services.update_building(
        s, building_id=w.building, version=None, name="一号楼（改）"
    ),
    "buildings.delete_building": lambda s, w: buildings_services.delete_building(
        s, building_id=w.building, version=None
    ),
    "buildings.create_unit": lambda s, w: buildings_services.create_unit(
        s, building_id=w.building, floor=2, number="201", floor_area_m2=D(100)
    ),
    "buildings.update_unit": lambda s, w: buildings_services.update_unit(
        s, unit_id=w.unit, version=None, number="101A"
    ),
    "buildings.create_units_for_floors": lambda s, w: buildings_services.create_units_for_floors(
        s, building_id=w.building, first_floor=3, last_floor=4, per_floor=2, floor_area_m2=D(100)
    ),
    "buildings.delete_unit": lambda s, w: buildings_services.delete_unit(s, unit_id=w.unit, version=None),
    "buildings.set_building_ratio": lambda s, w: buildings_services.set_building_ratio(
        s, building_id=w.building, max_ratio=D("0.3"), document_no="临政〔2024〕9号", effective_from=DAY
    ),
    "buildings.record_transfer": lambda s, w: buildings_services.record_transfer(
        s,
        building_id=w.building,
        unit_ids=[w.unit],
        buyer_id=w.enterprise2,
        transfer_date=DAY,
        override=Override(reason="测试", document_no="特批〔2024〕1号"),
    ),
    "buildings.record_buyback_offer": lambda s, w: buildings_services.record_buyback_offer(
        s, building_id=w.building, offered_on=DAY
    ),
    "buildings.decide_buyback_offer": lambda s, w: buildings_services.decide_buyback_offer(
        s, offer_id=w.offer, status="declined"
    ),
    # efficiency
    "efficiency.upsert_record": lambda s, w: efficiency_services.upsert_record(
        s, enterprise_id=w.enterprise2, year=2023, tax=D(5)
    ),
    "efficiency.delete_record": lambda s, w: efficiency_services.delete_record(s, record_id=w.record),
    "efficiency.load_inputs": lambda s, w: efficiency_services.load_inputs(s, 2023),
    "efficiency.breakdown_json": lambda s, w: None,  # pure: formats an evaluation already made
    "efficiency.breakdowns_json": lambda s, w: None,  # pure: formats evaluations already made
    "efficiency.evaluate_year": lambda s, w: efficiency_services.evaluate_year(s, year=2023),
    "efficiency.what_if": lambda s, w: efficiency_services.what_if(
        s, year=2023, rule_set=efficiency_rules.example_rule_set()
    ),
    "efficiency.save_rule_set": lambda s, w: efficiency_services.save_rule_set(
        s, rule_set=efficiency_rules.example_rule_set(), effective_from=DAY, document_no="临政〔2024〕8号"
    ),
    # enterprises
    "enterprises.validate_uscc": lambda s, w: enterprises_services.validate_uscc(uscc(7)),
    "enterprises.create_enterprise": lambda s, w: enterprises_services.create_enterprise(
        s, uscc=uscc(9), name="丙企业"
    ),
    "enterprises.update_enterprise": lambda s, w: enterprises_services.update_enterprise(
        s, enterprise_id=w.enterprise2, version=None, address="青山湖街道"
    ),
    "enterprises.delete_enterprise": lambda s, w: enterprises_services.delete_enterprise(
        s, enterprise_id=w.enterprise3, version=None
    ),
    "enterprises.upsert_enterprise": lambda s, w: enterprises_services.upsert_enterprise(
        s, uscc=uscc(10), name="丁企业"
    ),
    # incubation (the carrier manager's own carrier)
    "incubation.load_carrier": lambda s, w: incubation_services.load_carrier(s, w.carrier),
    "incubation.create_carrier": lambda s, w: incubation_services.create_carrier(
        s, code="C-9", name="新孵化器", usable_area_m2=D(100)
    ),
    "incubation.update_carrier": lambda s, w: incubation_services.update_carrier(
        s, carrier_id=w.carrier, version=None, operator="运营方"
    ),
    "incubation.delete_carrier": lambda s, w: incubation_services.delete_carrier(
        s, carrier_id=w.carrier, version=None
    ),
    "incubation.set_carrier_managers": lambda s, w: incubation_services.set_carrier_managers(
        s, carrier_id=w.carrier, user_ids=[]
    ),
    "incubation.create_space": lambda s, w: incubation_services.create_space(
        s, carrier_id=w.carrier, code="102", area_m2=D(50)
    ),
    "incubation.load_space": lambda s, w: incubation_services.load_space(s, w.space),
    "incubation.update_space": lambda s, w: incubation_services.update_space(
        s, space_id=w.space, version=None, floor=3
    ),
    "incubation.delete_space": lambda s, w: incubation_services.delete_space(
        s, space_id=w.free_space, version=None
    ),
    "incubation.save_usage_report": lambda s, w: incubation_services.save_usage_report(
        s, carrier_id=w.carrier, month=dt.date(2024, 4, 1), occupied_area_m2=D(100), tenants=1
    ),
    "incubation.delete_usage_report": lambda s, w: incubation_services.delete_usage_report(
        s, report_id=w.report, version=None
    ),
    "incubation.carrier_count": lambda s, w: incubation_services.carrier_count(s),
    "tenancy_services.load_tenancy": lambda s, w: tenancy_services.load_tenancy(s, w.tenancy),
    "tenancy_services.space_ids_of": lambda s, w: tenancy_services.space_ids_of(s, w.tenancy),
    "tenancy_services.peak_occupied": lambda s, w: tenancy_services.peak_occupied(s, w.carrier, DAY, None),
    "tenancy_services.create_tenancy": lambda s, w: tenancy_services.create_tenancy(
        s, carrier_id=w.carrier, enterprise_id=w.enterprise2, start_on=DAY, area_m2=D(10)
    ),
    "tenancy_services.update_tenancy": lambda s, w: tenancy_services.update_tenancy(
        s, tenancy_id=w.tenancy, version=None, note="备注"
    ),
    "tenancy_services.graduate_tenancy": lambda s, w: tenancy_services.graduate_tenancy(
        s, tenancy_id=w.tenancy, version=None, graduated_on=DAY, criterion="revenue"
    ),
    "tenancy_services.end_tenancy": lambda s, w: tenancy_services.end_tenancy(
        s, tenancy_id=w.tenancy, version=None, left_on=DAY
    ),
    "tenancy_services.delete_tenancy": lambda s, w: tenancy_services.delete_tenancy(
        s, tenancy_id=w.tenancy, version=None
    ),
    # land
    "land.choices": lambda s, w: land_services.choices(s, "land_use"),
    "land.get_plot": lambda s, w: land_services.get_plot(s, w.plot),
    "land.create_plot": lambda s, w: land_services.create_plot(s, code="P-9", name="新地块"),
    "land.update_plot": lambda s, w: land_services.update_plot(s, plot_id=w.plot2, note="备注"),
    "land.plot_references": lambda s, w: land_services.plot_references(s, w.plot),
    "land.delete_plot": lambda s, w: land_services.delete_plot(s, plot_id=w.plot2),
    "land.set_plot_polygon": lambda s, w: land_services.set_plot_polygon(
        s, plot_id=w.plot2, polygon=_square()
    ),
    "land.set_plot_boundary": lambda s, w: land_services.set_plot_boundary(
        s, plot_id=w.plot2, points=_points()
    ),
    "land.clear_plot_boundary": lambda s, w: land_services.clear_plot_boundary(s, plot_id=w.plot2),
    "land.set_indicator": lambda s, w: land_services.set_indicator(
        s, plot_id=w.plot, indicator="plot_ratio", promised=D("2.0"), actual=D("2.5")
    ),
    "land.indicator_met": lambda s, w: land_services.indicator_met(D(1), D(2), ">="),
    "land.platform_at": lambda s, w: land_services.platform_at(s, _square()),
    # policy
    "policy.add_rule_version": lambda s, w: policy_services.add_rule_version(
        s, key="test.rule", value=1, effective_from=DAY, document_no="临政〔2024〕7号"
    ),
    "policy.add_choice": lambda s, w: policy_services.add_choice(
        s, category="industry_chain", value="新产业链"
    ),
    "policy.update_choice": lambda s, w: policy_services.update_choice(
        s, choice_id=w.choice, label_en="Test"
    ),
    "policy.move_choice": lambda s, w: policy_services.move_choice(s, choice_id=w.choice, offset=-1),
    "policy.save_document": lambda s, w: policy_services.save_document(
        s, document_no="临政办〔2026〕1号", title="测试文件", clauses=[{"clause": "一", "summary": "测试"}]
    ),
    # quotas
    "quotas.exact_area": lambda s, w: quotas_services.exact_area("1.5"),
    "quotas.fit_to_remainder": lambda s, w: quotas_services.fit_to_remainder(D(2), D(1)),
    "quotas.quota_sources": lambda s, w: quotas_services.quota_sources(s),
    "targets.set_target": lambda s, w: targets_services.set_target(
        s, key="test_output", year=2030, value=D(100), unit="亿元", platform_id=w.platform
    ),
    "targets.record_statistic": lambda s, w: targets_services.record_statistic(
        s, year=2024, indicator="制造业投资", value=D(130), unit="亿元", platform_id=w.platform
    ),
    "targets.find_statistic": lambda s, w: targets_services.find_statistic(
        s, year=2023, indicator="制造业投资", platform_id=w.platform, chain=""
    ),
    "quotas.add_grant": lambda s, w: quotas_services.add_grant(
        s,
        year=2024,
        source=quotas_services.quota_sources(s)[0],
        document_no="浙土资〔2024〕2号",
        granted_on=DAY,
        area_m2=D(1000),
    ),
    "quotas.check_grant": lambda s, w: quotas_services.check_grant(
        s,
        source=quotas_services.quota_sources(s)[0],
        document_no="浙土资〔2024〕3号",
        granted_on=DAY,
        area_m2=D(1000),
    ),
    "quotas.carry_over_grant": lambda s, w: quotas_services.carry_over_grant(
        s, grant_id=w.grant, to_year=2025, on=dt.date(2025, 1, 1)
    ),
    "quotas.check_carry_over": lambda s, w: quotas_services.check_carry_over(
        s, grant_id=w.grant, to_year=2025, on=dt.date(2025, 1, 1)
    ),
    "quotas.check_allocation": lambda s, w: quotas_services.check_allocation(
        s, grant_id=w.grant, platform_id=w.platform, area_m2=D(100), allocated_on=DAY
    ),
    "quotas.allocate_quota": lambda s, w: quotas_services.allocate_quota(
        s, grant_id=w.grant, platform_id=w.platform, area_m2=D(100), allocated_on=DAY
    ),
    "quotas.record_use": lambda s, w: quotas_services.record_use(
        s, area_m2=D(100), reserved_on=DAY, allocation_id=w.allocation
    ),
    "quotas.check_use": lambda s, w: quotas_services.check_use(
        s, area_m2=D(100), reserved_on=DAY, allocation_id=w.allocation
    ),
    "quotas.next_stage": lambda s, w: quotas_services.next_stage("reserved"),
    "quotas.advance_use": lambda s, w: quotas_services.advance_use(
        s, use_id=w.use, on=DAY, approval_no="批1"
    ),
    "quotas.return_quota": lambda s, w: None,  # needs an approved use: see test_return_and_cancel
    "quotas.check_return": lambda s, w: None,  # idem (a reader)
    "quotas.cancel_use": lambda s, w: quotas_services.cancel_use(s, use_id=w.use, on=DAY, reason="撤销"),
    "quotas.demand_open_m2": lambda s, w: None,  # takes a loaded QuotaDemand: a reader of add_demand's record
    "quotas.add_demand": lambda s, w: quotas_services.add_demand(
        s, year=2024, platform_id=w.platform, project="需求乙", area_m2=D(100), requested_on=DAY
    ),
    "quotas.withdraw_demand": lambda s, w: quotas_services.withdraw_demand(s, demand_id=w.demand),
    "quotas.check_repayment": lambda s, w: quotas_services.check_repayment(
        s, advance_id=_advance(s), grant_id=w.grant, area_m2=D(10), repaid_on=DAY
    ),
    "quotas.repay_advance": lambda s, w: quotas_services.repay_advance(
        s, advance_id=_advance(s), grant_id=w.grant, area_m2=D(10), repaid_on=DAY
    ),
    "quotas.record_disposal": lambda s, w: quotas_services.record_disposal(
        s, year=2024, kind="idle", target_m2=D(100), disposed_m2=D(50)
    ),
    # renewal
    "renewal.stage_index": lambda s, w: renewal_services.stage_index("identified"),
    "renewal.create_project": lambda s, w: renewal_services.create_project(
        s, code="R-9", name="新项目", identified_on=DAY
    ),
    "renewal.update_project": lambda s, w: renewal_services.update_project(
        s, project_id=w.project, name="改名"
    ),
    "renewal.set_plots": lambda s, w: renewal_services.set_plots(
        s, project_id=w.project, plot_ids=(w.plot2,)
    ),
    "renewal.last_event": lambda s, w: renewal_services.last_event(s, w.project),
    "renewal.advance_stage": lambda s, w: renewal_services.advance_stage(
        s, project_id=w.project, stage="negotiated", on_date=DAY
    ),
    "renewal.delete_project": lambda s, w: renewal_services.delete_project(s, project_id=w.project),
    "renewal.vacated_on": lambda s, w: renewal_services.vacated_on(s, w.project),
    "renewal.refresh_figures": lambda s, w: renewal_services.refresh_figures(s, project_id=w.project),
}


# Refused beyond the role's row of the matrix, by a rule of the service itself.
ADMIN_ONLY_ACTIONS = {
    "buildings.record_transfer": "the sample overrides failed checks: an administrator's act (operation override)",  # noqa: E501
}
OUT_OF_MANAGER_SCOPE = {
    "incubation.create_carrier": "a new carrier is in no carrier manager's scope",
    "incubation.delete_carrier": "only unscoped writers delete a carrier (models.incubation.access)",
}


def _short(module: ModuleType) -> str:
    return module.__name__.split(".")[-1] if module is tenancy_services else module.__name__.split(".")[-2]


def public_functions() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module in SERVICE_MODULES:
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and fn.__module__ == module.__name__:
                found[f"{_short(module)}.{name}"] = fn
    return found


def test_every_service_module_is_walked() -> None:
    files = {
        p.relative_to(MODELS.parent).with_suffix("").as_posix().replace("/", ".")
        for p in MODELS.glob("*/*services.py")
    }
    assert files == {m.__name__ for m in SERVICE_MODULES}, "add the new services module to SERVICE_MODULES"


def test_every_service_has_a_sample() -> None:
    functions = public_functions()
    missing = sorted(set(functions) - set(SAMPLES))
    assert not missing, f"give these services a sample invocation in SAMPLES: {missing}"
    assert not sorted(set(SAMPLES) - set(functions)), "SAMPLES names functions that no longer exist"


class _Rollback(Exception):
    pass


def _run(db: Database, call: Call, world: World) -> tuple[BaseException | None, set[str]]:
    """Run one sample in a transaction that is always rolled back; (error, tables written)."""
    with written_tables(db) as tables:
        try:
            with db.write() as s:
                call(s, world)
                s.flush()
                raise _Rollback
        except _Rollback:
            return None, tables
        except DomainError as exc:
            return exc, tables


@pytest.fixture(scope="module")
def world_db(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Database, World, dict[str, Database]]]:
    from models.database import open_database

    db = open_database(tmp_path_factory.mktemp("world") / "world.sqlite3", actor="tester")
    world = build_world(db)
    as_role = {role: Database(db.url, actor=role, user_id=world.users[role]) for role in ROLES}
    yield db, world, as_role
    for other in as_role.values():
        other.dispose()
    db.dispose()


def _role_of(name: str) -> str:
    return "" if name == "inactive" else name


def expected(role: str, tables: set[str], name: str = "") -> bool:
    if name in ADMIN_ONLY_ACTIONS and role != "admin":
        return False
    if name in OUT_OF_MANAGER_SCOPE and role == "carrier_manager":
        return False
    return all(permissions.can(role, t, "write") for t in tables)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_role_is_refused_or_allowed_as_the_matrix_says(
    world_db: tuple[Database, World, dict[str, Database]], name: str
) -> None:
    db, world, as_role = world_db
    call = SAMPLES[name]
    error, written = _run(db, call, world)  # single-user mode: what the call writes
    assert error is None, f"{name}: the sample itself fails: {error!r}"
    for role_name, role_db in as_role.items():
        role = _role_of(role_name)
        if name == "accounts.change_own_password":  # a user's own row: see test_own_password
            break
        error, role_written = _run(role_db, call, world)
        if written and expected(role, written, name):
            assert error is None, f"{name} as {role_name}: refused ({error!r}) though may write {written}"
            assert role_written == written
        elif written:
            assert isinstance(error, PermissionDeniedError), (
                f"{name} as {role_name} wrote {written}: {error!r}"
            )
            assert error.role == role
            assert not role_written - {"users"}, f"{name} as {role_name} reached the database: {role_written}"
        else:  # a reader: never writes, refused only for what the role may not read
            assert not role_written, (name, role_name, role_written)
            assert error is None or isinstance(error, PermissionDeniedError), (name, role_name, error)
            if isinstance(error, PermissionDeniedError):
                assert error.operation == "read" and not permissions.can(role, error.table, "read")


def test_own_password(world_db: tuple[Database, World, dict[str, Database]]) -> None:
    """Every active user may change their own password, and nobody else's."""
    db, world, as_role = world_db
    for role_name in ("admin", "clerk", "carrier_manager", "viewer"):
        own = SAMPLES["accounts.change_own_password"]

        def mine(s: Session, w: World, role_name: str = role_name) -> Any:
            return accounts_services.change_own_password(
                s, user_id=w.users[role_name], old_password=PW, new_password="another pw 1"
            )

        assert _run(as_role[role_name], mine, world)[0] is None, role_name
        if role_name != "viewer":
            error, written = _run(as_role[role_name], own, world)
            assert isinstance(error, PermissionDeniedError) and not written, role_name


def test_return_and_cancel(world_db: tuple[Database, World, dict[str, Database]]) -> None:
    """return_quota on an approved use: as the matrix says for quota_returns."""
    db, world, as_role = world_db

    def approve_and_return(s: Session, w: World) -> Any:
        quotas_services.advance_use(s, use_id=w.use, on=DAY, approval_no="批1")
        quotas_services.advance_use(s, use_id=w.use, on=DAY, approval_no="批1")
        quotas_services.check_return(s, use_id=w.use, area_m2=D(10), returned_on=DAY, reason="退回")
        return quotas_services.return_quota(s, use_id=w.use, area_m2=D(10), returned_on=DAY, reason="退回")

    error, written = _run(db, approve_and_return, world)
    assert error is None and "quota_returns" in written, error
    for role_name, role_db in as_role.items():
        error, _ = _run(role_db, approve_and_return, world)
        assert (error is None) == expected(_role_of(role_name), written), (role_name, error)


def test_login_needs_no_role(world_db: tuple[Database, World, dict[str, Database]]) -> None:
    db, world, _ = world_db
    with db.write() as s:
        assert accounts_services.login(s, username="viewer", password=PW).role == "viewer"


# --- import kinds -------------------------------------------------------------------------------

# Kinds whose sample needs a world of its own (a transfer passes every check only there).
OWN_WORLD = {"transfers": "test_transfers_import_as_every_role"}


def _importable() -> list[str]:
    return sorted(name for name, kind in all_kinds().items() if kind.load is not None or kind.load_table)


def _generic() -> list[str]:
    return [name for name in _importable() if name not in OWN_WORLD]


def test_every_import_kind_is_walked() -> None:
    assert _importable(), "no import kinds found"
    assert set(_importable()) <= set(all_kinds())


@pytest.mark.parametrize("kind_name", _generic())
def test_every_import_kind_as_every_role(
    world_db: tuple[Database, World, dict[str, Database]], tmp_path: Path, kind_name: str
) -> None:
    """Each kind's own export, changed so that importing it writes, is imported (as a dry
    run: the permission check runs at the flush, before the rollback) by every role."""
    db, world, as_role = world_db
    kind = all_kinds()[kind_name]
    path = tmp_path / f"{kind_name}.xlsx"
    options = _options(kind)
    if kind.dump is not None:
        export_kind(db, kind, path, options=options)
    _make_it_write(kind, path)
    with written_tables(db) as written:
        report = run_import(db, kind, path, dry_run=True, options=options)
    assert written, f"{kind_name}: its changed export writes nothing ({[p.code for p in report.problems]})"
    _every_role_imports(as_role, kind, path, options, written)


def _every_role_imports(
    as_role: dict[str, Database], kind: Any, path: Path, options: dict[str, Any], written: set[str]
) -> None:
    kind_name = kind.name
    for role_name, role_db in as_role.items():
        role = _role_of(role_name)
        rep = run_import(role_db, kind, path, dry_run=True, options=options)
        denied = [
            p
            for p in rep.problems
            if p.code in ("permission.denied", "permission.out_of_scope", "incubation.carrier_out_of_scope")
        ]
        # Refusals to read what the role may not read (the accounts behind a managers column).
        denied = [
            p
            for p in denied
            if not (
                p.problem.fields.get("operation") == "read"
                and not permissions.can(role, str(p.problem.fields.get("table")), "read")
            )
            or not expected(role, written)
        ]
        if expected(role, written) and role != "carrier_manager":
            assert not denied, (kind_name, role_name, [p.problem for p in denied])
        elif not expected(role, written):
            assert denied, (kind_name, role_name, written, [p.problem for p in rep.problems])
            assert not rep.committed


def _options(kind: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for opt in kind.options:
        if opt.required:
            out[opt.name] = 2024 if opt.type == "int" else DAY if opt.type == "date" else ""
    return out


# The column changed in the first data row of a kind's export so that importing it writes.
EDITS: dict[str, tuple[str, Any]] = {
    "spaces": ("floor", 7),
    "usage-reports": ("employees", 9),
    "units": ("floor", 2),
    "quota-uses": ("deducted_on", dt.datetime(2024, 6, 1)),
    "quota-returns": ("returned_on", dt.datetime(2024, 7, 1)),
    "quota-allocations": ("project", "权限测试"),
    "quota-repayments": ("repaid_on", dt.datetime(2024, 7, 1)),
    "plot-indicators": ("actual", 3),
    "boundary-points": ("edge", None),
}


def _make_it_write(kind: Any, path: Path) -> None:
    """Change the first data row (its note, or the column ``EDITS`` names) so the import
    updates a record."""
    import openpyxl

    if not path.exists():
        return
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = {str(c.value): c.column for c in sheet[1] if c.value is not None}
    key, value = EDITS.get(kind.name, ("note", "权限测试"))
    target = next((c for c in kind.columns if c.key == key), None)
    if target is not None and sheet.max_row >= 2:
        column = next((col for h, col in headers.items() if h.startswith(target.header)), None)
        if column is not None:
            sheet.cell(row=2, column=column).value = value
    if kind.name == "boundary-points":  # move the whole boundary a metre north
        x = next(col for h, col in headers.items() if h.startswith("X坐标"))
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row=row, column=x).value = float(sheet.cell(row=row, column=x).value) + 1
    book.save(path)


def test_transfers_import_as_every_role(db: Database, tmp_path: Path) -> None:
    """A transfer that passes every check (accepted, registered building; a buyer in the
    platform's chain; the buy-back offer declined), imported by every role."""
    import openpyxl
    from sqlalchemy import select

    from models.buildings.entities import Building
    from models.exchange.writer import header_text

    world = build_world(db)
    with db.write() as s:
        building = s.get(Building, world.building)
        assert building is not None
        building.accepted_on = building.registered_on = dt.date(2024, 1, 1)
        enterprises_services.update_enterprise(
            s, enterprise_id=world.enterprise2, version=None, industry_chain="高端装备"
        )
        buildings_services.decide_buyback_offer(s, offer_id=world.offer, status="declined")
        assert s.scalar(select(Building.id)) == world.building
    kind = all_kinds()["transfers"]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    columns = [c for c in kind.columns if c.key in ("building_code", "units", "buyer_uscc", "transfer_date")]
    sheet.append([header_text(c) for c in columns])
    sheet.append(["B-1", "101", uscc(2), dt.datetime(2024, 6, 1)])
    path = tmp_path / "transfers.xlsx"
    book.save(path)
    with written_tables(db) as written:
        report = run_import(db, kind, path, dry_run=True)
    assert written and report.created == 1, [p.problem for p in report.problems]
    as_role = {role: Database(db.url, actor=role, user_id=world.users[role]) for role in ROLES}
    try:
        _every_role_imports(as_role, kind, path, {}, written)
    finally:
        for other in as_role.values():
            other.dispose()


def test_every_import_kind_is_run() -> None:
    assert set(_generic()) | set(OWN_WORLD) == set(_importable())


def test_raw_bulk_insert_asks_the_matrix(world_db: tuple[Database, World, dict[str, Database]]) -> None:
    """The enterprises' DBAPI executemany passes no flush: it asks the same check itself."""
    from models.enterprises.bulk import insert_enterprises

    db, world, as_role = world_db

    def bulk(s: Session, w: World) -> Any:
        return insert_enterprises(s, [{"uscc": uscc(500 + i), "name": f"批量{i}"} for i in range(3)])

    error, written = _run(db, bulk, world)
    assert error is None and written == {"enterprises"}
    for role_name, role_db in as_role.items():
        error, role_written = _run(role_db, bulk, world)
        if expected(_role_of(role_name), written):
            assert error is None and role_written == written, role_name
        else:
            assert isinstance(error, PermissionDeniedError) and not role_written, role_name
            assert (error.operation, error.table) == ("insert", "enterprises")
