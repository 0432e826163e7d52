"""Every rule a transfer of building units must meet, evaluated and explained.

``check_transfer`` returns one ``CheckResult`` per rule (and per part of a rule), passed
or not, each with its numbers and the citation of the rule applied (document, clause,
start date). Severities: ``error`` blocks the transfer (unless an administrator
overrides), ``warning`` is shown but does not block, ``ok`` says the rule was met.
Read-only: never writes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.buildings.entities import Building, BuyBackOffer, Unit, UnitStatus, UnitUse
from models.buildings.ratio import (
    ZERO,
    Lookup,
    as_decimal,
    cap_from,
    margin_from,
    pct,
    rule_book,
    transferred_area,
)
from models.buildings.seed import (
    BUYBACK_RIGHT,
    BUYER_ELIGIBILITY,
    MAX_TRANSFER_RATIO,
    MIN_UNIT_AREA,
    NEVER_SOLD_ALONE,
    PRECONDITIONS,
    REFUSED_BUYER_CLASSES,
    RESALE_LOCKUP_YEARS,
)
from models.db.records import get_record
from models.efficiency.entities import EfficiencyResult
from models.enterprises.entities import Enterprise
from models.errors import Problem
from models.land.idle import is_idle
from models.policy.rules import RuleRef

SEVERITIES = ("ok", "warning", "error")


@dataclass(frozen=True)
class CheckResult:
    """One rule's verdict: ``code`` names the outcome (a message in desktop.messages),
    ``fields`` carry the numbers and the rule citation."""

    rule_key: str
    code: str
    severity: str  # ok | warning | error
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def problem(self) -> Problem:
        return Problem(self.code, dict(self.fields), "info" if self.severity == "ok" else self.severity)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_key": self.rule_key,
            "code": self.code,
            "severity": self.severity,
            "fields": {k: _jsonable(v) for k, v in self.fields.items()},
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> CheckResult:
        fields = {k: _restore(k, v) for k, v in dict(data.get("fields", {})).items()}
        return CheckResult(str(data["rule_key"]), str(data["code"]), str(data["severity"]), fields)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL_KEYS = frozenset({"cap", "ratio_before", "ratio_after", "price"})


def _restore(key: str, value: Any) -> Any:
    """Dates and decimals back from their JSON strings, so stored checks read like live ones."""
    if not isinstance(value, str):
        return value
    if _ISO_DATE.fullmatch(value):
        return dt.date.fromisoformat(value)
    if key in _DECIMAL_KEYS or key.endswith(("_m2", "_pct")):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


def dumps(results: Iterable[CheckResult]) -> str:
    return json.dumps([r.to_json() for r in results], ensure_ascii=False)


def loads(text: str) -> list[CheckResult]:
    return [CheckResult.from_json(d) for d in json.loads(text or "[]")]


def errors(results: Iterable[CheckResult]) -> list[CheckResult]:
    return [r for r in results if r.is_error]


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _labels(units: Iterable[Unit]) -> str:
    return "、".join(u.number for u in units)


@dataclass
class _Case:
    session: Session
    building: Building
    units: list[Unit]
    buyer: Enterprise
    on: dt.date
    is_resale: bool
    book: Lookup
    out: list[CheckResult] = field(default_factory=list)

    def rule(self, key: str) -> RuleRef | None:
        ref = self.book(key)
        if ref is None:
            self.add(key, "building.rule_missing", "warning", rule_key_missing=key)
        return ref

    def add(self, key: str, code: str, severity: str, ref: RuleRef | None = None, **fields: Any) -> None:
        if ref is not None:
            fields.update(ref.citation())
        self.out.append(CheckResult(key, code, severity, fields))


def check_transfer(
    session: Session,
    *,
    building_id: int,
    unit_ids: Sequence[int],
    buyer_id: int,
    transfer_date: dt.date,
    is_resale: bool = False,
) -> list[CheckResult]:
    """Every rule for selling ``unit_ids`` of the building to the buyer on ``transfer_date``."""
    building = get_record(session, Building, building_id)
    buyer = get_record(session, Enterprise, buyer_id)
    wanted = list(dict.fromkeys(unit_ids))
    units = list(session.scalars(select(Unit).where(Unit.id.in_(wanted)).order_by(Unit.floor, Unit.number)))
    book = rule_book(session, on=transfer_date, platform_id=building.platform_id, building_id=building.id)
    case = _Case(
        session,
        building,
        [u for u in units if u.building_id == building_id],
        buyer,
        transfer_date,
        is_resale,
        book,
    )
    _check_units(case, wanted)
    if not case.units:
        return case.out
    _check_ratio(case)
    _check_min_unit(case)
    _check_buyer(case)
    _check_lockup(case)
    _check_composition(case)
    _check_preconditions(case)
    _check_buyback(case)
    return case.out


def _check_units(case: _Case, wanted: list[int]) -> None:
    if not wanted:
        case.add("", "building.no_units", "error")
        return
    found = {u.id for u in case.units}
    if missing := [i for i in wanted if i not in found]:
        case.add(
            "",
            "building.unit_not_in_building",
            "error",
            unit_ids="、".join(map(str, missing)),
            building=case.building.code,
        )
    if case.is_resale:
        not_sold = [u for u in case.units if u.status != UnitStatus.TRANSFERRED.value]
        owners = {u.owner_id for u in case.units}
        if not_sold:
            case.add("", "building.resale_unit_not_transferred", "error", units=_labels(not_sold))
        elif len(owners) > 1:
            case.add("", "building.resale_mixed_owners", "error", units=_labels(case.units))
        elif case.buyer.id in owners:
            case.add("", "building.buyer_is_owner", "error", buyer=case.buyer.name)
        else:
            case.add("", "building.units_available", "ok", units=_labels(case.units), count=len(case.units))
        return
    sold = [u for u in case.units if u.status == UnitStatus.TRANSFERRED.value]
    if sold:
        case.add("", "building.unit_already_transferred", "error", units=_labels(sold))
    elif case.buyer.id == case.building.owner_id:
        case.add("", "building.buyer_is_owner", "error", buyer=case.buyer.name)
    else:
        case.add("", "building.units_available", "ok", units=_labels(case.units), count=len(case.units))


def _check_ratio(case: _Case) -> None:
    b = case.building
    cap = cap_from(case.book)
    if cap is None:
        case.add(MAX_TRANSFER_RATIO, "building.rule_missing", "warning", rule_key_missing=MAX_TRANSFER_RATIO)
        return
    total = b.total_floor_area_m2
    if total <= 0:
        case.add(cap.rule.key, "building.no_floor_area", "error", building=b.code)
        return
    before = transferred_area(case.session, b.id)
    new = sum((u.floor_area_m2 for u in case.units if u.status != UnitStatus.TRANSFERRED.value), ZERO)
    after = before + new
    ratio_before, ratio_after = before / total, after / total
    fields: dict[str, Any] = dict(
        ratio_before=ratio_before.quantize(Decimal("0.0001")),
        ratio_after=ratio_after.quantize(Decimal("0.0001")),
        ratio_before_pct=pct(ratio_before),
        ratio_after_pct=pct(ratio_after),
        transferred_m2=after,
        new_m2=new,
        total_m2=total,
        **cap.fields(),
    )
    margin = margin_from(case.book)
    if ratio_after > cap.value and new > 0:
        case.out.append(CheckResult(cap.rule.key, "building.ratio_exceeded", "error", fields))
    elif margin is not None and new > 0 and ratio_after > cap.value - margin[0]:
        fields.update(margin_pct=pct(margin[0]), margin_document_no=margin[1].document_no)
        case.out.append(CheckResult(cap.rule.key, "building.ratio_near_cap", "warning", fields))
    else:
        case.out.append(CheckResult(cap.rule.key, "building.ratio_within_cap", "ok", fields))


def _check_min_unit(case: _Case) -> None:
    ref = case.rule(MIN_UNIT_AREA)
    if ref is None:
        return
    value = ref.value if isinstance(ref.value, dict) else {"mode": "area", "area_m2": ref.value}
    mode = str(value.get("mode", "area"))
    if mode == "area":
        minimum = as_decimal(value.get("area_m2", "0"))
        small = [u for u in case.units if u.floor_area_m2 < minimum]
        smallest = min(u.floor_area_m2 for u in case.units)
        if small:
            case.add(
                ref.key,
                "building.unit_below_minimum",
                "error",
                ref,
                units=_labels(small),
                smallest_m2=smallest,
                min_m2=minimum,
            )
        else:
            case.add(ref.key, "building.unit_area_ok", "ok", ref, smallest_m2=smallest, min_m2=minimum)
        return
    siblings = list(case.session.scalars(select(Unit).where(Unit.building_id == case.building.id)))
    chosen = {u.id for u in case.units}
    if mode == "building":
        left = [u for u in siblings if u.id not in chosen]
        if left:
            case.add(ref.key, "building.not_whole_building", "error", ref, missing=_labels(left))
        else:
            case.add(ref.key, "building.whole_building_ok", "ok", ref)
        return
    floors = sorted({u.floor for u in case.units})
    partial = sorted({u.floor for u in siblings if u.floor in floors and u.id not in chosen})
    if partial:
        case.add(ref.key, "building.not_whole_floor", "error", ref, floors="、".join(map(str, partial)))
    else:
        case.add(ref.key, "building.whole_floor_ok", "ok", ref, floors="、".join(map(str, floors)))


def _check_buyer(case: _Case) -> None:
    ref = case.rule(BUYER_ELIGIBILITY)
    if ref is not None:
        value: dict[str, Any] = ref.value if isinstance(ref.value, dict) else {}
        if "any_of" in value:
            _check_buyer_any_of(case, ref, [str(v) for v in value.get("any_of", [])])
        else:
            _check_buyer_all(case, ref, value)
        _check_refused_classes(case, ref, value)
    refused_ref = case.book(REFUSED_BUYER_CLASSES)  # optional: an example a district may adopt
    if refused_ref is not None and isinstance(refused_ref.value, dict):
        _check_refused_classes(case, refused_ref, refused_ref.value)


def _check_buyer_any_of(case: _Case, ref: RuleRef, tests: list[str]) -> None:
    """The 惠州 example: a manufacturing enterprise, or a partner in the seller's industry chain."""
    buyer = case.buyer
    seller = case.session.get(Enterprise, case.building.owner_id) if case.building.owner_id else None
    seller_chain = seller.industry_chain if seller is not None else ""
    if "manufacturing" in tests and buyer.is_manufacturing:
        case.add(ref.key, "building.buyer_manufacturing", "ok", ref, buyer=buyer.name)
    elif "seller_chain_partner" in tests and seller_chain and buyer.industry_chain == seller_chain:
        case.add(ref.key, "building.buyer_chain_partner", "ok", ref, buyer=buyer.name, chain=seller_chain)
    else:
        case.add(
            ref.key,
            "building.buyer_not_eligible",
            "error",
            ref,
            buyer=buyer.name,
            chain=buyer.industry_chain or "—",
            seller_chain=seller_chain or "—",
        )


