"""Shared helpers for benchmarks: timing, scale, and the printed result."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass


def scale(n: int) -> int:
    """``n`` scaled by ``LANDSPACE_BENCH_SCALE`` (default 1.0), at least 1."""
    return max(1, int(n * float(os.environ.get("LANDSPACE_BENCH_SCALE", "1"))))


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def median_of(fn: Callable[[], object], repeat: int = 11) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]


@dataclass(frozen=True)
class Result:
    name: str
    ours: float
    baseline: float
    bound: float | None  # the ratio the issue allows
    baseline_name: str = "baseline"
    unit: str = "s"  # "s": seconds, printed in ms; anything else (e.g. "MB") printed as it is

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline > 0 else float("inf")

    def line(self) -> str:
        bound = f" (bound ≤ {self.bound:g}×)" if self.bound is not None else ""
        verdict = "" if self.bound is None else ("  ok" if self.ratio <= self.bound else "  OVER")
        if self.unit == "s":
            ours, base = f"{self.ours * 1000:.1f} ms", f"{self.baseline * 1000:.1f} ms"
        else:
            ours, base = f"{self.ours:.1f} {self.unit}", f"{self.baseline:.1f} {self.unit}"
        head = f"  {self.name}: {self.ratio:.2f}× {self.baseline_name}{bound}{verdict}"
        return f"{head}   [ours {ours}, baseline {base}]"
