"""PostgreSQL mode: the database server, not the client, separates users.

In SQLite mode whoever holds the file can bypass every rule (the application prevents
mistakes and the audit detects tampering). On a PostgreSQL server LandSpace sets up real
separation, derived from the same role × table × operation matrix the application
enforces (``models.accounts.permissions``), so the two can never disagree:

- four NOLOGIN group roles (``landspace_admin`` … ``landspace_viewer``); every LandSpace
  account is a PostgreSQL LOGIN role of the same name, member of its group, created,
  re-grouped, disabled and given a password by an administrator from the users page
  (``sync_login_role``); the window and the command line connect as the person;
- ``GRANT`` per table and group exactly as ``can()`` says (read → SELECT, write → INSERT,
  UPDATE, DELETE), nothing to PUBLIC; ``users.password_hash`` is readable by no group
  (passwords live in the server; column privileges leave that column out);
- row-level security on every carrier-scoped table: a carrier manager's rows are those of
  their own carriers (``landspace_my_carriers()``, a SECURITY DEFINER function), whatever
  SQL they send; every other group sees all rows its GRANTs allow;
- the audit log belongs to ``landspace_audit`` (NOLOGIN): the groups may read it (as the
  matrix says) and append to it, nobody but its owner may UPDATE, DELETE or TRUNCATE it,
  and the append-only triggers stay in place besides.

``install_server(engine)`` applies all of this idempotently as the server's administrator
(``landspace install-server URL``); ``security_problems`` lets ``landspace check`` verify it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from models.accounts.entities import Role
from models.accounts.permissions import TABLE_SCOPES, Operation, can
from models.errors import DomainError

GROUPS: dict[str, str] = {
    Role.ADMIN.value: "landspace_admin",
    Role.CLERK.value: "landspace_clerk",
    Role.CARRIER_MANAGER.value: "landspace_carrier_manager",
    Role.VIEWER.value: "landspace_viewer",
}
AUDIT_OWNER = "landspace_audit"
PRIVATE_COLUMNS = {"users": ("password_hash",)}
# How each carrier-scoped table names its carrier (SQL over the table's own columns).
CARRIER_OF: dict[str, str] = {
    "carriers": "id",
    "spaces": "carrier_id",
    "tenancies": "carrier_id",
    "usage_reports": "carrier_id",
    "user_carriers": "carrier_id",
    "tenancy_spaces": "(SELECT t.carrier_id FROM tenancies t WHERE t.id = tenancy_id)",
}
WRITE_PRIVILEGES = ("INSERT", "UPDATE", "DELETE")
_READ: Operation = "read"
_WRITE: Operation = "write"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(conn: Connection, table: str) -> list[str]:
    return list(
        conn.execute(
            text(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = :t ORDER BY ordinal_position"
            ),
            {"t": table},
        ).scalars()
    )


def _may_read(role: str, table: str) -> bool:
    """The matrix, plus one row of ``users`` for everyone: their own (row-level security), so
    the application can tell who is connected and what their role is."""
    return table == "users" or can(role, table, "read")


def security_statements(columns: dict[str, Sequence[str]]) -> list[str]:
    """The SQL that sets up roles, grants, row-level security and the audit owner, for the
    tables in ``columns`` (table → its columns). Idempotent: run again, it changes nothing."""
    out = [
        f"DO $$ BEGIN CREATE ROLE {_q(g)} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        for g in (*GROUPS.values(), AUDIT_OWNER)
    ]
    groups = ", ".join(_q(g) for g in GROUPS.values())
    out += [
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {groups}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {groups}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {groups}",
        f"GRANT SELECT ON alembic_version TO {groups}",
    ]
    for table, cols in columns.items():
        private = PRIVATE_COLUMNS.get(table, ())
        public_cols = ", ".join(_q(c) for c in cols if c not in private)
        for role, group in GROUPS.items():
            if _may_read(role, table):
                out.append(
                    f"GRANT SELECT ({public_cols}) ON {_q(table)} TO {_q(group)}"
                    if private
                    else f"GRANT SELECT ON {_q(table)} TO {_q(group)}"
                )
            if can(role, table, "write"):
                if private:
                    out.append(
                        f"GRANT INSERT ({public_cols}), UPDATE ({public_cols}), DELETE ON {_q(table)} "
                        f"TO {_q(group)}"
                    )
                else:
                    out.append(f"GRANT {', '.join(WRITE_PRIVILEGES)} ON {_q(table)} TO {_q(group)}")
    # The audit log: owned apart, appended to by everyone, changed by no one.
    out += [
        f"ALTER TABLE audit_entries OWNER TO {_q(AUDIT_OWNER)}",
        f"GRANT INSERT ON audit_entries TO {groups}",
        "ALTER FUNCTION audit_entries_append_only() OWNER TO " + _q(AUDIT_OWNER),
        "ALTER FUNCTION landspace_audit_head() OWNER TO " + _q(AUDIT_OWNER),
        "REVOKE ALL ON FUNCTION landspace_audit_head() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION landspace_audit_head() TO {groups}",
    ]
    out.append(
        "CREATE OR REPLACE FUNCTION landspace_my_carriers() RETURNS SETOF integer LANGUAGE sql STABLE "
        "SECURITY DEFINER SET search_path = public AS $$ SELECT uc.carrier_id FROM user_carriers uc "
        "JOIN users u ON u.id = uc.user_id WHERE u.username = session_user AND u.active $$"
    )
    out += [
        "REVOKE ALL ON FUNCTION landspace_my_carriers() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION landspace_my_carriers() TO {groups}",
        "CREATE OR REPLACE FUNCTION landspace_whoami() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER "
        "SET search_path = public AS $$ SELECT id FROM users WHERE username = session_user AND active $$",
        "REVOKE ALL ON FUNCTION landspace_whoami() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION landspace_whoami() TO {groups}",
    ]
    admins = _q(GROUPS[Role.ADMIN.value])
    non_admins = ", ".join(_q(g) for r, g in GROUPS.items() if r != Role.ADMIN.value)
    out += [
        "ALTER TABLE users ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS landspace_all_rows ON users",
        f"CREATE POLICY landspace_all_rows ON users FOR ALL TO {admins} USING (true) WITH CHECK (true)",
        "DROP POLICY IF EXISTS landspace_own_row ON users",
        f"CREATE POLICY landspace_own_row ON users FOR SELECT TO {non_admins} USING (username = session_user)",  # noqa: E501
    ]
    manager = _q(GROUPS[Role.CARRIER_MANAGER.value])
    others = ", ".join(_q(g) for r, g in GROUPS.items() if r != Role.CARRIER_MANAGER.value)
    for table, carrier in CARRIER_OF.items():
        if table not in columns:
            continue
        mine = f"{carrier} IN (SELECT landspace_my_carriers())"
        if table == "user_carriers":
            mine += " AND user_id = landspace_whoami()"
        out += [
            f"ALTER TABLE {_q(table)} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS landspace_all_rows ON {_q(table)}",
            f"CREATE POLICY landspace_all_rows ON {_q(table)} FOR ALL TO {others} USING (true) WITH CHECK (true)",  # noqa: E501
            f"DROP POLICY IF EXISTS landspace_own_carriers ON {_q(table)}",
            f"CREATE POLICY landspace_own_carriers ON {_q(table)} FOR ALL TO {manager} USING ({mine}) "
            f"WITH CHECK ({mine})",
        ]
    return out


def install_server(engine: Engine) -> int:
    """Apply ``security_statements`` in one transaction as the server's administrator (the
    schema must be migrated first: ``open_database`` does it). Returns the statement count."""
    if engine.dialect.name != "postgresql":
        raise DomainError("server.not_postgresql")
    with engine.begin() as conn:
        tables = [t for t in TABLE_SCOPES if _columns(conn, t)]
        statements = security_statements({t: _columns(conn, t) for t in tables})
        for statement in statements:
            conn.exec_driver_sql(statement.replace("%", "%%"))
    return len(statements)


def security_problems(session: Session) -> list[tuple[str, str]]:  # noqa: C901, PLR0912  one check per PostgreSQL hardening rule, each a branch
    """(what, where) for every grant or policy that is not as ``install_server`` sets it:
    ``not_installed`` (install-server never ran: users are not separated at all), ``role``
    (a group missing), ``privilege`` (a group may do more or less than the matrix), ``rls``
    (row-level security off or a policy missing), ``audit_owner``. Empty on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return []
    problems: list[tuple[str, str]] = []
    existing = set(session.scalars(text("SELECT rolname FROM pg_roles WHERE rolname LIKE 'landspace_%'")))
    if not set(GROUPS.values()) & existing or not session.scalar(
        text("SELECT to_regproc('landspace_whoami') IS NOT NULL")
    ):
        return [("not_installed", "")]
    missing_groups = [g for g in GROUPS.values() if g not in existing]
    problems += [("role", g) for g in missing_groups]
    if missing_groups:
        return problems
    for table in TABLE_SCOPES:
        present = session.scalar(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": table})
        if not present:
            continue
        for role, group in GROUPS.items():
            for op, privileges in ((_READ, ("SELECT",)), (_WRITE, WRITE_PRIVILEGES)):
                allowed = _may_read(role, table) if op == "read" else can(role, table, op)
                for privilege in privileges:
                    want = allowed or (table == "audit_entries" and privilege == "INSERT")  # append only
                    has = bool(
                        session.scalar(
                            text("SELECT has_table_privilege(:g, :t, :p)"),
                            {"g": group, "t": table, "p": privilege},
                        )
                    )
                    if table in PRIVATE_COLUMNS and privilege != "DELETE":
                        has = has or bool(
                            session.scalar(
                                text("SELECT has_any_column_privilege(:g, :t, :p)"),
                                {"g": group, "t": table, "p": privilege},
                            )
                        )
                    if has != want:
                        problems.append(("privilege", f"{group} {privilege} {table}"))
        for column in PRIVATE_COLUMNS.get(table, ()):
            for group in GROUPS.values():
                if session.scalar(
                    text("SELECT has_column_privilege(:g, :t, :c, 'SELECT')"),
                    {"g": group, "t": table, "c": column},
                ):
                    problems.append(("privilege", f"{group} SELECT {table}.{column}"))
    wanted = {t: {"landspace_all_rows", "landspace_own_carriers"} for t in CARRIER_OF}
    wanted["users"] = {"landspace_all_rows", "landspace_own_row"}
    for table, names in wanted.items():
        row = session.execute(
            text("SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass(:t)"), {"t": table}
        ).first()
        if row is None:
            continue
        policies = set(
            session.scalars(text("SELECT policyname FROM pg_policies WHERE tablename = :t"), {"t": table})
        )
        if not row[0] or not names <= policies:
            problems.append(("rls", table))
    owner = session.scalar(text("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_entries'"))
    if owner != AUDIT_OWNER:
        problems.append(("audit_owner", str(owner)))
    return problems


def sync_login_role(
    session: Session,
    *,
    username: str,
    role: str,
    active: bool,
    password: str | None = None,
    own: bool = False,
) -> None:
    """Make the PostgreSQL login role of a LandSpace account match it: created if missing,
    member of exactly its group, LOGIN only while active, the new password if one is given.
    Runs in the caller's transaction (the administrator's connection: an administrator's own
    login role has CREATEROLE); ``own=True``: a user changing their own password (PostgreSQL lets any role
    do that for itself, nothing more). A no-op on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return
    name = _q(username)
    conn = session.connection()
    if own:
        if password is not None:
            literal = conn.exec_driver_sql("SELECT quote_literal(%(p)s)", {"p": password}).scalar_one()
            conn.exec_driver_sql(f"ALTER ROLE {name} PASSWORD {literal}".replace("%", "%%"))
        return
    exists = session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": username})
    if not exists:
        conn.exec_driver_sql(f"CREATE ROLE {name} NOLOGIN")
    member_of = set(
        session.scalars(
            text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"
            ),
            {"n": username},
        )
    )
    for other_role, group in GROUPS.items():
        if other_role == role and group not in member_of:
            # Administrators hold their group WITH ADMIN OPTION: PostgreSQL lets only such a
            # member (or a superuser) grant or revoke it, so they can make other administrators.
            admin_option = " WITH ADMIN OPTION" if role == Role.ADMIN.value else ""
            conn.exec_driver_sql(f"GRANT {_q(group)} TO {name}{admin_option}")
        elif other_role != role and group in member_of:
            conn.exec_driver_sql(f"REVOKE {_q(group)} FROM {name}")
    # Role attributes are not inherited from groups: an administrator's own login role must
    # be allowed to create, alter and disable the other accounts' roles.
    may_create = "CREATEROLE" if role == Role.ADMIN.value else "NOCREATEROLE"
    conn.exec_driver_sql(f"ALTER ROLE {name} {'LOGIN' if active else 'NOLOGIN'} {may_create}")
    if password is not None:
        literal = conn.exec_driver_sql("SELECT quote_literal(%(p)s)", {"p": password}).scalar_one()
        conn.exec_driver_sql(f"ALTER ROLE {name} PASSWORD {literal}".replace("%", "%%"))


def connected_user_id(session: Session) -> int | None:
    """The LandSpace account of the PostgreSQL role this connection logged in as, if any."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    if not session.scalar(text("SELECT to_regproc('landspace_whoami') IS NOT NULL")):
        return None  # a server that install-server has not set up
    found = session.scalar(text("SELECT landspace_whoami()"))
    return int(found) if found is not None else None
