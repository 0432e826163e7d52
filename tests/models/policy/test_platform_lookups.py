from __future__ import annotations

from models.database import Database
from models.policy.queries import list_platforms, platform_choices, platform_index, platform_names


def test_platform_choices_are_in_priority_order(db: Database) -> None:
    with db.read() as s:
        choices = platform_choices(s)
        rows = list_platforms(s)
        names = platform_names(s)
    assert [name for _id, name in choices] == [r.name for r in sorted(rows, key=lambda r: (r.priority, r.id))]
    assert names == dict(choices)


def test_platform_index_finds_a_platform_by_code_name_or_short_name_as_written_elsewhere(
    db: Database,
) -> None:
    with db.read() as s:
        qsh = next(p for p in list_platforms(s) if p.code == "QSH")
        index = platform_index(s)
    for text in ("QSH", "qsh", "ＱＳＨ", qsh.name, " ".join(qsh.name), qsh.short_name):
        assert index.get(text) == qsh.id, text
    assert index.get("火星园区") is None
