"""Queries and commands live in ``models/``: no module under ``desktop/`` builds SQL itself.

The window may name a ``Session`` (``sqlalchemy.orm``) in a type and read a database URL
(``sqlalchemy.engine.make_url``); it may not import ``select``, ``delete``, ``func``, ``text``
… from ``sqlalchemy`` nor reach into a session with ``execute``/``scalar``/``scalars``/``query``.
"""

from __future__ import annotations

import ast
from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
ALLOWED_FROM = {"sqlalchemy.orm": {"Session"}, "sqlalchemy.engine": {"make_url"}}
SESSION_SQL = {"execute", "scalar", "scalars", "query"}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            allowed = ALLOWED_FROM.get(node.module or "", set())
            found += [
                f"{path.name}:{node.lineno} from {node.module} import {a.name}"
                for a in node.names
                if a.name not in allowed
            ]
        elif isinstance(node, ast.Import):
            found += [
                f"{path.name}:{node.lineno} import {a.name}"
                for a in node.names
                if a.name.startswith("sqlalchemy")
            ]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SESSION_SQL
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"s", "session"}
        ):
            found.append(f"{path.name}:{node.lineno} {node.func.value.id}.{node.func.attr}(…)")
    return found


def test_desktop_writes_no_sql_of_its_own() -> None:
    offences = [o for path in sorted(DESKTOP.rglob("*.py")) for o in _offences(path)]
    assert offences == []


def test_the_check_sees_a_query(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from sqlalchemy import select\nfrom sqlalchemy.orm import Session\n"
        "with db.read() as s:\n    s.execute(select(1))\n",
        encoding="utf-8",
    )
    assert [o.split(" ", 1)[1] for o in _offences(probe)] == ["from sqlalchemy import select", "s.execute(…)"]
