"""The audit log is complete: replaying it rebuilds the table exactly (hypothesis)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from models.accounts.audit import verify_chain
from models.accounts.queries import AuditFilter, audit_entries
from models.policy.entities import ChoiceItem
from tests.template_db import new_database

texts = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), min_size=1, max_size=12
)
steps = st.lists(
    st.tuples(st.sampled_from(["add", "edit", "delete"]), st.integers(0, 50), texts), min_size=1, max_size=25
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=steps)
def test_replaying_the_audit_log_rebuilds_the_table(
    tmp_path_factory: Any, script: list[tuple[str, int, str]]
) -> None:
    path: Path = tmp_path_factory.mktemp("replay") / "db.sqlite3"
    db = new_database(path, actor="")
    try:
        serial = 0
        for action, pick, text in script:
            with db.write() as s:
                items = list(
                    s.scalars(select(ChoiceItem).where(ChoiceItem.category == "t").order_by(ChoiceItem.id))
                )
                if action == "add" or not items:
                    serial += 1
                    s.add(ChoiceItem(category="t", value=f"{serial}:{text}", sort_order=pick))
                elif action == "edit":
                    item = items[pick % len(items)]
                    item.label_en = text
                    item.sort_order = pick
                else:
                    s.delete(items[pick % len(items)])
        with db.read() as s:
            actual = {
                c.id: {
                    "category": c.category,
                    "value": c.value,
                    "label_en": c.label_en,
                    "sort_order": c.sort_order,
                    "active": c.active,
                }
                for c in s.scalars(select(ChoiceItem).where(ChoiceItem.category == "t"))
            }
            log = list(reversed(audit_entries(s, AuditFilter(entity="choice_items", limit=10_000))))
            assert verify_chain(s) == []
        rebuilt: dict[int, dict[str, Any]] = {}
        for entry in log:
            assert entry.record_id is not None
            if entry.action == "insert":
                rebuilt[entry.record_id] = {k: v[1] for k, v in entry.changes.items() if k != "id"}
            elif entry.action == "update":
                for k, (before, after) in entry.changes.items():
                    assert rebuilt[entry.record_id].get(k) == before
                    rebuilt[entry.record_id][k] = after
            elif entry.action == "delete":
                assert {k: v[0] for k, v in entry.changes.items() if k != "id"} == rebuilt.pop(
                    entry.record_id
                )
        rebuilt = {k: v for k, v in rebuilt.items() if v.get("category") == "t"}
        for row in rebuilt.values():
            row.setdefault("label_en", "")
        assert rebuilt == actual, [(e.id, e.action, e.entity, e.record_id, e.changes) for e in log]
    finally:
        db.dispose()
