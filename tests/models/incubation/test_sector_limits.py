"""The sectors' longer incubation limit (生物医药, 现代农业, 集成电路: 60 months instead of 48)
holds everywhere the clock is judged: the qualification, the check and the tenancy list."""

from __future__ import annotations

from models.database import Database
from models.incubation import queries, services
from models.incubation import rules as R
from models.incubation.checks import run_checks
from models.incubation.qualification import qualify
from tests.models.incubation.helpers import D, carrier, day, enterprise

TODAY = day(2026, 6, 15)


def test_a_biomedicine_tenant_has_sixty_months_others_forty_eight(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="1000")
        for n, sector in ((1, "生物医药"), (2, "")):  # both incubating 54 months
            services.create_tenancy(
                s,
                carrier_id=c,
                enterprise_id=enterprise(s, n),
                start_on=day(2021, 12, 1),
                area_m2=D("100"),
                sector=sector,
            )
    with db.read() as s:
        general = R.int_value(R.rule(s, R.MAX_MONTHS, on=TODAY))
        sectors, sector_ref = R.sector_limits(s, on=TODAY)
        assert general == 48 and sectors["生物医药"] == 60 and sector_ref is not None
        rows = {t.sector: t for t in queries.list_tenancies(s, on=TODAY, carrier_id=c)}
        [q] = qualify(s, [c], on=TODAY)
        found = [f for f in run_checks(s, today=TODAY) if f.problem.code.startswith("incubation.clock_")]
    assert rows["生物医药"].clock_months == rows[""].clock_months == 54
    assert (rows["生物医药"].max_months, rows["生物医药"].clock_state) == (60, "near")
    assert (rows[""].max_months, rows[""].clock_state) == (48, "over")
    clock = next(crit for crit in q.criteria if crit.key == "clock")
    assert clock.actual == 1 and not clock.met  # only the general-sector firm is over
    over = [f for f in found if f.problem.code == "incubation.clock_over_limit"]
    assert [f.problem.fields["max_months"] for f in over] == [48]
    assert over[0].problem.fields["rule_key"] == R.MAX_MONTHS
    near = [f for f in found if f.problem.code == "incubation.clock_near_limit"]
    assert [f.problem.fields["max_months"] for f in near] == [60]
