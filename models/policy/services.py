"""Policy rules as dated versions, and the editable choice lists.

A rule is never overwritten: a new value is a new ``PolicyRule`` row with its own
document, clause and effective date, and the version it replaces gets
``effective_to`` = the day before. Checks made for earlier dates keep citing the
rule that was in force then.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.db.records import get_versioned
from models.errors import ConflictError, DomainError, NotFoundError
from models.policy.documents import STATUSES
from models.policy.entities import ChoiceItem, PolicyDocument, PolicyRule


def _same_scope(key: str, platform_id: int | None, building_id: int | None) -> list[Any]:
    return [
        PolicyRule.key == key,
        PolicyRule.platform_id.is_(None) if platform_id is None else PolicyRule.platform_id == platform_id,
        PolicyRule.building_id.is_(None) if building_id is None else PolicyRule.building_id == building_id,
    ]


def add_rule_version(
    session: Session,
    *,
    key: str,
    value: Any,
    effective_from: dt.date,
    document_no: str,
    clause: str = "",
    title: str | None = None,
    is_example: bool = False,
    platform_id: int | None = None,
    building_id: int | None = None,
    note: str = "",
    example_source: str = "",
) -> Changes:
    """A new dated version of rule ``key`` for the same scope; closes the one before it.

    Refused: neither a document number nor, for an example value, where the example comes
    from (``policy.document_required``); a start date not after the latest version's
    (``policy.version_not_after``, with that version's date).
    """
    key = key.strip()
    if not key:
        raise DomainError("policy.key_required")
    if not document_no.strip() and not (is_example and example_source.strip()):
        raise DomainError("policy.document_required", key=key)
    latest = session.scalar(
        select(PolicyRule)
        .where(*_same_scope(key, platform_id, building_id))
        .order_by(PolicyRule.effective_from.desc(), PolicyRule.id.desc())
        .limit(1)
    )
    if latest is not None:
        if effective_from <= latest.effective_from:
            raise DomainError(
                "policy.version_not_after",
                key=key,
                effective_from=effective_from,
                latest_from=latest.effective_from,
                document_no=latest.document_no,
            )
        if latest.effective_to is None or latest.effective_to >= effective_from:
            latest.effective_to = effective_from - dt.timedelta(days=1)
    rule = PolicyRule(
        key=key,
        value=value,
        title=(title if title is not None else latest.title if latest is not None else ""),
        effective_from=effective_from,
        effective_to=None,
        document_no=document_no.strip(),
        clause=clause.strip(),
        is_example=is_example,
        platform_id=platform_id,
        building_id=building_id,
        note=note,
        example_source=example_source.strip(),
    )
    session.add(rule)
    session.flush()
    return Changes.of("policy", created=1, updated=1 if latest is not None else 0, ids=(rule.id,))


# --- choice lists ---------------------------------------------------------------------------


def _choice(session: Session, choice_id: int, version: int | None) -> ChoiceItem:
    return get_versioned(session, ChoiceItem, choice_id, version, key=lambda r: r.value)


def add_choice(session: Session, *, category: str, value: str, label_en: str = "") -> Changes:
    value = value.strip()
    if not value:
        raise DomainError("policy.choice_required", category=category)
    if (
        session.scalar(
            select(ChoiceItem.id).where(ChoiceItem.category == category, ChoiceItem.value == value)
        )
        is not None
    ):
        raise DomainError("policy.choice_exists", category=category, value=value)
    order = session.scalar(select(func.max(ChoiceItem.sort_order)).where(ChoiceItem.category == category))
    item = ChoiceItem(
        category=category,
        value=value,
        label_en=label_en.strip(),
        sort_order=(order if order is not None else -1) + 1,
        active=True,
    )
    session.add(item)
    session.flush()
    return Changes.of("policy", created=1, ids=(item.id,))


def update_choice(
    session: Session,
    *,
    choice_id: int,
    version: int | None = None,
    value: str | None = None,
    label_en: str | None = None,
    active: bool | None = None,
) -> Changes:
    """Rename, translate or (de)activate an entry. Deactivated entries stay on old records;
    forms and imports stop offering them."""
    item = _choice(session, choice_id, version)
    if value is not None:
        value = value.strip()
        if not value:
            raise DomainError("policy.choice_required", category=item.category)
        clash = session.scalar(
            select(ChoiceItem.id).where(
                ChoiceItem.category == item.category, ChoiceItem.value == value, ChoiceItem.id != item.id
            )
        )
        if clash is not None:
            raise DomainError("policy.choice_exists", category=item.category, value=value)
        item.value = value
    if label_en is not None:
        item.label_en = label_en.strip()
    if active is not None:
        item.active = active
    session.flush()
    return Changes.of("policy", updated=1, ids=(item.id,))


def move_choice(session: Session, *, choice_id: int, offset: int) -> Changes:
    """Move an entry up (``offset`` < 0) or down in its list."""
    item = _choice(session, choice_id, None)
    items = list(
        session.scalars(
            select(ChoiceItem)
            .where(ChoiceItem.category == item.category)
            .order_by(ChoiceItem.sort_order, ChoiceItem.id)
        )
    )
    index = items.index(item)
    target = max(0, min(len(items) - 1, index + offset))
    if target == index:
        return Changes.of("policy")
    items.insert(target, items.pop(index))
    changed = 0
    for order, entry in enumerate(items):
        if entry.sort_order != order:
            entry.sort_order = order
            changed += 1
    session.flush()
    return Changes.of("policy", updated=changed)


# --- the register of policy documents ----------------------------------------------------------


def _clean_clauses(clauses: Any) -> list[dict[str, Any]]:
    """``[{"clause", "summary", "figures"}]`` with text stripped; refuses an empty summary or a
    clause named twice (an unnamed clause stands for the document as a whole, at most once)."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in clauses or ():
        name = str(item.get("clause", "") or "").strip()
        summary = str(item.get("summary", "") or "").strip()
        if not summary:
            raise DomainError("policy.clause_summary_required", clause=name)
        if name in seen:
            raise DomainError("policy.clause_duplicate", clause=name)
        seen.add(name)
        out.append({"clause": name, "summary": summary, "figures": bool(item.get("figures", True))})
    return out


def save_document(  # noqa: C901, PLR0913  one keyword per field of a register entry, one branch per check of it
    session: Session,
    *,
    document_no: str,
    title: str = "",
    issuer: str = "",
    issued_on: dt.date | None = None,
    in_force_from: dt.date | None = None,
    status: str = "in_force",
    superseded_by: str = "",
    superseded_on: dt.date | None = None,
    clauses: Any = (),
    note: str = "",
    document_id: int | None = None,
    version: int | None = None,
) -> Changes:
    """Register a policy document (``document_id`` None) or correct one: 文号, title, issuer,
    dates, status (in force / superseded by … on … / unverified) and the clauses rules may
    cite, each saying whether it holds figures. Refused: no 文号, a 文号 already registered,
    an unknown status, a superseded document without its successor, dates out of order,
    a clause without a summary or named twice. Renaming a 文号 that rules cite is refused
    (``policy.document_cited``): the rules would lose their basis."""
    document_no = document_no.strip()
    if not document_no:
        raise DomainError("policy.document_no_required")
    if status not in STATUSES:
        raise DomainError("policy.bad_status", status=status, known="、".join(STATUSES))
    superseded_by = superseded_by.strip()
    if status == "superseded" and not superseded_by:
        raise DomainError("policy.superseded_by_required", document_no=document_no)
    if superseded_by == document_no:
        raise DomainError("policy.superseded_by_itself", document_no=document_no)
    if issued_on is not None and in_force_from is not None and in_force_from < issued_on:
        raise DomainError(
            "policy.in_force_before_issue",
            document_no=document_no,
            issued_on=issued_on,
            in_force_from=in_force_from,
        )
    start = in_force_from or issued_on
    if superseded_on is not None and start is not None and superseded_on < start:
        raise DomainError(
            "policy.superseded_before_start",
            document_no=document_no,
            superseded_on=superseded_on,
            start=start,
        )
    clean = _clean_clauses(clauses)
    clash = session.scalar(select(PolicyDocument.id).where(PolicyDocument.document_no == document_no))
    if clash is not None and clash != document_id:
        raise DomainError("policy.document_exists", document_no=document_no)
    if document_id is None:
        doc = PolicyDocument(document_no=document_no)
        session.add(doc)
    else:
        found = session.get(PolicyDocument, document_id)
        if found is None:
            raise NotFoundError("record.not_found", entity="policy_documents", key=document_id)
        if version is not None and found.version != version:
            raise ConflictError("record.changed_by_other", entity="policy_documents", key=found.document_no)
        if found.document_no != document_no:
            cited = (
                session.scalar(
                    select(func.count())
                    .select_from(PolicyRule)
                    .where(PolicyRule.document_no == found.document_no)
                )
                or 0
            )
            if cited:
                raise DomainError("policy.document_cited", document_no=found.document_no, rules=cited)
        doc = found
    doc.document_no, doc.title, doc.issuer = document_no, title.strip(), issuer.strip()
    doc.issued_on, doc.in_force_from, doc.status = issued_on, in_force_from, status
    doc.superseded_by = superseded_by if status == "superseded" else ""
    doc.superseded_on = superseded_on if status == "superseded" else None
    doc.clauses, doc.note = clean, note
    session.flush()
    if document_id is None:
        return Changes.of("policy", created=1, ids=(doc.id,))
    return Changes.of("policy", updated=1, ids=(doc.id,))
