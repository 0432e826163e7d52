"""Looking up the policy rule in force, so every check can say which rule it applied.

Precedence: a building's own rule, then the platform's, then the district-wide one;
within each, the rule with the latest ``effective_from`` on or before the date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.policy.entities import PolicyRule


@dataclass(frozen=True)
class RuleRef:
    """A frozen view of the rule applied: enough for a message to cite it."""

    id: int
    key: str
    title: str
    value: Any
    document_no: str
    clause: str
    effective_from: dt.date
    effective_to: dt.date | None
    is_example: bool
    platform_id: int | None
    building_id: int | None
    example_source: str = ""

    def citation(self) -> dict[str, Any]:
        """Fields every explained check carries (message templates use them). An example
        rule carries ``example_source``; its ``document_no`` is empty unless a document of
        the district contains the figure, and the message renderer then shows
        示例（无文件依据） with the source."""
        return {
            "rule_id": self.id,
            "rule_key": self.key,
            "rule_title": self.title,
            "document_no": self.document_no,
            "clause": self.clause,
            "effective_from": self.effective_from,
            "is_example": self.is_example,
            "example_source": self.example_source,
        }


def _ref(r: PolicyRule) -> RuleRef:
    return RuleRef(
        r.id,
        r.key,
        r.title,
        r.value,
        r.document_no,
        r.clause,
        r.effective_from,
        r.effective_to,
        r.is_example,
        r.platform_id,
        r.building_id,
        r.example_source,
    )


rule_ref = _ref  # public name: callers that select rules themselves freeze them the same way


def rule_in_force(
    session: Session, key: str, *, on: dt.date, platform_id: int | None = None, building_id: int | None = None
) -> RuleRef | None:
    """The rule ``key`` in force on ``on`` for the building / platform / district, or None."""
    stmt = (
        select(PolicyRule)
        .where(
            PolicyRule.key == key,
            PolicyRule.effective_from <= on,
            or_(PolicyRule.effective_to.is_(None), PolicyRule.effective_to >= on),
        )
        .order_by(PolicyRule.effective_from.desc(), PolicyRule.id.desc())
    )
    candidates = list(session.scalars(stmt))
    for scope in ("building", "platform", "district"):
        for r in candidates:
            if scope == "building" and building_id is not None and r.building_id == building_id:
                return _ref(r)
            if (
                scope == "platform"
                and r.building_id is None
                and platform_id is not None
                and r.platform_id == platform_id
            ):
                return _ref(r)
            if scope == "district" and r.building_id is None and r.platform_id is None:
                return _ref(r)
    return None
