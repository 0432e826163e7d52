"""Display names for the efficiency area's codes (groups, indicators, statuses)."""

from __future__ import annotations

from desktop.choice_labels import choice_text
from desktop.i18n import tr


def group_label(key: str) -> str:
    return {
        "above": tr("规上企业"),
        "below_large": tr("规下企业（≥3亩）"),
        "below_small": tr("规下企业（<3亩）"),
        "leasing": tr("租赁企业（无自有土地）"),
        "exempt": tr("免评"),
        "protected": tr("保护期"),
    }.get(key, key)


def group_text(key: str, industry: str = "") -> str:
    """The group as graded: 规上企业, or 规上企业·集成电路 where the rule grades it by industry."""
    if not industry:
        return group_label(key)
    return tr("{group}·{industry}", group=group_label(key), industry=choice_text("industry_chain", industry))


def data_years_text(start: int | None, end: int | None) -> str:
    """The data years a rule version evaluates: 2017 年起, 2017—2023 年, or 全部年度."""
    if start is None and end is None:
        return tr("全部年度")
    if end is None:
        return tr("{start} 年起", start=start)
    if start is None:
        return tr("至 {end} 年", end=end)
    return tr("{start}—{end} 年", start=start, end=end)


def indicator_label(key: str) -> str:
    return {
        "tax_per_mu": tr("亩均税收"),
        "va_per_mu": tr("亩均增加值"),
        "va_per_energy": tr("单位能耗增加值"),
        "va_per_emission": tr("单位排放增加值"),
        "labour_productivity": tr("全员劳动生产率"),
        "rd_ratio": tr("R&D经费占比"),
        "tax_per_electricity": tr("单位电耗税收"),
    }.get(key, key)


def indicator_unit(key: str) -> str:
    return {
        "tax_per_mu": tr("万元/亩"),
        "va_per_mu": tr("万元/亩"),
        "va_per_energy": tr("万元/吨标煤"),
        "va_per_emission": tr("万元/吨"),
        "labour_productivity": tr("万元/人"),
        "rd_ratio": "",
        "tax_per_electricity": tr("万元/兆瓦时"),
    }.get(key, "")


def status_label(key: str) -> str:
    return {"normal": tr("正常"), "exempt": tr("免评"), "protected": tr("保护期"), "leasing": tr("租赁")}.get(
        key, key
    )


def benchmark_mode_label(key: str) -> str:
    return {"fixed": tr("固定值"), "aggregate": tr("当年分组平均"), "mean": tr("当年企业均值")}.get(key, key)
