"""腾笼换鸟项目阶段记录: a renewal case's stage history as the sheet an office files — the
project, the old and the new enterprise, its plots, the current stage, the before/after
figures, every stage with its date and reason, and signature lines. Printed from the
renewal page's 阶段记录 and by ``landspace print stages``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from desktop.i18n import tr
from desktop.item_models.formats import format_area, format_decimal, format_money
from desktop.item_models.row_table import RowTableModel
from desktop.printing.document import Paragraph, PrintDocument, Signatures, Table
from desktop.printing.table import table_block
from desktop.renewal.dialogs import stage_label
from models.renewal.queries import ProjectRow, StageEventRow

SIGNERS = ("经办人", "审核人")


def figures(row: ProjectRow) -> Table:
    """改造前后对比 and the case's other figures."""

    def d(value: Decimal | None, places: int) -> str:
        return format_decimal(value, places) or "—"

    rows = [
        [tr("亩均税收（万元/亩）"), d(row.tax_per_mu_before, 2), d(row.tax_per_mu_after, 2)],
        [tr("亩均增加值（万元/亩）"), d(row.va_per_mu_before, 2), d(row.va_per_mu_after, 2)],
        [tr("容积率"), d(row.plot_ratio_before, 2), d(row.plot_ratio_after, 2)],
        [tr("面积（亩）"), format_area(row.area_m2) or "—", ""],
        [tr("新增建筑面积（㎡）"), d(row.floor_area_added_m2, 0), ""],
        [tr("投资（万元）"), format_money(row.investment) or "—", ""],
        [tr("腾出能耗（吨标煤）"), d(row.energy_freed_tce, 1), ""],
        [tr("迁出/引进企业"), f"{row.firms_out} / {row.firms_in}", ""],
        [tr("补偿（万元）"), format_money(row.compensation) or "—", ""],
    ]
    return Table(
        [tr("指标"), tr("改造前"), tr("改造后")],
        rows,
        [False, True, True],
        caption=tr("一、改造前后对比"),
        stretch=True,
    )


def stage_sheet(row: ProjectRow, events: Sequence[StageEventRow], *, author: str = "") -> PrintDocument:
    from desktop.renewal.page import history_columns

    doc = PrintDocument(
        title=tr("腾笼换鸟项目阶段记录 — {code} {name}", code=row.code, name=row.name),
        author=author,
        lines=[
            tr(
                "项目：{code} {name}；当前阶段：{stage}",
                code=row.code,
                name=row.name,
                stage=stage_label(row.stage),
            ),
            tr(
                "平台：{platform}；原企业：{old}；新企业/项目：{new}",
                platform=row.platform_name or "—",
                old=row.old_name or "—",
                new=row.new_name or row.new_project or "—",
            ),
            tr(
                "地块：{plots}；低效类型：{kind}；供地方式：{supply}",
                plots="、".join(row.plot_codes) or "—",
                kind=row.low_eff_kind or "—",
                supply=row.supply_method or "—",
            ),
        ],
    )
    doc.add(figures(row))
    history = RowTableModel(history_columns())
    history.set_rows(list(events))
    doc.add(table_block(history, tr("二、阶段记录（{n} 条）", n=len(events)), stretch=True))
    if row.note:
        doc.add(Paragraph(tr("备注：{note}", note=row.note), size=9))
    doc.add(Paragraph(tr("审核意见：")), Paragraph(" "), Signatures([tr(s) for s in SIGNERS]))
    return doc
