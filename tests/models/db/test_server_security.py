"""PostgreSQL mode separates users for real: each person connects as their own role, and the
server refuses — even to raw SQL — what the permission matrix refuses. Against a real server
(``LANDSPACE_TEST_PG_URL``; ``scripts/pg_test_server.sh`` starts one, CI does)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

from models.accounts.server_security import install_server, security_problems, security_statements
from models.accounts.services import assign_carriers, create_user, update_user
from models.database import Database, open_database
from models.errors import DomainError
from models.incubation import services as incubation

D = Decimal
ADMIN_URL = os.environ.get("LANDSPACE_TEST_PG_URL", "")
needs_server = pytest.mark.skipif(
    not ADMIN_URL,
    reason="LANDSPACE_TEST_PG_URL not set: no PostgreSQL server (scripts/pg_test_server.sh starts one)",
)


def test_the_statements_follow_the_matrix_without_a_server() -> None:
    sql = security_statements(
        {
            "quota_grants": ["id", "area_m2"],
            "users": ["id", "username", "password_hash"],
            "usage_reports": ["id", "carrier_id"],
            "audit_entries": ["id"],
        }
    )
    assert 'GRANT SELECT ON "quota_grants" TO "landspace_viewer"' in sql
    assert not any('"quota_grants" TO "landspace_carrier_manager"' in s for s in sql)
    assert not any("password_hash" in s for s in sql if s.startswith("GRANT"))
    assert 'ALTER TABLE audit_entries OWNER TO "landspace_audit"' in sql
    assert any(s.startswith('CREATE POLICY landspace_own_carriers ON "usage_reports"') for s in sql)


class Server:
    def __init__(self, url: str, tag: str) -> None:
        self.url, self.tag = url, tag

    def name(self, who: str) -> str:
        return f"{who}_{self.tag}"

    def as_role(self, who: str) -> Engine:
        return create_engine(make_url(self.url).set(username=self.name(who), password=None))


@pytest.fixture
def server() -> Iterator[Server]:
    if not ADMIN_URL:
        pytest.skip("LANDSPACE_TEST_PG_URL not set")
    tag = uuid.uuid4().hex[:8]
    name = f"landspace_sec_{tag}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
        yield Server(make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False), tag)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for role in (
                conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"), {"p": f"%\\_{tag}"})
                .scalars()
                .all()
            ):
                conn.execute(text(f'DROP ROLE "{role}"'))
    finally:
        admin.dispose()


@pytest.fixture
def installed(server: Server) -> Iterator[tuple[Server, dict[str, int]]]:
    """A migrated, installed database with four accounts and two carriers, the manager's first."""
    db = open_database(server.url, actor="dba")
    try:
        install_server(db.engine)
        assert install_server(db.engine) > 0  # idempotent
        ids: dict[str, int] = {}
        with db.write() as s:
            for who, role in (
                ("boss", "admin"),
                ("clerk", "clerk"),
                ("mgr", "carrier_manager"),
                ("leader", "viewer"),
            ):
                ids[who] = create_user(s, username=server.name(who), password="pass word 1", role=role).ids[0]
            ids["mine"] = incubation.create_carrier(
                s, code="C1", name="我的孵化器", usable_area_m2=D("5000")
            ).ids[0]
            ids["other"] = incubation.create_carrier(
                s, code="C2", name="别人的孵化器", usable_area_m2=D("5000")
            ).ids[0]
            assign_carriers(s, user_id=ids["mgr"], carrier_ids=[ids["mine"]])
            for carrier in ("mine", "other"):
                incubation.save_usage_report(
                    s,
                    carrier_id=ids[carrier],
                    month=dt.date(2025, 5, 1),
                    occupied_area_m2=D("100"),
                    tenants=1,
                    today=dt.date(2025, 6, 1),
                )
        with db.read() as s:
            assert security_problems(s) == []
        yield server, ids
    finally:
        db.dispose()


def _refused(engine: Engine, sql: str) -> str:
    with pytest.raises(DBAPIError) as info, engine.begin() as conn:
        conn.execute(text(sql))
    return str(info.value.orig)


