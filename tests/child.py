"""A fresh Python process for what one test process cannot show: what a start imports, what the
application sets once. Runs ``code`` from the project root (offscreen Qt) and returns its
standard output; a failing child fails the test with its output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python_output(code: str, **env: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
    )
    return out.stdout
