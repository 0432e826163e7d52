"""Coordinates pasted from a spreadsheet (GIS users' most asked-for shortcut:
spreadsheet rows → a polygon in one step), as rows of the ``boundary-points`` kind.

Accepted layouts, one point per line, cells split by tabs (Excel), commas or spaces:
``点号 X Y``, ``点号 圈号 X Y``, ``X Y``; a header line and blank lines are skipped;
full-width digits and thousands separators are fine.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from models.exchange.spec import SourceRow

_SPLIT = re.compile(r"\t|,|\s+")


def _num(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def rows_from_pasted(text: str, plot_code: str) -> list[SourceRow]:
    rows: list[SourceRow] = []
    headers = {"plot_code": "地块编号", "ring": "圈号", "point": "点号", "x": "X", "y": "Y"}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = unicodedata.normalize("NFKC", raw).strip()
        if not line:
            continue
        cells = [c for c in (_SPLIT.split(line) if "\t" not in line else line.split("\t")) if c.strip()]
        cells = [c.strip() for c in cells]
        nums = [_num(c) for c in cells]
        if len(cells) < 2 or nums[-1] is None or nums[-2] is None:
            continue  # a header or a note line
        values: dict[str, object] = {"plot_code": plot_code, "x": nums[-2], "y": nums[-1]}
        if len(cells) >= 3:
            values["point"] = cells[0]
        if (
            len(cells) >= 4
            and nums[1] is not None
            and nums[1] == nums[1].to_integral_value()
            and nums[1] < 100
        ):
            values["ring"] = int(nums[1])
        rows.append(SourceRow("粘贴", number, values, raw={"x": cells[-2], "y": cells[-1]}, headers=headers))
    return rows
