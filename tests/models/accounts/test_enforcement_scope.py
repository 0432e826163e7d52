"""A carrier manager reads, exports and imports only their own carriers' rows, and never
the ledger, the audit log or the accounts; hidden tables are refused to the roles the
matrix hides them from, through the ORM and through Core ``select()`` on tables alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from models.accounts import enforcement
from models.accounts.entities import AuditEntry, User
from models.accounts.queries import audit_entries, list_users
from models.database import Database
from models.errors import PermissionDeniedError
from models.exchange.importer import run_import
from models.exchange.registry import all_kinds
from models.exchange.writer import export_kind
from models.incubation.entities import Carrier, Space, Tenancy, TenancySpace, UsageReport
from models.quotas.entities import QuotaGrant
from tests.models.accounts.world import World, build_world


@pytest.fixture
def world(db: Database) -> Iterator[tuple[Database, World, Database]]:
    w = build_world(db)
    manager = Database(db.url, actor="carrier_manager", user_id=w.users["carrier_manager"])
    yield db, w, manager
    manager.dispose()


def test_both_session_factories_enforce(db: Database) -> None:
    assert enforcement.is_installed(db._writer) and enforcement.is_installed(db._reader)


def test_manager_reads_only_own_carriers_rows(world: tuple[Database, World, Database]) -> None:
    _, w, manager = world
    with manager.read() as s:
        assert set(s.scalars(select(Carrier.id))) == {w.carrier}
        assert set(s.scalars(select(Space.carrier_id))) == {w.carrier}
        assert set(s.scalars(select(Tenancy.carrier_id))) == {w.carrier}
        assert set(s.scalars(select(UsageReport.carrier_id))) == {w.carrier}
        assert {t for (t,) in s.execute(select(TenancySpace.tenancy_id))} == {w.tenancy}
        assert s.get(Carrier, w.other_carrier) is None
        assert s.get(Space, w.other_space) is None
        # Core select() on the tables (no ORM entity to filter): refused, not unfiltered
        with pytest.raises(PermissionDeniedError):
            s.execute(select(Carrier.__table__.c.id))


@pytest.mark.parametrize(
    "stmt",
    [
        select(QuotaGrant.id),
        select(func.count()).select_from(AuditEntry),
        select(User.username),
        select(AuditEntry.__table__.c.id),
        select(QuotaGrant.__table__),
    ],
)
def test_manager_cannot_read_ledger_audit_or_users(
    world: tuple[Database, World, Database], stmt: object
) -> None:
    _, _, manager = world
    with pytest.raises(PermissionDeniedError) as info, manager.read() as s:
        s.execute(stmt)  # type: ignore[call-overload]
    assert info.value.role == "carrier_manager" and info.value.operation == "read"


@pytest.mark.parametrize(
    ("role", "hidden"),
    [("viewer", "audit_entries"), ("viewer", "users"), ("clerk", "users"), ("inactive", "plots")],
)
def test_hidden_tables_are_refused(world: tuple[Database, World, Database], role: str, hidden: str) -> None:
    db, w, _ = world
    other = Database(db.url, user_id=w.users[role])
    try:
        with pytest.raises(PermissionDeniedError) as info, other.read() as s:
            if hidden == "audit_entries":
                audit_entries(s)
            elif hidden == "users":
                list_users(s)
            else:
                s.execute(select(func.count()).select_from(_table(hidden)))  # type: ignore[arg-type]
        assert info.value.table == hidden and info.value.operation == "read"
    finally:
        other.dispose()


def _table(name: str) -> object:
    from models.db.base import Base

    return Base.metadata.tables[name]


def test_admin_and_clerk_read_the_ledger_and_the_audit(world: tuple[Database, World, Database]) -> None:
    db, w, _ = world
    for role in ("admin", "clerk"):
        other = Database(db.url, user_id=w.users[role])
        with other.read() as s:
            assert audit_entries(s)
            assert (
                s.scalar(select(func.count()).select_from(QuotaGrant)) == 3
            )  # the grant, an advance and the later grant repaying it
        other.dispose()


@pytest.mark.parametrize("kind_name", ["carriers", "spaces", "tenancies", "usage-reports"])
def test_manager_exports_only_own_carriers(
    world: tuple[Database, World, Database], tmp_path: Path, kind_name: str
) -> None:
    db, _, manager = world
    kind = all_kinds()[kind_name]
    mine, everything = tmp_path / "mine.xlsx", tmp_path / "all.xlsx"
    export_kind(manager, kind, mine)
    export_kind(db, kind, everything)
    text = _cells(mine)
    assert "别人的孵化器" not in text and "C-2" not in text
    assert "别人的孵化器" in _cells(everything) or "C-2" in _cells(everything)


def _cells(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    return " ".join(
        str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v is not None
    )


def test_manager_cannot_import_into_another_carrier(
    world: tuple[Database, World, Database], tmp_path: Path
) -> None:
    db, w, manager = world
    kind = all_kinds()["spaces"]
    path = tmp_path / "spaces.xlsx"
    export_kind(db, kind, path)  # every carrier's spaces
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    floor = next(c.column for c in sheet[1] if str(c.value).startswith("楼层"))
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=floor).value = 9
    book.save(path)
    report = run_import(manager, kind, path)
    assert not report.committed
    assert any(
        p.code in ("incubation.carrier_out_of_scope", "permission.out_of_scope") for p in report.problems
    )
    with db.read() as s:
        assert s.get(Space, w.other_space).floor != 9  # type: ignore[union-attr]


def test_nobody_writes_the_audit_log_through_the_orm(world: tuple[Database, World, Database]) -> None:
    import datetime as dt

    db, w, _ = world
    admin = Database(db.url, user_id=w.users["admin"])
    try:
        with pytest.raises(PermissionDeniedError) as info, admin.write() as s:
            s.add(AuditEntry(at=dt.datetime(2024, 1, 1), actor="x", action="insert", entity="plots"))
        assert (info.value.role, info.value.operation, info.value.table) == (
            "admin",
            "insert",
            "audit_entries",
        )
    finally:
        admin.dispose()
