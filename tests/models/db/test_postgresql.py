"""PostgreSQL mode against a real server (DESIGN §3: "same code, same migrations").

Runs when ``LANDSPACE_TEST_PG_URL`` names a server's admin database, e.g.
``postgresql+psycopg://postgres@127.0.0.1:55432/postgres`` — ``scripts/pg_test_server.sh``
starts a throw-away one and prints that URL, and ``.ci/run`` does so. Each test gets a
database of its own, dropped afterwards. Without the variable every test here skips,
saying so.
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from models.database import Database

ADMIN_URL = os.environ.get("LANDSPACE_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(
    not ADMIN_URL,
    reason="LANDSPACE_TEST_PG_URL not set: no PostgreSQL server (scripts/pg_test_server.sh starts one)",
)


@pytest.fixture
def pg_url() -> Iterator[str]:
    name = f"landspace_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
        yield make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def pg(pg_url: str) -> Iterator[Database]:
    from models.database import open_database

    database = open_database(pg_url, actor="测试")
    yield database
    database.dispose()


def test_migrations_seed_once_and_reopen_unchanged(pg_url: str) -> None:
    from models.database import open_database
    from models.policy.entities import Platform, PolicyRule

    first = open_database(pg_url, actor="测试")
    try:
        with first.read() as s:
            platforms = s.scalars(select(Platform).order_by(Platform.priority, Platform.id)).all()
            rules = s.scalar(select(func.count()).select_from(PolicyRule))
        assert len(platforms) == 4 and platforms[0].name == "青山湖科技城"
        assert rules and rules > 0
    finally:
        first.dispose()
    again = open_database(pg_url, actor="测试")
    try:
        with again.read() as s:
            assert s.scalar(select(func.count()).select_from(Platform)) == 4
            assert s.scalar(select(func.count()).select_from(PolicyRule)) == rules
    finally:
        again.dispose()


def test_audit_is_chained_and_append_only(pg: Database) -> None:
    from models.accounts.audit import verify_chain
    from models.accounts.entities import AuditEntry
    from models.enterprises.demo import demo_uscc
    from models.enterprises.services import create_enterprise, delete_enterprise, update_enterprise

    code = demo_uscc(random.Random(1))
    with pg.write() as s:
        eid = create_enterprise(s, uscc=code, name="杭州“引号”%s有限公司").ids[0]
    with pg.write() as s:
        update_enterprise(s, enterprise_id=eid, version=1, address="大园路 1 号\n二楼")
    with pg.write() as s:
        delete_enterprise(s, enterprise_id=eid, version=2)
    with pg.read() as s:
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "enterprises").order_by(AuditEntry.id)
        ).all()
        assert actions == ["insert", "update", "delete"]
        assert verify_chain(s) == []
    for statement in (
        "UPDATE audit_entries SET actor = 'x'",
        "DELETE FROM audit_entries",
        "TRUNCATE audit_entries",
    ):
        with pytest.raises(DBAPIError, match="append-only"), pg.engine.begin() as conn:
            conn.execute(text(statement))
    from models.accounts.anchors import missing_triggers

    with pg.read() as s:
        assert missing_triggers(s) == []
    with pg.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_truncate"))
    with pg.read() as s:
        assert missing_triggers(s) == ["audit_entries_no_truncate"]


def test_a_stale_version_is_refused(pg: Database) -> None:
    from models.enterprises.demo import demo_uscc
    from models.enterprises.services import create_enterprise, update_enterprise
    from models.errors import ConflictError

    with pg.write() as s:
        eid = create_enterprise(s, uscc=demo_uscc(random.Random(2)), name="甲公司").ids[0]
    with pg.write() as s:
        update_enterprise(s, enterprise_id=eid, version=1, name="甲公司（一）")
    with pytest.raises(ConflictError), pg.write() as s:
        update_enterprise(s, enterprise_id=eid, version=1, name="甲公司（二）")  # a second clerk, too late


def test_a_large_roster_imports_in_bulk_audited_and_twice_changes_nothing(
    pg: Database, tmp_path: Path
) -> None:
    from models.accounts.audit import verify_chain
    from models.accounts.entities import AuditEntry
    from models.enterprises.demo import demo_uscc
    from models.enterprises.exchange import BULK_THRESHOLD, ENTERPRISES
    from models.enterprises.queries import list_enterprises
    from models.exchange.importer import run_import
    from models.exchange.writer import export_kind
    from tests.models.exchange.helpers import write_xlsx

    n = BULK_THRESHOLD + 100
    rng = random.Random(3)
    rows: list[list[object]] = [["统一社会信用代码", "企业名称", "所属平台", "产业链", "是否制造业", "备注"]]
    rows += [
        [
            demo_uscc(rng),
            f"杭州第{i}号有限公司",
            rng.choice(["科技城", "QSH", None]),
            rng.choice(["高端装备", None]),
            rng.choice(["是", "否"]),
            '说明：“引号”"x" %s' if i == 7 else None,
        ]
        for i in range(n)
    ]
    path = write_xlsx(tmp_path / "roster.xlsx", rows)
    report = run_import(pg, ENTERPRISES, path)
    assert report.committed and report.created == n, report.problems[:3]
    with pg.read() as s:
        assert len(list_enterprises(s)) == n
        audited = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity == "enterprises", AuditEntry.action == "insert")
        )
        assert audited == n
        assert verify_chain(s) == []
    again = run_import(pg, ENTERPRISES, path)
    assert again.committed and (again.created, again.updated, again.unchanged) == (0, 0, n)
    out = tmp_path / "out.xlsx"
    export_kind(pg, ENTERPRISES, out)
    back = run_import(pg, ENTERPRISES, out)
    assert back.committed and back.unchanged == n
    # The bulk ids came from the table's own sequence: ordinary saves afterwards do not collide.
    from models.enterprises.services import create_enterprise
    from models.uscc import check_char

    for i in range(3):
        body = f"91330185MA{i:07d}"
        with pg.write() as s:
            create_enterprise(s, uscc=body + check_char(body), name=f"新企业{i}")
    with pg.read() as s:
        assert len(list_enterprises(s)) == n + 3


def test_the_command_line_runs_on_postgresql(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    assert main(["--db", pg_url, "demo"]) == 0
    bare = pg_url.replace("postgresql+psycopg://", "postgresql://")  # as a clerk would type it
    assert main(["--db", bare, "check"]) == 0
    assert main(["--db", pg_url, "export", "enterprises", str(tmp_path / "e.xlsx")]) == 0
    assert main(["--db", pg_url, "import", "enterprises", str(tmp_path / "e.xlsx")]) == 0
    assert main(["--db", pg_url, "report", "2024", str(tmp_path / "r.xlsx")]) == 0
    assert main(["--db", pg_url, "backup", str(tmp_path / "b.sqlite3")]) == 1  # the server's own tools
    assert "请用数据库服务器自带的备份工具" in capsys.readouterr().err


def test_a_dropped_server_connection_is_reconnected_or_said_plainly(pg: Database) -> None:
    """After a server restart (here: every backend of the database terminated) the next
    action works (pre-ping), and a connection lost mid-transaction is a sentence."""
    from models.errors import DomainError
    from models.policy.entities import Platform

    with pg.read() as s:
        assert s.scalar(select(func.count()).select_from(Platform)) == 4
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = pg.engine.url.database

    def kill() -> None:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d "
                    "AND pid <> pg_backend_pid()"
                ),
                {"d": name},
            )

    try:
        kill()
        with pg.read() as s:  # the pooled connection is dead: pre-ping replaces it
            assert s.scalar(select(func.count()).select_from(Platform)) == 4
        with pytest.raises(DomainError) as info, pg.write() as s:
            s.scalar(select(func.count()).select_from(Platform))
            kill()
            s.add(Platform(code="LOST", name="断线"))
            s.flush()
        assert info.value.code == "database.connection_lost"
        with pg.write() as s:
            s.add(Platform(code="BACK", name="重连"))
    finally:
        admin.dispose()
