# Build the LandSpace installer on Windows without make or bash (see packaging/README.md).
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1            # build, smoke test, installer
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -NoSmoke   # skip the smoke test
#
# Needs: Python 3.11 x64 (the "py" launcher), Inno Setup 6.3 or later (ISCC.exe on PATH, in its
# default folder, or named by $env:ISCC). Signing: set $env:LANDSPACE_SIGN_CERT (a .pfx file with
# $env:LANDSPACE_SIGN_PASSWORD, or a certificate thumbprint) and, when signtool.exe is not on
# PATH, $env:SIGNTOOL. Without a certificate the executables are built unsigned and the build says so.
param(
    [switch]$NoSmoke,
    [switch]$NoInstaller
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

$venv = ".venv-build"
$python = Join-Path $venv "Scripts\python.exe"
if (-not (Test-Path $python)) {
    Write-Host "Creating $venv (Python 3.11)..."
    py -3.11 -m venv $venv
    if ($LASTEXITCODE) { throw "py -3.11 -m venv failed: install Python 3.11 x64 from python.org" }
}

Write-Host "Installing the runtime lock and the pinned PyInstaller (no test tools)..."
& $python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock -r requirements-package.lock
if ($LASTEXITCODE) { throw "pip install failed" }
& $python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
if ($LASTEXITCODE) { throw "pip install -e . failed" }

$started = Get-Date
& $python packaging\landspace_build.py
if ($LASTEXITCODE) { throw "the PyInstaller build failed" }

if (-not $NoSmoke) {
    & $python packaging\smoke.py dist\LandSpace
    if ($LASTEXITCODE) { throw "the smoke test of the frozen build failed" }
}

if (-not $NoInstaller) {
    # landspace_build.py --installer reads the version from pyproject.toml and passes it to ISCC as /DAppVersion
    & $python packaging\landspace_build.py --installer --no-freeze
    if ($LASTEXITCODE) { throw "the installer build failed" }
}
Write-Host ("Done in {0:N0} s" -f ((Get-Date) - $started).TotalSeconds)
