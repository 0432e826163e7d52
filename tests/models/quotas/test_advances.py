"""预支: quota advanced to a provincial major project and repaid from a later grant."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.i18n import set_language
from desktop.messages import render
from models.database import Database
from models.errors import DomainError
from models.quotas import services
from models.quotas.checks import run_checks
from models.quotas.entries import grant_options
from models.quotas.ledger import advance_outstanding_m2, get_grant, grant_remaining_m2
from models.quotas.queries import balance_tree
from tests.models.quotas.helpers import D, grant, mu


def test_an_advance_is_repaid_from_a_later_grant(db: Database) -> None:
    with db.write() as s:
        with pytest.raises(DomainError) as err:
            grant(s, "浙自然资预〔2024〕1号", area=mu(80), source="省重大项目预支", is_advance=True)
        assert err.value.code == "quota.advance_needs_project"
        advance = grant(
            s,
            "浙自然资预〔2024〕1号",
            area=mu(80),
            source="省重大项目预支",
            is_advance=True,
            major_project="晶圆厂二期",
        )
        early = grant(s, "临规划资源〔2024〕3号", area=mu(50), on=D(2024, 1, 5))
        later = grant(s, "临规划资源〔2025〕7号", area=mu(100), year=2025, on=D(2025, 3, 1))
        # only a later, ordinary grant repays, never more than owed nor than the grant has left
        for kwargs, code in (
            ({"advance_id": later, "grant_id": advance}, "quota.not_an_advance"),
            ({"advance_id": advance, "grant_id": early}, "quota.repay_from_earlier_grant"),
            (
                {"advance_id": advance, "grant_id": later, "area_m2": mu(90)},
                "quota.repayment_exceeds_advance",
            ),
        ):
            with pytest.raises(DomainError) as err:
                args: dict[str, Any] = {"area_m2": mu(30), "repaid_on": D(2025, 3, 10), **kwargs}
                services.repay_advance(s, **args)
            assert err.value.code == code
        services.repay_advance(
            s,
            advance_id=advance,
            grant_id=later,
            area_m2=mu(30),
            repaid_on=D(2025, 3, 10),
            document_no="临规划资源〔2025〕8号",
        )
        adv, lat = get_grant(s, advance), get_grant(s, later)
        assert advance_outstanding_m2(s, adv) == mu(80) - mu(30)
        assert advance_outstanding_m2(s, adv, as_of=D(2025, 3, 9)) == mu(80)
        assert grant_remaining_m2(s, lat) == mu(70)
        assert grant_remaining_m2(s, lat, as_of=D(2025, 3, 9)) == mu(100)
        option = next(o for o in grant_options(s, year=2025) if o.id == later)
        assert option.remaining_m2 == mu(70)
        assert next(o for o in grant_options(s, year=2024) if o.id == advance).is_advance
        year = balance_tree(s, as_of=D(2025, 12, 31), year=2025).year(2025)
        assert year is not None and year.figures.unallocated == mu(70)
        findings = [f for f in run_checks(s) if f.problem.code == "quota.check.advance_outstanding"]
        assert [f.record_label for f in findings] == ["浙自然资预〔2024〕1号"]
        set_language("zh")
        assert "尚欠 50.00 亩" in render(findings[0].problem) and "晶圆厂二期" in render(findings[0].problem)
        services.repay_advance(s, advance_id=advance, grant_id=later, area_m2=mu(50), repaid_on=D(2025, 4, 1))
        assert not [f for f in run_checks(s) if f.problem.code.startswith("quota.check.advance")]
        assert not [f for f in run_checks(s) if f.problem.is_error]
