"""The transfer-ratio cap in force for a building, and the share already transferred.

The cap comes from ``building.max_transfer_ratio`` or, where a rule states the
minimum self-held share instead, ``building.min_held_ratio`` (cap = 1 − held). When
both exist the more specific scope wins (building → platform → district), then the
later start date. ``check_all_buildings`` evaluates every building at once: unit areas
are read with one grouped SQL sum and rules are resolved once per platform, plus once
per building that has its own rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from models.buildings.entities import Building, Unit, UnitStatus
from models.buildings.seed import MAX_TRANSFER_RATIO, MIN_HELD_RATIO, WARNING_MARGIN
from models.policy.entities import PolicyRule
from models.policy.rules import RuleRef, rule_ref

ZERO = Decimal(0)
ONE = Decimal(1)
RATIO_PLACES = Decimal("0.0001")

Severity = Literal["ok", "warning", "error"]


def as_decimal(value: Any) -> Decimal:
    """A rule value (string, int, or {"value": …}) as an exact Decimal."""
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, float):
        value = repr(value)
    return Decimal(str(value))


def pct(ratio: Decimal) -> Decimal:
    """A ratio as a percentage with one decimal place, trailing ``.0`` dropped (0.5 → 50, 0.523 → 52.3)."""
    p = (ratio * 100).quantize(Decimal("0.1"))
    return p.quantize(ONE) if p == p.to_integral_value() else p


@dataclass(frozen=True)
class Cap:
    """The maximum transferred share in force and the rule it came from."""

    value: Decimal
    basis: Literal["max", "min_held"]
    rule: RuleRef

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"cap": self.value, "cap_pct": pct(self.value), "basis": self.basis}
        if self.basis == "min_held":
            out["held_min_pct"] = pct(ONE - self.value)
        out.update(self.rule.citation())
        return out


Lookup = Callable[[str], RuleRef | None]


def rule_book(session: Session, *, on: dt.date, platform_id: int | None, building_id: int | None) -> Lookup:
    """Every ``building.*`` rule in force on ``on`` for the building, read with one query and
    resolved as ``models.policy.rules.rule_in_force`` does (building → platform → district;
    latest start, then highest id). A transfer check needs nine rules: one query, not nine."""
    scope = [and_(PolicyRule.building_id.is_(None), PolicyRule.platform_id.is_(None))]
    if platform_id is not None:
        scope.append(and_(PolicyRule.building_id.is_(None), PolicyRule.platform_id == platform_id))
    if building_id is not None:
        scope.append(PolicyRule.building_id == building_id)
    stmt = (
        select(PolicyRule)
        .where(
            PolicyRule.key.like("building.%"),
            PolicyRule.effective_from <= on,
            or_(PolicyRule.effective_to.is_(None), PolicyRule.effective_to >= on),
            or_(*scope),
        )
        .order_by(PolicyRule.effective_from.desc(), PolicyRule.id.desc())
    )
    rows = list(session.scalars(stmt))

    def lookup(key: str) -> RuleRef | None:
        found = [r for r in rows if r.key == key]
        for rank in (0, 1, 2):
            for r in found:
                if _rank(r.building_id, r.platform_id) == rank:
                    return rule_ref(r)
        return None

    return lookup


def _rank(building_id: int | None, platform_id: int | None) -> int:
    return 0 if building_id is not None else 1 if platform_id is not None else 2


def cap_from(lookup: Lookup) -> Cap | None:
    """The cap from ``building.max_transfer_ratio`` or ``building.min_held_ratio``, whichever
    is more specific (then later)."""
    found: list[Cap] = []
    for key, basis in ((MAX_TRANSFER_RATIO, "max"), (MIN_HELD_RATIO, "min_held")):
        ref = lookup(key)
        if ref is None:
            continue
        value = as_decimal(ref.value)
        found.append(Cap(value if basis == "max" else ONE - value, basis, ref))  # type: ignore[arg-type]
    if not found:
        return None
    found.sort(
        key=lambda c: (
            _rank(c.rule.building_id, c.rule.platform_id),
            -c.rule.effective_from.toordinal(),
            -c.rule.id,
        )
    )
    return found[0]


def margin_from(lookup: Lookup) -> tuple[Decimal, RuleRef] | None:
    ref = lookup(WARNING_MARGIN)
    return None if ref is None else (as_decimal(ref.value), ref)


def transferred_area(session: Session, building_id: int) -> Decimal:
    total = session.scalar(
        select(func.sum(Unit.floor_area_m2)).where(
            Unit.building_id == building_id, Unit.status == UnitStatus.TRANSFERRED.value
        )
    )
    return total if isinstance(total, Decimal) else ZERO


def classify(ratio: Decimal, cap: Decimal | None, margin: Decimal | None) -> Severity | Literal["unknown"]:
    if cap is None:
        return "unknown"
    if ratio > cap:
        return "error"
    if margin is not None and ratio > cap - margin:
        return "warning"
    return "ok"


@dataclass(frozen=True, slots=True)
class BuildingStatus:
    """One building's areas by unit status and its position against the cap in force."""

    building_id: int
    code: str
    name: str
    platform_id: int | None
    total_m2: Decimal
    unit_count: int
    units_m2: Decimal
    held_m2: Decimal
    transferred_m2: Decimal
    leased_m2: Decimal
    ratio: Decimal  # transferred / total floor area, 4 places
    cap: Cap | None
    margin: Decimal | None
    severity: str  # ok | warning | error | unknown

    @property
    def headroom_m2(self) -> Decimal | None:
        """Floor area that may still be sold under the cap (negative when over)."""
        if self.cap is None:
            return None
        return self.cap.value * self.total_m2 - self.transferred_m2


