"""The incubation rules in force, read as exact values with their citation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from models.errors import DomainError
from models.policy.rules import RuleRef, rule_in_force

MIN_AREA = "incubation.national.min_area_m2"
MIN_USE_RATIO = "incubation.national.min_tenant_use_ratio"
MIN_TENANTS = "incubation.national.min_tenants"
MIN_DENSITY = "incubation.national.min_tenants_per_1000m2"
MIN_GRADUATES = "incubation.national.min_graduates"
MAX_MONTHS = "incubation.max_months"
SECTOR_MAX_MONTHS = "incubation.sector_max_months"  # {"生物医药": 60, …}
MAX_AGE_ON_ENTRY = "incubation.max_age_on_entry_months"
PRO_INDUSTRY_SHARE = "incubation.professional.min_industry_share"
PRO_MIN_TENANTS = "incubation.professional.min_tenants"
PRO_MIN_DENSITY = "incubation.professional.min_tenants_per_1000m2"
PRO_MIN_GRADUATES = "incubation.professional.min_graduates"
# 卓越级 of 工信部科〔2025〕131号 (thresholds [U]: seeded as marked examples)
EXC_MIN_AREA = "incubation.excellent.min_area_m2"
EXC_MIN_TENANTS = "incubation.excellent.min_tenants"
EXC_MIN_DENSITY = "incubation.excellent.min_tenants_per_1000m2"
EXC_MIN_GRADUATES = "incubation.excellent.min_graduates"
WARNING_MONTHS = "incubation.clock_warning_months"
SOON_DAYS = "incubation.available_soon_days"
TOLERANCE = "incubation.report_tolerance_ratio"


def rule(session: Session, key: str, *, on: dt.date, platform_id: int | None = None) -> RuleRef:
    """The rule in force, or ``DomainError("incubation.rule_missing")``."""
    ref = rule_in_force(session, key, on=on, platform_id=platform_id)
    if ref is None:
        raise DomainError("incubation.rule_missing", rule_key=key, on=on)
    return ref


def optional_rule(
    session: Session, key: str, *, on: dt.date, platform_id: int | None = None
) -> RuleRef | None:
    return rule_in_force(session, key, on=on, platform_id=platform_id)


def decimal_value(ref: RuleRef) -> Decimal:
    return Decimal(str(ref.value))


def int_value(ref: RuleRef) -> int:
    return int(Decimal(str(ref.value)))


def months_elapsed(start: dt.date, until: dt.date) -> int:
    """Whole months from ``start`` to ``until`` (the incubation clock): 2021-03-15 → 2025-03-14 is 47."""
    if until < start:
        return 0
    months = (until.year - start.year) * 12 + until.month - start.month
    if until.day < start.day:
        months -= 1
    return months


def sector_limits(session: Session, *, on: dt.date) -> tuple[dict[str, int], RuleRef | None]:
    """The longer incubation limits by sector in force (生物医药, 现代农业, 集成电路: 60 months),
    and their rule; empty without one."""
    ref = optional_rule(session, SECTOR_MAX_MONTHS, on=on)
    if ref is None or not isinstance(ref.value, dict):
        return {}, None
    return {str(k): int(v) for k, v in ref.value.items()}, ref


def limit_for(sector: str | None, max_months: int, sectors: dict[str, int]) -> int:
    """A tenant's incubation limit: its sector's where the rule sets one, else the general one."""
    return sectors.get(sector or "", max_months)
