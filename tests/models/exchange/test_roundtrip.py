"""Export → import yields the same records (docs/reliability.md B), over generated enterprises.

The documented transformations (models/exchange/writer.py, docs/guide/exchange.md):
text comes back NFKC-normalised, without control characters (other than tab/newline),
with ``\\r\\n``/``\\r`` as ``\\n`` and without surrounding spaces. ``=0`` stays the text
``=0``; ``00123`` stays ``00123``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from models.database import Database
from models.enterprises.demo import demo_uscc
from models.enterprises.entities import Enterprise
from models.enterprises.exchange import ENTERPRISES
from models.enterprises.queries import list_enterprises
from models.enterprises.services import create_enterprise
from models.exchange.importer import run_import
from models.exchange.parsers import clean_text
from models.exchange.writer import export_kind
from models.policy.queries import platform_index
from tests.template_db import new_database

USCCS = [demo_uscc(random.Random(i)) for i in range(8)]
# NUL is refused when stored (models.db.text_limits), so it is not a value to round-trip.
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30
)
CHINESE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=8)
RECORD = st.fixed_dictionaries(
    {
        "name": st.builds(lambda a, b: f"杭州{a}{b}有限公司", CHINESE, TEXT),
        "platform": st.sampled_from([None, "QSH", "GXY", "LL", "YQ"]),
        "industry_chain": st.sampled_from(["", "高端装备", "集成电路", "生命健康", "其他"]),
        "is_manufacturing": st.booleans(),
        "address": TEXT | CHINESE,
        "contact": TEXT,
        "phone": st.sampled_from(["00123", "=0", "+86 571", "-", "0571-63000000"]) | TEXT,
        "note": TEXT,
    }
)
PINNED = {
    "name": "杭州\r测试有限公司",
    "platform": "QSH",
    "industry_chain": "其他",
    "is_manufacturing": False,
    "address": "a\r\nb\rc",
    "contact": "=0",
    "phone": "00123",
    "note": "x\x07\x1b y\x7f",
}


@pytest.fixture(scope="module")
def dbs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Database, Path]]:
    folder = tmp_path_factory.mktemp("roundtrip")
    a, b = new_database(folder / "a.sqlite3", actor="t"), new_database(folder / "b.sqlite3", actor="t")
    yield a, b, folder
    a.dispose()
    b.dispose()


def _expected(text: str) -> str:
    return clean_text(text)[0]


def _snapshot(db: Database) -> list[tuple[object, ...]]:
    with db.read() as s:
        return sorted(
            (
                e.uscc,
                e.name,
                e.platform_name,
                e.industry_chain,
                e.is_manufacturing,
                e.address,
                e.contact,
                e.phone,
                e.note,
            )
            for e in list_enterprises(s)
        )


def _round_trip(dbs: tuple[Database, Database, Path], records: list[dict[str, object]], ext: str) -> None:
    source, target, folder = dbs
    for db in (source, target):
        with db.write() as s:
            s.execute(delete(Enterprise))
    with source.write() as s:
        platforms = platform_index(s)
        for uscc, r in zip(USCCS, records, strict=False):
            values = {k: v for k, v in r.items() if k != "platform"}
            values["platform_id"] = platforms.get(str(r["platform"])) if r["platform"] else None
            create_enterprise(s, uscc=uscc, **values)  # type: ignore[arg-type]
    path = folder / f"export{ext}"
    export_kind(source, ENTERPRISES, path)
    report = run_import(target, ENTERPRISES, path)
    assert report.ok, [(p.row, p.column, p.code) for p in report.errors]
    want = [
        tuple(_expected(v) if isinstance(v, str) and i in (1, 5, 6, 7, 8) else v for i, v in enumerate(row))
        for row in _snapshot(source)
    ]
    assert _snapshot(target) == want
    again = run_import(target, ENTERPRISES, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(records))


@pytest.mark.parametrize("ext", [".xlsx", ".csv"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(RECORD, min_size=1, max_size=len(USCCS)))
@example(records=[PINNED])
@example(records=[{**PINNED, "note": '=HYPERLINK("http://x")', "address": "'=1", "contact": "@x"}])
def test_export_then_import_yields_the_same_records(
    dbs: tuple[Database, Database, Path], records: list[dict[str, object]], ext: str
) -> None:
    _round_trip(dbs, records, ext)


def test_pinned_transformations(dbs: tuple[Database, Database, Path]) -> None:
    _round_trip(dbs, [PINNED], ".xlsx")
    _, target, _ = dbs
    (row,) = _snapshot(target)
    assert row[1] == "杭州\n测试有限公司" and row[5] == "a\nb\nc"
    assert row[6] == "=0" and row[7] == "00123" and row[8] == "x y"
