"""亩均效益评价卡: an enterprise's efficiency score card for one year — the enterprise and
its group, the total score, rank and class, every indicator with its value, benchmark,
weight and points (指标、得分), the rule it rests on (依据), the measures its class brings,
the classes of past years, and signature lines. Printed from the efficiency page's
得分明细 and by ``landspace print scorecard``."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.basis import basis_of, basis_text
from desktop.choice_labels import choice_text
from desktop.efficiency.labels import data_years_text, group_text
from desktop.i18n import tr, tr_in
from desktop.item_models.formats import format_decimal
from desktop.item_models.row_table import RowTableModel
from desktop.printing.document import Paragraph, PrintDocument, Signatures
from desktop.printing.table import table_block
from models.efficiency.measures import AppliedMeasure
from models.efficiency.queries import HistoryRow, ResultDetail, ResultRow

SIGNERS = ("评价人", "审核人")


def headline(row: ResultRow) -> str:
    rank = tr("，组内第 {rank}/{n} 名", rank=row.rank, n=row.group_size) if row.rank else ""
    klass = tr("，{k} 类", k=row.klass) if row.klass else tr("，不参与分类")
    score = format_decimal(row.score, 2) if row.score is not None else "—"
    return tr(
        "{name}：{group}，综合得分 {score}{rank}{klass}",
        name=row.name,
        group=group_text(row.group, row.industry),
        score=score,
        rank=rank,
        klass=klass,
    )


def basis_lines(detail: ResultDetail, measures: Sequence[AppliedMeasure]) -> list[str]:
    """The rule the score rests on, and the measures the class brings."""
    lines = []
    if detail.document_no or detail.is_example:
        basis = basis_text(
            detail.document_no,
            detail.clause,
            is_example=detail.is_example,
            example_source=detail.example_source,
        )
        lines.append(
            tr(
                "依据：{basis}。每项得分 = 权重 × 指标值 ÷ 基准值，封顶为权重的倍数，负值记 0 分；"
                "缺项取同组该项平均得分（规则如此规定时）。",
                basis=basis,
            )
        )
    if detail.rule_from is not None:
        lines.append(
            tr(
                "评价规则：{title}，{start} 起施行，适用数据年度：{years}。",
                title=tr_in("policy", detail.rule_title),
                start=detail.rule_from.isoformat(),
                years=data_years_text(detail.data_year_from, detail.data_year_to),
            )
        )
    if detail.industry:
        lines.append(
            tr(
                "本规则按行业分组评价：基准值、平均得分、排名和分类比例均在“{industry}”内计算。",
                industry=choice_text("industry_chain", detail.industry),
            )
        )
    for m in measures:
        lines.append(
            tr(
                "差别化措施：{kind}{measure} {amount} {unit}（连续 {years} 年；{basis}）",
                kind=m.kind,
                measure=m.measure,
                amount="" if m.amount is None else m.amount,
                unit=m.unit,
                years=m.years_in_class,
                basis=basis_of(m.citation),
            )
        )
    return lines


def score_card(
    row: ResultRow,
    detail: ResultDetail,
    history: Sequence[HistoryRow],
    measures: Sequence[AppliedMeasure],
    *,
    author: str = "",
) -> PrintDocument:
    from desktop.efficiency.page import breakdown_columns, history_columns

    doc = PrintDocument(
        title=tr("亩均效益评价卡 — {name}（{year} 年）", name=row.name, year=row.year),
        author=author,
        lines=[
            tr(
                "企业：{name}    统一社会信用代码：{uscc}    平台：{platform}",
                name=row.name,
                uscc=row.uscc or "—",
                platform=row.platform_name or "—",
            ),
            headline(row),
        ],
    )
    items = RowTableModel(breakdown_columns())
    items.set_rows(list(detail.items))
    doc.add(table_block(items, tr("一、指标与得分"), stretch=True))
    total = format_decimal(detail.score, 2) if detail.score is not None else "—"
    doc.add(
        Paragraph(
            tr("综合得分 {score}；类别：{klass}", score=total, klass=detail.klass or tr("不参与分类")),
            bold=True,
            size=10.5,
        )
    )
    for line in basis_lines(detail, measures):
        doc.add(Paragraph(line, size=9))
    if history:
        past = RowTableModel(history_columns())
        past.set_rows(list(history))
        doc.add(table_block(past, tr("二、历年评价"), stretch=True))
    doc.add(Paragraph(tr("评价意见：")), Paragraph(" "), Signatures([tr(s) for s in SIGNERS]))
    return doc
