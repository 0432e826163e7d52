"""The console-encoding decision of ``landspace-cli`` (desktop/console.py), for Windows
consoles, redirected output and POSIX terminals — tested on any platform."""

from __future__ import annotations

import io

import pytest

from desktop.console import StreamPlan, configure_stream, plan_stream


def test_a_windows_console_gets_the_utf8_code_page() -> None:
    plan = plan_stream(platform="win32", is_console=True, encoding="cp936")
    assert plan == StreamPlan("utf-8", "strict", set_console_code_page=True)


@pytest.mark.parametrize("encoding", ["cp936", "gbk", "gb18030"])
def test_redirected_output_keeps_the_chinese_code_page_and_never_fails(encoding: str) -> None:
    plan = plan_stream(platform="win32", is_console=False, encoding=encoding)
    assert plan.encoding is None and not plan.set_console_code_page
    if encoding == "gb18030":  # encodes every character: nothing to replace
        assert plan.errors == "strict"
    else:
        assert plan.errors == "replace"


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1", None, "no-such-codec"])
def test_an_encoding_without_chinese_is_replaced_by_utf8(encoding: str | None) -> None:
    assert plan_stream(platform="win32", is_console=False, encoding=encoding).encoding == "utf-8"
    assert plan_stream(platform="linux", is_console=True, encoding=encoding) == StreamPlan("utf-8", "strict")


def test_utf8_is_left_alone() -> None:
    assert plan_stream(platform="linux", is_console=True, encoding="utf-8") == StreamPlan(None, "strict")


def _stream(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")


def test_redirected_gbk_output_prints_chinese_and_replaces_symbols() -> None:
    stream = _stream("gbk")
    configure_stream(stream, platform="win32")
    stream.write("✗ 用地指标 ⚠\n")
    stream.flush()
    assert stream.buffer.getvalue().decode("gbk") == "? 用地指标 ?\n"  # type: ignore[attr-defined]


def test_an_ascii_stream_becomes_utf8() -> None:
    stream = _stream("ascii")
    configure_stream(stream, platform="linux")
    stream.write("检查完成：没有发现问题。\n")
    stream.flush()
    assert stream.buffer.getvalue().decode("utf-8") == "检查完成：没有发现问题。\n"  # type: ignore[attr-defined]


def test_a_windows_console_whose_code_page_cannot_change_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import console

    calls: list[int] = []

    def refuse_code_page() -> bool:
        calls.append(1)
        return False

    monkeypatch.setattr(console, "_set_console_code_page", refuse_code_page)
    stream = _stream("gbk")
    monkeypatch.setattr(stream, "isatty", lambda: True)
    plan = configure_stream(stream, platform="win32")
    assert calls == [1]
    assert plan == StreamPlan(None, "replace")
    assert stream.errors == "replace"


def test_a_windowed_executable_has_no_stream() -> None:
    assert configure_stream(None) is None
