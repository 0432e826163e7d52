"""Property: whatever sequence of sales is attempted, none that breaks a rule enters, so a
building never ends above its cap without an override; areas always balance."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from models.buildings import services
from models.buildings.entities import Transfer
from models.buildings.ratio import check_all_buildings
from models.errors import DomainError
from tests.models.buildings.helpers import building, enterprise, unit_ids
from tests.template_db import new_database

ON = dt.date(2024, 6, 1)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    areas=st.lists(st.integers(min_value=300, max_value=2000), min_size=4, max_size=10),
    cap=st.integers(min_value=20, max_value=90),
    attempts=st.lists(
        st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=3, unique=True),
        min_size=1,
        max_size=6,
    ),
)
def test_no_rule_breaking_sale_enters(areas: list[int], cap: int, attempts: list[list[int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = new_database(Path(tmp) / "p.sqlite3", actor="prop")
        try:
            with db.write() as s:
                bid = building(s, units=0, total=str(sum(areas)), floors=len(areas))
                for i, a in enumerate(areas):
                    services.create_unit(
                        s, building_id=bid, floor=i + 1, number=f"{i + 1}01", floor_area_m2=Decimal(a)
                    )
                services.set_building_ratio(
                    s,
                    building_id=bid,
                    max_ratio=Decimal(cap) / 100,
                    document_no="P号",
                    effective_from=dt.date(2024, 1, 1),
                )
                buyers = [enterprise(s, n) for n in range(1, 4)]
                ids = unit_ids(s, bid)
            for k, pick in enumerate(attempts):
                chosen = [ids[i] for i in pick if i < len(ids)]
                try:
                    with db.write() as s:
                        services.record_transfer(
                            s, building_id=bid, unit_ids=chosen, buyer_id=buyers[k % 3], transfer_date=ON
                        )
                except DomainError:
                    pass
            with db.read() as s:
                (status,) = check_all_buildings(s, ON)
                recorded = sum((t.area_m2 for t in s.scalars(select(Transfer))), Decimal(0))
            assert status.ratio <= Decimal(cap) / 100
            assert status.transferred_m2 == recorded
            assert status.held_m2 + status.transferred_m2 == Decimal(sum(areas))
        finally:
            db.dispose()
