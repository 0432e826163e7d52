"""Headless commands: ``landspace [--db PATH|URL] [--lang zh|en] COMMAND …``.

``demo``, ``import``, ``export``, ``template``, ``report``, ``print``, ``check``, ``backup``, ``kinds``.
No Qt is imported on this path. User errors (a refused file, a bad option, a database
that cannot be opened) print one clear line — or, for an import, the row-level
report — and return a non-zero exit code, never a traceback: 0 done, 1 refused or
findings, 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from desktop.i18n import set_language, tr, tr_in
from models.errors import DomainError, Problem

if TYPE_CHECKING:
    from models.database import Database
    from models.exchange.importer import ImportReport
    from models.exchange.spec import Kind

COMMANDS = (
    "demo",
    "import",
    "export",
    "template",
    "report",
    "check",
    "backup",
    "kinds",
    "audit-anchor",
    "install-server",
    "print",
)
EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake on the command line: the message is already a sentence."""


def is_headless(args: Sequence[str]) -> bool:
    """True when the arguments name a command (after the global options) or ask for help."""
    it = iter(args)
    for arg in it:
        if arg in ("--db", "--lang"):
            next(it, None)
        elif arg.startswith(("--db=", "--lang=")):
            continue
        elif arg in ("-h", "--help"):
            return True
        else:
            return arg in COMMANDS
    return False


def _out(text: str, stream: TextIO | None = None) -> None:
    print(text, file=stream or sys.stdout)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _render(problem: Problem) -> str:
    from desktop.messages import render

    return render(problem)


# ---------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="landspace-cli" if getattr(sys, "frozen", False) else "landspace",
        description=tr("LandSpace 用地与空间管理（命令行）"),
    )
    p.add_argument("--db", help=tr("数据库文件路径或 URL（默认：本机数据目录）"))
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help=tr("输出语言"))
    sub = p.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help=tr("建立或刷新演示数据库"))
    demo.add_argument("--force", action="store_true", help=tr("先清空业务数据再生成演示数据"))
    demo.add_argument("--scale", type=float, default=None, help=tr("按全区规模的倍数批量生成数据（如 10）"))
    imp = sub.add_parser("import", help=tr("从 Excel/CSV 导入（全部正确才保存）"))
    imp.add_argument("kind")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help=tr("只检查，不保存"))
    imp.add_argument("--errors", type=Path, metavar="OUT.xlsx", help=tr("把有错的单元格标红写到此工作簿"))
    imp.add_argument("--sheet", help=tr("工作表名称（默认：表头最匹配的工作表）"))
    imp.add_argument(
        "--lenient-uscc", action="store_true", help=tr("统一社会信用代码校验位不符时只警告（早期试点代码）")
    )
    exp = sub.add_parser("export", help=tr("导出到 .xlsx 或 .csv"))
    exp.add_argument("kind")
    exp.add_argument("file", type=Path)
    tpl = sub.add_parser("template", help=tr("生成空白导入模板"))
    tpl.add_argument("kind")
    tpl.add_argument("file", type=Path)
    rep = sub.add_parser("report", help=tr("生成年度报表（.xlsx 工作簿或 .pdf）"))
    rep.add_argument("year", type=int)
    rep.add_argument("file", type=Path)
    chk = sub.add_parser("check", help=tr("数据库完整性与业务规则检查"))
    chk.add_argument(
        "--anchor",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help=tr("核对审计锚点文件（可多次给出）"),
    )
    chk.add_argument(
        "--full", action="store_true", help=tr("从第一条起核对整条审计链（默认只核对上次核对后的新记录）")
    )
    ins = sub.add_parser(
        "install-server", help=tr("在 PostgreSQL 服务器上设置角色、授权和行级安全（数据库管理员执行）")
    )
    ins.add_argument("url", help=tr("数据库管理员的连接 URL，如 postgresql://postgres@服务器/landspace"))
    ins.add_argument(
        "--admin",
        metavar=tr("用户名"),
        help=tr(
            "同时建立第一个 LandSpace 管理员账号（密码取自环境变量 LANDSPACE_ADMIN_PASSWORD，否则提示输入）"
        ),
    )
    anc = sub.add_parser("audit-anchor", help=tr("记下审计日志的当前锚点（存档或发给其他单位，供日后核对）"))
    anc.add_argument("file", type=Path, nargs="?", help=tr("把锚点写入此文件"))
    bak = sub.add_parser("backup", help=tr("在线备份数据库；定时备份的计划与保留"))
    bak.add_argument("file", type=Path, nargs="?", help=tr("备份到此文件（不给出：按计划备份并清理）"))
    bak.add_argument("--list", action="store_true", help=tr("列出数据库旁的备份及其占用的磁盘空间"))
    bak.add_argument("--prune", action="store_true", help=tr("只按保留规则删除多余的定时备份"))
    bak.add_argument(
        "--when",
        choices=("off", "exit", "daily", "weekly"),
        help=tr("设定定时备份：关闭、每次退出、每天、每周"),
    )
    bak.add_argument("--keep-daily", type=int, metavar="N", help=tr("保留最近 N 天每天一份"))
    bak.add_argument("--keep-weekly", type=int, metavar="N", help=tr("保留最近 N 周每周一份"))
    sub.add_parser("kinds", help=tr("列出可导入导出的数据种类"))
    from desktop.printing import commands as print_commands  # Qt-free at import

    print_commands.add_parser(sub)
    return p