def _check_buyer_all(case: _Case, ref: RuleRef, value: dict[str, Any]) -> None:
    buyer = case.buyer
    if value.get("manufacturing", False):
        if buyer.is_manufacturing:
            case.add(ref.key, "building.buyer_manufacturing", "ok", ref, buyer=buyer.name)
        else:
            case.add(ref.key, "building.buyer_not_manufacturing", "error", ref, buyer=buyer.name)
    chains = [str(c) for c in value.get("industry_chains", [])]
    if chains:
        listed = "、".join(chains)
        if buyer.industry_chain in chains:
            case.add(
                ref.key,
                "building.buyer_in_chain",
                "ok",
                ref,
                buyer=buyer.name,
                chain=buyer.industry_chain,
                chains=listed,
            )
        else:
            case.add(
                ref.key,
                "building.buyer_not_in_chain",
                "error",
                ref,
                buyer=buyer.name,
                chain=buyer.industry_chain or "—",
                chains=listed,
            )


def _check_refused_classes(case: _Case, ref: RuleRef, value: dict[str, Any]) -> None:
    buyer = case.buyer
    refused = [str(c) for c in value.get("refused_classes", [])]
    if refused:
        latest = case.session.execute(
            select(EfficiencyResult.klass, EfficiencyResult.year)
            .where(
                EfficiencyResult.enterprise_id == buyer.id,
                EfficiencyResult.klass != "",
                EfficiencyResult.year <= case.on.year,
            )
            .order_by(EfficiencyResult.year.desc())
            .limit(1)
        ).first()
        if latest is None:
            case.add(ref.key, "building.buyer_not_rated", "ok", ref, buyer=buyer.name)
        elif latest[0] in refused:
            case.add(
                ref.key,
                "building.buyer_rated_refused",
                "error",
                ref,
                buyer=buyer.name,
                klass=latest[0],
                year=latest[1],
                refused="、".join(refused),
            )
        else:
            case.add(
                ref.key,
                "building.buyer_rating_ok",
                "ok",
                ref,
                buyer=buyer.name,
                klass=latest[0],
                year=latest[1],
            )


