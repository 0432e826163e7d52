"""Land defaults: the editable choice lists and the area-tolerance rule.

Land-use codes follow GB/T 21010-2017 (土地利用现状分类, 06 工矿仓储用地) and, for
planning, GB 50137-2011 (城市用地分类, M 工业 / W 物流仓储). The values are the
codes as written in workbooks; their names below are the standards' own wording.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from models.land.idle import IDLE_DEFAULT, IDLE_FROM, IDLE_RULE, IDLE_SOURCE
from models.policy.seed import seed_choices, upsert_rule

# code, standard's name, English
LAND_USES: tuple[tuple[str, str, str], ...] = (
    ("0601", "工业用地", "Industrial"),
    ("0602", "采矿用地", "Mining"),
    ("0604", "仓储用地", "Storage"),
    ("M1", "一类工业用地", "Industrial, class 1"),
    ("M2", "二类工业用地", "Industrial, class 2"),
    ("M3", "三类工业用地", "Industrial, class 3"),
    ("W1", "一类物流仓储用地", "Logistics and storage, class 1"),
    ("0501", "商业服务业设施用地", "Commercial services"),
    ("0810", "公园与绿地", "Parks and green space"),
    ("其他", "其他用地", "Other"),
)
LAND_USE_NAMES = {code: name for code, name, _ in LAND_USES}

# Stored value → workbook spelling. Source: 新增 new construction land / 存量 existing.
LAND_SOURCES = {"new": "新增", "existing": "存量"}
SUPPLY_METHODS = ("出让", "划拨", "租赁", "先租后让", "弹性年期")
LOW_EFF_KINDS = ("批而未供", "供而未用", "用而未尽", "建而未投", "投而未达标")
STATUSES = ("储备", "待供", "已供", "在建", "已投产", "收回")
CHOICES_EN: dict[str, dict[str, str]] = {
    "land_use": {code: english for code, _, english in LAND_USES},
    "supply_method": {
        "出让": "Granted",
        "划拨": "Allocated",
        "租赁": "Leased",
        "先租后让": "Lease then grant",
        "弹性年期": "Flexible term",
    },
    "low_eff_kind": {
        "批而未供": "Approved, not supplied",
        "供而未用": "Supplied, not used",
        "用而未尽": "Used, not fully",
        "建而未投": "Built, not in production",
        "投而未达标": "In production, below standard",
    },
    "plot_status": {
        "储备": "Reserve",
        "待供": "To supply",
        "已供": "Supplied",
        "在建": "Building",
        "已投产": "Producing",
        "收回": "Reclaimed",
    },
}

# Standard-land (标准地) indicators, docs/domain.md §4: key, name, unit, comparison.
INDICATORS: tuple[tuple[str, str, str, str], ...] = (
    ("investment_intensity", "固定资产投资强度", "万元/亩", ">="),
    ("plot_ratio", "容积率", "", "<>"),  # two-sided: a floor and, from the plan, a ceiling
    ("tax_per_mu", "亩均税收", "万元/亩", ">="),
    ("energy_per_value", "单位能耗标准", "吨标煤/万元", "<="),
    ("emission_per_value", "单位排放标准", "吨/万元", "<="),
    ("value_added_per_mu", "亩均增加值", "万元/亩", ">="),
    ("building_coverage", "建筑系数", "", "<>"),  # the national control indicators bound it both ways
)
INDICATOR_NAMES = {key: name for key, name, _, _ in INDICATORS}

AREA_TOLERANCE_KEY = "land.area_tolerance"
AREA_TOLERANCE_FROM = dt.date(2023, 12, 1)


def seed_defaults(session: Session) -> None:
    seed_choices(
        session,
        {
            "land_use": tuple(code for code, _, _ in LAND_USES),
            "supply_method": SUPPLY_METHODS,
            "low_eff_kind": LOW_EFF_KINDS,
            "plot_status": STATUSES,
        },
        CHOICES_EN,
    )
    upsert_rule(
        session,
        key=AREA_TOLERANCE_KEY,
        value={"relative": "0.005", "absolute_m2": "1"},
        title="宗地计算面积与证载面积允许差",
        document_no="",
        clause="",
        example_source="LandSpace 示例（待区自然资源部门确定）",
        effective_from=AREA_TOLERANCE_FROM,
        is_example=True,
        note="计算面积与证载面积之差超过 max(证载面积×0.5%, 1㎡) 时标记；数值为示例，请按本区规定修改",
    )
    upsert_rule(
        session,
        key=IDLE_RULE,
        value=IDLE_DEFAULT,
        title="闲置土地认定（超过约定动工日期满一年未动工；或开发不足1/3、投资不足25%且中止满一年）",
        document_no="",
        clause="",
        example_source=IDLE_SOURCE,
        effective_from=IDLE_FROM,
        is_example=True,
        note="据宗地出让合同约定的动工日期、投资承诺与开发进度推算；条文核实后可改为引用文件",
    )
