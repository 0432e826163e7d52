from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, select, update

from models.accounts.audit import (
    _row_entries,
    canonical,
    jsonable,
    record_event,
    record_override,
    verify_chain,
)
from models.accounts.entities import AuditEntry
from models.accounts.queries import AuditFilter, audit_entries, audit_facets
from models.database import Database
from models.policy.entities import Platform


def _last(db: Database, **flt: object) -> list[tuple[str, str, int | None, dict[str, object]]]:
    with db.read() as s:
        return [(e.action, e.entity, e.record_id, e.changes) for e in audit_entries(s, AuditFilter(**flt))]  # type: ignore[arg-type]


def test_insert_update_delete_are_recorded_with_before_and_after(db: Database) -> None:
    from models.quotas.entities import QuotaGrant

    with db.write() as s:
        g = QuotaGrant(
            year=2025,
            source="省统筹",
            document_no="浙自然资〔2025〕1号",
            granted_on=dt.date(2025, 3, 1),
            area_m2=Decimal("1234.5"),
        )
        s.add(g)
    with db.write() as s:
        g2 = s.get(QuotaGrant, g.id)
        assert g2 is not None
        g2.area_m2 = Decimal("2000")
        g2.source = "区年度计划"
    with db.write() as s:
        g3 = s.get(QuotaGrant, g.id)
        s.delete(g3)
    rows = _last(db, entity="quota_grants")
    assert [r[0] for r in rows] == ["delete", "update", "insert"]
    assert all(r[2] == g.id for r in rows)
    inserted = rows[2][3]
    assert inserted["area_m2"] == [None, "1234.5000"]
    assert inserted["granted_on"] == [None, "2025-03-01"]
    assert rows[1][3] == {"area_m2": ["1234.5000", "2000.0000"], "source": ["省统筹", "区年度计划"]}
    assert rows[0][3]["document_no"] == ["浙自然资〔2025〕1号", None]


def test_audit_rows_carry_actor_and_user_and_commit_with_the_change(db: Database) -> None:
    with db.write() as s:
        s.info["actor"] = "张三"
        s.add(Platform(code="T1", name="测试一", priority=7))
    with pytest.raises(RuntimeError), db.write() as s:
        s.add(Platform(code="T2", name="测试二", priority=8))
        s.flush()
        raise RuntimeError("abandon")
    with db.read() as s:
        entries = audit_entries(s, AuditFilter(entity="platforms", text="测试"))
        assert [(e.actor, e.changes["code"][1]) for e in entries] == [("张三", "T1")]
        entities, actors = audit_facets(s)
        assert "platforms" in entities and "张三" in actors


def test_bulk_statements_are_recorded(db: Database) -> None:
    with db.write() as s:
        s.execute(insert(Platform), [{"code": "B1", "name": "批量一"}, {"code": "B2", "name": "批量二"}])
        s.execute(update(Platform).where(Platform.code.like("B%")).values(priority=50))
        s.execute(delete(Platform).where(Platform.code == "B2"))
    actions = [r[0] for r in _last(db, entity="platforms")][:4]
    assert actions == ["bulk_delete", "bulk_update", "insert", "insert"]


def test_explicit_events_and_overrides(db: Database) -> None:
    with db.write() as s:
        record_override(
            s, entity="buildings", record_id=7, reason="区政府专题会议同意", document_no="临政办〔2025〕9号"
        )
        record_event(
            s,
            action="backup",
            entity="database",
            record_id=None,
            reason="manual",
            changes={"path": [None, "D:/backup.sqlite3"]},
        )
    rows = _last(db, text="临政办")
    assert rows == [("override", "buildings", 7, {"document_no": [None, "临政办〔2025〕9号"]})]


