from __future__ import annotations

from decimal import Decimal

import pytest

from models.accounts.entities import Role
from models.accounts.permissions import TABLE_SCOPES, can, carrier_scope, require
from models.accounts.services import assign_carriers, create_user
from models.database import Database
from models.errors import PermissionDeniedError
from models.schema import metadata

PW = "correct horse 9"
CARRIER_TABLES = {"carriers", "spaces", "tenancies", "tenancy_spaces", "usage_reports", "user_carriers"}


def test_every_table_is_declared_global_or_carrier_scoped() -> None:
    tables = set(metadata.tables)
    undeclared = tables - set(TABLE_SCOPES)
    assert not undeclared, f"declare these in TABLE_SCOPES: {sorted(undeclared)}"
    assert not set(TABLE_SCOPES) - tables, "TABLE_SCOPES names tables that no longer exist"
    assert {t for t, scope in TABLE_SCOPES.items() if scope == "carrier"} == CARRIER_TABLES


def _expected(role: str, table: str, op: str) -> bool:
    if op == "write" and table == "audit_entries":
        return False
    if role == "admin":
        return True
    if role == "clerk":
        if op == "read":
            return table not in {"users", "user_carriers"}
        return table not in {"users", "user_carriers", "policy_rules", "policy_documents"}
    if role == "viewer":
        return op == "read" and table not in {"users", "user_carriers", "audit_entries"}
    if role == "carrier_manager":
        if table in CARRIER_TABLES:
            return op == "read" or table != "user_carriers"
        return op == "read" and table in {
            "platforms",
            "enterprises",
            "choice_items",
            "policy_rules",
            "policy_documents",
        }
    return False


@pytest.mark.parametrize("role", [r.value for r in Role] + ["", "superuser"])
@pytest.mark.parametrize("op", ["read", "write"])
def test_role_table_operation_matrix(role: str, op: str) -> None:
    for table in sorted(metadata.tables):
        assert can(role, table, op) is _expected(role, table, op), (role, table, op)  # type: ignore[arg-type]


def test_unknown_tables_and_operations_are_denied() -> None:
    assert not can("admin", "no_such_table", "read")
    assert not can("admin", "users", "drop")  # type: ignore[arg-type]
    for op in ("insert", "update", "delete"):  # each write operation is the role's "write"
        for role in ("admin", "clerk", "viewer", "carrier_manager", ""):
            for table in sorted(metadata.tables):
                assert can(role, table, op) is can(role, table, "write"), (role, table, op)


@pytest.fixture
def people(db: Database) -> dict[str, object]:
    from models.incubation.entities import Carrier

    with db.write() as s:
        create_user(s, username="admin", password=PW, role="admin")
        for role in ("clerk", "viewer", "carrier_manager"):
            create_user(s, username=role, password=PW, role=role)
        a = Carrier(code="A", name="载体A", usable_area_m2=Decimal(100))
        b = Carrier(code="B", name="载体B", usable_area_m2=Decimal(100))
        s.add_all([a, b])
        s.flush()
        from models.accounts.queries import list_users

        ids = {u.username: u.id for u in list_users(s)}
        assign_carriers(s, user_id=ids["carrier_manager"], carrier_ids=[a.id])
        return {"ids": ids, "a": a.id, "b": b.id}


def test_require_in_single_user_mode_allows_everything(db: Database) -> None:
    with db.read() as s:
        require(s, table="users", operation="write")
        assert carrier_scope(s) is None


def test_carrier_manager_is_scoped_to_own_carriers(db: Database, people: dict[str, object]) -> None:
    ids = people["ids"]
    assert isinstance(ids, dict)
    mgr = Database(db.url, user_id=ids["carrier_manager"])
    with mgr.read() as s:
        assert carrier_scope(s) == {people["a"]}
        require(s, table="spaces", operation="write", carrier_id=people["a"])  # type: ignore[arg-type]
        require(s, table="carriers", operation="read")
        require(s, table="enterprises", operation="read")
        for kwargs in (
            {"table": "spaces", "operation": "write", "carrier_id": people["b"]},
            {"table": "spaces", "operation": "write"},
            {"table": "carriers", "operation": "read", "carrier_id": people["b"]},
            {"table": "plots", "operation": "read"},
            {"table": "enterprises", "operation": "write"},
        ):
            with pytest.raises(PermissionDeniedError) as info:
                require(s, **kwargs)
            scoped = (
                kwargs["table"] in CARRIER_TABLES and kwargs["operation"] == "write" or "carrier_id" in kwargs
            )
            assert info.value.code == ("permission.out_of_scope" if scoped else "permission.denied")
            assert (info.value.role, info.value.operation, info.value.table) == (
                "carrier_manager",
                kwargs["operation"],
                kwargs["table"],
            )
    mgr.dispose()


def test_other_roles_see_all_carriers_and_inactive_users_nothing(
    db: Database, people: dict[str, object]
) -> None:
    from models.accounts.services import set_active

    ids = people["ids"]
    assert isinstance(ids, dict)
    for name in ("admin", "clerk", "viewer"):
        other = Database(db.url, user_id=ids[name])
        with other.read() as s:
            assert carrier_scope(s) is None
        other.dispose()
    with db.write() as s:
        set_active(s, user_id=ids["clerk"], active=False)
    gone = Database(db.url, user_id=ids["clerk"])
    with gone.read() as s:
        assert carrier_scope(s) == set()
        with pytest.raises(PermissionDeniedError):
            require(s, table="plots", operation="read")
    gone.dispose()
