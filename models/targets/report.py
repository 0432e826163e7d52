"""The annual report's targets sheets: each 2030 target against the actuals up to the
report year (status sheet), and the actual series beside the path (series sheet)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet
from models.targets.queries import target_statuses
from models.targets.status import RECORDS, TargetStatus, plain

STATE_TEXT = {"reached": "已达成", "on_track": "符合进度", "behind": "落后于进度", "no_data": "无数据"}


def pct(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else (rate * 100).quantize(Decimal("0.01"))


def target_text(s: TargetStatus) -> str:
    if s.measure == "growth":
        return f"年均增长 ≥ {plain(s.value)}%"
    if s.measure == "clusters":
        return f"≥ {int(s.value)} 个产业链各 ≥ {plain(s.threshold)} 亿元"
    return f"≥ {plain(s.value)} {s.unit}"


def state_text(s: TargetStatus) -> str:
    text = STATE_TEXT[s.state]
    if s.measure == "clusters" and s.clusters_now is not None:
        text += (
            f"（现有 {s.clusters_now} 个" + (f"；跟踪：{s.followed_chain}" if s.followed_chain else "") + "）"
        )
    return text


def status_rows(statuses: list[TargetStatus]) -> tuple[tuple[object, ...], ...]:
    return tuple(
        (
            s.title,
            s.scope_label or "全区",
            s.year,
            target_text(s),
            s.latest_year,
            s.latest_value,
            s.path_value,
            s.gap,
            pct(s.achieved_rate),
            pct(s.required_rate),
            state_text(s),
            f"{s.document_no} {s.clause}".strip() + ("（示例值）" if s.is_example else ""),
        )
        for s in statuses
    )


STATUS_HEADERS = (
    "目标",
    "范围",
    "目标年",
    "目标值",
    "最新年度",
    "实际值（亿元）",
    "路径值（亿元）",
    "差距（亿元）",
    "已实现年均增速（%）",
    "仍需年均增速（%）",
    "状态",
    "依据",
)


def series_rows(statuses: list[TargetStatus]) -> tuple[tuple[object, ...], ...]:
    rows: list[tuple[object, ...]] = []
    for s in statuses:
        path = dict(s.path())
        label = s.title + (f"（{s.followed_chain}）" if s.followed_chain else "")
        for yv in s.actual:
            source = "LandSpace 亩均效益记录（规上企业产值合计）" if yv.source == RECORDS else yv.source
            rows.append((label, yv.year, yv.value, path.get(yv.year), source))
    return tuple(rows)


def report_sheets(session: Session, year: int) -> list[ReportSheet]:
    statuses = target_statuses(session, up_to=year)
    if not statuses:
        return []
    documents = sorted({f"{s.document_no} {s.clause}".strip() for s in statuses})
    return [
        ReportSheet(
            title="2030 目标",
            heading=Problem("report.targets.status", {"year": year}, "info"),
            headers=STATUS_HEADERS,
            rows=status_rows(statuses),
            notes=(
                Problem("report.note.targets_basis", {"documents": "；".join(documents)}, "info"),
                "路径：从基期实际值到目标值的等比增长路径；仍需年均增速：自最新年度至目标年每年须达到的增速。",
                "实际值：区统计局数据优先；无统计数据的年度取亩均效益记录中规上企业产值合计。",
            ),
        ),
        ReportSheet(
            title="目标实绩",
            heading=Problem("report.targets.paths", {"year": year}, "info"),
            headers=("目标", "年度", "实际值（亿元）", "路径值（亿元）", "数据来源"),
            rows=series_rows(statuses),
            chart=ReportChart("bar", "实际值与路径值", 1, (2, 3), "亿元"),
            notes=("路径值为空：该年在基期之前或目标没有路径。",),
        ),
    ]
