"""Helpers for the print tests: a PDF's page count and a page turned into pixels."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def page_count(pdf: Path) -> int:
    """Counted from the PDF itself (every page object is ``/Type /Page``)."""
    data = pdf.read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


@pytest.fixture
def page_png(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``page_png(pdf, n)`` → a QImage of page ``n`` rendered by poppler's ``pdftoppm``."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: scripts/sysdeps.sh installs it")

    def render(pdf: Path, page: int = 1):  # type: ignore[no-untyped-def]
        from PySide6.QtGui import QImage

        out = tmp_path / f"{pdf.stem}-p{page}"
        subprocess.run([tool, "-r", "40", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                        str(out)], check=True, capture_output=True, timeout=60)
        image = QImage(str(out.with_suffix(".png")))
        assert not image.isNull()
        return image

    return render


def ink(image) -> float:  # type: ignore[no-untyped-def]
    """The share of pixels that are not (near) white."""
    dark = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            total += 1
            if image.pixelColor(x, y).lightness() < 200:
                dark += 1
    return dark / total
