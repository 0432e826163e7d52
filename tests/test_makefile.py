"""``make run`` on a fresh clone installs for minutes: pip must show what it is doing."""

from __future__ import annotations

from pathlib import Path


def test_the_dependency_install_of_make_run_shows_progress() -> None:
    text = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    recipe = text.split("$(BIN)/.installed:", 1)[1].split("\n\n", 1)[0]
    install = next(line for line in recipe.splitlines() if "-r $(LOCK)" in line)
    assert " -q" not in install and "--progress-bar on" in install
    assert "@echo" in recipe.splitlines()[1]  # says what starts before the long step


def test_the_system_packages_step_of_make_run_shows_progress() -> None:
    """``make run`` first installs Qt's system libraries (as root): apt-get is not silenced."""
    text = (Path(__file__).resolve().parents[1] / "scripts" / "sysdeps.sh").read_text(encoding="utf-8")
    install = next(
        line
        for line in text.splitlines()
        if "apt-get install" in line and "$missing" in line and not line.lstrip().startswith("echo")
    )
    assert "-qq" not in install and ">/dev/null" not in install
    assert 'echo "Installing system packages' in text