@needs_server
def test_a_carrier_manager_with_raw_sql_sees_and_changes_only_their_carriers(
    installed: tuple[Server, dict[str, int]],
) -> None:
    server, ids = installed
    mgr = server.as_role("mgr")
    try:
        with mgr.connect() as conn:
            assert conn.execute(text("SELECT id FROM carriers")).scalars().all() == [ids["mine"]]
            assert conn.execute(text("SELECT carrier_id FROM usage_reports")).scalars().all() == [ids["mine"]]
            assert conn.execute(text("SELECT username FROM users")).scalars().all() == [server.name("mgr")]
        assert "permission denied" in _refused(mgr, "SELECT password_hash FROM users")
        assert "permission denied" in _refused(mgr, "SELECT * FROM quota_grants")
        assert "permission denied" in _refused(mgr, "SELECT * FROM audit_entries")
        assert "row-level security" in _refused(
            mgr,
            f"INSERT INTO usage_reports (carrier_id, month, occupied_area_m2, tenants, new_tenants, graduated, "  # noqa: E501
            f"\"left\", employees, version) VALUES ({ids['other']}, '2025-04-01', 0, 0, 0, 0, 0, 0, 1)",
        )
        with mgr.begin() as conn:  # another carrier's rows are invisible: an UPDATE touches nothing
            assert (
                conn.execute(
                    text(f"UPDATE usage_reports SET tenants = 9 WHERE carrier_id = {ids['other']}")
                ).rowcount
                == 0
            )
        for sql in (
            "UPDATE audit_entries SET actor = 'x'",
            "DELETE FROM audit_entries",
            "TRUNCATE audit_entries",
        ):
            assert "permission denied" in _refused(mgr, sql) or "append-only" in _refused(mgr, sql)
    finally:
        mgr.dispose()


@needs_server
def test_nobody_but_the_audit_owner_may_change_the_log_and_nobody_reads_a_password(
    installed: tuple[Server, dict[str, int]],
) -> None:
    server, _ids = installed
    for who in ("boss", "clerk", "leader"):
        engine = server.as_role(who)
        try:
            for sql in (
                "UPDATE audit_entries SET actor = 'x'",
                "DELETE FROM audit_entries",
                "TRUNCATE audit_entries",
                "SELECT password_hash FROM users",
            ):
                assert "permission denied" in _refused(engine, sql)
        finally:
            engine.dispose()
    leader = server.as_role("leader")
    try:
        assert "permission denied" in _refused(leader, "INSERT INTO platforms (code, name) VALUES ('X', 'X')")
        with leader.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM quota_grants")).scalar() == 0
    finally:
        leader.dispose()


@needs_server
def test_landspace_connected_as_the_person_knows_them_and_the_server_enforces_their_scope(
    installed: tuple[Server, dict[str, int]],
) -> None:
    server, ids = installed
    url = make_url(server.url).set(username=server.name("mgr")).render_as_string(hide_password=False)
    db = open_database(url)
    try:
        assert db.user_id == ids["mgr"] and db.actor == server.name("mgr") and db.server_login
        with db.write() as s:  # their own carrier: saved, and audited through the SECURITY DEFINER head
            incubation.save_usage_report(
                s,
                carrier_id=ids["mine"],
                month=dt.date(2025, 4, 1),
                occupied_area_m2=D("50"),
                tenants=1,
                today=dt.date(2025, 6, 1),
            )
        with pytest.raises(DomainError), db.write() as s:  # whatever catches it first, a sentence
            incubation.save_usage_report(
                s,
                carrier_id=ids["other"],
                month=dt.date(2025, 4, 1),
                occupied_area_m2=D("50"),
                tenants=1,
                today=dt.date(2025, 6, 1),
            )
    finally:
        db.dispose()
    admin = open_database(server.url)
    try:
        from models.accounts.audit import verify_chain

        with admin.read() as s:
            assert verify_chain(s) == []
    finally:
        admin.dispose()


@needs_server
def test_an_administrator_disables_an_account_and_check_sees_a_wrong_grant(
    installed: tuple[Server, dict[str, int]],
) -> None:
    server, ids = installed
    boss_url = make_url(server.url).set(username=server.name("boss")).render_as_string(hide_password=False)
    boss = open_database(boss_url)
    try:
        with boss.write() as s:
            update_user(s, user_id=ids["clerk"], active=False)
    finally:
        boss.dispose()
    with pytest.raises(DBAPIError, match="not permitted to log in"):
        clerk = server.as_role("clerk")
        try:
            with clerk.connect():
                pass
        finally:
            clerk.dispose()
    dba = create_engine(server.url)
    try:
        with dba.begin() as conn:
            conn.execute(text('GRANT SELECT ON quota_grants TO "landspace_carrier_manager"'))
        db = Database(server.url)
        with db.read() as s:
            assert ("privilege", "landspace_carrier_manager SELECT quota_grants") in security_problems(s)
        db.dispose()
    finally:
        dba.dispose()


@needs_server
def test_install_server_and_check_from_the_command_line(
    server: Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    assert main(["--db", server.url, "check"]) == 0  # not installed: a warning, not an error
    assert "install-server" in capsys.readouterr().out
    monkeypatch.setenv("LANDSPACE_ADMIN_PASSWORD", "first admin 1")
    assert main(["install-server", server.url, "--admin", server.name("first")]) == 0
    assert "行级安全" in capsys.readouterr().out
    as_admin = make_url(server.url).set(username=server.name("first")).render_as_string(hide_password=False)
    assert main(["--db", as_admin, "check"]) == 0
    out = capsys.readouterr().out
    assert "install-server" not in out and "权限" not in out