def _sums(session: Session) -> dict[int, dict[str, tuple[Decimal, int]]]:
    out: dict[int, dict[str, tuple[Decimal, int]]] = {}
    stmt = select(Unit.building_id, Unit.status, func.sum(Unit.floor_area_m2), func.count()).group_by(
        Unit.building_id, Unit.status
    )
    for bid, status, area, count in session.execute(stmt):
        out.setdefault(int(bid), {})[str(status)] = (area if isinstance(area, Decimal) else ZERO, int(count))
    return out


def check_all_buildings(session: Session, on: dt.date) -> list[BuildingStatus]:
    """Every building against its cap on ``on``: one grouped read of the units."""
    sums = _sums(session)
    own_rules = set(
        session.scalars(
            select(PolicyRule.building_id)
            .where(
                PolicyRule.building_id.is_not(None),
                PolicyRule.key.in_((MAX_TRANSFER_RATIO, MIN_HELD_RATIO, WARNING_MARGIN)),
            )
            .distinct()
        )
    )
    per_platform: dict[int | None, tuple[Cap | None, Decimal | None]] = {}

    def rules_for(platform_id: int | None, building_id: int) -> tuple[Cap | None, Decimal | None]:
        if building_id in own_rules:
            book = rule_book(session, on=on, platform_id=platform_id, building_id=building_id)
            m = margin_from(book)
            return cap_from(book), None if m is None else m[0]
        if platform_id not in per_platform:
            book = rule_book(session, on=on, platform_id=platform_id, building_id=None)
            m = margin_from(book)
            per_platform[platform_id] = (cap_from(book), None if m is None else m[0])
        return per_platform[platform_id]

    out: list[BuildingStatus] = []
    stmt = select(
        Building.id, Building.code, Building.name, Building.platform_id, Building.total_floor_area_m2
    ).order_by(Building.code)
    for bid, code, name, pid, total in session.execute(stmt):
        by_status = sums.get(bid, {})

        def area(status: UnitStatus, _s: dict[str, tuple[Decimal, int]] = by_status) -> Decimal:
            return _s.get(status.value, (ZERO, 0))[0]

        transferred = area(UnitStatus.TRANSFERRED)
        units_m2 = sum((a for a, _ in by_status.values()), ZERO)
        ratio = (transferred / total) if total else ZERO
        cap, margin = rules_for(pid, bid)
        severity = classify(ratio, None if cap is None else cap.value, margin)
        out.append(
            BuildingStatus(
                bid,
                code,
                name,
                pid,
                total,
                sum(c for _, c in by_status.values()),
                units_m2,
                area(UnitStatus.HELD),
                transferred,
                area(UnitStatus.LEASED),
                ratio.quantize(RATIO_PLACES),
                cap,
                margin,
                severity,
            )
        )
    return out