def _kind_options(kind: Kind, rest: list[str]) -> dict[str, Any]:
    """Parse the kind's own options (``--year 2024``, ``--as-of 2024-12-31``)."""
    p = argparse.ArgumentParser(prog=f"landspace … {kind.name}", add_help=False)
    types: dict[str, Callable[[str], Any]] = {"int": int, "date": dt.date.fromisoformat, "str": str}
    rest, said = _flag_words(kind, rest)
    for opt in kind.options:
        flag = "--" + opt.name.replace("_", "-")
        if opt.type == "flag":
            p.add_argument(flag, dest=opt.name, action="store_true", default=None)
        else:
            p.add_argument(flag, dest=opt.name, type=types[opt.type], required=opt.required)
    try:
        ns, unknown = p.parse_known_args(rest)
    except SystemExit:
        raise UsageError(
            tr(
                "选项有误：{args}（“{kind}”可用：{known}）",
                args=" ".join(rest),
                kind=kind.name,
                known=_option_list(kind),
            )
        ) from None
    if unknown:
        raise UsageError(
            tr(
                "不认识的选项：{args}（“{kind}”可用：{known}）",
                args=" ".join(unknown),
                kind=kind.name,
                known=_option_list(kind),
            )
        )
    return {**{k: v for k, v in vars(ns).items() if v is not None}, **said}


_YES = {"yes", "y", "true", "on", "1", "是"}
_NO = {"no", "n", "false", "off", "0", "否"}


def _flag_words(kind: Kind, rest: list[str]) -> tuple[list[str], dict[str, bool]]:
    """A flag alone means yes; ``--swap-xy yes`` / ``--swap-xy no`` (as the guide writes) say it."""
    flags = {"--" + o.name.replace("_", "-"): o.name for o in kind.options if o.type == "flag"}
    left: list[str] = []
    said: dict[str, bool] = {}
    i = 0
    while i < len(rest):
        token = rest[i]
        word = rest[i + 1].strip().lower() if i + 1 < len(rest) else ""
        if token in flags and word in _YES | _NO:
            said[flags[token]] = word in _YES
            i += 2
            continue
        left.append(token)
        i += 1
    return left, said


def _option_list(kind: Kind) -> str:
    return " ".join(f"--{o.name.replace('_', '-')}" for o in kind.options) or tr("无")


def _get_kind(name: str) -> Kind:
    from models.exchange.registry import all_kinds

    kinds = all_kinds()
    if name not in kinds:
        raise UsageError(_render(Problem("exchange.unknown_kind", {"kind": name, "known": "、".join(kinds)})))
    return kinds[name]


def _open(args: argparse.Namespace, **options: Any) -> Database:
    from models.database import open_database

    try:
        db = open_database(args.db, **options)
    except DomainError as exc:
        password = _ask_password(exc, args.db)
        if password is None:
            raise
        db = open_database(_with_password(args.db, password), **options)
    for warning in db.warnings:
        _err(_render(warning))
    return db


