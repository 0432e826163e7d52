"""The window names each efficiency quantity in the unit it is stored in: electricity is
stored in MWh (the import converts 万千瓦时, kWh … to it), so the record dialog, the page's
column and the 单位电耗税收 indicator say 兆瓦时, not 万千瓦时 (ten times off)."""

from __future__ import annotations

from desktop.efficiency.labels import indicator_unit
from desktop.efficiency.record_dialog import QUANTITIES
from models.efficiency.exchange import RECORD_COLUMNS
from models.exchange.units import MWH


def test_electricity_is_named_in_the_unit_it_is_stored_in() -> None:
    assert MWH.factor == 1  # stored as written in MWh
    stored = next(c for c in RECORD_COLUMNS if c.key == "electricity_mwh")
    assert stored.unit is MWH
    assert dict(QUANTITIES)["electricity_mwh"] == f"用电量（{MWH.label}）"
    assert indicator_unit("tax_per_electricity") == f"万元/{MWH.label}"
