"""The packaging scripts' logic that does not need a build or Windows: the signing step, the
version in one place, the installer's folders and PATH task, the smoke test's module list."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scripts(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ModuleType, ModuleType]]:
    monkeypatch.syspath_prepend(
        str(ROOT / "packaging")
    )  # scripts, not a package (``packaging`` is PyPA's name)
    import landspace_build
    import smoke

    yield landspace_build, smoke


def test_signing_is_skipped_and_says_so_without_a_certificate(
    scripts: tuple[ModuleType, ModuleType], capsys: pytest.CaptureFixture[str]
) -> None:
    build, _ = scripts
    assert build.sign_command([Path("LandSpace.exe")], {}) is None
    build.sign([Path("LandSpace.exe")])
    assert "Signing skipped: no certificate configured" in capsys.readouterr().out


def test_signtool_gets_the_certificate_file_or_thumbprint(scripts: tuple[ModuleType, ModuleType]) -> None:
    build, _ = scripts
    files = [Path("dist/LandSpace/LandSpace.exe"), Path("dist/LandSpace/landspace-cli.exe")]
    command = build.sign_command(
        files,
        {
            "LANDSPACE_SIGN_CERT": r"C:\certs\bureau.pfx",
            "LANDSPACE_SIGN_PASSWORD": "secret",
            "SIGNTOOL": r"C:\sdk\signtool.exe",
        },
    )
    assert command[:4] == [r"C:\sdk\signtool.exe", "sign", "/fd", "SHA256"]
    assert command[command.index("/f") + 1] == r"C:\certs\bureau.pfx" and "/p" in command
    assert command[-2:] == [str(f) for f in files]
    thumb = build.sign_command(files, {"LANDSPACE_SIGN_CERT": "0123abcd"})
    assert thumb[0] == "signtool" and thumb[thumb.index("/sha1") + 1] == "0123abcd" and "/f" not in thumb
    assert thumb[thumb.index("/tr") + 1] == build.DEFAULT_TIMESTAMP


def test_the_version_has_one_place(scripts: tuple[ModuleType, ModuleType]) -> None:
    from desktop.version import app_version

    build, _ = scripts
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert build.project_version() == declared == app_version()
    iss = (ROOT / "packaging" / "landspace.iss").read_text(encoding="utf-8")
    assert "#define AppVersion" not in iss and "#ifndef AppVersion" in iss  # passed by /DAppVersion only
    assert "/DAppVersion={version}" in (ROOT / "packaging" / "landspace_build.py").read_text(encoding="utf-8")


def test_the_installer_folders_and_path_task() -> None:
    iss = (ROOT / "packaging" / "landspace.iss").read_text(encoding="utf-8")
    assert "DefaultDirName={autopf}\\{#AppName}" in iss
    assert "PrivilegesRequired=lowest" in iss and "PrivilegesRequiredOverridesAllowed=dialog" in iss
    assert (
        'Name: "addtopath"' in iss
        and "Flags: unchecked" not in iss.split('Name: "addtopath"')[1].split("\n")[0]
    )
    assert "SetupIconFile=landspace.ico" in iss and (ROOT / "packaging" / "landspace.ico").is_file()
    assert "6.3" in (ROOT / "packaging" / "README.md").read_text(encoding="utf-8")


def test_the_icon_carries_every_size() -> None:
    import struct

    data = (ROOT / "packaging" / "landspace.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    sizes = {struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert (reserved, kind) == (0, 1) and {16, 32, 48, 256} <= sizes


def test_the_smoke_test_lists_every_page_module(scripts: tuple[ModuleType, ModuleType]) -> None:
    _, smoke = scripts
    names = smoke.source_modules()
    assert "desktop.quotas.page" in names and "desktop.quotas" in names and "models.checks" in names
    assert not any(".versions." in n for n in names)
    assert all(
        (ROOT / n.replace(".", "/")).with_suffix(".py").is_file() or (ROOT / n.replace(".", "/")).is_dir()
        for n in names
    )
