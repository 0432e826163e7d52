"""Commands on the enterprise register. Take a Session, never commit, return Changes.

The USCC is normalised (half-width, upper-case, no spaces) and validated per
GB 32100-2015; a checksum failure is an error unless ``allow_bad_checksum`` is set
(a few early pilot codes are legal yet fail it — docs/domain.md §1). Wrong length or
alphabet is always an error.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import uscc as uscc_mod
from models.changes import Changes
from models.db.records import apply_changes, get_versioned, require_editable
from models.db.references import refuse_if_referenced
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.policy.entities import ChoiceItem, Platform

EDITABLE = (
    "uscc",
    "name",
    "platform_id",
    "industry_chain",
    "is_manufacturing",
    "address",
    "contact",
    "phone",
    "note",
)


def validate_uscc(code: str, *, allow_bad_checksum: bool = False) -> str:
    """The normalised code, or DomainError(uscc.*) naming what is wrong."""
    normal = uscc_mod.normalize(code)
    fault = uscc_mod.fault(normal)
    if fault is None or (fault is uscc_mod.UsccFault.CHECKSUM and allow_bad_checksum):
        return normal
    fields: dict[str, Any] = {"value": code}
    if fault is uscc_mod.UsccFault.LENGTH:
        fields["length"] = len(normal)
    elif fault is uscc_mod.UsccFault.ALPHABET:
        fields["chars"] = "".join(sorted({c for c in normal if c not in uscc_mod.ALPHABET}))
    else:
        fields["expected"] = uscc_mod.check_char(normal[:17])
    raise DomainError(fault.value, **fields)


def _check_fields(session: Session, values: dict[str, Any]) -> None:
    if "name" in values and not str(values["name"]).strip():
        raise DomainError("enterprise.name_required")
    pid = values.get("platform_id")
    if pid is not None and session.get(Platform, pid) is None:
        raise DomainError("enterprise.unknown_platform", platform_id=pid)
    chain = values.get("industry_chain")
    if chain:
        known = set(session.scalars(select(ChoiceItem.value).where(ChoiceItem.category == "industry_chain")))
        if chain not in known:
            raise DomainError(
                "enterprise.unknown_industry_chain", value=chain, known="、".join(sorted(known))
            )


def _ensure_unique(session: Session, code: str, own_id: int | None) -> None:
    other = session.scalar(select(Enterprise.id).where(Enterprise.uscc == code))
    if other is not None and other != own_id:
        raise DomainError("enterprise.duplicate_uscc", uscc=code)


def create_enterprise(
    session: Session,
    *,
    uscc: str,
    name: str,
    platform_id: int | None = None,
    industry_chain: str = "",
    is_manufacturing: bool = True,
    address: str = "",
    contact: str = "",
    phone: str = "",
    note: str = "",
    allow_bad_checksum: bool = False,
) -> Changes:
    code = validate_uscc(uscc, allow_bad_checksum=allow_bad_checksum)
    values = dict(
        uscc=code,
        name=name.strip(),
        platform_id=platform_id,
        industry_chain=industry_chain,
        is_manufacturing=is_manufacturing,
        address=address,
        contact=contact,
        phone=phone,
        note=note,
    )
    _check_fields(session, values)
    _ensure_unique(session, code, None)
    ent = Enterprise(**values)
    session.add(ent)
    session.flush()
    return Changes.of("enterprises", created=1, ids=(ent.id,))


def _load(session: Session, enterprise_id: int, version: int | None) -> Enterprise:
    return get_versioned(session, Enterprise, enterprise_id, version, key=lambda r: r.uscc)


def update_enterprise(
    session: Session,
    *,
    enterprise_id: int,
    version: int | None,
    allow_bad_checksum: bool = False,
    **fields: Any,
) -> Changes:
    """Change the given fields. ``version`` is the version the user saw (None skips the check)."""
    require_editable(fields, EDITABLE)
    ent = _load(session, enterprise_id, version)
    if "uscc" in fields:
        fields["uscc"] = validate_uscc(fields["uscc"], allow_bad_checksum=allow_bad_checksum)
        _ensure_unique(session, fields["uscc"], ent.id)
    if "name" in fields:
        fields["name"] = str(fields["name"]).strip()
    _check_fields(session, fields)
    if not apply_changes(ent, fields):
        return Changes.of("enterprises")
    session.flush()
    return Changes.of("enterprises", updated=1, ids=(ent.id,))


def delete_enterprise(session: Session, *, enterprise_id: int, version: int | None) -> Changes:
    """Delete an enterprise that nothing refers to; otherwise ``record.in_use`` names the first
    kind of record that refers to it and how many (the session stays usable)."""
    ent = _load(session, enterprise_id, version)
    refuse_if_referenced(session, "enterprises", enterprise_id, f"{ent.name}（{ent.uscc}）")
    session.delete(ent)
    session.flush()
    return Changes.of("enterprises", deleted=1, ids=(enterprise_id,))


def upsert_enterprise(
    session: Session,
    *,
    uscc: str,
    name: str,
    platform_id: int | None = None,
    industry_chain: str = "",
    is_manufacturing: bool = True,
    address: str = "",
    contact: str = "",
    phone: str = "",
    note: str = "",
    allow_bad_checksum: bool = False,
) -> Changes:
    """Create by USCC, or update the fields that differ. ``Changes.created/updated`` say which;
    both zero means the record was already identical."""
    code = validate_uscc(uscc, allow_bad_checksum=allow_bad_checksum)
    existing = session.scalar(select(Enterprise).where(Enterprise.uscc == code))
    if existing is None:
        return create_enterprise(
            session,
            uscc=code,
            name=name,
            platform_id=platform_id,
            industry_chain=industry_chain,
            is_manufacturing=is_manufacturing,
            address=address,
            contact=contact,
            phone=phone,
            note=note,
            allow_bad_checksum=allow_bad_checksum,
        )
    return update_enterprise(
        session,
        enterprise_id=existing.id,
        version=None,
        name=name,
        platform_id=platform_id,
        industry_chain=industry_chain,
        is_manufacturing=is_manufacturing,
        address=address,
        contact=contact,
        phone=phone,
        note=note,
    )