# ---------------------------------------------------------------- entry
def main(argv: Sequence[str]) -> int:
    argv = _globals_first(list(argv))
    set_language(_peek_lang(argv))
    parser = build_parser()
    try:
        args, rest = parser.parse_known_args(argv)
    except SystemExit as e:
        return EXIT_OK if e.code in (0, None) else EXIT_USAGE
    set_language(args.lang)
    handler = HANDLERS[args.command]
    try:
        if rest and not (
            args.command in ("import", "export") or (args.command == "print" and args.what == "table")
        ):
            raise UsageError(tr("不认识的参数：{args}", args=" ".join(rest)))
        return handler(args, rest)
    except UsageError as e:
        _err(str(e))
        return EXIT_USAGE
    except DomainError as e:
        for p in e.problems:
            _err(_render(p))
        return EXIT_REFUSED
    except KeyboardInterrupt:
        _err(tr("已取消。"))
        return EXIT_REFUSED
    except BrokenPipeError:  # output piped into `head`
        return EXIT_OK
    except OSError as e:
        _err(tr("无法读写文件：{path}（{reason}）", path=e.filename or "", reason=e.strerror or str(e)))
        return EXIT_REFUSED


def _globals_first(argv: list[str]) -> list[str]:
    """Move ``--db``/``--lang`` to the front, so they work after the command too."""
    front: list[str] = []
    others: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--db", "--lang") and i + 1 < len(argv):
            front += argv[i : i + 2]
            i += 2
            continue
        (front if a.startswith(("--db=", "--lang=")) else others).append(a)
        i += 1
    return front + others


