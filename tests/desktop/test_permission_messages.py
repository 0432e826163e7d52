"""A refusal reads as a sentence naming the role, the action and the record kind — in the
window and on the command line — never as a raw code or a word like "write"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.cli import _render
from desktop.i18n import set_language
from desktop.messages import render
from desktop.messages.labels import OPERATION_LABELS, ROLE_LABELS, TABLE_LABELS
from models.accounts.permissions import TABLE_SCOPES, denied
from models.schema import metadata


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh")


def test_chinese_sentence_names_role_action_and_record_kind() -> None:
    set_language("zh")
    err = denied("carrier_manager", "insert", "quota_grants")
    assert (err.role, err.operation, err.table) == ("carrier_manager", "insert", "quota_grants")
    assert render(err.problems[0]) == "载体管理员 无权新增 用地指标下达 记录"
    assert render(denied("viewer", "delete", "plots").problems[0]) == "只读用户 无权删除 地块 记录"
    assert render(denied("", "read", "plots").problems[0]) == "已停用或未知的用户 无权查看 地块 记录"
    assert (
        render(denied("carrier_manager", "update", "spaces", carrier_id=7).problems[0])
        == "载体管理员 无权修改不属于其管理载体的 载体空间 记录"
    )
    assert _render(err.problems[0]) == render(err.problems[0])  # the command line says the same


def test_english_sentence(english: None) -> None:
    assert (
        render(denied("clerk", "update", "users").problems[0]) == "Clerk: not allowed to change user records"
    )


def test_every_table_role_and_operation_has_a_name() -> None:
    assert set(TABLE_LABELS) == set(TABLE_SCOPES) == set(metadata.tables)
    assert {"admin", "clerk", "carrier_manager", "viewer", ""} <= set(ROLE_LABELS)
    assert {"read", "insert", "update", "delete", "write", "override"} <= set(OPERATION_LABELS)
    for lang in ("zh", "en"):
        set_language(lang)
        for table in TABLE_SCOPES:
            for role in ROLE_LABELS:
                for op in OPERATION_LABELS:
                    text = render(denied(role, op, table).problems[0])
                    assert "{" not in text and "write" not in text.split() and table not in text.split()
    set_language("zh")
