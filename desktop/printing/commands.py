"""``landspace print WHAT … OUT.pdf``: everything the window prints, from the command line.

One design for every printed thing: ``print`` + what + its key + the output file, with
``--paper A4|A3`` and ``--orientation auto|portrait|landscape`` on each:

- ``print table KIND OUT.pdf [kind options]`` — any exportable kind as a paginated table
  (the same as ``export KIND OUT.pdf``);
- ``print map OUT.pdf [--plots CODE,CODE…] [--mode status|…] [--title T]`` — the map
  sheet: the named plots with their 界址点坐标表, or all plots;
- ``print chart [NAME OUT.pdf|OUT.png] [--year Y]`` — a report chart (no NAME: the list);
- ``print approval TRANSFER_ID OUT.pdf`` — a recorded transfer's 分割转让审核表 (the
  rule results kept when it was recorded);
- ``print stages PROJECT_CODE OUT.pdf`` — a renewal case's stage history;
- ``print scorecard USCC|NAME OUT.pdf [--year Y]`` — an enterprise's efficiency score card;
- ``print targets OUT.pdf`` — the 2030 targets with each target's chart.

``landspace report YEAR OUT.pdf`` stays the annual report. Nothing here imports Qt at
module level (the command line's other commands stay Qt-free); ``run`` starts an
offscreen ``QApplication`` for the layout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.i18n import tr
from desktop.messages import render
from models.errors import NotFoundError

if TYPE_CHECKING:
    from desktop.printing.charts import ChartSpec
    from desktop.printing.document import PrintDocument
    from models.database import Database

WHATS = ("table", "map", "chart", "approval", "stages", "scorecard", "targets")
MAP_MODES = ("status", "land_source", "low_eff_kind", "efficiency_class", "renewal_stage")


class PrintUsageError(Exception):
    """A mistake in the ``print`` arguments: the message is a sentence."""


def examples() -> str:
    return tr(
        "示例：\n"
        "  landspace print table enterprises 企业库.pdf\n"
        "  landspace print map 地块图.pdf --plots LA-2019-001,LA-2019-002 --paper A3\n"
        "  landspace print chart --year 2024            （列出可打印的图表）\n"
        "  landspace print chart 1 图表.png --year 2024\n"
        "  landspace print approval 12 审核表.pdf\n"
        "  landspace print stages TLHN-2023-001 阶段记录.pdf\n"
        "  landspace print scorecard 91330185XXXXXXXXXX 评价卡.pdf --year 2024\n"
        "  landspace print targets 目标.pdf\n"
        "年度报表：landspace report 2024 报表.pdf"
    )


def add_parser(sub: Any) -> None:
    """The ``print`` command and its targets (called by ``desktop.cli.build_parser``)."""
    paper = argparse.ArgumentParser(add_help=False)
    paper.add_argument("--paper", choices=("A4", "A3"), default="A4", help=tr("纸张（默认 A4）"))
    paper.add_argument(
        "--orientation",
        choices=("auto", "portrait", "landscape"),
        default="auto",
        help=tr("方向（默认：按内容自动）"),
    )
    prt = sub.add_parser(
        "print",
        help=tr("打印为 PDF：表格、地图出图、图表、审核表、阶段记录、评价卡、目标"),
        description=tr("把窗口里能打印的内容输出为 PDF（图表也可 PNG）。"),
        epilog=examples(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    what = prt.add_subparsers(dest="what", required=True, metavar="WHAT")
    t = what.add_parser("table", parents=[paper], help=tr("任一可导出数据种类为分页表格（选项同 export）"))
    t.add_argument("kind")
    t.add_argument("file", type=Path)
    m = what.add_parser("map", parents=[paper], help=tr("地图出图：选定地块（含界址点坐标表）或全部地块"))
    m.add_argument("file", type=Path)
    m.add_argument(
        "--plots", default="", metavar="CODE,CODE", help=tr("地块编号，逗号分隔（默认：全部地块）")
    )
    m.add_argument("--mode", choices=MAP_MODES, default="status", help=tr("着色方式（默认：状态）"))
    m.add_argument("--title", default="", help=tr("图名（默认按范围）"))
    c = what.add_parser(
        "chart", parents=[paper], help=tr("年度报表中的图表为 PDF（矢量）或 PNG；不给名称则列出")
    )
    c.add_argument("name", nargs="?", help=tr("图表序号或所在部分名称"))
    c.add_argument("file", type=Path, nargs="?")
    c.add_argument("--year", type=int, default=None, help=tr("年度（默认：上一年）"))
    a = what.add_parser("approval", parents=[paper], help=tr("已登记转让的分割转让审核表"))
    a.add_argument("transfer", type=int, metavar="TRANSFER_ID")
    a.add_argument("file", type=Path)
    s = what.add_parser("stages", parents=[paper], help=tr("腾笼换鸟项目阶段记录"))
    s.add_argument("project", metavar="PROJECT_CODE")
    s.add_argument("file", type=Path)
    sc = what.add_parser("scorecard", parents=[paper], help=tr("企业亩均效益评价卡"))
    sc.add_argument("enterprise", metavar="USCC|NAME")
    sc.add_argument("file", type=Path)
    sc.add_argument("--year", type=int, default=None, help=tr("评价年度（默认：最近评价的年度）"))
    tg = what.add_parser("targets", parents=[paper], help=tr("2030 年目标进度与各目标图表"))
    tg.add_argument("file", type=Path)


def application() -> Any:
    """A ``QApplication`` for the layout (offscreen unless a platform is set): the map sheet
    paints a ``QGraphicsScene``; an application already running is used as it is."""
    import os

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication(["landspace"])
    return app


def run(
    db: Database, args: argparse.Namespace, options: dict[str, Any] | None = None, out: Any = print
) -> int:
    """Write what ``args`` asks for; returns the number of pages (1 for a PNG, 0 for a list)."""
    application()
    from desktop.printing.render import with_paper, write_pdf

    author = getpass.getuser()
    if args.what == "chart":
        return _chart(db, args, author, out)
    if args.what == "table":
        from desktop.printing.kinds import kind_document
        from models.exchange.registry import get_kind

        doc = kind_document(db, get_kind(args.kind), options=options, author=author)
    elif args.what == "map":
        doc = map_document(
            db,
            plots=[c.strip() for c in args.plots.split(",") if c.strip()],
            mode=args.mode,
            title=args.title,
            paper=args.paper,
            orientation=args.orientation,
            author=author,
        )
    elif args.what == "approval":
        doc = approval_document(db, args.transfer, author=author)
    elif args.what == "stages":
        doc = stages_document(db, args.project, author=author)
    elif args.what == "scorecard":
        doc = scorecard_document(db, args.enterprise, args.year, author=author)
    else:
        from desktop.overview.targets import targets_document
        from models.targets.queries import target_statuses

        with db.read() as session:
            doc = targets_document(target_statuses(session), author=author)
    if args.what != "map":
        doc = (
            with_paper(doc, args.paper, args.orientation)
            if args.orientation != "auto" or args.paper != "A4"
            else doc
        )
    pages = write_pdf(doc, args.file)
    out(tr("已生成 PDF（{pages} 页）：{path}", pages=pages, path=args.file))
    return pages


# ---------------------------------------------------------------- the map sheet
def map_document(
    db: Database,
    *,
    plots: list[str],
    mode: str = "status",
    title: str = "",
    paper: str = "A4",
    orientation: str = "auto",
    author: str = "",
) -> PrintDocument:
    """The map sheet of the plots named by code (with their 界址点坐标表), or of all plots."""
    from desktop.land import colours
    from desktop.land.map_sheet import ChosenPlot, sheet_document
    from desktop.land.map_view import PlotMapView
    from models.efficiency.queries import latest_classes
    from models.land import queries
    from models.renewal.queries import plot_stages

    view = PlotMapView()
    with db.read() as s:
        map_plots = queries.map_plots(s, classes=latest_classes(s), stages=plot_stages(s))
        rows = {r.id: r for r in queries.list_plots(s)}
        view.set_platforms(queries.map_platforms(s))
        by_code = {p.code: p for p in map_plots}
        missing = [c for c in plots if c not in by_code]
        if missing:
            raise NotFoundError("record.not_found", entity="plots", key="、".join(missing))
        chosen = [
            ChosenPlot(by_code[c], rows.get(by_code[c].id), queries.plot_vertices(s, by_code[c].id))
            for c in plots
            if by_code[c].rings
        ]
    classify = colours.classifier(mode)
    view.set_plots(map_plots, classify)
    scene = view.scene()
    scene.setParent(None)  # the document's drawing keeps the scene; the view may go
    return sheet_document(
        scene,
        map_plots,
        colours.legend(mode),
        classify,
        scope="selected" if chosen else "all",
        chosen=chosen,
        mode_title=colours.mode_title(mode),
        title=title,
        author=author,
        paper=paper,
        orientation="portrait" if orientation == "portrait" else "landscape",
    )


# ---------------------------------------------------------------- the forms
def approval_document(db: Database, transfer_id: int, *, author: str = "") -> PrintDocument:
    """A recorded transfer's 分割转让审核表: its units, buyer and terms, and the rule results
    kept when it was recorded (an override's reason and document written under them)."""
    from desktop.buildings.approval_sheet import approval_sheet
    from desktop.printing.document import Paragraph, Signatures
    from models.buildings import queries

    with db.read() as s:
        transfer = next((t for t in queries.list_transfers(s) if t.id == transfer_id), None)
        if transfer is None:
            raise NotFoundError("record.not_found", entity="transfers", key=transfer_id)
        building = queries.get_building(s, transfer.building_id, on=transfer.transfer_date)
        unit_ids = set(queries.transfer_unit_ids(s, transfer_id))
        units = [u for u in queries.list_units(s, transfer.building_id) if u.id in unit_ids]
    doc = approval_sheet(
        building,
        units,
        buyer=transfer.buyer_name,
        transfer_date=transfer.transfer_date,
        price=transfer.price,
        approval_no=transfer.approval_no,
        is_resale=transfer.is_resale,
        results=transfer.checks,
        author=author,
    )
    doc.lines.append(
        tr(
            "转让记录 #{id}（{date} 登记）；出让方：{seller}",
            id=transfer.id,
            date=transfer.transfer_date.isoformat(),
            seller=transfer.seller_name or "—",
        )
    )
    if transfer.overridden:
        at = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Signatures))
        doc.blocks.insert(
            at - 2,
            Paragraph(
                tr(
                    "越权批准：{reason}（文号 {document}，{by}）",
                    reason=transfer.override_reason,
                    document=transfer.override_document or "—",
                    by=transfer.override_by or "—",
                ),
                bold=True,
                color="#b00000",
            ),
        )
    return doc