def _peek_lang(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return "zh"


# ---------------------------------------------------------------- commands
def cmd_kinds(args: argparse.Namespace, rest: list[str]) -> int:
    from models.exchange.registry import all_kinds

    titles = {name: tr_in("exchange", kind.title) for name, kind in all_kinds().items()}
    width = max(_display_width(t) for t in titles.values()) + 2
    for kind in all_kinds().values():
        ops = "/".join(
            op for op, ok in (("import", kind.load), ("export", kind.dump), ("template", True)) if ok
        )
        opts = " ".join(f"--{o.name.replace('_', '-')}" for o in kind.options)
        _out(f"{kind.name:<24}{_pad(titles[kind.name], width)}{ops}{('  ' + opts) if opts else ''}")
    return EXIT_OK


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    """Left-align in a terminal where CJK characters take two columns."""
    return text + " " * max(1, width - _display_width(text))


def cmd_import(args: argparse.Namespace, rest: list[str]) -> int:
    from models.exchange.importer import run_import, write_error_workbook

    kind = _get_kind(args.kind)
    options = _kind_options(kind, rest)
    if args.sheet:
        options["sheet"] = args.sheet
    if args.lenient_uscc:
        options["uscc_checksum_warning"] = True
    db = _open(args)
    try:
        report = run_import(db, kind, args.file, dry_run=args.dry_run, options=options)
    finally:
        db.dispose()
    print_report(report)
    if args.errors is not None and report.problems and (not report.file_refused or report.sheet):
        write_error_workbook(args.file, report, args.errors, _render)
        _out(_render(Problem("exchange.errors_written", {"path": str(args.errors)})))
    return EXIT_OK if report.ok else EXIT_REFUSED


def print_report(report: ImportReport, stream: TextIO | None = None) -> None:
    """The row-level report: summary, every problem with sheet/row/column/value, skipped rows."""
    out = stream or sys.stdout
    for line in report_lines(report):
        print(line, file=out)


def report_lines(report: ImportReport) -> list[str]:
    lines: list[str] = []
    if report.file_refused:
        return [
            _render(Problem("exchange.at_file", {"message": _render(p.problem)}))
            for p in report.problems
            if p.row is None and p.is_error
        ]
    lines.append(
        _render(
            Problem(
                "exchange.summary",
                {
                    "read": report.rows_read,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "rejected": report.rejected,
                    "skipped": len(report.skipped),
                },
            )
        )
    )
    for p in sorted(report.problems, key=lambda p: (p.row or 0, p.cell or "")):
        if p.problem.severity == "info":
            continue
        lines.append(locate(p))
    for s in report.skipped:
        if s.reason != "blank":
            reason = _render(Problem(f"exchange.reason.{s.reason}"))
            lines.append(
                _render(
                    Problem(
                        "exchange.skipped",
                        {"row": s.row, "reason": reason, "text": f"“{s.text}”" if s.text else ""},
                    )
                )
            )
    lines.extend(_render(n) for n in report.notes)
    if report.ignored_headers:
        lines.append(
            _render(Problem("exchange.ignored_columns", {"columns": "、".join(report.ignored_headers)}))
        )
    if not report.ok:
        lines.append(_render(Problem("exchange.refused", {"errors": len(report.errors)})))
    elif report.dry_run:
        lines.append(_render(Problem("exchange.dry_run_ok")))
    else:
        lines.append(_render(Problem("exchange.committed")))
    return lines


def locate(p: Any) -> str:
    """One problem with where it is: sheet, Excel row, column header and value."""
    message = _render(p.problem)
    prefix = "" if p.is_error else "⚠ "
    if p.row is None:
        return prefix + _render(Problem("exchange.at_file", {"message": message}))
    if p.column:
        value = "" if p.value in (None, "") else f"“{p.value}”"
        return prefix + _render(
            Problem(
                "exchange.at_cell",
                {"sheet": p.sheet, "row": p.row, "column": p.column, "value": value, "message": message},
            )
        )
    return prefix + _render(Problem("exchange.at_row", {"sheet": p.sheet, "row": p.row, "message": message}))


def cmd_export(args: argparse.Namespace, rest: list[str]) -> int:
    from models.exchange.writer import export_kind

    kind = _get_kind(args.kind)
    options = _kind_options(kind, rest)
    db = _open(args)
    try:
        if Path(args.file).suffix.lower() == ".pdf":  # the records as a printed table
            import getpass

            from desktop.printing.kinds import write_kind_pdf_headless

            count = write_kind_pdf_headless(db, kind, args.file, options=options, author=getpass.getuser())
        else:
            count = export_kind(db, kind, args.file, options=options)
    finally:
        db.dispose()
    _out(_render(Problem("exchange.exported", {"count": count, "path": str(args.file)})))
    return EXIT_OK


def cmd_template(args: argparse.Namespace, rest: list[str]) -> int:
    from models.exchange.writer import write_template

    kind = _get_kind(args.kind)
    if args.file.suffix.lower() != ".xlsx":
        raise UsageError(
            _render(Problem("exchange.unknown_extension", {"extension": args.file.suffix or "-"}))
        )
    write_template(kind, args.file)
    _out(_render(Problem("exchange.template_written", {"path": str(args.file)})))
    return EXIT_OK


def cmd_report(args: argparse.Namespace, rest: list[str]) -> int:
    from desktop.report_text import report_label
    from models.reporting import write_annual_report

    if Path(args.file).suffix.lower() == ".pdf":
        return _report_pdf(args)
    db = _open(args)
    try:
        sheets = write_annual_report(db, args.year, args.file, text=_render, label=report_label)
    finally:
        db.dispose()
    _out(
        tr(
            "已生成 {year} 年度报表（{sheets} 个工作表）：{path}",
            year=args.year,
            sheets=sheets,
            path=args.file,
        )
    )
    return EXIT_OK


def _report_pdf(args: argparse.Namespace) -> int:
    """The report as a PDF: Qt lays it out (offscreen, no window; desktop/printing/report.py)."""
    import getpass

    from desktop.printing.report import write_report_pdf_headless

    db = _open(args, integrity_check=True)  # check always runs the full quick_check
    try:
        pages = write_report_pdf_headless(db, args.year, args.file, author=getpass.getuser())
    finally:
        db.dispose()
    _out(tr("已生成 {year} 年度报表 PDF（{pages} 页）：{path}", year=args.year, pages=pages, path=args.file))
    return EXIT_OK


def cmd_print(args: argparse.Namespace, rest: list[str]) -> int:
    """``print WHAT … OUT.pdf``: tables, the map sheet, charts and forms (desktop/printing/commands.py)."""
    from desktop.printing import commands

    options = _kind_options(_get_kind(args.kind), rest) if args.what == "table" else None
    db = _open(args)
    try:
        commands.run(db, args, options, out=_out)
    except commands.PrintUsageError as e:
        raise UsageError(str(e)) from None
    finally:
        db.dispose()
    return EXIT_OK


def cmd_check(args: argparse.Namespace, rest: list[str]) -> int:
    from models.accounts import audit_checkpoint
    from models.accounts.anchors import read_anchor, verify_anchor
    from models.areas import run_all_checks
    from models.checks import Finding

    anchors = [read_anchor(path) for path in args.anchor]
    db = _open(args, integrity_check=True)  # check always runs the full quick_check
    where = audit_checkpoint.checkpoint_file(db.path)
    # an anchor proves the history up to it only with the whole chain: then walk it all
    since = None if args.full or anchors else audit_checkpoint.read_checkpoint(where)
    try:
        with db.read() as session:
            findings = run_all_checks(session, audit_after=since.after if since is not None else None)
            for path, anchor in zip(args.anchor, anchors, strict=True):
                problems = verify_anchor(session, anchor)
                findings.extend(
                    Finding("audit", p, entity="audit_entries", record_id=anchor.entry_id) for p in problems
                )
                if not problems:
                    _out(
                        _render(
                            Problem(
                                "audit.anchor_ok",
                                {"file": str(path), "entry_id": anchor.entry_id, "made_on": anchor.made_on},
                            )
                        )
                    )
            head = audit_checkpoint.head(session)
        if not any(f.problem.code == "audit.chain_broken" for f in findings):
            audit_checkpoint.write_checkpoint(where, head)
    finally:
        db.dispose()
    if since is not None:
        _out(
            tr(
                "审计链：只核对了检查点（第 {entry_id} 条，{at}）之后的记录；--full 从头核对。",
                entry_id=since.entry_id,
                at=since.verified_at,
            )
        )
    if db.path is not None:
        from models.backup_policy import list_backups

        backups = list_backups(db.path)
        _out(
            tr(
                "备份共 {count} 份，占用 {size}（数据库 {db_size}）",
                count=len(backups),
                size=_size(sum(b.size for b in backups)),
                db_size=_size(db.path.stat().st_size),
            )
        )
    errors = 0
    for f in findings:
        label = f" [{f.record_label}]" if f.record_label else ""
        mark = {"error": "✗", "warning": "⚠"}.get(f.problem.severity, "·")
        errors += f.problem.is_error
        _out(f"{mark} {f.area}{label}: {_render(f.problem)}")
    if not findings:
        _out(tr("检查完成：没有发现问题。"))
    else:
        _out(tr("检查完成：{errors} 个错误，{others} 个提示。", errors=errors, others=len(findings) - errors))
    return EXIT_REFUSED if errors else EXIT_OK


def _ask_password(exc: DomainError, url: str | None) -> str | None:
    """At a terminal, a refused PostgreSQL login asks for the password once (not echoed)."""
    if exc.code != "database.login_failed" or not url or not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(tr("{user} 的数据库密码：", user=exc.fields.get("user", "")))


def _with_password(url: str, password: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=password).render_as_string(hide_password=False)


def cmd_install_server(args: argparse.Namespace, rest: list[str]) -> int:
    import os

    from models.accounts.server_security import install_server
    from models.accounts.services import create_user
    from models.database import open_database

    db = open_database(args.url, actor="install-server")
    try:
        count = install_server(db.engine)
        if args.admin:
            password = os.environ.get("LANDSPACE_ADMIN_PASSWORD") or _new_password()
            with db.write() as s:
                create_user(s, username=args.admin, password=password, role="admin")
    finally:
        db.dispose()
    from sqlalchemy.engine import make_url

    _out(
        _render(
            Problem(
                "server.installed",
                {"url": make_url(args.url).render_as_string(hide_password=True), "statements": count},
            )
        )
    )
    return EXIT_OK


def _new_password() -> str:
    import getpass

    if not sys.stdin.isatty():
        raise UsageError(tr("请用环境变量 LANDSPACE_ADMIN_PASSWORD 给出管理员密码。"))
    first = getpass.getpass(tr("管理员密码："))
    if first != getpass.getpass(tr("再输入一次：")):
        raise UsageError(tr("两次输入的密码不一致。"))
    return first


def cmd_audit_anchor(args: argparse.Namespace, rest: list[str]) -> int:
    from models.accounts.anchors import make_anchor

    db = _open(args)
    try:
        with db.read() as session:
            anchor = make_anchor(session)
    finally:
        db.dispose()
    if args.file is not None:
        Path(args.file).write_text(anchor.to_json(), encoding="utf-8")
    _out(
        _render(
            Problem(
                "audit.anchor_taken",
                {
                    "entry_id": anchor.entry_id,
                    "hash": anchor.hash,
                    "entries": anchor.entries,
                    "at": anchor.at,
                    "made_on": anchor.made_on,
                    "file": str(args.file) if args.file else "—",
                },
            )
        )
    )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, rest: list[str]) -> int:
    """``backup FILE`` copies now; without FILE the user's schedule runs (a backup if one is
    due, then pruning); ``--prune`` only prunes, ``--list`` reports; ``--when``/``--keep-*``
    change the schedule the window uses too (the policy file beside the database)."""
    from models import backup_policy
    from models.database import backup_database

    db = _open(args)
    try:
        policy = backup_policy.load_policy(db.path)
        if db.path is not None and (args.when, args.keep_daily, args.keep_weekly) != (None, None, None):
            policy = backup_policy.BackupPolicy(
                when=args.when or policy.when,
                keep_daily=policy.keep_daily if args.keep_daily is None else args.keep_daily,
                keep_weekly=policy.keep_weekly if args.keep_weekly is None else args.keep_weekly,
            )
            backup_policy.save_policy(db.path, policy)
        if args.file is not None:
            backup_database(db, Path(args.file))
            _out(tr("已备份到 {path}", path=args.file))
        elif args.prune:
            for removed in backup_policy.prune(db.path, policy) if db.path is not None else []:
                _out(tr("已删除 {path}", path=removed))
        elif not args.list:
            outcome = backup_policy.apply_policy(db, policy, at_exit=False)
            if outcome.made is not None:
                _out(tr("已备份到 {path}", path=outcome.made))
            for removed in outcome.removed:
                _out(tr("已删除 {path}", path=removed))
        _out(
            tr(
                "定时备份：{when}，保留每天一份 {daily} 天、每周一份 {weekly} 周",
                when=_WHEN_LABELS[policy.when](),
                daily=policy.keep_daily,
                weekly=policy.keep_weekly,
            )
        )
        if db.path is not None:
            backups = backup_policy.list_backups(db.path)
            if args.list:
                for b in backups:
                    _out(f"  {b.path.name}  {_size(b.size)}")
            _out(
                tr(
                    "备份共 {count} 份，占用 {size}（数据库 {db_size}）",
                    count=len(backups),
                    size=_size(backup_policy.disk_usage(db.path)),
                    db_size=_size(db.path.stat().st_size),
                )
            )
    finally:
        db.dispose()
    return EXIT_OK


