"""Carriers page tests: a small register of two carriers (settings and language:
tests/desktop/conftest.py)."""

from __future__ import annotations

import pytest

from models.database import Database
from models.incubation import services
from tests.models.incubation.helpers import D, carrier, day, enterprise, space, user


@pytest.fixture
def register(db: Database) -> dict[str, int]:
    """Two carriers with spaces and tenancies; a carrier manager of the first."""
    with db.write() as s:
        mine = carrier(s, name="於潜创业孵化基地", area="3000", platform="YQ")
        other = carrier(s, name="青山湖科技城创新中心", area="12000")
        rooms = [space(s, mine, f"10{i}", "150") for i in range(1, 5)]
        space(s, other, "A-1", "500")
        for n, room in enumerate(rooms[:3], start=1):
            services.create_tenancy(
                s,
                carrier_id=mine,
                enterprise_id=enterprise(s, n, f"杭州初创{n}号科技有限公司"),
                start_on=day(2025, n, 1),
                space_ids=[room],
            )
        services.save_usage_report(
            s,
            carrier_id=mine,
            month=day(2025, 1, 1),
            occupied_area_m2=D("150"),
            tenants=1,
            new_tenants=1,
            employees=12,
        )
        manager = user(s, "zhangmin", "carrier_manager", (mine,))
    return {"mine": mine, "other": other, "manager": manager}


def make_ctx(db: Database, user_id: int | None = None, role: str = "admin"):  # type: ignore[no-untyped-def]
    from desktop.context import AppContext, CurrentUser
    from desktop.tasks import TaskRunner
    from tests.desktop.loads import settle_after_writes

    db.user_id = user_id
    context = AppContext(db, CurrentUser(user_id, "tester", role))
    context.tasks = TaskRunner(context.show_error)
    settle_after_writes(context)
    return context