def test_the_table_is_append_only(db: Database, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    try:
        for sql in ("UPDATE audit_entries SET actor = 'x'", "DELETE FROM audit_entries"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                con.execute(sql)
    finally:
        con.close()


@pytest.mark.parametrize("tamper", ["edit", "delete_middle", "insert_forged"])
def test_tampering_behind_the_apps_back_breaks_the_chain(db: Database, db_path: Path, tamper: str) -> None:
    with db.write() as s:
        for i in range(5):
            s.add(Platform(code=f"X{i}", name=f"平台X{i}"))
    with db.read() as s:
        assert verify_chain(s) == []
        ids = list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))
    victim = ids[len(ids) // 2]
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER audit_entries_no_update")
    con.execute("DROP TRIGGER audit_entries_no_delete")
    if tamper == "edit":
        changes = json.dumps({"name": [None, "改过"]})
        con.execute("UPDATE audit_entries SET changes = ? WHERE id = ?", (changes, victim))
    elif tamper == "delete_middle":
        con.execute("DELETE FROM audit_entries WHERE id = ?", (victim,))
    else:
        con.execute(
            "INSERT INTO audit_entries (at, actor, action, entity, record_id, changes, reason, "
            "prev_hash, hash) SELECT at, 'ghost', action, entity, record_id, changes, reason, "
            "prev_hash, hash FROM audit_entries WHERE id = ?",
            (victim,),
        )
    con.commit()
    con.close()
    with db.read() as s:
        problems = verify_chain(s)
    assert problems and all(p.code == "audit.chain_broken" for p in problems)


def test_password_hashes_never_reach_the_log(db: Database) -> None:
    from models.accounts.services import create_user, reset_password

    with db.write() as s:
        changes = create_user(s, username="u1", password="password 1", role="admin")
        reset_password(s, user_id=changes.ids[0], password="password 2")
    rows = _last(db, entity="users")
    assert [r[3]["password_hash"] for r in rows if "password_hash" in r[3]] == [["***", "***"], [None, "***"]]
    with db.read() as s:
        assert all("argon2" not in e.changes for e in s.scalars(select(AuditEntry)))


def test_every_new_database_handle_audits(db: Database) -> None:
    """Regression: handles created and dropped in a loop (ids reused) must each audit."""
    import gc

    from sqlalchemy import func

    for i in range(40):
        handle = Database(db.url)
        with handle.write() as s:
            before = s.scalar(select(func.count()).select_from(AuditEntry))
            s.add(Platform(code=f"L{i}", name=f"循环{i}"))
            s.flush()
            assert s.scalar(select(func.count()).select_from(AuditEntry)) == (before or 0) + 1
        handle.dispose()
        del handle
        gc.collect()


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(),
    st.decimals(allow_nan=False),
    st.dates(),
    st.floats(allow_nan=False),
    st.sampled_from(["%s", "%%", '"', "\\", "=0", "00123"]),
)


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=5, unique=True),
    data=st.data(),
    action=st.sampled_from(["insert", "update", "delete"]),
)
def test_bulk_entries_are_encoded_exactly_as_canonical_json(
    names: list[str], data: st.DataObject, action: str
) -> None:
    """The template-based bulk encoder writes the text ``canonical`` writes for the same
    changes (columns of one type, and mixed columns), so the hooks agree to the byte."""
    columns = [*names, "version", "password_hash"]
    mixed = data.draw(st.booleans())
    per_column = [
        (
            _VALUES
            if mixed
            else data.draw(
                st.sampled_from(
                    [st.text(), st.integers(), st.booleans(), st.one_of(st.none(), st.booleans())]
                )
            )
        )
        for _ in names
    ]
    rows = data.draw(
        st.lists(
            st.tuples(*per_column, st.integers(), st.one_of(st.none(), st.text())), min_size=1, max_size=6
        )
    )
    got = _row_entries(action, "things", [dict(zip(columns, row, strict=True)) for row in rows])
    for (act, entity, record_id, changes, reason), row in zip(got, rows, strict=True):
        values = dict(zip(columns, row, strict=True))
        pairs = {
            k: ([jsonable(v), None] if action == "delete" else [None, jsonable(v)])
            for k, v in values.items()
            if k != "version"
        }
        pairs["password_hash"] = (
            [None, None]
            if values["password_hash"] is None
            else (["***", None] if action == "delete" else [None, "***"])
        )
        assert (act, entity, reason) == (action, "things", "")
        assert changes == canonical(pairs)
        assert json.loads(changes) == json.loads(canonical(pairs))
        assert record_id is None  # no "id" column


def test_bulk_entries_take_the_record_id_and_hash_like_entry_hash(db: Database) -> None:
    with db.write() as s:
        s.execute(insert(Platform), [{"code": "H1", "name": '甲"%s'}, {"code": "H2", "name": "乙\n"}])
    with db.read() as s:
        rows = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "platforms", AuditEntry.action == "insert")
            .order_by(AuditEntry.id.desc())
            .limit(2)
        ).all()
        assert {json.loads(r.changes)["name"][1] for r in rows} == {'甲"%s', "乙\n"}
        assert verify_chain(s) == []


@pytest.mark.parametrize("actor", ["O'Brien'); DROP TABLE platforms; --", "张三", "a\x00b", ""])
def test_bulk_entries_written_into_the_statement_keep_any_actor(db: Database, actor: str) -> None:
    """Bulk entries write what their rows share (time, actor, user) into the statement
    once; an actor with quotes stays text, one that cannot be a literal (NUL) takes the
    parameter-per-row path — the same entries either way."""
    from sqlalchemy import event

    from models.accounts.entities import User

    with db.write() as s:  # user 7, an administrator (an unknown user may write nothing)
        s.add_all([User(id=7, username="seven", role="admin")])
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with db.write() as s:
        s.info["actor"] = actor
        s.info["user_id"] = 7
        s.execute(insert(Platform), [{"code": f"Q{i}", "name": f"批量{i}"} for i in range(3)])
    literal = "'" + actor.replace("'", "''") + "', 7, 'insert', 'platforms', ?, ?, '', ?, ?"
    assert any(literal in st for st in statements) == ("\x00" not in actor)  # which path was taken
    with db.read() as s:
        rows = s.execute(
            select(AuditEntry.actor, AuditEntry.user_id, AuditEntry.action, AuditEntry.reason)
            .where(AuditEntry.entity == "platforms")
            .order_by(AuditEntry.id.desc())
            .limit(3)
        ).all()
        assert [tuple(r) for r in rows] == [(actor, 7, "insert", "")] * 3
        platforms = s.scalar(select(func.count()).select_from(Platform))
        assert platforms is not None and platforms >= 7  # the table is still there
        assert verify_chain(s) == []
