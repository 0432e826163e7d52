"""Build the frozen one-folder application, sign it when a certificate is configured, and
(on Windows, with --installer) compile the Inno Setup installer with the version of pyproject.toml.

    python packaging/landspace_build.py [--installer]      (from the repository root, in the build venv)

Signing (Windows): set LANDSPACE_SIGN_CERT to a .pfx file (with LANDSPACE_SIGN_PASSWORD) or to a
certificate thumbprint in the user's store; SIGNTOOL to signtool.exe when it is not on PATH;
LANDSPACE_SIGN_TIMESTAMP to another RFC 3161 time-stamp server. Without LANDSPACE_SIGN_CERT the
step is skipped, and says so.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "LandSpace"
EXECUTABLES = ("LandSpace", "landspace-cli")
DEFAULT_TIMESTAMP = "http://timestamp.digicert.com"


def project_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def freeze() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            str(ROOT / "packaging" / "landspace.spec"),
        ],
        cwd=ROOT,
        check=True,
    )


def sign_command(files: list[Path], env: dict[str, str]) -> list[str] | None:
    """signtool's command line, or None when no certificate is configured."""
    cert = env.get("LANDSPACE_SIGN_CERT", "").strip()
    if not cert:
        return None
    command = [
        env.get("SIGNTOOL", "signtool"),
        "sign",
        "/fd",
        "SHA256",
        "/tr",
        env.get("LANDSPACE_SIGN_TIMESTAMP", DEFAULT_TIMESTAMP),
        "/td",
        "SHA256",
    ]
    if cert.lower().endswith((".pfx", ".p12")):
        command += ["/f", cert]
        if env.get("LANDSPACE_SIGN_PASSWORD"):
            command += ["/p", env["LANDSPACE_SIGN_PASSWORD"]]
    else:
        command += ["/sha1", cert]
    return command + [str(f) for f in files]


def sign(files: list[Path]) -> None:
    command = sign_command(files, dict(os.environ))
    if command is None:
        print(
            "Signing skipped: no certificate configured (set LANDSPACE_SIGN_CERT, see packaging/README.md). "
            "Unsigned executables may be blocked by SmartScreen or antivirus."
        )
        return
    if sys.platform != "win32":
        print("Signing skipped: signtool runs on Windows only.")
        return
    print("Signing " + ", ".join(f.name for f in files))
    subprocess.run(command, check=True)


def installer(version: str) -> Path:
    iscc = os.environ.get("ISCC") or shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        default = (
            Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
        )
        iscc = str(default)
    subprocess.run(
        [iscc, f"/DAppVersion={version}", str(ROOT / "packaging" / "landspace.iss")], cwd=ROOT, check=True
    )
    return ROOT / "dist" / "installer" / f"LandSpace-{version}-setup.exe"


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--installer", action="store_true", help="also compile the Inno Setup installer (Windows)"
    )
    parser.add_argument("--no-freeze", action="store_true", help="use the existing dist/LandSpace")
    args = parser.parse_args(argv)
    version = project_version()
    started = time.monotonic()
    if not args.no_freeze:
        freeze()
        suffix = ".exe" if sys.platform == "win32" else ""
        sign([DIST / f"{name}{suffix}" for name in EXECUTABLES])
        print(
            f"Built LandSpace {version} in {time.monotonic() - started:.0f} s: {DIST} "
            f"({folder_size(DIST) / 1e6:.0f} MB)"
        )
    if args.installer:
        setup = installer(version)
        sign([setup])
        print(f"Installer: {setup}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
