"""The bureau's own records as a whole: is there any yet, and wiping them for a fresh demo.

"Domain data" is every table except the seeded defaults and the accounts (platforms, rules,
policy documents, choice lists, targets, users, the audit log): what ``landspace demo --force``
clears before it builds the demonstration data again, and what the welcome panel looks for
on first start.
"""

from __future__ import annotations

from sqlalchemy import Table, delete, func, inspect, select
from sqlalchemy.orm import Session

from models.accounts.audit import record_event
from models.changes import AREAS, Changes
from models.schema import metadata

# Seeded or account tables kept by a wipe; everything else is domain data.
KEPT_TABLES = frozenset(
    {
        "platforms",
        "policy_rules",
        "policy_documents",
        "choice_items",
        "targets",
        "users",
        "audit_entries",
        "alembic_version",
    }
)
# The tables that hold a bureau's own records: any row in one and the database is in use.
RECORD_TABLES = (
    "enterprises",
    "quota_grants",
    "plots",
    "buildings",
    "carriers",
    "renewal_projects",
    "efficiency_records",
)


def database_is_empty(session: Session) -> bool:
    """No enterprises, quota grants, plots, buildings, carriers, projects or records."""
    for name in RECORD_TABLES:
        table = metadata.tables.get(name)
        if table is not None and session.scalar(select(func.count()).select_from(table)):
            return False
    return True


def domain_tables(session: Session) -> list[Table]:
    """The schema's domain tables that exist in this database (parents first)."""
    present = set(inspect(session.connection()).get_table_names())
    return [t for t in metadata.sorted_tables if t.name not in KEPT_TABLES and t.name in present]


def domain_row_count(session: Session) -> int:
    return sum(session.scalar(select(func.count()).select_from(t)) or 0 for t in domain_tables(session))


def wipe_domain(session: Session, *, reason: str) -> Changes:
    """Delete every domain record (children first), keeping platforms, rules, lists and
    accounts. Core deletes bypass the ORM's audit hooks, so one audit entry names the tables
    wiped and why."""
    tables = domain_tables(session)
    deleted = domain_row_count(session)
    for table in reversed(tables):
        session.execute(delete(table))
    record_event(
        session,
        action="wipe",
        entity="*",
        record_id=None,
        reason=reason,
        changes={"tables": [t.name for t in tables]},
    )
    session.flush()
    return Changes.of(*AREAS, deleted=deleted)
