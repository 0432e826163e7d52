"""The ledger's commands: what they record, what they refuse (with the numbers), and that a
refusal changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.i18n import set_language
from desktop.messages import render
from models.database import Database
from models.errors import ConflictError, DomainError
from models.quotas import services
from models.quotas.entities import QuotaAllocation, QuotaReturn, QuotaUse
from models.quotas.ledger import allocation_remaining_m2, get_allocation, get_grant, grant_remaining_m2
from tests.models.quotas.helpers import D, allocate, grant, mu, platform_id, use


def test_allocation_beyond_grant_is_refused_with_numbers_and_document(db: Database) -> None:
    with db.write() as s:
        g = grant(s, area=mu("205.5"))
        allocate(s, g, "QSH", mu(120))
        with pytest.raises(DomainError) as err:
            allocate(s, g, "GXY", mu(120))
        assert s.scalar(select(func.count()).select_from(QuotaAllocation)) == 1
    e = err.value
    assert e.code == "quota.allocation_exceeds_grant"
    assert e.fields["requested_m2"] == Decimal("80000.0000")
    assert e.fields["remaining_m2"] == mu("85.5")
    assert e.fields["document_no"] == "浙自然资函〔2024〕118号"
    set_language("zh")
    assert render(e.problems[0]) == "分配 120.00 亩 超出 该批次剩余 85.50 亩（浙自然资函〔2024〕118号）"


def test_exact_mu_sums_never_drift(db: Database) -> None:
    # 3 × 100 亩 = 300 亩 = 200000 ㎡ exactly; three thirds of a 亩 grant leave exactly zero.
    with db.write() as s:
        g = grant(s, area=mu(300))
        for code in ("QSH", "GXY", "LL"):
            allocate(s, g, code, mu(100))
        assert grant_remaining_m2(s, get_grant(s, g)) == 0
        with pytest.raises(DomainError):
            allocate(s, g, "YQ", Decimal("0.0001"))


def test_use_cannot_exceed_allocation_even_when_backdated(db: Database) -> None:
    with db.write() as s:
        g = grant(s)
        a = allocate(s, g, "QSH", mu(100))
        u = use(s, a, mu(60), D(2024, 5, 1))
        services.return_quota(s, use_id=u, area_m2=mu(60), returned_on=D(2024, 8, 1), reason="项目取消")
        use(s, a, mu(90), D(2024, 9, 1))  # counts on the August return: fine
        # Dated in June, 50 亩 would leave -10 亩 from 1 Sept on (40 free in June, only 10 after Sept).
        with pytest.raises(DomainError) as err:
            use(s, a, mu(50), D(2024, 6, 1))
        assert err.value.code == "quota.use_exceeds_allocation"
        assert err.value.fields["remaining_m2"] == mu(10)
        use(s, a, mu(10), D(2024, 6, 1))
        alloc = get_allocation(s, a)
        assert allocation_remaining_m2(s, alloc) == 0
        assert allocation_remaining_m2(s, alloc, D(2024, 7, 1)) == mu(30)


def test_stages_advance_forward_only(db: Database) -> None:
    with db.write() as s:
        a = allocate(s, grant(s), "QSH", mu(100))
        u = use(s, a, mu(20), D(2024, 5, 1))
        services.advance_use(s, use_id=u, on=D(2024, 6, 1))
        with pytest.raises(DomainError) as err:
            services.advance_use(s, use_id=u, on=D(2024, 5, 15))
        assert err.value.code == "quota.stage_date_backwards"
        services.advance_use(s, use_id=u, on=D(2024, 7, 1), approval_no="浙土字〔2024〕55号")
        services.advance_use(s, use_id=u, on=D(2024, 9, 1))
        row = s.get(QuotaUse, u)
        assert row is not None
        assert (row.stage, row.deducted_on, row.approved_on, row.supplied_on, row.approval_no) == (
            "supplied",
            D(2024, 6, 1),
            D(2024, 7, 1),
            D(2024, 9, 1),
            "浙土字〔2024〕55号",
        )
        with pytest.raises(DomainError, match="already_supplied"):
            services.advance_use(s, use_id=u, on=D(2024, 10, 1))
        with pytest.raises(ConflictError):
            services.advance_use(s, use_id=u, on=D(2024, 10, 1), expected_version=1)


def test_record_use_refuses_gaps_in_stage_dates(db: Database) -> None:
    with db.write() as s:
        a = allocate(s, grant(s), "QSH", mu(100))
        with pytest.raises(DomainError) as err:
            use(s, a, mu(20), D(2024, 5, 1), approved_on=D(2024, 6, 1))
        assert err.value.code == "quota.stage_skipped"
        u = use(s, a, mu(20), D(2024, 5, 1), deducted_on=D(2024, 5, 2), approved_on=D(2024, 6, 1))
        row = s.get(QuotaUse, u)
        assert row is not None and row.stage == "approved"


def test_cancel_returns_everything_not_yet_returned_and_only_once(db: Database) -> None:
    with db.write() as s:
        a = allocate(s, grant(s), "QSH", mu(100))
        u = use(s, a, mu(40), D(2024, 5, 1))
        services.return_quota(s, use_id=u, area_m2=mu(10), returned_on=D(2024, 6, 1), reason="核减面积")
        with pytest.raises(DomainError) as err:
            services.return_quota(s, use_id=u, area_m2=mu(31), returned_on=D(2024, 6, 2), reason="x")
        assert err.value.code == "quota.return_exceeds_use"
        assert err.value.fields["returnable_m2"] == mu(30)
        services.cancel_use(s, use_id=u, on=D(2024, 7, 1), reason="项目终止")
        returned = s.scalar(select(func.sum(QuotaReturn.area_m2)).where(QuotaReturn.use_id == u))
        assert returned == mu(40)
        assert allocation_remaining_m2(s, get_allocation(s, a)) == mu(100)
        with pytest.raises(DomainError, match="use_cancelled"):
            services.cancel_use(s, use_id=u, on=D(2024, 8, 1), reason="again")
        with pytest.raises(DomainError, match="use_cancelled"):
            services.advance_use(s, use_id=u, on=D(2024, 8, 1))


def test_stock_land_uses_no_quota(db: Database) -> None:
    with db.write() as s:
        a = allocate(s, grant(s), "QSH", mu(100))
        services.record_use(
            s,
            area_m2=mu(500),
            reserved_on=D(2024, 5, 1),
            land_source="existing",
            platform_id=platform_id(s, "QSH"),
            project="存量地块再供应",
        )
        assert allocation_remaining_m2(s, get_allocation(s, a)) == mu(100)
        with pytest.raises(DomainError, match="stock_use_with_allocation"):
            services.record_use(
                s, allocation_id=a, area_m2=mu(1), reserved_on=D(2024, 5, 1), land_source="existing"
            )
        with pytest.raises(DomainError, match="new_use_needs_allocation"):
            services.record_use(
                s, area_m2=mu(1), reserved_on=D(2024, 5, 1), platform_id=platform_id(s, "QSH")
            )


def test_grant_rules(db: Database) -> None:
    with db.write() as s:
        grant(s, "临自然资〔2024〕1号")
        with pytest.raises(DomainError, match="duplicate_document"):
            grant(s, "临自然资〔2024〕1号")
        with pytest.raises(DomainError, match="unknown_source"):
            grant(s, "X2", source="天上掉的")
        with pytest.raises(DomainError, match="area_not_positive"):
            grant(s, "X3", area=Decimal(0))
        g = grant(s, "X4", area=mu(50), expires_on=D(2024, 12, 31))
        with pytest.raises(DomainError, match="grant_expired"):
            allocate(s, g, "QSH", mu(1), D(2025, 1, 2))
        with pytest.raises(DomainError, match="date_before_grant"):
            allocate(s, g, "QSH", mu(1), D(2024, 1, 2))


def test_carry_over_moves_the_remainder_into_next_year(db: Database) -> None:
    with db.write() as s:
        g = grant(s, area=mu(100))
        allocate(s, g, "QSH", mu(30))
        ch = services.carry_over_grant(s, grant_id=g, to_year=2025, on=D(2025, 1, 10))
        assert grant_remaining_m2(s, get_grant(s, g)) == 0
        assert grant_remaining_m2(s, get_grant(s, g), D(2024, 12, 31)) == mu(70)
        assert get_grant(s, ch.ids[0]).area_m2 == mu(70)


def test_demand_is_met_by_allocations(db: Database) -> None:
    with db.write() as s:
        g = grant(s)
        qsh = platform_id(s, "QSH")
        d = services.add_demand(
            s, year=2024, platform_id=qsh, project="芯片封测基地", area_m2=mu(50), requested_on=D(2024, 2, 1)
        ).ids[0]
        allocate(s, g, "QSH", mu(20), demand_id=d)
        with pytest.raises(DomainError, match="allocation_exceeds_demand"):
            allocate(s, g, "QSH", mu(31), demand_id=d)
        with pytest.raises(DomainError, match="demand_platform_mismatch"):
            allocate(s, g, "GXY", mu(1), demand_id=d)
        allocate(s, g, "QSH", mu(30), demand_id=d)
        from models.quotas.entities import QuotaDemand

        demand = s.get(QuotaDemand, d)
        assert demand is not None and demand.status == "met"
