"""Default evaluation rule set: the example pattern of docs/domain.md §3, flagged as an example."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.efficiency import rules as R
from models.efficiency.measures import EXAMPLE_FROM as MEASURES_FROM
from models.efficiency.measures import EXAMPLE_MEASURES, MEASURES_KEY
from models.efficiency.measures import EXAMPLE_SOURCE as MEASURES_SOURCE
from models.policy.seed import upsert_rule


def seed_defaults(session: Session) -> None:
    upsert_rule(
        session,
        key=R.RULE_KEY,
        value=R.to_json(R.example_rule_set()),
        title="亩均效益评价规则（示例：黄岩2022权重）",
        document_no=R.EXAMPLE_DOC,
        clause=R.EXAMPLE_CLAUSE,
        effective_from=R.EXAMPLE_FROM,
        is_example=True,
        example_source=R.EXAMPLE_SOURCE,
        note="示例值：规上六项指标权重 30/20/20/10/10/10（无排放数据取同组该项平均得分），规下亩均税收 50%、"
        "单位用电税收 50%；基准值为当年分组平均，单项封顶 1.5 倍权重、保底 0；A 前 25%、B 至 70%、C 至 95%、"
        "D 其余（小组不强制 D）；适用 2017 年起数据（Y 年数据于 Y+1 年评价）。请按本区办法调整。",
    )
    upsert_rule(
        session,
        key=MEASURES_KEY,
        value=EXAMPLE_MEASURES,
        title="分类差别化措施（电价、水价、用能、排污、用地）",
        document_no="",
        clause="",
        effective_from=MEASURES_FROM,
        is_example=True,
        example_source=MEASURES_SOURCE,
        note="浙江省内差别化税率未核实；示例取山东做法，请按本区文件修改。",
    )
