"""Entry point of the ``landspace`` command: a subcommand runs headless (``desktop.cli``);
no subcommand opens the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop import cli

    args = list(sys.argv[1:] if argv is None else argv)
    if cli.is_headless(args):
        return int(cli.main(args))
    from desktop.main_window import run_window

    return int(run_window(args))


if __name__ == "__main__":
    sys.exit(main())
