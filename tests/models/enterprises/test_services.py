from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from models.database import Database
from models.enterprises import queries, services
from models.errors import ConflictError, DomainError
from models.policy.entities import Platform
from models.uscc import ALPHABET, check_char, fault, normalize

VALID = "91330100799655058B"


def qsh(db: Database) -> int:
    with db.read() as s:
        pid = s.scalar(select(Platform.id).where(Platform.code == "QSH"))
    assert pid is not None
    return pid


def test_known_real_codes_are_valid() -> None:
    assert fault("914403001922038216") is None
    assert fault("91330100799655058B") is None


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_computed_check_char_always_validates(body: str) -> None:
    assert fault(body + check_char(body)) is None


def test_normalize_handles_full_width_lower_case_and_spaces() -> None:
    assert normalize(" ９１３３０１００７９９６５５０５８ｂ ") == VALID


def test_create_normalises_and_lists(db: Database) -> None:
    with db.write() as s:
        ch = services.create_enterprise(
            s,
            uscc=VALID.lower(),
            name=" 杭州测试科技有限公司 ",
            platform_id=qsh(db),
            industry_chain="集成电路",
        )
    assert ch.created == 1 and ch.touches("enterprises")
    with db.read() as s:
        rows = queries.list_enterprises(s)
    assert [(r.uscc, r.name, r.platform_name) for r in rows] == [
        (VALID, "杭州测试科技有限公司", "青山湖科技城")
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("91330100799655058", "uscc.bad_length"),
        ("91330100799655058I", "uscc.bad_character"),
        ("91330100799655058C", "uscc.bad_checksum"),
    ],
)
def test_bad_codes_are_refused_with_the_reason(db: Database, code: str, expected: str) -> None:
    with pytest.raises(DomainError) as err, db.write() as s:
        services.create_enterprise(s, uscc=code, name="某公司")
    assert err.value.code == expected


def test_checksum_failure_can_be_lowered_but_length_cannot(db: Database) -> None:
    with db.write() as s:
        services.create_enterprise(s, uscc="91330100799655058C", name="试点企业", allow_bad_checksum=True)
    with pytest.raises(DomainError), db.write() as s:
        services.create_enterprise(s, uscc="9133010079965505", name="x", allow_bad_checksum=True)


def test_duplicate_unknown_chain_and_stale_version_are_refused(db: Database) -> None:
    with db.write() as s:
        services.create_enterprise(s, uscc=VALID, name="甲")
    with pytest.raises(DomainError) as dup, db.write() as s:
        services.create_enterprise(s, uscc=VALID, name="乙")
    assert dup.value.code == "enterprise.duplicate_uscc"
    with pytest.raises(DomainError) as chain, db.write() as s:
        services.create_enterprise(s, uscc="914403001922038216", name="丙", industry_chain="造船")
    assert chain.value.code == "enterprise.unknown_industry_chain"
    with db.read() as s:
        row = queries.list_enterprises(s)[0]
    with db.write() as s:
        services.update_enterprise(s, enterprise_id=row.id, version=row.version, name="甲二")
    with pytest.raises(ConflictError), db.write() as s:
        services.update_enterprise(s, enterprise_id=row.id, version=row.version, name="甲三")
    with db.read() as s:
        assert queries.get_enterprise(s, row.id).name == "甲二"


def test_upsert_twice_changes_nothing_the_second_time(db: Database) -> None:
    kwargs = dict(uscc=VALID, name="甲", platform_id=qsh(db), industry_chain="高端装备")
    with db.write() as s:
        first = services.upsert_enterprise(s, **kwargs)  # type: ignore[arg-type]
    with db.write() as s:
        second = services.upsert_enterprise(s, **kwargs)  # type: ignore[arg-type]
    assert (first.created, first.updated) == (1, 0)
    assert (second.created, second.updated) == (0, 0)