def _check_lockup(case: _Case) -> None:
    ref = case.rule(RESALE_LOCKUP_YEARS)
    if ref is None:
        return
    years = int(as_decimal(ref.value))
    if not case.is_resale:
        case.add(ref.key, "building.lockup_not_applicable", "ok", ref, years=years)
        return
    unknown = [u for u in case.units if u.acquired_on is None]
    locked = [
        u for u in case.units if u.acquired_on is not None and add_years(u.acquired_on, years) > case.on
    ]
    if locked:
        acquired = max(u.acquired_on for u in locked if u.acquired_on is not None)
        case.add(
            ref.key,
            "building.resale_in_lockup",
            "error",
            ref,
            units=_labels(locked),
            years=years,
            acquired_on=acquired,
            until=add_years(acquired, years),
        )
    elif unknown:
        case.add(ref.key, "building.acquired_unknown", "warning", ref, units=_labels(unknown), years=years)
    else:
        acquired = max(u.acquired_on for u in case.units if u.acquired_on is not None)
        case.add(
            ref.key,
            "building.lockup_passed",
            "ok",
            ref,
            years=years,
            acquired_on=acquired,
            until=add_years(acquired, years),
        )


def _check_composition(case: _Case) -> None:
    ref = case.rule(NEVER_SOLD_ALONE)
    if ref is None:
        return
    value: dict[str, Any] = ref.value if isinstance(ref.value, dict) else {}
    never = {str(v) for v in value.get("never", [])}
    ancillary = {str(v) for v in value.get("only_with_production", [])}
    shared = [u for u in case.units if u.use in never]
    if shared:
        case.add(
            ref.key,
            "building.shared_area_sold",
            "error",
            ref,
            units=_labels(shared),
            uses="、".join(sorted({u.use for u in shared})),
        )
    extra = [u for u in case.units if u.use in ancillary]
    has_production = (
        any(u.use == UnitUse.PRODUCTION.value for u in case.units)
        or case.session.scalar(
            select(Unit.id)
            .where(
                Unit.building_id == case.building.id,
                Unit.owner_id == case.buyer.id,
                Unit.status == UnitStatus.TRANSFERRED.value,
                Unit.use == UnitUse.PRODUCTION.value,
            )
            .limit(1)
        )
        is not None
    )
    if extra and not has_production:
        case.add(
            ref.key,
            "building.ancillary_without_production",
            "error",
            ref,
            units=_labels(extra),
            uses="、".join(sorted({u.use for u in extra})),
        )
    elif not shared:
        case.add(ref.key, "building.composition_ok", "ok", ref)


