"""Default rules for incubation carriers.

The national incubator criteria are those of the Ministry of Science and Technology's
《科技企业孵化器管理办法》(国科发区〔2018〕300号), issued 2018-12-14 (docs/domain.md §10 [C]): area,
tenants' share of it (public-service area included), tenant numbers and density,
graduates. Article numbers are not verified, so rules cite the document alone. The
48-month limit is [L] and entered as an example with its source. The local working
values (warning months before the limit, "available soon" horizon, reported-vs-computed
tolerance) are the product's defaults from docs/domain.md §8, examples without a document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from models.policy.documents import INCUBATOR_2018_DOC, INCUBATOR_2025_DOC, INCUBATOR_2025_FROM
from models.policy.seed import upsert_rule

NATIONAL_DOC = INCUBATOR_2018_DOC
NATIONAL_FROM = dt.date(2018, 12, 14)
NATIONAL_TO = INCUBATOR_2025_FROM - dt.timedelta(days=1)  # superseded by 工信部科〔2025〕131号
NATIONAL_L = "国科发区〔2018〕300号（[L] 条文未逐字核对）"
LOCAL_DOC = ""
LOCAL_SOURCE = "LandSpace 默认参数（docs/domain.md §8）"
LOCAL_FROM = dt.date(2023, 12, 1)

# key, value, title, document, clause, effective from, is_example
RULES: tuple[tuple[str, Any, str, str, str, dt.date, bool], ...] = (
    (
        "incubation.national.min_area_m2",
        "10000",
        "国家级孵化器：可自主支配孵化场地面积不低于（㎡）",
        NATIONAL_DOC,
        "",
        NATIONAL_FROM,
        False,
    ),
    (
        "incubation.national.min_tenant_use_ratio",
        "0.75",
        "国家级孵化器：在孵企业使用场地占比不低于",
        NATIONAL_DOC,
        "",
        NATIONAL_FROM,
        False,
    ),
    (
        "incubation.national.min_tenants",
        50,
        "国家级孵化器：在孵企业不少于（家）",
        NATIONAL_DOC,
        "",
        NATIONAL_FROM,
        False,
    ),
    (
        "incubation.national.min_tenants_per_1000m2",
        "3",
        "国家级孵化器：每千平方米在孵企业不少于（家）",
        NATIONAL_DOC,
        "",
        NATIONAL_FROM,
        False,
    ),
    (
        "incubation.national.min_graduates",
        20,
        "国家级孵化器：累计毕业企业不少于（家）",
        NATIONAL_DOC,
        "",
        NATIONAL_FROM,
        False,
    ),
    ("incubation.max_months", 48, "在孵企业孵化时限不超过（月）", "", "", NATIONAL_FROM, True),
    (
        "incubation.sector_max_months",
        {"生物医药": 60, "现代农业": 60, "集成电路": 60},
        "生物医药、现代农业、集成电路企业孵化时限不超过（月）",
        "",
        "",
        NATIONAL_FROM,
        True,
    ),
    ("incubation.max_age_on_entry_months", 24, "入孵时企业成立时间不超过（月）", "", "", NATIONAL_FROM, True),
    (
        "incubation.professional.min_industry_share",
        "0.75",
        "专业孵化器：同一产业领域在孵企业占比不低于",
        NATIONAL_DOC,
        "",
        NATIONAL_FROM,
        False,
    ),
    (
        "incubation.professional.min_tenants",
        30,
        "专业孵化器：在孵企业不少于（家）",
        NATIONAL_DOC,
        "",
        NATIONAL_FROM,
        False,
    ),
    (
        "incubation.professional.min_tenants_per_1000m2",
        "2",
        "专业孵化器：每千平方米在孵企业不少于（家）",
        NATIONAL_DOC,
        "",
        NATIONAL_FROM,
        False,
    ),
    (
        "incubation.professional.min_graduates",
        15,
        "专业孵化器：累计毕业企业不少于（家）",
        NATIONAL_DOC,
        "",
        NATIONAL_FROM,
        False,
    ),
    (
        "incubation.clock_warning_months",
        6,
        "孵化期临近上限提醒（距上限月数）",
        LOCAL_DOC,
        "",
        LOCAL_FROM,
        True,
    ),
    ("incubation.available_soon_days", 90, "即将空出：租约在若干天内到期", LOCAL_DOC, "", LOCAL_FROM, True),
    (
        "incubation.report_tolerance_ratio",
        "0.05",
        "月报占用面积与入驻台账计算值的允许偏差（占可用面积比例）",
        LOCAL_DOC,
        "",
        LOCAL_FROM,
        True,
    ),
)


# The 2025 set (工信部科〔2025〕131号): 标准级 corresponds to the old national level; its full
# thresholds are [U], so the 300号 figures are carried over as examples, marked with the source.
SUCCESSOR_DOC = INCUBATOR_2025_DOC
SUCCESSOR_FROM = INCUBATOR_2025_FROM
SUCCESSOR_EXAMPLE = "工信部科〔2025〕131号 标准级（门槛未核实，沿用 300号 国家级数值作示例）"
SUCCESSOR_KEYS = (
    "incubation.national.min_area_m2",
    "incubation.national.min_tenant_use_ratio",
    "incubation.national.min_tenants",
    "incubation.national.min_tenants_per_1000m2",
    "incubation.national.min_graduates",
    "incubation.max_months",
    "incubation.sector_max_months",
    "incubation.max_age_on_entry_months",
    "incubation.professional.min_industry_share",
    "incubation.professional.min_tenants",
    "incubation.professional.min_tenants_per_1000m2",
    "incubation.professional.min_graduates",
)


# 卓越级 (the 2025 set's higher level): no threshold of it is verified. The values below are
# LandSpace's own placeholders, set above 标准级 so the level can be shown; they are examples,
# marked 示例（无文件依据） with this source, to be replaced once the text is checked.
EXCELLENT_SOURCE = (
    "LandSpace 占位示例：工信部科〔2025〕131号 卓越级门槛未核实（按高于标准级设定，核实后替换）"
)
EXCELLENT_RULES: tuple[tuple[str, Any, str], ...] = (
    ("incubation.excellent.min_area_m2", "20000", "卓越级孵化器：可自主支配孵化场地面积不低于（㎡）"),
    ("incubation.excellent.min_tenants", 80, "卓越级孵化器：在孵企业不少于（家）"),
    ("incubation.excellent.min_tenants_per_1000m2", "3", "卓越级孵化器：每千平方米在孵企业不少于（家）"),
    ("incubation.excellent.min_graduates", 40, "卓越级孵化器：累计毕业企业不少于（家）"),
)


def seed_defaults(session: Session) -> None:
    """Add the incubation rules that are missing (idempotent)."""
    for key, value, title in EXCELLENT_RULES:
        upsert_rule(
            session,
            key=key,
            value=value,
            title=title,
            document_no="",
            clause="",
            effective_from=SUCCESSOR_FROM,
            is_example=True,
            example_source=EXCELLENT_SOURCE,
        )
    for key, value, title, *_ in RULES:
        if key in SUCCESSOR_KEYS:
            upsert_rule(
                session,
                key=key,
                value=value,
                title=title.replace("国家级孵化器", "标准级孵化器").replace("专业孵化器", "标准级专业孵化器"),
                document_no="",
                clause="",
                effective_from=SUCCESSOR_FROM,
                is_example=True,
                example_source=SUCCESSOR_EXAMPLE,
            )
    for key, value, title, doc, clause, start, example in RULES:
        national = start == NATIONAL_FROM
        upsert_rule(
            session,
            key=key,
            value=value,
            title=title,
            document_no=doc,
            clause=clause,
            effective_from=start,
            is_example=example,
            effective_to=NATIONAL_TO if national else None,
            example_source=(NATIONAL_L if national else LOCAL_SOURCE) if example else "",
        )
