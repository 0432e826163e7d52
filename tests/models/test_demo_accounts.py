"""The demonstration database has the documented administrator (docs/guide/incubation.md):
a new user can sign in as ``admin`` / ``landspace2025`` and open the other accounts."""

from __future__ import annotations

from models.accounts.services import login
from models.database import Database
from models.demo import seed_demo


def test_the_demo_has_the_documented_administrator(db: Database) -> None:
    with db.write() as s:
        seed_demo(s)
    with db.write() as s:
        user = login(s, username="admin", password="landspace2025")
        assert user.role == "admin" and user.active
        manager = login(s, username="zhangmin", password="fuhua2025")
        assert manager.role == "carrier_manager"
