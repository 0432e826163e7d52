"""Hypothesis: random sequences of grant / allocate / use / advance / return / cancel, with
areas typed in ㎡, 亩 or 公顷, never leave a negative remainder on any date; every sum in
the balance tree equals a plain recount of the rows to the last 0.0001 ㎡; a refused
operation changes nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import select

from models.changes import Changes
from models.errors import DomainError
from models.policy.entities import Platform
from models.quotas import services
from models.quotas.entities import QuotaAllocation, QuotaDemand, QuotaGrant, QuotaReturn, QuotaUse
from models.quotas.queries import balance_tree
from models.units import AreaUnit, to_m2
from tests.template_db import new_database

BASE = dt.date(2024, 1, 1)
days = st.integers(min_value=0, max_value=400)


def areas(top_mu: int) -> st.SearchStrategy[Decimal]:
    """Areas up to ``top_mu`` 亩, typed as ㎡, 亩 or 公顷 (converted as the forms do), and bad ones."""
    return st.one_of(
        st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(top_mu * 667), places=4),
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal(top_mu), places=2).map(
            lambda v: to_m2(v, AreaUnit.MU)
        ),
        st.integers(min_value=1, max_value=top_mu).map(lambda v: to_m2(v, AreaUnit.MU)),
        st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(top_mu) / 15, places=4).map(
            lambda v: to_m2(v, AreaUnit.HA)
        ),
        st.sampled_from((Decimal(0), Decimal("-5"))),
    )


SOURCES = ("区年度计划", "省级预留", "奖励")


class LedgerMachine(RuleBasedStateMachine):
    @initialize()
    def open(self) -> None:
        # RAM-backed when available: each example opens a fresh database (fsync-bound on disk).
        shm = Path("/dev/shm")
        self.folder = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else None))
        self.db = new_database(self.folder / "h.sqlite3", actor="hypothesis")
        self._tx = self.db.write()
        self.s = self._tx.__enter__()
        self.platforms = list(self.s.scalars(select(Platform.id)))
        self.grants: list[int] = []
        self.allocs: list[int] = []
        self.uses: list[int] = []
        self.refused = 0

    def teardown(self) -> None:
        if hasattr(self, "s"):
            self.s.rollback()
            self.s.close()
            self.db.dispose()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -------------------------------------------------------------- helpers
    def snapshot(self) -> list[tuple[object, ...]]:
        rows: list[tuple[object, ...]] = []
        for entity in (QuotaGrant, QuotaAllocation, QuotaUse, QuotaReturn, QuotaDemand):
            table = entity.__table__
            rows.extend(tuple(r) for r in self.s.execute(select(table).order_by(table.c.id)))
        return rows

    def attempt(self, op: Callable[[], Changes]) -> int | None:
        before = self.snapshot()
        try:
            changes = op()
        except DomainError:
            self.refused += 1
            assert self.snapshot() == before, "a refused operation changed the ledger"
            return None
        return changes.ids[0] if changes.ids else None

    # -------------------------------------------------------------- rules
    def when(self, parent: dt.date, day: int, after: bool) -> dt.date:
        """Mostly on or after the parent entry's date (so operations succeed), sometimes anywhere."""
        return parent + dt.timedelta(days=day // 3) if after else BASE + dt.timedelta(days=day)

    @precondition(lambda self: len(self.grants) < 3)
    @rule(area=areas(300), day=days, source=st.sampled_from(SOURCES), year=st.sampled_from((2024, 2025)))
    def grant(self, area: Decimal, day: int, source: str, year: int) -> None:
        gid = self.attempt(
            lambda: services.add_grant(
                self.s,
                year=year,
                source=source,
                document_no=f"文{len(self.grants)}-{day}",
                granted_on=BASE + dt.timedelta(days=day),
                area_m2=area,
            )
        )
        if gid is not None:
            self.grants.append(gid)

    @precondition(lambda self: self.grants and len(self.grants) < 5)
    @rule(data=st.data(), day=days)
    def carry_over(self, data: st.DataObject, day: int) -> None:
        gid = data.draw(st.sampled_from(self.grants))
        origin = self.s.get(QuotaGrant, gid)
        assert origin is not None
        new = self.attempt(
            lambda: services.carry_over_grant(
                self.s, grant_id=gid, to_year=origin.year + 1, on=origin.granted_on + dt.timedelta(days=day)
            )
        )
        if new is not None:
            self.grants.append(new)

    @precondition(lambda self: self.grants and len(self.allocs) < 6)
    @rule(data=st.data(), area=areas(120), day=days, exact=st.booleans(), after=st.booleans())
    def allocate(self, data: st.DataObject, area: Decimal, day: int, exact: bool, after: bool) -> None:
        gid = data.draw(st.sampled_from(self.grants))
        pid = data.draw(st.sampled_from(self.platforms))
        if exact:  # "the rest of the grant", as the form's button does
            from models.quotas.ledger import get_grant, grant_remaining_m2

            area = grant_remaining_m2(self.s, get_grant(self.s, gid))
        granted = self.s.get(QuotaGrant, gid)
        assert granted is not None
        aid = self.attempt(
            lambda: services.allocate_quota(
                self.s,
                grant_id=gid,
                platform_id=pid,
                area_m2=area,
                allocated_on=self.when(granted.granted_on, day, after),
            )
        )
        if aid is not None:
            self.allocs.append(aid)

    @precondition(lambda self: self.allocs)
    @rule(
        data=st.data(), area=areas(60), day=days, stock=st.booleans(), after=st.booleans(), rest=st.booleans()
    )
    def use(self, data: st.DataObject, area: Decimal, day: int, stock: bool, after: bool, rest: bool) -> None:
        aid = data.draw(st.sampled_from(self.allocs))
        alloc = self.s.get(QuotaAllocation, aid)
        assert alloc is not None
        on = self.when(alloc.allocated_on, day, after)
        if rest:  # "what is left on that date", as the form shows it
            from models.quotas.ledger import allocation_remaining_m2

            area = allocation_remaining_m2(self.s, alloc, on)
        if stock:
            op = lambda: services.record_use(  # noqa: E731
                self.s, area_m2=area, reserved_on=on, land_source="existing", platform_id=self.platforms[0]
            )
        else:
            op = lambda: services.record_use(  # noqa: E731
                self.s, allocation_id=aid, area_m2=area, reserved_on=on
            )
        uid = self.attempt(op)
        if uid is not None:
            self.uses.append(uid)

    @precondition(lambda self: self.uses)
    @rule(data=st.data(), day=days, after=st.booleans())
    def advance(self, data: st.DataObject, day: int, after: bool) -> None:
        uid = data.draw(st.sampled_from(self.uses))
        row = self.s.get(QuotaUse, uid)
        assert row is not None
        on = self.when(row.reserved_on, day, after)
        self.attempt(lambda: services.advance_use(self.s, use_id=uid, on=on))

    @precondition(lambda self: self.uses)
    @rule(data=st.data(), area=areas(30), day=days, after=st.booleans())
    def give_back(self, data: st.DataObject, area: Decimal, day: int, after: bool) -> None:
        uid = data.draw(st.sampled_from(self.uses))
        row = self.s.get(QuotaUse, uid)
        assert row is not None
        on = self.when(row.reserved_on, day, after)
        self.attempt(
            lambda: services.return_quota(self.s, use_id=uid, area_m2=area, returned_on=on, reason="收回")
        )

    @precondition(lambda self: self.uses)
    @rule(data=st.data(), day=days, after=st.booleans())
    def cancel(self, data: st.DataObject, day: int, after: bool) -> None:
        uid = data.draw(st.sampled_from(self.uses))
        row = self.s.get(QuotaUse, uid)
        assert row is not None
        on = self.when(row.reserved_on, day, after)
        self.attempt(lambda: services.cancel_use(self.s, use_id=uid, on=on, reason="项目取消"))

    # -------------------------------------------------------------- invariants
    def rows(
        self,
    ) -> tuple[list[QuotaGrant], list[QuotaAllocation], list[QuotaUse], list[QuotaReturn]]:
        grants = list(self.s.scalars(select(QuotaGrant)))
        allocs = list(self.s.scalars(select(QuotaAllocation)))
        uses = list(self.s.scalars(select(QuotaUse)))
        rets = list(self.s.scalars(select(QuotaReturn)))
        return grants, allocs, uses, rets

    @invariant()
    def nothing_negative_on_any_date(self) -> None:
        if not hasattr(self, "s"):
            return
        grants, allocs, uses, rets = self.rows()
        dates = sorted(
            {g.granted_on for g in grants}
            | {a.allocated_on for a in allocs}
            | {u.reserved_on for u in uses}
            | {r.returned_on for r in rets}
        )
        for d in dates:
            for g in grants:
                taken = sum(
                    (a.area_m2 for a in allocs if a.grant_id == g.id and a.allocated_on <= d), Decimal(0)
                )
                carried = sum(
                    (c.area_m2 for c in grants if c.carried_over_from_id == g.id and c.granted_on <= d),
                    Decimal(0),
                )
                assert g.area_m2 - taken - carried >= 0
            for a in allocs:
                used = sum(
                    (u.area_m2 for u in uses if u.allocation_id == a.id and u.reserved_on <= d), Decimal(0)
                )
                back = sum(
                    (r.area_m2 for r in rets if r.allocation_id == a.id and r.returned_on <= d), Decimal(0)
                )
                assert a.area_m2 - used + back >= 0
            for u in uses:
                back = sum((r.area_m2 for r in rets if r.use_id == u.id and r.returned_on <= d), Decimal(0))
                assert back <= (u.area_m2 if u.reserved_on <= d else 0)
        for u in uses:
            assert u.allocation_id is not None or u.land_source == "existing"
            if u.cancelled_on is not None and u.allocation_id is not None:
                assert sum((r.area_m2 for r in rets if r.use_id == u.id), Decimal(0)) == u.area_m2

    @invariant()
    def balance_tree_equals_a_recount(self) -> None:
        if not hasattr(self, "s"):
            return
        grants, allocs, uses, rets = self.rows()
        gmap = {g.id: g for g in grants}
        amap = {a.id: a for a in allocs}
        for d in (BASE + dt.timedelta(days=200), BASE + dt.timedelta(days=1000)):
            tree = balance_tree(self.s, as_of=d)
            got: dict[tuple[int, str], tuple[Decimal, ...]] = {}
            for y in tree.years:
                for sb in y.sources:
                    f = sb.figures
                    got[(y.year, sb.source)] = (f.granted, f.allocated, f.used, f.returned, f.remaining)
                    assert sum((pb.figures.used for pb in sb.platforms), Decimal(0)) == f.used
            want: dict[tuple[int, str], list[Decimal]] = {}

            def slot(g: QuotaGrant, want: dict[tuple[int, str], list[Decimal]] = want) -> list[Decimal]:
                return want.setdefault((g.year, g.source), [Decimal(0)] * 5)

            for g in grants:
                if g.granted_on <= d:
                    slot(g)[0] += g.area_m2
            for a in allocs:
                if a.allocated_on <= d:
                    slot(gmap[a.grant_id])[1] += a.area_m2
            for u in uses:
                if u.allocation_id is not None and u.reserved_on <= d:
                    slot(gmap[amap[u.allocation_id].grant_id])[2] += u.area_m2
            for r in rets:
                if r.returned_on <= d:
                    s = slot(gmap[amap[r.allocation_id].grant_id])
                    s[2] -= r.area_m2
                    s[3] += r.area_m2
            for s in want.values():
                s[4] = s[1] - s[2]
            assert got == {k: tuple(v) for k, v in want.items()}


LedgerMachine.TestCase.settings = settings(
    max_examples=50, stateful_step_count=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestLedger = LedgerMachine.TestCase