_WHEN_LABELS: dict[str, Callable[[], str]] = {
    "off": lambda: tr("不定时备份"),
    "exit": lambda: tr("每次退出时"),
    "daily": lambda: tr("每天"),
    "weekly": lambda: tr("每周"),
}


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB" if n >= 1 << 20 else f"{n / 1024:.1f} KB"


def cmd_demo(args: argparse.Namespace, rest: list[str]) -> int:
    from models.demo import seed_demo
    from models.domain_data import domain_row_count, wipe_domain

    db = _open(args)
    try:
        with db.write() as session:
            if domain_row_count(session):
                if not args.force:
                    raise UsageError(tr("数据库中已有业务数据；如要清空后重建演示数据，请加 --force。"))
                wipe_domain(session, reason="landspace demo --force")
            seed_demo(session)
            if args.scale:
                from models.demo_scale import seed_scale

                started = time.perf_counter()
                report = seed_scale(session, scale=args.scale)
                _out(
                    tr(
                        "已按 {scale} 倍规模批量生成数据（{seconds:.0f} 秒）：{counts}",
                        scale=f"{args.scale:g}",
                        seconds=time.perf_counter() - started,
                        counts=", ".join(f"{k} {v}" for k, v in report.added.items()),
                    )
                )
    finally:
        db.dispose()
    _out(tr("演示数据库已就绪：{url}", url=db.url))
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace, list[str]], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "template": cmd_template,
    "report": cmd_report,
    "check": cmd_check,
    "print": cmd_print,
    "backup": cmd_backup,
    "kinds": cmd_kinds,
    "audit-anchor": cmd_audit_anchor,
    "install-server": cmd_install_server,
}
