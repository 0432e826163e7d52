from __future__ import annotations

import datetime as dt

import pytest

from models.accounts.queries import AuditFilter, audit_entries
from models.database import Database
from models.errors import DomainError, PermissionDeniedError
from models.policy.queries import choice_values, list_choices, list_rules
from models.policy.rules import rule_in_force
from models.policy.seed import POLICY_DOC
from models.policy.services import add_choice, add_rule_version, move_choice, update_choice

KEY = "quota.priority_order"


def test_seeded_rule_is_listed_with_its_document(db: Database) -> None:
    with db.read() as s:
        rows = list_rules(s, key=KEY)
    assert len(rows) == 1
    assert rows[0].document_no == POLICY_DOC and rows[0].clause == "六(十)"
    assert rows[0].effective_from == dt.date(2023, 12, 1) and rows[0].effective_to is None
    assert rows[0].value == ["QSH"]  # the Science City first; the other main platforms as a group after it


def test_new_version_closes_the_old_one_and_never_overwrites_it(db: Database) -> None:
    with db.write() as s:
        changes = add_rule_version(
            s,
            key=KEY,
            value=["GXY", "QSH", "LL", "YQ"],
            effective_from=dt.date(2026, 1, 1),
            document_no="临政函〔2025〕12号",
            clause="三",
        )
    assert changes.touches("policy") and changes.created == 1 and changes.updated == 1
    with db.read() as s:
        rows = list_rules(s, key=KEY)
        assert [(r.effective_from, r.effective_to, r.document_no) for r in rows] == [
            (dt.date(2026, 1, 1), None, "临政函〔2025〕12号"),
            (dt.date(2023, 12, 1), dt.date(2025, 12, 31), POLICY_DOC),
        ]
        assert rows[0].title == rows[1].title  # carried over
        old = rule_in_force(s, KEY, on=dt.date(2025, 6, 1))
        new = rule_in_force(s, KEY, on=dt.date(2026, 6, 1))
        assert old is not None and old.value[0] == "QSH" and old.document_no == POLICY_DOC
        assert new is not None and new.value[0] == "GXY"
        audit = audit_entries(s, AuditFilter(entity="policy_rules"))
        assert audit[0].action in ("insert", "update") and len(audit) >= 3


@pytest.mark.parametrize(
    ("start", "doc", "code"),
    [
        (dt.date(2023, 12, 1), "X号", "policy.version_not_after"),
        (dt.date(2020, 1, 1), "X号", "policy.version_not_after"),
        (dt.date(2027, 1, 1), "  ", "policy.document_required"),
    ],
)
def test_bad_versions_are_refused(db: Database, start: dt.date, doc: str, code: str) -> None:
    with pytest.raises(DomainError) as info, db.write() as s:
        add_rule_version(s, key=KEY, value=[], effective_from=start, document_no=doc)
    assert info.value.code == code
    if code == "policy.version_not_after":
        assert info.value.fields["latest_from"] == dt.date(2023, 12, 1)
        assert info.value.fields["document_no"] == POLICY_DOC


def test_platform_scoped_versions_are_separate(db: Database) -> None:
    with db.read() as s:
        qsh = next(
            p
            for p in __import__("models.policy.queries", fromlist=["x"]).list_platforms(s)
            if p.code == "QSH"
        )
    with db.write() as s:
        add_rule_version(
            s,
            key="test.scoped_ratio",
            value="0.5",
            effective_from=dt.date(2024, 1, 1),
            document_no="示例",
            is_example=True,
        )
        add_rule_version(
            s,
            key="test.scoped_ratio",
            value="0.3",
            effective_from=dt.date(2024, 1, 1),
            document_no="示例",
            platform_id=qsh.id,
        )
    with db.read() as s:
        rows = list_rules(s, key="test.scoped_ratio")
        assert {(r.platform_name, r.value, r.effective_to) for r in rows} == {
            ("", "0.5", None),
            ("青山湖科技城", "0.3", None),
        }


def test_only_admins_add_rule_versions(db: Database) -> None:
    from models.accounts.queries import list_users
    from models.accounts.services import create_user

    with db.write() as s:
        create_user(s, username="admin", password="password 1", role="admin")
        create_user(s, username="clerk", password="password 1", role="clerk")
        ids = {u.username: u.id for u in list_users(s)}
    clerk = Database(db.url, user_id=ids["clerk"])
    with pytest.raises(PermissionDeniedError), clerk.write() as s:
        add_rule_version(s, key=KEY, value=[], effective_from=dt.date(2027, 1, 1), document_no="X")
    with clerk.write() as s:  # but clerks edit choice lists
        add_choice(s, category="industry_chain", value="新材料")
    clerk.dispose()


def test_choice_lists_are_edited_in_place(db: Database) -> None:
    with db.write() as s:
        add_choice(s, category="industry_chain", value=" 新材料 ", label_en="New materials")
    with pytest.raises(DomainError) as info, db.write() as s:
        add_choice(s, category="industry_chain", value="新材料")
    assert info.value.code == "policy.choice_exists"
    with db.read() as s:
        assert choice_values(s, "industry_chain") == ("高端装备", "集成电路", "生命健康", "其他", "新材料")
        item = next(c for c in list_choices(s, "industry_chain") if c.value == "新材料")
        other = next(c for c in list_choices(s, "industry_chain") if c.value == "其他")
    with db.write() as s:
        move_choice(s, choice_id=item.id, offset=-1)
    with pytest.raises(DomainError) as info, db.write() as s:  # the move changed "其他" too
        update_choice(s, choice_id=other.id, version=other.version, active=False)
    assert info.value.code == "record.changed_by_other"
    with db.read() as s:
        other = next(c for c in list_choices(s, "industry_chain") if c.value == "其他")
    with db.write() as s:
        update_choice(s, choice_id=other.id, version=other.version, active=False)
    with db.read() as s:
        assert choice_values(s, "industry_chain") == ("高端装备", "集成电路", "生命健康", "新材料")
    with pytest.raises(DomainError) as info, db.write() as s:  # stale version
        update_choice(s, choice_id=other.id, version=other.version, value="其它")
    assert info.value.code == "record.changed_by_other"
