"""The window's application keeps the interpreter's thread switches short (issue 12 (b)): a page's
first show waited up to 5 ms for the GIL at each Qt call while a worker read its rows."""

from __future__ import annotations

from desktop.main_window import UI_SWITCH_INTERVAL
from tests.child import python_output


def test_the_application_sets_a_short_switch_interval() -> None:
    code = (
        "import sys; from desktop.main_window import make_application; "
        "print(sys.getswitchinterval()); make_application([]); print(sys.getswitchinterval())"
    )
    out = python_output(code)
    before, after = (float(v) for v in out.split())
    assert before == 0.005 and after == UI_SWITCH_INTERVAL <= 0.001
