"""The quota ledger's defaults: the editable list of quota sources and the 增存挂钩 rule.

The priority order (``quota.priority_order``, 临政函〔2023〕74号 六(十)) is seeded by
``models.policy.seed``; the decision-level rule here cites the same policy, clause 四(四).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from models.policy.seed import POLICY_DOC, POLICY_IN_FORCE, seed_choices, upsert_rule

# 区年度计划 and 切块 are the block allocation; 省级/市级预留 are won for a major project.
QUOTA_SOURCES: tuple[str, ...] = (
    "区年度计划",
    "切块",
    "省级预留",
    "市级预留",
    "奖励",
    "增存挂钩",
    "增减挂钩",
    "省重大项目预支",
)
RESERVED_SOURCES: tuple[str, ...] = ("省级预留", "市级预留")
QUOTA_SOURCES_EN = {
    "区年度计划": "District annual plan",
    "切块": "Block allocation",
    "省级预留": "Provincial reserve",
    "市级预留": "City reserve",
    "奖励": "Reward",
    "增存挂钩": "Linked to stock disposal",
    "增减挂钩": "Urban-rural land swap",
    "省重大项目预支": "Advance for a provincial major project",
}

LINKAGE_RULE = "quota.stock_linkage"
LINKAGE_SOURCE = "自然资规〔2018〕1号（[L] 条文未逐字核对；挂钩比例为示例）"
DECISION_RULE = "quota.land_decision_level"


def seed_defaults(session: Session) -> None:
    seed_choices(session, {"quota_source": QUOTA_SOURCES}, {"quota_source": QUOTA_SOURCES_EN})
    upsert_rule(
        session,
        key=LINKAGE_RULE,
        value={"quota_per_disposed": "1", "supply_rate_threshold": "0.60", "supply_rate_years": 5},
        title="增存挂钩：新增计划指标与批而未供、闲置土地处置面积挂钩；五年供地率低于阈值的不安排新增指标",
        document_no="",
        clause="",
        example_source=LINKAGE_SOURCE,
        effective_from=dt.date(2019, 1, 1),
        is_example=True,
        note="挂钩比例（每处置1亩安排1亩）为示例；60% 为国家规则的通行理解（[L]）。未找到“扣减下一年度指标20%”的文件，已不再预置。",  # noqa: E501
    )
    upsert_rule(
        session,
        key=DECISION_RULE,
        value="district",
        title="涉及用地的项目提交区政府相关会议决策，其他项目由科技城自行决策",
        document_no=POLICY_DOC,
        clause="四(四)",
        effective_from=POLICY_IN_FORCE,
    )
