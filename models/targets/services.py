"""Commands on targets and official statistics. Keyword-only, never commit, return ``Changes``."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.db.records import apply_changes
from models.errors import DomainError
from models.policy.entities import Target
from models.targets.entities import Statistic

SCOPES = ("district", "platform", "chain")
MEASURES = ("level", "growth", "clusters")


def set_target(  # noqa: PLR0913  one keyword per field of a target
    session: Session,
    *,
    key: str,
    year: int,
    value: Decimal,
    unit: str,
    title: str = "",
    scope: str = "platform",
    platform_id: int | None = None,
    chain: str = "",
    indicator: str = "",
    measure: str = "level",
    threshold: Decimal | None = None,
    base_year: int | None = None,
    document_no: str = "",
    clause: str = "",
    is_example: bool = False,
    note: str = "",
) -> Changes:
    """Add the target, or update the one with the same key, scope and year."""
    if scope not in SCOPES:
        raise DomainError("targets.scope_unknown", scope=scope)
    if measure not in MEASURES:
        raise DomainError("targets.measure_unknown", measure=measure)
    if scope == "platform" and platform_id is None:
        raise DomainError("targets.platform_required", key=key)
    if measure == "clusters" and threshold is None:
        raise DomainError("targets.threshold_required", key=key)
    if base_year is not None and base_year >= year:
        raise DomainError("targets.base_year_after_target", base_year=base_year, year=year)
    existing = session.scalar(
        select(Target).where(
            Target.key == key,
            Target.year == year,
            Target.platform_id.is_(None) if platform_id is None else Target.platform_id == platform_id,
        )
    )
    fields = {
        "title": title,
        "scope": scope,
        "chain": chain,
        "indicator": indicator,
        "measure": measure,
        "value": value,
        "unit": unit,
        "threshold": threshold,
        "base_year": base_year,
        "document_no": document_no,
        "clause": clause,
        "is_example": is_example,
        "note": note,
    }
    if existing is None:
        target = Target(key=key, year=year, platform_id=platform_id, **fields)
        session.add(target)
        session.flush()
        return Changes.of("targets", created=1, ids=(target.id,))
    diff = apply_changes(existing, fields)
    session.flush()
    return Changes.of("targets", updated=1 if diff else 0, ids=(existing.id,))


def record_statistic(
    session: Session,
    *,
    year: int,
    indicator: str,
    value: Decimal,
    unit: str,
    platform_id: int | None = None,
    chain: str = "",
    source_department: str = "",
    note: str = "",
) -> Changes:
    """Add the figure, or replace the one for the same year, scope and indicator."""
    if not 1990 <= year <= 2100:
        raise DomainError("targets.year_out_of_range", year=year)
    existing = find_statistic(session, year=year, indicator=indicator, platform_id=platform_id, chain=chain)
    if existing is None:
        stat = Statistic(
            year=year,
            indicator=indicator,
            value=value,
            unit=unit,
            platform_id=platform_id,
            chain=chain,
            source_department=source_department,
            note=note,
        )
        session.add(stat)
        session.flush()
        return Changes.of("targets", created=1, ids=(stat.id,))
    fields = {"value": value, "unit": unit, "source_department": source_department, "note": note}
    diff = apply_changes(existing, fields)
    session.flush()
    return Changes.of("targets", updated=1 if diff else 0, ids=(existing.id,))


def find_statistic(
    session: Session, *, year: int, indicator: str, platform_id: int | None, chain: str
) -> Statistic | None:
    return session.scalar(
        select(Statistic).where(
            Statistic.year == year,
            Statistic.indicator == indicator,
            Statistic.chain == chain,
            Statistic.platform_id.is_(None) if platform_id is None else Statistic.platform_id == platform_id,
        )
    )
