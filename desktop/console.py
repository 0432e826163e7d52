"""Chinese text on a Windows console (``landspace-cli`` in cmd or PowerShell).

An interactive console gets the UTF-8 code page (65001) and UTF-8 streams. Output redirected
to a file or pipe keeps the console's own encoding (GBK on a Chinese Windows, what Notepad and
``type`` expect) but never fails on a symbol that encoding lacks (✗, ⚠): it is replaced.
An encoding that cannot write Chinese at all (ASCII, Latin-1) is replaced by UTF-8.
No Qt here: the command line uses it.
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from typing import TextIO

UTF8_CODE_PAGE = 65001
CHINESE_SAMPLE = "用地指标亩均"
SYMBOL_SAMPLE = "✗⚠·㎡“”"


@dataclass(frozen=True)
class StreamPlan:
    """How to reconfigure one stream; ``encoding`` None keeps the current one."""

    encoding: str | None
    errors: str
    set_console_code_page: bool = False


def _can_encode(encoding: str, text: str) -> bool:
    try:
        codecs.lookup(encoding)
        text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def plan_stream(*, platform: str, is_console: bool, encoding: str | None) -> StreamPlan:
    """Pure decision, tested on any platform (tests/test_console.py)."""
    if platform == "win32" and is_console:
        return StreamPlan("utf-8", "strict", set_console_code_page=True)
    current = encoding or "ascii"
    if not _can_encode(current, CHINESE_SAMPLE):
        return StreamPlan("utf-8", "replace" if platform == "win32" else "strict")
    if not _can_encode(current, SYMBOL_SAMPLE):
        return StreamPlan(None, "replace")
    return StreamPlan(None, "strict")


def _set_console_code_page() -> bool:  # pragma: no cover - Windows only
    """Switch the console to UTF-8 for this run; the user's code page comes back at exit
    (a cmd window keeps its code page after the program ends)."""
    import atexit
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    before_out, before_in = kernel32.GetConsoleOutputCP(), kernel32.GetConsoleCP()
    if before_out == UTF8_CODE_PAGE:
        return True
    if not kernel32.SetConsoleOutputCP(UTF8_CODE_PAGE):
        return False
    kernel32.SetConsoleCP(UTF8_CODE_PAGE)

    def restore() -> None:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        kernel32.SetConsoleOutputCP(before_out)
        kernel32.SetConsoleCP(before_in)

    atexit.register(restore)
    return True


def configure_stream(stream: TextIO | None, *, platform: str | None = None) -> StreamPlan | None:
    """Apply ``plan_stream`` to ``stream`` (None in a windowed executable: nothing to do)."""
    if stream is None or not hasattr(stream, "reconfigure"):
        return None
    platform = platform or sys.platform
    try:
        is_console = stream.isatty()
    except (OSError, ValueError):
        is_console = False
    plan = plan_stream(platform=platform, is_console=is_console, encoding=getattr(stream, "encoding", None))
    if plan.set_console_code_page and not _set_console_code_page():
        # the code page stays (an old console host): the console's encoding, never a crash
        plan = StreamPlan(None, "replace")
    if plan.encoding is None and plan.errors == "strict":
        return plan
    stream.flush()
    if plan.encoding is None:
        stream.reconfigure(errors=plan.errors)
    else:
        stream.reconfigure(encoding=plan.encoding, errors=plan.errors)
    return plan


def configure_stdio() -> None:
    """Make ``print`` of Chinese text work on stdout and stderr, whatever the console."""
    configure_stream(sys.stdout)
    configure_stream(sys.stderr)
