"""Helpers for the print tests: a PDF's page count, and a page turned into pixels by
poppler's ``pdftoppm`` (the test is skipped, saying why, when it is not installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest


def page_count(pdf: Path) -> int:
    """Counted from the PDF itself (every page object is ``/Type /Page``)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def page_image(pdf: Path, page: int = 1) -> Any:
    """Page ``page`` of ``pdf`` as a QImage, rendered by ``pdftoppm`` at 40 dpi."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: scripts/sysdeps.sh installs it")
    from PySide6.QtGui import QImage

    out = pdf.with_name(f"{pdf.stem}-p{page}")
    subprocess.run(
        [tool, "-r", "40", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    image = QImage(str(out.with_suffix(".png")))
    assert not image.isNull()
    return image


def ink(image: Any) -> float:
    """The share of pixels that are not (near) white."""
    dark = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            total += 1
            if image.pixelColor(x, y).lightness() < 200:
                dark += 1
    return dark / total
