"""Display helpers for the buildings page: labels of uses and statuses, percentages, areas,
and check results rendered with their rule citation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.i18n import tr
from desktop.messages import render
from models.buildings.compliance import CheckResult
from models.buildings.entities import UnitStatus, UnitUse
from models.errors import Problem


def use_label(code: str) -> str:
    return {
        UnitUse.PRODUCTION.value: tr("生产"),
        UnitUse.RESEARCH.value: tr("研发"),
        UnitUse.OFFICE.value: tr("办公"),
        UnitUse.DORMITORY.value: tr("宿舍"),
        UnitUse.CANTEEN.value: tr("食堂"),
        UnitUse.GARAGE.value: tr("车库"),
        UnitUse.SHARED.value: tr("公共"),
    }.get(code, code)


def use_letter(code: str) -> str:
    """One character drawn in a unit's cell on the floor grid."""
    return {
        UnitUse.PRODUCTION.value: tr("产"),
        UnitUse.RESEARCH.value: tr("研"),
        UnitUse.OFFICE.value: tr("办"),
        UnitUse.DORMITORY.value: tr("宿"),
        UnitUse.CANTEEN.value: tr("食"),
        UnitUse.GARAGE.value: tr("车"),
        UnitUse.SHARED.value: tr("公"),
    }.get(code, "?")


def status_label(code: str) -> str:
    return {
        UnitStatus.HELD.value: tr("自持"),
        UnitStatus.TRANSFERRED.value: tr("已转让"),
        UnitStatus.LEASED.value: tr("出租"),
    }.get(code, code)


def severity_label(code: str) -> str:
    return {
        "ok": tr("正常"),
        "warning": tr("接近上限"),
        "error": tr("超过上限"),
        "unknown": tr("无规则"),
    }.get(code, code)


SEVERITY_MARK = {"ok": "✓", "warning": "⚠", "error": "✗"}


def pct_text(ratio: Decimal | None) -> str:
    if ratio is None:
        return "—"
    p = (ratio * 100).quantize(Decimal("0.1"))
    return f"{p}%"


def area_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def money_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _fields_for_display(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if isinstance(out.get("uses"), str):
        out["uses"] = "、".join(use_label(u) for u in out["uses"].split("、"))
    return out


def check_text(result: CheckResult) -> str:
    """The check as a sentence with its numbers and source, ``（示例参数）`` when the rule
    is a seeded example awaiting the district's own figures."""
    return render(Problem(result.code, _fields_for_display(result.fields)))


def check_line(result: CheckResult) -> str:
    return f"{SEVERITY_MARK.get(result.severity, '·')} {check_text(result)}"