def stages_document(db: Database, code: str, *, author: str = "") -> PrintDocument:
    from desktop.renewal.stage_sheet import stage_sheet
    from models.renewal import queries

    with db.read() as s:
        row = next((p for p in queries.list_projects(s) if p.code == code), None)
        if row is None:
            raise NotFoundError("record.not_found", entity="renewal_projects", key=code)
        events = queries.stage_history(s, project_id=row.id)
    return stage_sheet(row, events, author=author)


def scorecard_document(db: Database, who: str, year: int | None, *, author: str = "") -> PrintDocument:
    from desktop.efficiency.score_card import score_card
    from models.efficiency import queries
    from models.efficiency.measures import measures_for

    with db.read() as s:
        years = queries.years(s)
        year = year if year is not None else (max(years) if years else dt.date.today().year - 1)
        rows = queries.list_results(s, year=year)
        row = next((r for r in rows if who in (r.uscc, r.name)), None)
        if row is None:
            raise NotFoundError("record.not_found", entity="efficiency_results", key=f"{who}/{year}")
        detail = queries.result_detail(s, enterprise_id=row.enterprise_id, year=year)
        history = queries.class_history(s, enterprise_id=row.enterprise_id)
        measures = measures_for(s, enterprise_id=row.enterprise_id, year=year)
    return score_card(row, detail, history, measures, author=author)


