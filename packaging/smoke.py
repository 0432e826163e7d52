"""Smoke test of the frozen build: ``python packaging/smoke.py dist/LandSpace`` (``make package-smoke``).

Runs the built executables, not the source, in a temporary folder (own settings, log folder and
database), and compares what they find with the source tree:
  1. ``landspace-cli --help`` prints the Chinese usage; every command is listed;
  2. ``landspace-cli demo`` builds the demonstration database;
  3. ``check`` runs every area's checks and finds no error;
  4. ``kinds`` lists exactly the kinds of models.exchange.registry;
  5. an export (xlsx) and the import of that file back (and a CSV export);
  6. ``LandSpace --self-check``: every module of models/ and desktop/ imports in the frozen build,
     the window opens offscreen with one navigation entry per page of desktop/pages.py, and each
     page shows and renders (PNGs kept in the temporary folder with --keep);
  7. the bundle carries every resource file (translations, icons, styles) and no test tool;
  8. the log file was written.
Exit code 0 when all hold; otherwise every failure is listed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Tools that must never be in the bundle (they come with the test extras only).
DEV_TOOLS = (
    "mypy",
    "ruff",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "importlinter",
    "grimp",
    "xlsxwriter",
)
EXPORT_KIND = "enterprises"
TIMEOUT = 300


def child_encoding() -> str:
    """What the frozen program writes into a pipe: desktop/console.py's choice for this system
    (UTF-8 on Linux and macOS; the ANSI code page, e.g. GBK, or UTF-8 on Windows)."""
    import locale

    from desktop.console import plan_stream

    current = locale.getpreferredencoding(False)
    return plan_stream(platform=sys.platform, is_console=False, encoding=current).encoding or current


CHILD_ENCODING = child_encoding()


class Smoke:
    def __init__(self, dist: Path, work: Path) -> None:
        self.dist = dist
        self.work = work
        self.failures: list[str] = []
        self.passed = 0
        suffix = ".exe" if sys.platform == "win32" else ""
        self.gui = dist / f"LandSpace{suffix}"
        self.cli = dist / f"landspace-cli{suffix}"
        self.db = work / "演示.sqlite3"
        self.env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "LANDSPACE_SETTINGS": str(work / "settings.ini"),
            "LANDSPACE_LOG_DIR": str(work / "logs"),
            "PYTHONIOENCODING": "",
        }
        self.env.pop("PYTHONPATH", None)

    def fail(self, text: str) -> None:
        print(f"  ✗ {text}")
        self.failures.append(text)

    def ok(self, text: str) -> None:
        print(f"  ✓ {text}")
        self.passed += 1

    def run(self, exe: Path, *args: str, expect: tuple[int, ...] = (0,)) -> str:
        started = time.monotonic()
        proc = subprocess.run(
            [str(exe), *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
        out = proc.stdout.decode(CHILD_ENCODING, "replace")
        err = proc.stderr.decode(CHILD_ENCODING, "replace")
        label = f"{exe.name} {' '.join(args)}"
        if proc.returncode not in expect:
            self.fail(f"{label}: exit {proc.returncode}\n{out[-2000:]}\n{err[-4000:]}")
        elif "ModuleNotFoundError" in err or "No module named" in err:
            self.fail(f"{label}: a module is missing\n{err[-4000:]}")
        elif "Traceback" in err:
            self.fail(f"{label}: an unhandled exception\n{err[-4000:]}")
        else:
            self.ok(f"{label} ({time.monotonic() - started:.1f} s)")
        return out

    # ------------------------------------------------------------------ steps
    def commands(self) -> None:
        from desktop.cli import COMMANDS

        usage = self.run(self.cli, "--help")
        if "数据库" not in usage or any(c not in usage for c in COMMANDS):
            self.fail(f"--help does not list every command in Chinese:\n{usage}")
        self.run(self.cli, "--db", str(self.db), "demo")
        out = self.run(self.cli, "--db", str(self.db), "check", expect=(0, 1))
        if "检查完成" not in out:
            self.fail(f"check printed no summary:\n{out}")
        elif "✗" in out:
            self.fail(f"check finds errors in the demo database:\n{out}")

    def kinds(self) -> None:
        from models.exchange.registry import all_kinds

        out = self.run(self.cli, "kinds")
        listed = [line.split()[0] for line in out.splitlines() if line.strip()]
        expected = list(all_kinds())
        if listed != expected:
            self.fail(f"kinds: the frozen build lists {listed}, the source {expected}")
        else:
            self.ok(f"{len(listed)} kinds, as in the source")

    def exchange(self) -> None:
        xlsx = self.work / "导出" / f"{EXPORT_KIND}.xlsx"
        xlsx.parent.mkdir()
        out = self.run(self.cli, "--db", str(self.db), "export", EXPORT_KIND, str(xlsx))
        if not xlsx.is_file():
            self.fail(f"export wrote no file: {out}")
            return
        self.run(self.cli, "--db", str(self.db), "import", EXPORT_KIND, str(xlsx))
        csv = xlsx.with_suffix(".csv")
        self.run(self.cli, "--db", str(self.db), "export", EXPORT_KIND, str(csv))
        template = self.work / "模板.xlsx"
        self.run(self.cli, "template", EXPORT_KIND, str(template))
        self.run(self.cli, "--db", str(self.db), "backup", str(self.work / "备份.sqlite3"))

    def window(self) -> None:
        from desktop.pages import page_classes

        modules = self.work / "modules.txt"
        names = source_modules()
        modules.write_text("\n".join(names), encoding="utf-8")
        shots = self.work / "pages"
        self.run(
            self.gui,
            "--self-check",
            str(shots),
            "--db",
            str(self.db),
            "--modules",
            str(modules),
            expect=(0, 1),
        )
        report_file = shots / "selfcheck.json"
        if not report_file.is_file():
            self.fail("the self-check wrote no report")
            return
        report = json.loads(report_file.read_text(encoding="utf-8"))
        for line in report["missing"]:
            self.fail(f"missing in the frozen build: {line}")
        for line in report["errors"]:
            self.fail(f"frozen build: {line}")
        if not report["missing"]:
            self.ok(f"all {len(names)} modules of models/ and desktop/ import")
        expected = len(page_classes())
        if report.get("navigation") != expected:
            self.fail(f"navigation has {report.get('navigation')} entries, desktop/pages.py {expected} pages")
        rendered = [p for p in report["pages"] if (shots / f"{p['key']}.png").stat().st_size > 5000]
        if len(rendered) != expected:
            self.fail(f"{len(rendered)} of {expected} pages rendered")
        else:
            self.ok(
                f"{expected} navigation entries, {expected} pages rendered: "
                + " ".join(p["title"] for p in report["pages"])
            )
        empty = [p["title"] for p in report["pages"] if p["rows"] == 0]
        if empty:
            print(f"  · pages without rows on the demo database: {' '.join(empty)}")
        if report.get("version") != project_version():
            self.fail(f"version {report.get('version')} in the build, {project_version()} in pyproject.toml")

    def contents(self) -> None:
        internal = self.dist / "_internal"
        base = internal if internal.is_dir() else self.dist
        source = sorted(
            p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()
        )
        missing = [p for p in source if not (base / p).is_file()]
        if missing:
            self.fail(f"resource files missing from the bundle: {missing}")
        else:
            self.ok(f"all {len(source)} resource files (translations, icons, styles)")
        tools = [t for t in DEV_TOOLS if (base / t).exists() or any(base.glob(f"{t}-*.dist-info"))]
        archive = bundled_modules(self.gui)
        tools += [t for t in DEV_TOOLS if t in archive]
        if tools:
            self.fail(f"development tools in the bundle: {sorted(set(tools))}")
        else:
            self.ok("no development tools in the bundle")

    def logs(self) -> None:
        logs = sorted((self.work / "logs").glob("*.log"))
        if not logs or not any("started" in p.read_text(encoding="utf-8") for p in logs):
            self.fail(f"no log file written in {self.work / 'logs'}")
        else:
            self.ok("log files: " + ", ".join(p.name for p in logs))


def source_modules() -> list[str]:
    """Every module of models/ and desktop/ in the source tree (what the build must carry)."""
    names = []
    for package in ("models", "desktop"):
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            if "migrations" in rel.parts and ("versions" in rel.parts or rel.name == "env"):
                continue  # Alembic scripts are data, loaded by path (env.py only inside Alembic)
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            if parts[-1] == "__main__":
                continue
            names.append(".".join(parts))
    return names


def bundled_modules(exe: Path) -> set[str]:
    """Top-level names in the executable's embedded archive (PKG and its PYZ)."""
    try:
        from PyInstaller.archive.readers import pkg_archive_contents
    except ImportError:
        return set()
    try:
        return {name.split(".")[0] for name in pkg_archive_contents(str(exe))}
    except Exception as exc:  # an archive layout this PyInstaller does not read: the folder check stands
        print(f"  · cannot read the archive of {exe.name}: {exc}")
        return set()


def project_version() -> str:
    import tomllib

    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="smoke test of the frozen build")
    parser.add_argument("dist", type=Path, nargs="?", default=ROOT / "dist" / "LandSpace")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (rendered pages)")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    if not dist.is_dir():
        print(f"no frozen build in {dist}: run make package first", file=sys.stderr)
        return 2
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="landspace-smoke-"))
    print(f"Smoke test of {dist} (in {work})")
    smoke = Smoke(dist, work)
    try:
        for step in (smoke.commands, smoke.kinds, smoke.exchange, smoke.window, smoke.contents, smoke.logs):
            step()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    size = sum(f.stat().st_size for f in dist.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"Frozen build: {time.monotonic() - started:.0f} s, bundle {size / 1e6:.0f} MB")
    print(f"smoke: {smoke.passed} passed, {len(smoke.failures)} failed")
    return 1 if smoke.failures else 0


if __name__ == "__main__":
    sys.exit(main())
