"""The small read helpers the window used to write as its own SQL, and the demo wipe."""

from __future__ import annotations

from sqlalchemy import select

from models.accounts.entities import AuditEntry
from models.accounts.queries import has_users, role_of
from models.accounts.services import create_user
from models.database import Database
from models.domain_data import database_is_empty, domain_row_count, wipe_domain
from models.efficiency.queries import has_results
from models.enterprises.services import create_enterprise
from models.land import services as land
from models.land.queries import plot_choices, plot_id_by_code
from models.policy.queries import platform_choices

USCC = "91330185MA20000010"


def test_a_new_database_is_empty_until_a_record_is_added(db: Database) -> None:
    with db.read() as s:
        assert database_is_empty(s) and domain_row_count(s) == 0 and not has_results(s)
    with db.write() as s:
        land.create_plot(s, code="QSH-2", name="二号")
    with db.read() as s:
        assert not database_is_empty(s) and domain_row_count(s) == 1


def test_wipe_domain_keeps_platforms_and_says_so_in_the_audit_log(db: Database) -> None:
    with db.write() as s:
        platforms = platform_choices(s)
        land.create_plot(s, code="QSH-2", platform_id=platforms[0][0])
        create_enterprise(s, uscc=USCC, name="杭州甲有限公司")
    with db.write() as s:
        changes = wipe_domain(s, reason="test")
    assert changes.deleted == 2 and changes.touches("land", "enterprises")
    with db.read() as s:
        assert database_is_empty(s) and domain_row_count(s) == 0
        assert platform_choices(s) == platforms
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "wipe")).one()
    assert entry.reason == "test" and "plots" in entry.changes


def test_plot_choices_and_lookup_by_code(db: Database) -> None:
    with db.write() as s:
        land.create_plot(s, code="QSH-B", name="乙")
        land.create_plot(s, code="QSH-A")
    with db.read() as s:
        choices = plot_choices(s)
        assert [label for _id, label in choices] == ["QSH-A", "QSH-B 乙"]
        assert plot_id_by_code(s, "QSH-A") == choices[0][0]
        assert plot_id_by_code(s, "qsh-a") is None and plot_id_by_code(s, "QSH-C") is None


def test_has_users_and_role_of(db: Database) -> None:
    with db.read() as s:
        assert not has_users(s) and role_of(s, None) == "" and role_of(s, 999) == ""
    with db.write() as s:
        uid = create_user(s, username="admin", password="a long password 1", role="admin").ids[0]
    with db.read() as s:
        assert has_users(s) and role_of(s, uid) == "admin"
