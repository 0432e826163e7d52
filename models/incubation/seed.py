"""Default rules for incubation carriers.

The national incubator criteria are those of the Ministry of Science and Technology's
《科技企业孵化器管理办法》(国科发区〔2018〕300号), issued 2018-12-28: 第十条 lists what a
national-level incubator must show (area, tenants' share of it, tenant numbers and density,
graduates), 第十一条 the 48-month incubation limit of a tenant. The local working values
(warning months before the limit, "available soon" horizon, reported-vs-computed
tolerance) are the product's defaults from docs/domain.md §8 and are marked ``is_example``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from models.policy.seed import upsert_rule

NATIONAL_DOC = "国科发区〔2018〕300号"
NATIONAL_FROM = dt.date(2018, 12, 28)
LOCAL_DOC = "LandSpace 默认参数（docs/domain.md §8）"
LOCAL_FROM = dt.date(2023, 12, 1)

# key, value, title, document, clause, effective from, is_example
RULES: tuple[tuple[str, Any, str, str, str, dt.date, bool], ...] = (
    ("incubation.national.min_area_m2", "10000", "国家级孵化器：可自主支配孵化场地面积不低于（㎡）",
     NATIONAL_DOC, "第十条（二）", NATIONAL_FROM, False),
    ("incubation.national.min_tenant_use_ratio", "0.75", "国家级孵化器：在孵企业使用场地占比不低于",
     NATIONAL_DOC, "第十条（二）", NATIONAL_FROM, False),
    ("incubation.national.min_tenants", 50, "国家级孵化器：在孵企业不少于（家）",
     NATIONAL_DOC, "第十条（六）", NATIONAL_FROM, False),
    ("incubation.national.min_tenants_per_1000m2", "3", "国家级孵化器：每千平方米在孵企业不少于（家）",
     NATIONAL_DOC, "第十条（六）", NATIONAL_FROM, False),
    ("incubation.national.min_graduates", 20, "国家级孵化器：累计毕业企业不少于（家）",
     NATIONAL_DOC, "第十条（七）", NATIONAL_FROM, False),
    ("incubation.max_months", 48, "在孵企业孵化时限不超过（月）",
     NATIONAL_DOC, "第十一条（三）", NATIONAL_FROM, False),
    ("incubation.clock_warning_months", 6, "孵化期临近上限提醒（距上限月数）",
     LOCAL_DOC, "孵化期提醒", LOCAL_FROM, True),
    ("incubation.available_soon_days", 90, "即将空出：租约在若干天内到期",
     LOCAL_DOC, "空置清单", LOCAL_FROM, True),
    ("incubation.report_tolerance_ratio", "0.05", "月报占用面积与入驻台账计算值的允许偏差（占可用面积比例）",
     LOCAL_DOC, "月报核对", LOCAL_FROM, True),
)


def seed_defaults(session: Session) -> None:
    """Add the incubation rules that are missing (idempotent)."""
    for key, value, title, doc, clause, start, example in RULES:
        upsert_rule(session, key=key, value=value, title=title, document_no=doc, clause=clause,
                    effective_from=start, is_example=example)
