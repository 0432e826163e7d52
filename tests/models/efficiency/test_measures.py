"""Differentiated measures by class as dated rule data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import openpyxl

from models.database import Database
from models.efficiency.entities import EfficiencyResult
from models.efficiency.measures import MEASURES_KEY, measures_for
from models.enterprises.entities import Enterprise
from models.exchange.registry import get_kind
from models.exchange.writer import export_kind
from models.policy.rules import rule_in_force


def test_d_class_surcharge_grows_with_the_streak_and_cites_its_example_source(db: Database) -> None:
    with db.write() as s:
        e = Enterprise(uscc="91330185MA0000001X", name="测试企业", industry_chain="其他")
        s.add(e)
        s.flush()
        for year, klass in ((2021, "C"), (2022, "D"), (2023, "D"), (2024, "D"), (2025, "D")):
            s.add(
                EfficiencyResult(
                    enterprise_id=e.id,
                    year=year,
                    group="above",
                    klass=klass,
                    evaluated_at=dt.datetime(year + 1, 9, 1),
                )
            )
        s.flush()
        eid = e.id
    with db.read() as s:
        ref = rule_in_force(s, MEASURES_KEY, on=dt.date(2024, 1, 1))
        assert ref is not None and ref.is_example and "鲁政字〔2019〕235号" in ref.example_source
        assert measures_for(s, enterprise_id=eid, year=2021) == []  # C: no measure in the example
        first = measures_for(s, enterprise_id=eid, year=2022)
        assert [(m.kind, m.amount, m.years_in_class) for m in first] == [("电价", D("0.05"), 1)]
        assert measures_for(s, enterprise_id=eid, year=2023)[0].amount == D("0.10")
        assert measures_for(s, enterprise_id=eid, year=2025)[0].amount == D("0.15")  # 3+ years
        assert first[0].citation["is_example"] and first[0].citation["document_no"] == ""


def test_export_per_class_lists_each_enterprise_and_measure_with_its_basis(
    db: Database, tmp_path: Path
) -> None:
    with db.write() as s:
        for n, klass in enumerate(("A", "D", "D"), 1):
            e = Enterprise(uscc=f"91330185MA000000{n}X", name=f"企业{n}", industry_chain="其他")
            s.add(e)
            s.flush()
            s.add(
                EfficiencyResult(
                    enterprise_id=e.id,
                    year=2024,
                    group="above",
                    klass=klass,
                    evaluated_at=dt.datetime(2025, 9, 1),
                )
            )
        s.flush()
    n = export_kind(
        db, get_kind("efficiency-measures"), tmp_path / "d.xlsx", options={"year": 2024, "class": "D"}
    )
    assert n == 2
    ws = openpyxl.load_workbook(tmp_path / "d.xlsx").active
    assert ws is not None
    header = [c.value for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert row["评价类别"] == "D类" and row["措施类别"] == "电价" and str(row["标准"]) == "0.05"
    assert str(row["依据"]).startswith("示例（无文件依据），来源：山东 鲁政字〔2019〕235号")
    assert (
        export_kind(
            db, get_kind("efficiency-measures"), tmp_path / "a.xlsx", options={"year": 2024, "class": "A"}
        )
        == 0
    )