# ---------------------------------------------------------------- charts
def report_charts(db: Database, year: int) -> list[ChartSpec]:
    """Every chart of the annual report for ``year``, in the report's order."""
    from desktop.printing.report import sheet_charts
    from models.reporting import collect_sheets

    with db.read() as s:
        sheets = collect_sheets(s, year)
    dated = dt.date.today().isoformat()
    charts = []
    for sheet in sheets:
        charts += sheet_charts(
            sheet, tr("LandSpace {year} 年度报表：{title}", year=year, title=render(sheet.heading)), dated
        )
    return charts


def _chart(db: Database, args: argparse.Namespace, author: str, out: Any) -> int:
    from desktop.printing.charts import chart_document, write_chart_png
    from desktop.printing.render import with_paper, write_pdf

    year = args.year if args.year is not None else dt.date.today().year - 1
    charts = report_charts(db, year)
    if args.name is None:
        out(
            tr("{year} 年可打印的图表（landspace print chart 序号 文件.pdf|.png --year {year}）：", year=year)
        )
        for i, spec in enumerate(charts, start=1):
            out(f"  {i}  {spec.title}")
        return 0
    if args.file is None:
        raise PrintUsageError(tr("请给出输出文件（.pdf 或 .png）"))
    found = next((c for i, c in enumerate(charts, start=1) if args.name in (str(i), c.title)), None)
    if found is None:
        raise PrintUsageError(
            tr(
                "没有图表“{name}”：{year} 年共 {n} 个图表（不给名称可列出）",
                name=args.name,
                year=year,
                n=len(charts),
            )
        )
    spec = found
    target = Path(args.file)
    if target.suffix.lower() == ".png":
        write_chart_png(spec, target)
        out(tr("已生成图片：{path}", path=target))
        return 1
    if target.suffix.lower() != ".pdf":
        raise PrintUsageError(tr("图表只能输出为 .pdf 或 .png：{path}", path=target))
    doc = chart_document(spec, author=author)
    doc = with_paper(doc, args.paper, args.orientation if args.orientation != "auto" else "landscape")
    pages = write_pdf(doc, target)
    out(tr("已生成 PDF（{pages} 页）：{path}", pages=pages, path=target))
    return pages