def _check_preconditions(case: _Case) -> None:  # noqa: C901, PLR0912  one branch per precondition of the transfer rules
    ref = case.rule(PRECONDITIONS)
    if ref is None:
        return
    value: dict[str, Any] = ref.value if isinstance(ref.value, dict) else {}
    b, on = case.building, case.on
    if value.get("accepted", False):
        if b.accepted_on is not None and b.accepted_on <= on:
            case.add(ref.key, "building.accepted_ok", "ok", ref, accepted_on=b.accepted_on)
        else:
            case.add(ref.key, "building.not_accepted", "error", ref, building=b.code)
    if value.get("registered", False):
        if b.registered_on is not None and b.registered_on <= on:
            case.add(ref.key, "building.registered_ok", "ok", ref, registered_on=b.registered_on)
        else:
            case.add(ref.key, "building.not_registered", "error", ref, building=b.code)
    if value.get("land_price_paid", False):
        if b.land_price_paid:
            case.add(ref.key, "building.land_price_paid", "ok", ref)
        else:
            case.add(ref.key, "building.land_price_unpaid", "error", ref, building=b.code)
    if value.get("no_lien_without_consent", False):
        if not b.has_lien:
            case.add(ref.key, "building.no_lien", "ok", ref)
        elif b.lien_consent:
            case.add(ref.key, "building.lien_consented", "ok", ref)
        else:
            case.add(ref.key, "building.lien_without_consent", "error", ref, building=b.code)
    if value.get("no_idle_land", False):
        derived = is_idle(case.session, b.plot_id, on=on)  # from the plot's contract dates
        if b.idle_land_finding:
            case.add(ref.key, "building.idle_land_found", "error", ref, building=b.code)
        elif derived is not None:
            case.add(
                ref.key,
                "building.idle_land_derived",
                "error",
                ref,
                building=b.code,
                plot=derived.plot_code,
                since=derived.since,
            )
        else:
            case.add(ref.key, "building.no_idle_land", "ok", ref)


def _check_buyback(case: _Case) -> None:
    ref = case.rule(BUYBACK_RIGHT)
    if ref is None:
        return
    value: dict[str, Any] = ref.value if isinstance(ref.value, dict) else {"enabled": bool(ref.value)}
    if not value.get("enabled", False):
        case.add(ref.key, "building.buyback_not_reserved", "ok", ref)
        return
    ids = [u.id for u in case.units]
    offers = list(
        case.session.scalars(
            select(BuyBackOffer).where(
                BuyBackOffer.building_id == case.building.id,
                (BuyBackOffer.unit_id.in_(ids)) | (BuyBackOffer.unit_id.is_(None)),
            )
        )
    )
    open_offers = [o for o in offers if o.status == "offered"]
    accepted = [o for o in offers if o.status == "accepted"]
    if accepted:
        case.add(ref.key, "building.buyback_accepted", "error", ref, offered_on=accepted[0].offered_on)
    elif open_offers:
        case.add(ref.key, "building.buyback_pending", "error", ref, offered_on=open_offers[0].offered_on)
    else:
        declined = sum(1 for o in offers if o.status == "declined")
        case.add(ref.key, "building.buyback_clear", "ok", ref, declined=declined)
