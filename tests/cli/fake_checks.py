"""A stand-in area checks module: one error finding and one warning."""

from __future__ import annotations

from typing import Any

from models.checks import Finding
from models.errors import Problem


def run_checks(session: Any) -> list[Finding]:
    return [
        Finding(
            "quotas",
            Problem("record.not_found", {"entity": "quota_grants", "key": 7}),
            "quota_grants",
            7,
            "临土资〔2024〕1号",
        ),
        Finding("land", Problem("value.required", {}, "warning")),
    ]
