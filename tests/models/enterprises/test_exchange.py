"""The enterprises kind through the whole engine: real rosters in, refused rosters named."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from models.database import Database
from models.enterprises import exchange as ent_exchange
from models.enterprises.demo import demo_uscc
from models.enterprises.exchange import ENTERPRISES
from models.enterprises.queries import EnterpriseRow, list_enterprises
from models.enterprises.services import create_enterprise
from models.exchange.importer import run_import
from models.exchange.spec import ImportContext, LoadOutcome, SourceRow
from tests.models.exchange.helpers import write_xlsx
from tests.template_db import new_database

RNG = random.Random(5)
CODES = [demo_uscc(RNG) for _ in range(6)]


def _id(record_id: int | None) -> int:
    assert record_id is not None
    return record_id


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() and c.isascii() else c for c in text)


def _roster(path: Path) -> Path:
    """A department's roster: title rows, its own column order, lower-case and full-width codes,
    a blank row, a 合计 row and a note."""
    return write_xlsx(
        path,
        [
            ["2024年青山湖科技城重点企业名单"],
            ["填报单位：科技城管委会", None, None, None, "填报日期：2024年3月1日"],
            ["序号", "企业名称", "社会信用代码", "平台", "产业链", "联系人", "联系电话", "是否制造业"],
            [
                1,
                "杭州青山湖华研智能装备有限公司",
                CODES[0].lower(),
                "科技城",
                "高端装备",
                "王伟",
                13800000000,
                "是",
            ],
            [
                2,
                "杭州玲珑博创新材料有限公司",
                _fullwidth(CODES[1]),
                "LL",
                "其他",
                "李芳",
                "0571-63000001",
                "否",
            ],
            [None, None, None, None, None, None, None, None],
            [
                3,
                " 杭州於潜康泰生物医药有限公司 ",
                f" {CODES[2]} ",
                "於潜工业功能区",
                "生命 健康",
                None,
                None,
                "√",
            ],
            ["合计", "3家", None, None, None, None, None, None],
            ["注：信用代码以营业执照为准。", None, None, None, None, None, None, None],
        ],
    )


def _all(db: Database) -> dict[str, EnterpriseRow]:
    with db.read() as s:
        return {e.uscc: e for e in list_enterprises(s)}


def test_department_roster_imports_exactly(db: Database, tmp_path: Path) -> None:
    report = run_import(db, ENTERPRISES, _roster(tmp_path / "roster.xlsx"))
    assert report.ok and report.committed, report.problems
    assert (report.rows_read, report.created, report.rejected) == (3, 3, 0) and report.reconciles
    assert [(s.row, s.reason) for s in report.skipped] == [(6, "blank"), (8, "total"), (9, "note")]
    got = _all(db)
    assert set(got) == set(CODES[:3])
    a, b, c = (got[x] for x in CODES[:3])
    assert (a.name, a.platform_name, a.industry_chain, a.contact, a.phone, a.is_manufacturing) == (
        "杭州青山湖华研智能装备有限公司",
        "青山湖科技城",
        "高端装备",
        "王伟",
        "13800000000",
        True,
    )
    assert (b.platform_name, b.industry_chain, b.is_manufacturing, b.phone) == (
        "玲珑工业功能区",
        "其他",
        False,
        "0571-63000001",
    )
    assert (c.name, c.platform_name, c.industry_chain) == (
        "杭州於潜康泰生物医药有限公司",
        "於潜工业功能区",
        "生命健康",
    )
    again = run_import(db, ENTERPRISES, tmp_path / "roster.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_roster_with_bad_rows_is_refused_whole(db: Database, tmp_path: Path) -> None:
    bad_checksum = CODES[3][:17] + ("0" if CODES[3][17] != "0" else "1")
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["企业名单"],
            ["统一社会信用代码", "企业名称", "所属平台"],
            [CODES[0], "杭州甲有限公司", "青山湖科技城"],
            [bad_checksum, "杭州乙有限公司", "科技城"],
            [CODES[4], "杭州丙有限公司", "火星园区"],
            [CODES[5], None, "GXY"],
            [CODES[0].lower(), "杭州甲有限公司（重复）", "QSH"],
            [CODES[1], "杭州丁有限公司", "玲珑"],
        ],
    )
    report = run_import(db, ENTERPRISES, path)
    assert not report.committed
    assert _all(db) == {}
    assert sorted((p.row, p.column, p.code) for p in report.errors) == [
        (4, "统一社会信用代码", "uscc.bad_checksum"),
        (5, "所属平台", "enterprise.unknown_platform_name"),
        (6, "企业名称", "exchange.required"),
        (7, "统一社会信用代码", "enterprise.duplicate_in_file"),
    ]
    dup = next(p for p in report.errors if p.code == "enterprise.duplicate_in_file")
    assert dup.problem.fields["first_row"] == 3
    assert report.rejected == 4 and report.reconciles


def test_checksum_warning_option_accepts_pilot_codes(db: Database, tmp_path: Path) -> None:
    bad = CODES[3][:17] + ("0" if CODES[3][17] != "0" else "1")
    path = write_xlsx(tmp_path / "p.xlsx", [["统一社会信用代码", "企业名称"], [bad, "杭州试点有限公司"]])
    report = run_import(db, ENTERPRISES, path, options={"uscc_checksum_warning": True})
    assert report.committed and [p.code for p in report.warnings] == ["uscc.bad_checksum"]
    assert bad in _all(db)


def test_update_touches_only_columns_in_the_file(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        create_enterprise(s, uscc=CODES[0], name="杭州甲有限公司", address="大园路 1 号", contact="张三")
    path = write_xlsx(
        tmp_path / "u.xlsx", [["信用代码", "企业名称", "联系人"], [CODES[0], "杭州甲有限公司", "李四"]]
    )
    report = run_import(db, ENTERPRISES, path)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    e = _all(db)[CODES[0]]
    assert (e.contact, e.address, e.version) == ("李四", "大园路 1 号", 2)


def test_unknown_industry_chain_is_a_row_error(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "c.xlsx", [["信用代码", "企业名称", "产业链"], [CODES[0], "杭州甲有限公司", "纺织服装"]]
    )
    report = run_import(db, ENTERPRISES, path)
    assert [(p.row, p.code) for p in report.errors] == [(2, "enterprise.unknown_industry_chain")]


@pytest.mark.parametrize("n", [3, 40])
def test_bulk_and_service_paths_agree(
    db: Database, tmp_path: Path, n: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.enterprises import bulk

    monkeypatch.setattr(ent_exchange, "BULK_THRESHOLD", 10)
    monkeypatch.setattr(bulk, "SQLITE_CHUNK", 7)  # 40 rows: inserted and audited in six chunks
    rng = random.Random(n)
    rows = [["统一社会信用代码", "企业名称", "所属平台", "是否制造业"]]
    rows += [[demo_uscc(rng), f"杭州第{i}有限公司", "QSH", "否"] for i in range(n)]
    report = run_import(db, ENTERPRISES, write_xlsx(tmp_path / "n.xlsx", rows))
    assert report.created == n and report.committed
    got = _all(db)
    assert len(got) == n
    assert all(
        e.platform_name == "青山湖科技城" and e.is_manufacturing is False and e.version == 1
        for e in got.values()
    )
    from sqlalchemy import select

    from models.accounts.entities import AuditEntry

    with db.read() as s:
        audited = s.execute(
            select(AuditEntry.record_id, AuditEntry.changes).where(
                AuditEntry.entity == "enterprises", AuditEntry.action == "insert"
            )
        ).all()
    assert sorted(_id(r) for r, _ in audited) == sorted(e.id for e in got.values())  # every new record, by id
    assert all('"uscc":[null,"' in c for _, c in audited)
    from models.accounts.audit import verify_chain

    with db.read() as s:
        assert verify_chain(s) == []  # the bulk path's entries chain like every other


def test_demo_enterprises_are_valid_and_stable(db: Database) -> None:
    from models.enterprises.demo import seed_demo
    from models.uscc import fault

    with db.write() as s:
        seed_demo(s, random.Random(1))
    with db.write() as s:
        seed_demo(s, random.Random(1))  # the same again: no duplicates
    got = _all(db)
    assert len(got) == 60
    assert all(fault(u) is None and u[2:8] == "330112" for u in got)
    by_platform: dict[str, int] = {}
    for e in got.values():
        by_platform[e.platform_name] = by_platform.get(e.platform_name, 0) + 1
    assert by_platform == {
        "青山湖科技城": 24,
        "高新技术产业园": 16,
        "玲珑工业功能区": 12,
        "於潜工业功能区": 8,
    }
    assert {e.industry_chain for e in got.values()} == {"高端装备", "集成电路", "生命健康", "其他"}


def _big_roster(path: Path, n: int, rng: random.Random) -> Path:
    """Blanks in optional columns, platform and chain names spelt several ways, numbers as phones."""
    rows: list[list[object]] = [
        [
            "序号",
            "统一社会信用代码",
            "企业名称",
            "所属平台",
            "产业链",
            "是否制造业",
            "地址",
            "联系电话",
            "备注",
        ]
    ]
    for i in range(n):
        rows.append(
            [
                i + 1,
                demo_uscc(rng).lower() if i % 7 == 0 else demo_uscc(rng),
                f"杭州第{i}号有限公司",
                rng.choice(["科技城", "QSH", "青山湖科技城", None, "玲珑"]),
                rng.choice([" 高端装备", "集成电路", None, "生命 健康"]),
                rng.choice(["是", "否", None, "√"]),
                rng.choice([f"大园路{i}号", None]),
                rng.choice([13800000000 + i, "0571-6300", None]),
                None,
            ]
        )
    return write_xlsx(path, rows)


@pytest.mark.parametrize("existing", [False, True])
def test_table_path_writes_what_the_row_path_writes(
    db: Database, tmp_path: Path, existing: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The columnar fast path (a large roster of new enterprises) leaves the register and
    the audit log exactly as the row-by-row loader does; with a record already in the
    register it hands over to the row loader."""
    import dataclasses

    from sqlalchemy import select

    from models.accounts.entities import AuditEntry

    monkeypatch.setattr(ent_exchange, "BULK_THRESHOLD", 10)
    path = _big_roster(tmp_path / "big.xlsx", 60, random.Random(9))
    other = new_database(tmp_path / "rows.sqlite3", actor="测试")
    calls: list[int] = []
    real = ent_exchange.load_enterprises

    def counting(s: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
        calls.append(len(rows))
        return real(s, rows, ctx)

    monkeypatch.setattr(ent_exchange, "load_enterprises", counting)
    try:
        if existing:
            for d in (db, other):
                run_import(
                    d,
                    ENTERPRISES,
                    write_xlsx(
                        tmp_path / "one.xlsx",
                        [["统一社会信用代码", "企业名称"], [demo_uscc(random.Random(9)), "已在库企业"]],
                    ),
                )
            calls.clear()
        fast = run_import(db, ENTERPRISES, path)
        slow = run_import(other, dataclasses.replace(ENTERPRISES, load_table=None), path)
        assert fast.committed and slow.committed, (fast.problems, slow.problems)
        assert (fast.created, fast.updated, fast.rows_read) == (slow.created, slow.updated, slow.rows_read)
        assert calls == ([60] if existing else [])  # the table loader handed over to the row loader, or not

        def state(d: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
            with d.read() as s:
                records = [
                    (
                        e.id,
                        e.uscc,
                        e.name,
                        e.platform_id,
                        e.industry_chain,
                        e.is_manufacturing,
                        e.address,
                        e.contact,
                        e.phone,
                        e.note,
                        e.version,
                    )
                    for e in list_enterprises(s)
                ]
                audit = s.execute(
                    select(AuditEntry.action, AuditEntry.record_id, AuditEntry.changes)
                    .where(AuditEntry.entity == "enterprises")
                    .order_by(AuditEntry.id)
                ).all()
            return sorted(records), [tuple(a) for a in audit]

        assert state(db) == state(other)
    finally:
        other.dispose()
