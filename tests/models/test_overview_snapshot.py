"""The overview's start-up snapshot (``models.overview_snapshot``): its state key follows every
audited change and nothing else, and reading it back accepts only its own value classes."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

from models import overview_snapshot as snapshots
from models.accounts.audit import record_event
from models.database import Database
from models.db.location import default_db_path, target_file
from models.enterprises.services import create_enterprise
from models.overview import OverviewFigure
from models.overview_snapshot import OverviewSnapshot
from models.targets.status import ChainValue, TargetStatus, YearValue

DAY = dt.date(2026, 12, 6)


def _session_key(db: Database, on: dt.date = DAY) -> str | None:
    with db.read() as session:
        return snapshots.state_key(lambda sql: list(session.connection().exec_driver_sql(sql).fetchall()), on)


def _snapshot(key: str) -> OverviewSnapshot:
    series = (YearValue(2024, Decimal("12.50"), "统计局"), YearValue(2025, Decimal("13.1"), "records"))
    target = TargetStatus(
        target_id=1,
        key="output",
        title="规上工业总产值",
        scope="district",
        scope_label="",
        indicator="规上工业总产值",
        measure="level",
        year=2030,
        value=Decimal("1800"),
        unit="亿元",
        threshold=None,
        document_no="临政函〔2023〕74号",
        clause="一",
        is_example=False,
        actual=series,
        state="on_track",
        chains=(ChainValue("生物医药", series),),
    )
    return OverviewSnapshot(
        key=key,
        on=DAY,
        figures=(
            OverviewFigure("quotas", "quotas.overview.remaining", Decimal("66666.6667"), "m2", emphasis=True),
            OverviewFigure(
                "land", "land.overview.plots", Decimal(3), "count", 2, {"platform": "青山湖科技城"}
            ),
        ),
        platform_names={1: "青山湖科技城", 2: "临安经济开发区"},
        targets=(target,),
        single_user=True,
        labels={("industry_chain", "生物医药"): "Biomedicine"},
    )


def test_the_key_of_the_file_is_the_key_a_session_reads(db: Database) -> None:
    assert db.path is not None
    key = snapshots.file_key(db.path, DAY)
    assert key is not None and key == _session_key(db)
    assert key.endswith(":2026-12-06") and _session_key(db, DAY + dt.timedelta(days=1)) != key


def test_an_audited_change_gives_another_key_a_login_or_an_export_does_not(db: Database) -> None:
    before = _session_key(db)
    with db.write() as s:
        record_event(s, action="login", entity="users", record_id=None)
        record_event(s, action="export", entity="files", record_id=None)
    assert _session_key(db) == before
    with db.write() as s:
        create_enterprise(s, uscc="91330185MA20000010", name="杭州甲有限公司")
    assert _session_key(db) != before


def test_a_snapshot_is_read_back_only_in_the_state_it_was_taken(db: Database, tmp_path: Path) -> None:
    assert db.path is not None
    key = snapshots.file_key(db.path, DAY)
    assert key is not None
    folder = tmp_path / "cache"
    kept = _snapshot(key)
    snapshots.save(folder, db.path, kept)
    assert snapshots.current(folder, db.path, DAY) == kept
    assert snapshots.load(folder, db.path, key + "x") is None
    assert snapshots.current(folder, db.path, DAY + dt.timedelta(days=1)) is None
    with db.write() as s:
        create_enterprise(s, uscc="91330185MA20000010", name="杭州甲有限公司")
    assert snapshots.current(folder, db.path, DAY) is None
    assert snapshots.current(folder, tmp_path / "other.sqlite3", DAY) is None
    assert snapshots.current(folder, None, DAY) is None


class _Runs:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, ("touch ran-from-snapshot",))


def test_a_file_that_is_not_a_snapshot_is_refused_and_never_run(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    database = tmp_path / "x.sqlite3"
    path = snapshots.snapshot_file(tmp_path, database)
    path.write_bytes(pickle.dumps((snapshots.FORMAT, _Runs())))
    assert snapshots.load(tmp_path, database, "k") is None
    assert not (tmp_path / "ran-from-snapshot").exists()
    for content in (b"", b"not a pickle", pickle.dumps((snapshots.FORMAT + 1, None)), pickle.dumps([1, 2])):
        path.write_bytes(content)
        assert snapshots.load(tmp_path, database, "k") is None
    path.write_bytes(b"\0" * (snapshots.MAX_BYTES + 1))
    assert snapshots.load(tmp_path, database, "k") is None


def test_a_new_or_foreign_file_has_no_key(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    text = tmp_path / "text.sqlite3"
    text.write_text("not a database", encoding="utf-8")
    assert snapshots.file_key(empty, DAY) is None
    assert snapshots.file_key(text, DAY) is None
    assert snapshots.file_key(tmp_path / "missing.sqlite3", DAY) is None


def test_the_file_a_target_opens() -> None:
    assert target_file(None) == default_db_path()
    assert target_file("sqlite:////data/land.sqlite3") == Path("/data/land.sqlite3")
    assert target_file("/data/land.sqlite3") == Path("/data/land.sqlite3")
    for server in ("postgresql://bureau@db/land", "sqlite://", ":memory:", "sqlite:///x.db?mode=ro"):
        assert target_file(server) is None
