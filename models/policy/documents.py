"""The register of policy documents (政策文件台账) the product's rules rely on.

Every rule value either cites a registered document and a clause that contains it, or
is an example (``is_example``) with ``example_source`` saying where the example comes
from; explanations then read 示例（无文件依据）. Facts and their confidence come from
docs/domain.md §10: a date nobody verified stays ``None``; a clause that only grants a power
(seed 三(三)) is registered with ``figures`` false, and ``policy.checks`` flags a rule
that cites it for a number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.policy.entities import PolicyDocument

STATUSES = ("in_force", "superseded", "unverified")

SEED_DOC = "临政函〔2023〕74号"
ZJ_MUJUN_DOC = "浙政发〔2018〕5号"
HUANGYAN_DOC = "黄政发〔2018〕12号"
KAIHUA_DOC = "开政发〔2014〕89号"
SHANDONG_DOC = "鲁政字〔2019〕235号"
STANDARD_LAND_DOC = "浙政办发〔2018〕73号"
LINKAGE_DOC = "自然资规〔2018〕1号"
IDLE_LAND_DOC = "国土资源部令第53号"
INCUBATOR_2018_DOC = "国科发区〔2018〕300号"
INCUBATOR_2025_DOC = "工信部科〔2025〕131号"

# The 2025 rules' own issue date is not verified; the earliest dated text applying them is
# 工信厅科函〔2025〕349号 of 2025-09-09 (the 2025 application round). Used as the switch date.
INCUBATOR_2025_FROM = dt.date(2025, 9, 9)


def _c(clause: str, summary: str, figures: bool = True) -> dict[str, Any]:
    return {"clause": clause, "summary": summary, "figures": figures}


# document_no, title, issuer, issued, in force, status, superseded_by, superseded_on, clauses, note
REGISTER: tuple[
    tuple[
        str,
        str,
        str,
        dt.date | None,
        dt.date | None,
        str,
        str,
        dt.date | None,
        tuple[dict[str, Any], ...],
        str,
    ],
    ...,
] = (
    (
        SEED_DOC,
        "杭州市临安区人民政府关于进一步支持浙江杭州青山湖科技城高质量发展的若干意见",
        "杭州市临安区人民政府",
        dt.date(2023, 10, 30),
        dt.date(2023, 12, 1),
        "in_force",
        "",
        None,
        (
            _c(
                "二",
                "目标要求：到2030年规上工业总产值突破1800亿元，制造业投资增速年均增长20%以上，"
                "形成一个千亿级、若干百亿级产业集群",
            ),
            _c("三(一)", "高端装备、集成电路、生命健康等特色产业；链主企业", figures=False),
            _c(
                "三(三)",
                "制定规范工业楼宇转让管理实施意见；科技城可自行调整分割比例（无具体数值）",
                figures=False,
            ),
            _c(
                "四(四)",
                "涉及用地和重点招商引资的项目提交区政府相关会议决策，其他项目由科技城自行决策",
                figures=False,
            ),
            _c("四(五)", "政策兑现审核分级", figures=False),
            _c(
                "六(十)",
                "全区每年新增产业用地指标优先用于保障科技城等主平台；争取省市预留指标",
                figures=False,
            ),
        ),
        "本产品服务的政策；高新园、玲珑、於潜可参照执行",
    ),
    (
        ZJ_MUJUN_DOC,
        "浙江省人民政府关于深化“亩均论英雄”改革的指导意见",
        "浙江省人民政府",
        None,
        None,
        "in_force",
        "",
        None,
        (
            _c(
                "评价指标",
                "规上工业六项指标；县区可实施用地、用电、用水、用气、排污差别化政策",
                figures=False,
            ),
        ),
        "不设权重、基准值或分类比例：不得作为数值依据（docs/domain.md §10）",
    ),
    (
        HUANGYAN_DOC,
        "黄岩区工业企业亩均效益综合评价办法及年度计算说明",
        "台州市黄岩区人民政府",
        None,
        None,
        "in_force",
        "",
        None,
        (
            _c(
                "规上权重",
                "亩均税收30、亩均增加值20、单位能耗增加值20、单位排放增加值10、全员劳动生产率10、R&D占比10",
            ),
            _c("规下权重", "亩均税收50%、单位用电税收50%"),
            _c("缺失数据", "规上企业无排放数据的，该项取同组平均得分"),
            _c("评价年度", "Y年数据于Y+1年评价（2022年数据2023-09-25公布）"),
        ),
        "外县（区）办法：在临安仅作示例；标题按年度计算说明概括，未逐字核对",
    ),
    (
        KAIHUA_DOC,
        "开化县工业企业亩均效益综合评价办法",
        "开化县人民政府",
        None,
        None,
        "in_force",
        "",
        None,
        (_c("单项封顶", "单项得分不超过权重的1.5倍"),),
        "外县办法：在临安仅作示例；标题未逐字核对",
    ),
    (
        SHANDONG_DOC,
        "山东省亩产效益评价改革实施方案",
        "山东省人民政府",
        None,
        None,
        "in_force",
        "",
        None,
        (
            _c("分类比例", "A类不超过20%，D类不少于5%"),
            _c("差别化电价", "D类连续1/2/3年及以上加价0.05/0.10/0.15元/千瓦时"),
        ),
        "山东省规则，不是浙江规则：在临安仅作示例；标题未逐字核对",
    ),
    (
        STANDARD_LAND_DOC,
        "浙江省人民政府办公厅关于加快推进“标准地”改革的实施意见",
        "浙江省人民政府办公厅",
        None,
        None,
        "in_force",
        "",
        None,
        (
            _c(
                "控制指标",
                "固定资产投资强度、容积率、单位能耗、单位排放、亩均税收等（指标清单[L]）",
                figures=False,
            ),
        ),
        "标准地改革；具体数值由各地按行业设定",
    ),
    (
        LINKAGE_DOC,
        "自然资源部关于健全建设用地“增存挂钩”机制的通知",
        "自然资源部",
        None,
        None,
        "in_force",
        "",
        None,
        (
            _c(
                "增存挂钩",
                "下达新增建设用地计划与批而未供、闲置土地处置面积挂钩；五年供地率低于60%的不安排新增计划"
                "（[L] 未逐字核对）",
            ),
        ),
        "未见“扣减下一年度指标20%”的规定：该数值不得引用本文件",
    ),
    (
        IDLE_LAND_DOC,
        "闲置土地处置办法",
        "国土资源部",
        None,
        None,
        "in_force",
        "",
        None,
        (
            _c(
                "第二条",
                "超过约定动工日期满一年未动工；或已动工但开发面积不足1/3或投资不足25%且中止开发满一年"
                "（[L] 未逐字核对）",
            ),
        ),
        "闲置土地的认定",
    ),
    (
        INCUBATOR_2018_DOC,
        "科技企业孵化器管理办法",
        "科学技术部",
        dt.date(2018, 12, 14),
        dt.date(2018, 12, 14),
        "superseded",
        INCUBATOR_2025_DOC,
        INCUBATOR_2025_FROM,
        (
            _c(
                "",
                "国家级：场地≥10000㎡且在孵企业使用（含公共服务）≥75%；在孵≥50家且≥3家/千㎡；毕业≥20家；"
                "专业孵化器：同一产业≥75%、在孵≥30家、≥2家/千㎡、毕业≥15家",
            ),
            _c(
                "孵化期限（[L]）",
                "孵化期一般不超过48个月，生物医药、现代农业、集成电路不超过60个月；"
                "入孵时成立不超过24个月（条款号未核实）",
            ),
        ),
        "条款号未核实：引用文件本身",
    ),
    (
        INCUBATOR_2025_DOC,
        "工业和信息化部科技型企业孵化器管理办法",
        "工业和信息化部",
        None,
        INCUBATOR_2025_FROM,
        "in_force",
        "",
        None,
        (
            _c(
                "",
                "标准级 / 卓越级孵化器（标准级对应原国家级）；新增如非租金收入占比≥30%等条件；完整门槛未核实",
            ),
        ),
        "印发日期未核实；生效日取工信厅科函〔2025〕349号（2025-09-09）启动的2025年申报",
    ),
)


def seed_register(session: Session) -> None:
    """Register the documents that are missing (idempotent)."""
    have = set(session.scalars(select(PolicyDocument.document_no)))
    for no, title, issuer, issued, in_force, status, by, on, clauses, note in REGISTER:
        if no in have:
            continue
        session.add(
            PolicyDocument(
                document_no=no,
                title=title,
                issuer=issuer,
                issued_on=issued,
                in_force_from=in_force,
                status=status,
                superseded_by=by,
                superseded_on=on,
                clauses=list(clauses),
                note=note,
            )
        )
    session.flush()


@dataclass(frozen=True)
class DocumentRow:
    id: int
    document_no: str
    title: str
    issuer: str
    issued_on: dt.date | None
    in_force_from: dt.date | None
    status: str
    superseded_by: str
    superseded_on: dt.date | None
    clauses: tuple[dict[str, Any], ...]
    note: str

    def clause(self, name: str) -> dict[str, Any] | None:
        for c in self.clauses:
            if str(c.get("clause", "")) == name:
                return c
        return None

    def superseded_at(self, on: dt.date) -> bool:
        """True when the document no longer applies on ``on``."""
        if self.status != "superseded":
            return False
        return self.superseded_on is None or on >= self.superseded_on


def _row(d: PolicyDocument) -> DocumentRow:
    return DocumentRow(
        d.id,
        d.document_no,
        d.title,
        d.issuer,
        d.issued_on,
        d.in_force_from,
        d.status,
        d.superseded_by,
        d.superseded_on,
        tuple(d.clauses or ()),
        d.note,
    )


def list_documents(session: Session) -> list[DocumentRow]:
    return [_row(d) for d in session.scalars(select(PolicyDocument).order_by(PolicyDocument.document_no))]


def document(session: Session, document_no: str) -> DocumentRow | None:
    d = session.scalar(select(PolicyDocument).where(PolicyDocument.document_no == document_no))
    return None if d is None else _row(d)


EXAMPLE_MARK = "示例（无文件依据）"


def basis_text(
    document_no: str, clause: str = "", *, is_example: bool = False, example_source: str = ""
) -> str:
    """The basis as written in workbooks and reports (Chinese, the exchange format): the
    document and clause, or 示例（无文件依据） with where the example comes from."""
    cited = f"{document_no} {clause}".strip()
    if is_example:
        source = example_source or cited
        return f"{EXAMPLE_MARK}，来源：{source}" if source else EXAMPLE_MARK
    return cited


def basis_of(fields: Any) -> str:
    """``basis_text`` of a citation dict or a stored breakdown."""
    return basis_text(
        str(fields.get("document_no") or ""),
        str(fields.get("clause") or ""),
        is_example=fields.get("is_example") in (True, "true", "True"),
        example_source=str(fields.get("example_source") or ""),
    )
