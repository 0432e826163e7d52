"""A file already at this build's head and seeded by this build opens without Alembic and
without seeding (``models.db.fastpath``); every other file still migrates and seeds."""

from __future__ import annotations

import ast
import shutil
import sqlite3
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select

from models.database import open_database
from models.db import fastpath, migrate
from models.db.migrate import MIGRATIONS, alembic_config
from models.policy.entities import Platform


def _user_version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


def _forbid_full_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the full path ran")

    monkeypatch.setattr(migrate, "alembic_config", refuse)
    monkeypatch.setattr("models.seed.seed_defaults", refuse)


def test_head_revision_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == fastpath.HEAD_REVISION


def test_seed_sources_cover_every_models_module_a_seed_module_imports() -> None:
    sources = set(fastpath.SEED_SOURCES)
    for name in [s for s in sources if s.endswith("seed.py")]:
        tree = ast.parse((fastpath.MODELS / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("models."):
                module = node.module.removeprefix("models.").replace(".", "/")
                names = [f"{module}.py"] + [f"{module}/{a.name}.py" for a in node.names]
                assert any(n in sources for n in names), (
                    f"{name} imports {node.module}: add it to SEED_SOURCES"
                )


def test_a_new_file_seeds_and_is_stamped_then_opens_without_alembic_or_seeding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.sqlite3"
    db = open_database(path, actor="t")
    with db.read() as s:
        platforms = s.scalars(select(Platform.code)).all()
    db.dispose()
    assert platforms  # seeded
    assert _user_version(path) == fastpath.seed_stamp()
    assert fastpath.is_current(path)

    _forbid_full_path(monkeypatch)
    again = open_database(path, actor="t")
    try:
        with again.read() as s:
            assert s.scalars(select(Platform.code)).all() == platforms
    finally:
        again.dispose()


def test_a_file_seeded_by_another_build_is_seeded_again(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    open_database(path, actor="t").dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 7")  # another build's stamp
    con.commit()
    con.close()
    assert not fastpath.is_current(path)
    calls: list[int] = []
    from models import seed

    original = seed.seed_defaults

    def counting(session: Any) -> None:
        calls.append(1)
        original(session)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(seed, "seed_defaults", counting)
        open_database(path, actor="t").dispose()
    assert calls == [1]
    assert fastpath.is_current(path)


def test_a_file_at_an_older_revision_still_migrates_seeds_and_is_stamped_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.sqlite3"
    open_database(path, actor="t").dispose()  # this build: at 0001, stamped
    assert fastpath.is_current(path)
    # The next build: one more migration, and its head known in code.
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_test.py").write_text(
        textwrap.dedent(f'''
            from alembic import op
            import sqlalchemy as sa

            revision = "9001_test"
            down_revision = "{fastpath.HEAD_REVISION}"
            branch_labels = None
            depends_on = None


            def upgrade():
                with op.batch_alter_table("platforms") as batch:
                    batch.add_column(sa.Column("extra", sa.String(20), nullable=True))


            def downgrade():
                pass
            '''),
        encoding="utf-8",
    )
    monkeypatch.setattr(fastpath, "HEAD_REVISION", "9001_test")
    monkeypatch.setattr(migrate, "alembic_config", lambda **_kw: alembic_config(scripts))
    assert not fastpath.is_current(path)  # the stamp covers the head revision too
    open_database(path, actor="t").dispose()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("9001_test",)
        assert "extra" in [r[1] for r in con.execute("PRAGMA table_info(platforms)")]
    finally:
        con.close()
    assert fastpath.is_current(path)


def test_opening_a_current_file_does_not_import_alembic(tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "a.sqlite3"
    open_database(path, actor="t").dispose()
    code = (
        "import sys; from models.database import open_database; "
        f"open_database({str(path)!r}).dispose(); print('alembic' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
