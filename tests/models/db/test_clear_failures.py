"""Failures a clerk meets are sentences, never tracebacks, on both backends."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from models.database import Database
from models.enterprises import services as enterprises
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.incubation import services as incubation
from models.incubation import tenancy_services as tenancies
from tests.models.buildings.helpers import uscc

D = Decimal


def test_deleting_an_enterprise_others_refer_to_says_what_refers_and_the_session_goes_on(
    shared_db: Database,
) -> None:
    with shared_db.write() as s:
        eid = enterprises.create_enterprise(s, uscc=uscc(1), name="杭州甲公司").ids[0]
        cid = incubation.create_carrier(s, code="C1", name="孵化器", usable_area_m2=D("1000")).ids[0]
        tenancies.create_tenancy(
            s, carrier_id=cid, enterprise_id=eid, start_on=dt.date(2025, 1, 1), area_m2=D("100")
        )
    with shared_db.write() as s:
        version = s.get(Enterprise, eid).version  # type: ignore[union-attr]
        with pytest.raises(DomainError) as info:
            enterprises.delete_enterprise(s, enterprise_id=eid, version=version)
        assert info.value.code == "record.in_use"
        assert info.value.fields["ref_table"] == "tenancies" and info.value.fields["count"] == 1
        # The transaction is still usable: the clerk's next action in it works.
        assert s.scalar(select(Enterprise.name).where(Enterprise.id == eid)) == "杭州甲公司"
    with shared_db.write() as s:
        free = enterprises.create_enterprise(s, uscc=uscc(2), name="杭州乙公司").ids[0]
        enterprises.delete_enterprise(s, enterprise_id=free, version=1)
    with shared_db.read() as s:
        assert s.scalar(select(Enterprise.id).where(Enterprise.id == free)) is None


def test_the_in_use_message_names_the_records_in_chinese() -> None:
    from desktop.i18n import set_language
    from desktop.messages import render
    from models.errors import Problem

    set_language("zh")
    text = render(
        Problem(
            "record.in_use",
            {"table": "enterprises", "name": "甲", "ref_table": "tenancies", "count": 3, "others": 0},
        )
    )
    assert "3 条在孵企业记录" in text and "tenancies" not in text


@pytest.mark.parametrize(
    ("name", "note", "code"),
    [
        ("杭州\x00公司", "", "text.invalid_character"),
        ("杭州\ud800公司", "", "text.invalid_character"),
        ("杭州公司", "备注" * 1001, "text.too_long"),
        ("杭" * 201, "", "text.too_long"),
    ],
)
def test_text_that_cannot_be_stored_or_exported_is_refused_with_a_message(
    shared_db: Database, name: str, note: str, code: str
) -> None:
    with pytest.raises(DomainError) as info, shared_db.write() as s:
        enterprises.create_enterprise(s, uscc=uscc(3), name=name, note=note)
    assert info.value.code == code
    assert info.value.fields["table"] == "enterprises"
    with shared_db.read() as s:
        assert s.scalar(select(Enterprise.id).where(Enterprise.uscc == uscc(3))) is None


def test_a_note_of_two_thousand_characters_is_kept_whole(shared_db: Database) -> None:
    with shared_db.write() as s:
        eid = enterprises.create_enterprise(s, uscc=uscc(4), name="杭州丙公司", note="注" * 2000).ids[0]
    with shared_db.read() as s:
        assert s.scalar(select(Enterprise.note).where(Enterprise.id == eid)) == "注" * 2000


def test_text_limit_messages_name_the_field_in_chinese() -> None:
    from desktop.i18n import set_language
    from desktop.messages import render
    from models.errors import Problem

    set_language("zh")
    text = render(
        Problem("text.too_long", {"table": "enterprises", "field": "note", "length": 2002, "limit": 2000})
    )
    assert "备注" in text and "2,000" not in text and "2000" in text
    text = render(
        Problem("text.invalid_character", {"table": "enterprises", "field": "name", "character": "NUL"})
    )
    assert "名称" in text


def test_anything_else_the_database_refuses_is_a_sentence(shared_db: Database) -> None:
    from sqlalchemy import text

    with pytest.raises(DomainError) as info, shared_db.write() as s:
        s.execute(text("INSERT INTO platforms (id, code, name) VALUES (1, 'DUP', 'duplicate id')"))
    assert info.value.code == "database.refused"
    assert info.value.fields["detail"]
