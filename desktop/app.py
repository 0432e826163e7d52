"""Entry point of the ``landspace`` command: a subcommand runs headless (``desktop.cli``);
no subcommand opens the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop import cli

    args = list(sys.argv[1:] if argv is None else argv)
    _prepare(args)
    if args[:1] == ["--self-check"]:  # the frozen build's smoke test (packaging/smoke.py)
        from desktop.selfcheck import run

        return run(args[1:])
    if args[:1] == ["--startup-probe"]:  # the frozen-vs-source start-up benchmark (tests/benchmarks)
        from desktop.selfcheck import startup_probe

        return startup_probe(args[1:])
    if cli.is_headless(args):
        return int(cli.main(args))
    from desktop.main_window import run_window

    return int(run_window(args))


def _prepare(args: list[str]) -> None:
    """Chinese on any console, a log file, unhandled errors logged (and shown in the window)."""
    from desktop import logs
    from desktop.cli import is_headless
    from desktop.console import configure_stdio

    configure_stdio()
    if is_headless(args):
        logs.start(name="landspace-cli")
        logs.install_hooks(gui=False)
        return
    from desktop.settings import LOG_LEVEL, settings

    logs.start(name="landspace", level=settings().get(LOG_LEVEL))
    # the smoke test's probes print a traceback rather than wait for a click on a message
    logs.install_hooks(gui=args[:1] not in (["--self-check"], ["--startup-probe"]))


if __name__ == "__main__":
    sys.exit(main())
