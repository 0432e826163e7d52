"""The quota ledger's defaults: the editable list of quota sources and the 增存挂钩 rule.

The priority order (``quota.priority_order``, 临政函〔2023〕74号 六(十)) is seeded by
``models.policy.seed``; the decision-level rule here cites the same policy, clause 四(四).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from models.policy.seed import POLICY_DOC, POLICY_IN_FORCE, seed_choices, upsert_rule

# 区年度计划 and 切块 are the block allocation; 省级/市级预留 are won for a major project.
QUOTA_SOURCES: tuple[str, ...] = ("区年度计划", "切块", "省级预留", "市级预留", "奖励", "增存挂钩", "增减挂钩")
RESERVED_SOURCES: tuple[str, ...] = ("省级预留", "市级预留")

LINKAGE_RULE = "quota.linkage_penalty"
DECISION_RULE = "quota.land_decision_level"


def seed_defaults(session: Session) -> None:
    seed_choices(session, {"quota_source": QUOTA_SOURCES})
    upsert_rule(
        session, key=LINKAGE_RULE,
        value={"penalty_ratio": "0.20", "base_sources": ["区年度计划", "切块"]},
        title="增存挂钩：未完成批而未供和闲置土地处置任务的，扣减下一年度新增建设用地计划指标",
        document_no="", clause="", example_source="浙江县区做法（未找到文件出处，DOMAIN §10 [U]）",
        effective_from=dt.date(2019, 1, 1), is_example=True,
        note="扣减 20% 为浙江县区的示例做法（DOMAIN §5），请按本区实际文件修改。",
    )
    upsert_rule(
        session, key=DECISION_RULE, value="district",
        title="涉及用地的项目提交区政府相关会议决策，其他项目由科技城自行决策",
        document_no=POLICY_DOC, clause="四(四)", effective_from=POLICY_IN_FORCE,
    )
