"""``make bench``: run every ``tests/benchmarks/bench_*.py`` and print ratios.

Each module defines ``run() -> list[Result]``; a result is a ratio of our time to a
baseline timed in the same run, with the bound the issue sets. Nothing is asserted:
the table is for people. ``LANDSPACE_BENCH_SCALE`` (default 1.0) scales the sizes.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.common import Result  # noqa: E402


def main(argv: list[str]) -> int:
    import tests.benchmarks as pkg

    wanted = set(argv)
    results: list[Result] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        if wanted and info.name not in wanted and info.name.removeprefix("bench_") not in wanted:
            continue
        started = time.perf_counter()
        module = importlib.import_module(f"tests.benchmarks.{info.name}")
        print(f"== {info.name}", flush=True)
        for r in module.run():
            results.append(r)
            print(r.line(), flush=True)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    over = [r for r in results if r.bound is not None and r.ratio > r.bound]
    print(f"\n{len(results)} benchmarks, {len(over)} over their bound")
    for r in over:
        print("  over:", r.line())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
