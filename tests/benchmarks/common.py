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

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline > 0 else float("inf")

    def line(self) -> str:
        bound = f" (bound ≤ {self.bound:g}×)" if self.bound is not None else ""
        verdict = "" if self.bound is None else ("  ok" if self.ratio <= self.bound else "  OVER")
        return (
            f"  {self.name}: {self.ratio:.2f}× {self.baseline_name}{bound}{verdict}"
            f"   [ours {self.ours * 1000:.1f} ms, baseline {self.baseline * 1000:.1f} ms]"
        )
