"""Checks of the rules' sources: every rule in force cites a registered document that is
itself in force and a clause that holds figures when the value is a figure, or is an
example that names where it comes from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.checks import Finding
from models.errors import Problem
from models.policy.documents import list_documents
from models.policy.entities import PolicyRule


def _has_figure(value: Any) -> bool:
    """True when the value holds a number (an int, or a string that is a decimal)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, Decimal)):
        return True
    if isinstance(value, str):
        try:
            Decimal(value)
        except InvalidOperation:
            return False
        return True
    if isinstance(value, dict):
        return any(_has_figure(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_figure(v) for v in value)
    return False


def run_checks(session: Session, *, on: dt.date | None = None) -> list[Finding]:
    on = on or dt.date.today()
    docs = {d.document_no: d for d in list_documents(session)}
    out: list[Finding] = []
    stmt = (
        select(PolicyRule)
        .where(
            or_(PolicyRule.effective_to.is_(None), PolicyRule.effective_to >= on),
            PolicyRule.effective_from <= on,
        )
        .order_by(PolicyRule.key, PolicyRule.id)
    )
    for r in session.scalars(stmt):
        cite = {
            "rule_key": r.key,
            "rule_title": r.title,
            "document_no": r.document_no,
            "clause": r.clause,
            "effective_from": r.effective_from,
            "is_example": r.is_example,
            "example_source": r.example_source,
        }

        def add(
            code: str, severity: str, rule: PolicyRule = r, base: dict[str, Any] = cite, **fields: Any
        ) -> None:
            out.append(
                Finding(
                    "policy", Problem(code, {**base, **fields}, severity), "policy_rules", rule.id, rule.key
                )
            )

        if not r.document_no:
            if not (r.is_example and r.example_source):
                add("policy.rule_without_basis", "error")
            continue
        doc = docs.get(r.document_no)
        if doc is None:
            if r.building_id is None:  # a building's own approval is not a policy document
                add("policy.document_unregistered", "warning")
            continue
        if doc.superseded_at(on):
            add(
                "policy.document_superseded",
                "warning",
                superseded_by=doc.superseded_by,
                superseded_on=doc.superseded_on or "",
            )
        if r.clause:
            clause = doc.clause(r.clause)
            if clause is None:
                add("policy.clause_unregistered", "warning")
            elif not clause.get("figures", True) and _has_figure(r.value) and not r.is_example:
                add("policy.clause_holds_no_figure", "error")
    return out
