"""分割转让审核表: the transfer check result as the sheet an office signs — the building,
the units, the buyer and the terms, every rule with its result, its numbers and its
source (document, clause, in force from), the conclusion, and signature lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from desktop.basis import basis_of
from desktop.buildings.floor_grid import floor_label
from desktop.buildings.text import area_text, check_text, use_label
from desktop.i18n import tr
from desktop.item_models.formats import format_decimal
from desktop.printing.document import Paragraph, PrintDocument, Signatures, Table
from models.buildings.compliance import CheckResult
from models.buildings.queries import BuildingRow, UnitRow

RESULT_TEXT = {"ok": "符合", "warning": "提醒", "error": "不符合"}
SIGNERS = ("经办人", "审核人", "分管领导", "受让企业（盖章）")


def _source(result: CheckResult) -> str:
    """The rule's basis in the one wording every page uses (document and clause, or
    示例（无文件依据） with where the example comes from) and the date it applies from."""
    f = result.fields
    if not result.rule_key:
        return tr("—")
    text = basis_of(f)
    if f.get("effective_from"):
        text += tr("（{date} 起施行）", date=str(f["effective_from"]))
    return text


def approval_sheet(
    building: BuildingRow,
    units: Sequence[UnitRow],
    *,
    buyer: str,
    transfer_date: dt.date,
    price: Decimal | None,
    approval_no: str,
    is_resale: bool,
    results: Sequence[CheckResult],
    author: str = "",
) -> PrintDocument:
    area = sum((u.area_m2 for u in units), Decimal(0))
    errors = sum(1 for r in results if r.severity == "error")
    warnings = sum(1 for r in results if r.severity == "warning")
    doc = PrintDocument(
        title=tr("分割转让审核表"),
        author=author,
        orientation="portrait",
        lines=[
            tr(
                "楼宇：{code} {name}    平台：{platform}    宗地：{plot}",
                code=building.code,
                name=building.name,
                platform=building.platform_name or "—",
                plot=building.plot_code or "—",
            ),
            tr(
                "产权人：{owner}    总建筑面积：{total} ㎡    已转让比例：{ratio}",
                owner=building.owner_name or "—",
                total=area_text(building.total_m2),
                ratio=f"{building.ratio * 100:.2f}%",
            ),
        ],
    )
    doc.add(
        Table(
            [tr("项目"), tr("内容")],
            [
                [tr("受让企业"), buyer],
                [tr("转让日期"), transfer_date.isoformat()],
                [tr("转让价格（万元）"), format_decimal(price, 2) if price is not None else "—"],
                [tr("批准文号"), approval_no or "—"],
                [tr("再转让"), tr("是") if is_resale else tr("否")],
                [tr("单元"), tr("{n} 个，合计 {area} ㎡", n=len(units), area=area_text(area))],
            ],
            caption=tr("一、转让事项"),
            stretch=True,
        )
    )
    doc.add(
        Table(
            [tr("楼层"), tr("单元号"), tr("面积（㎡）"), tr("用途")],
            [
                [floor_label(u.floor), u.number, area_text(u.area_m2), use_label(u.use)]
                for u in sorted(units, key=lambda u: (u.floor, u.number))
            ],
            [False, False, True, False],
            caption=tr("二、转让单元"),
            stretch=True,
        )
    )
    order = {"error": 0, "warning": 1, "ok": 2}
    ranked = sorted(results, key=lambda r: order.get(r.severity, 3))
    doc.add(
        Table(
            [tr("序号"), tr("结果"), tr("规则与核验情况"), tr("依据")],
            [
                [str(i), tr(RESULT_TEXT.get(r.severity, r.severity)), check_text(r), _source(r)]
                for i, r in enumerate(ranked, start=1)
            ],
            [True, False, False, False],
            caption=tr("三、规则核验"),
        )
    )
    verdict = (
        tr("核验结论：不符合 {e} 项规则，不予登记（越权批准须写明理由与文号）。", e=errors)
        if errors
        else tr("核验结论：全部规则符合（{w} 项提醒）。", w=warnings)
        if warnings
        else tr("核验结论：全部规则符合。")
    )
    doc.add(
        Paragraph(verdict, bold=True, size=11),
        Paragraph(tr("审核意见：")),
        Paragraph(" "),
        Signatures([tr(s) for s in SIGNERS]),
    )
    return doc
