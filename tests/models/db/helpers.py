"""Test helpers: a byte-independent snapshot of a SQLite file (schema + every row)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def snapshot(path: Path) -> dict[str, Any]:
    con = sqlite3.connect(str(path))
    try:
        schema = sorted(
            con.execute(
                "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchall()
        )
        rows = {}
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall():
            rows[name] = sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
    finally:
        con.close()
    return {"schema": schema, "rows": rows, "application_id": app_id}
