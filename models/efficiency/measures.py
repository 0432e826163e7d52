"""What a class means: the differentiated measures (电价、水价、用能、排污、用地 …) applied to an
enterprise by its class, as dated rule data (``efficiency.class_measures``).

浙政发〔2018〕5号 lets counties differentiate 用地、用电、用水、用气、排污 but sets no rates, and
Zhejiang's own rates are [U] (docs/domain.md §10); the seeded rates are Shandong's (鲁政字〔2019〕235号:
+0.05 / 0.10 / 0.15 元/kWh for D one, two, three or more years running), entered as an
example with that source. The rule value:

``{"D": [{"kind": "电价", "measure": "加价", "amounts": ["0.05", "0.10", "0.15"], "unit": "元/千瓦时"}], …}``

``amounts[i]`` applies in the (i+1)-th consecutive year in the class (the last one from
then on); a measure without ``amounts`` is a plain statement (e.g. 用地: 不予新增供地).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.efficiency.entities import EfficiencyResult
from models.policy.rules import RuleRef, rule_in_force

MEASURES_KEY = "efficiency.class_measures"
KINDS = ("电价", "水价", "用能", "排污", "用地")

EXAMPLE_MEASURES: dict[str, list[dict[str, Any]]] = {
    "D": [{"kind": "电价", "measure": "加价", "amounts": ["0.05", "0.10", "0.15"], "unit": "元/千瓦时"}],
}
EXAMPLE_SOURCE = "山东 鲁政字〔2019〕235号（D类连续1/2/3年及以上加价0.05/0.10/0.15元/千瓦时）；浙江税率未核实"
EXAMPLE_FROM = dt.date(2019, 1, 1)


@dataclass(frozen=True)
class AppliedMeasure:
    kind: str
    measure: str
    amount: Decimal | None
    unit: str
    years_in_class: int
    citation: dict[str, Any]


def streak(session: Session, *, enterprise_id: int, year: int, klass: str) -> int:
    """Consecutive evaluated years up to ``year`` in which the enterprise was rated ``klass``."""
    rows = dict(
        session.execute(
            select(EfficiencyResult.year, EfficiencyResult.klass).where(
                EfficiencyResult.enterprise_id == enterprise_id, EfficiencyResult.year <= year
            )
        ).all()
    )
    count = 0
    y = year
    while rows.get(y) == klass:
        count += 1
        y -= 1
    return count


def measures_of(value: Any, klass: str, years_in_class: int, ref: RuleRef) -> list[AppliedMeasure]:
    out = []
    for m in (value or {}).get(klass, []) if isinstance(value, dict) else []:
        amounts = [Decimal(str(a)) for a in m.get("amounts", [])]
        amount = amounts[min(years_in_class, len(amounts)) - 1] if amounts and years_in_class > 0 else None
        out.append(
            AppliedMeasure(
                str(m.get("kind", "")),
                str(m.get("measure", "")),
                amount,
                str(m.get("unit", "")),
                years_in_class,
                ref.citation(),
            )
        )
    return out


def measures_for(
    session: Session, *, enterprise_id: int, year: int, on: dt.date | None = None
) -> list[AppliedMeasure]:
    """The measures an enterprise's class of data ``year`` brings, under the rule in force
    on ``on`` (default: the end of the evaluation year Y+1). Empty when ungraded or no rule."""
    klass = session.scalar(
        select(EfficiencyResult.klass).where(
            EfficiencyResult.enterprise_id == enterprise_id, EfficiencyResult.year == year
        )
    )
    if not klass:
        return []
    ref = rule_in_force(session, MEASURES_KEY, on=on or dt.date(year + 1, 12, 31))
    if ref is None:
        return []
    return measures_of(
        ref.value, klass, streak(session, enterprise_id=enterprise_id, year=year, klass=klass), ref
    )
