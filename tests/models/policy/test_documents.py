"""The register of policy documents and the checks of what each rule cites."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models.areas import run_all_checks
from models.database import Database
from models.errors import DomainError
from models.policy import checks as policy_checks
from models.policy.documents import (
    INCUBATOR_2018_DOC,
    INCUBATOR_2025_DOC,
    SEED_DOC,
    basis_of,
    basis_text,
    document,
    list_documents,
)
from models.policy.entities import PolicyRule
from models.policy.rules import rule_in_force
from models.policy.services import add_rule_version


def test_register_holds_the_documents_with_dates_and_status(db: Database) -> None:
    with db.read() as s:
        docs = {d.document_no: d for d in list_documents(s)}
        seed = docs[SEED_DOC]
        assert seed.issued_on == dt.date(2023, 10, 30) and seed.in_force_from == dt.date(2023, 12, 1)
        assert seed.status == "in_force"
        assert seed.clause("三(三)") is not None and not seed.clause("三(三)")["figures"]  # type: ignore[index]
        old = docs[INCUBATOR_2018_DOC]
        assert old.issued_on == dt.date(2018, 12, 14)
        assert old.status == "superseded" and old.superseded_by == INCUBATOR_2025_DOC
        assert old.superseded_at(dt.date(2026, 1, 1)) and not old.superseded_at(dt.date(2024, 1, 1))
        assert "浙政发〔2018〕5号" in docs and "自然资规〔2018〕1号" in docs
        assert document(s, "无此文号") is None


def test_no_seeded_rule_cites_a_document_for_a_figure_it_does_not_hold(db: Database) -> None:
    with db.read() as s:
        rules = list(s.scalars(select(PolicyRule)))
        # building-transfer values are examples with their source, none cites seed 三(三)
        building = [r for r in rules if r.key.startswith("building.")]
        assert building and all(r.is_example and r.document_no == "" and r.example_source for r in building)
        ratio = next(r for r in building if r.key == "building.max_transfer_ratio")
        assert "惠州" in ratio.example_source
        # no rule cites 浙政发〔2018〕5号 or a figure of 自然资规〔2018〕1号 it does not contain
        assert not [r for r in rules if r.document_no == "浙政发〔2018〕5号"]
        assert not [r for r in rules if r.key == "quota.linkage_penalty"]  # the unsourced −20 % is gone
        linkage = [r for r in rules if r.key == "quota.stock_linkage"]
        assert linkage and all(r.is_example and r.document_no == "" for r in linkage)
        # every rule has a document or an example source
        assert all(r.document_no or (r.is_example and r.example_source) for r in rules)
        findings = policy_checks.run_checks(s, on=dt.date(2024, 6, 1))
    assert [f.problem.code for f in findings] == []


def test_check_flags_a_rule_whose_document_is_superseded(db: Database) -> None:
    with db.write() as s:
        s.add(
            PolicyRule(
                key="incubation.test_value",
                title="测试",
                value="3",
                effective_from=dt.date(2019, 1, 1),
                document_no=INCUBATOR_2018_DOC,
                clause="",
            )
        )
    with db.read() as s:
        early = policy_checks.run_checks(s, on=dt.date(2024, 1, 1))
        late = policy_checks.run_checks(s, on=dt.date(2026, 1, 1))
        assert not [f for f in early if f.record_label == "incubation.test_value"]
        flagged = [f for f in late if f.record_label == "incubation.test_value"]
        assert [f.problem.code for f in flagged] == ["policy.document_superseded"]
        assert flagged[0].problem.fields["superseded_by"] == INCUBATOR_2025_DOC
        # landspace check runs it too
        assert any(f.problem.code == "policy.document_superseded" for f in run_all_checks(s))


def test_check_flags_a_figure_cited_to_a_clause_without_figures(db: Database) -> None:
    with db.write() as s:
        add_rule_version(
            s,
            key="building.max_transfer_ratio_x",
            value="0.6",
            effective_from=dt.date(2024, 1, 1),
            document_no=SEED_DOC,
            clause="三(三)",
        )
        add_rule_version(
            s,
            key="test.unregistered",
            value="1",
            effective_from=dt.date(2024, 1, 1),
            document_no="某文〔2024〕1号",
            clause="一",
        )
        add_rule_version(
            s,
            key="test.bad_clause",
            value="1",
            effective_from=dt.date(2024, 1, 1),
            document_no=SEED_DOC,
            clause="九(九)",
        )
    with db.read() as s:
        codes = {f.record_label: f.problem.code for f in policy_checks.run_checks(s, on=dt.date(2024, 6, 1))}
    assert codes == {
        "building.max_transfer_ratio_x": "policy.clause_holds_no_figure",
        "test.unregistered": "policy.document_unregistered",
        "test.bad_clause": "policy.clause_unregistered",
    }


def test_an_example_needs_its_source_instead_of_a_document(db: Database) -> None:
    with db.write() as s:
        with pytest.raises(DomainError) as err:
            add_rule_version(
                s,
                key="test.example",
                value="1",
                effective_from=dt.date(2024, 1, 1),
                document_no="",
                is_example=True,
            )
        assert err.value.code == "policy.document_required"
        add_rule_version(
            s,
            key="test.example",
            value="1",
            effective_from=dt.date(2024, 1, 1),
            document_no="",
            is_example=True,
            example_source="惠州 操作指引",
        )
    with db.read() as s:
        ref = rule_in_force(s, "test.example", on=dt.date(2024, 2, 1))
        assert ref is not None and ref.citation()["example_source"] == "惠州 操作指引"
        assert basis_of(ref.citation()) == "示例（无文件依据），来源：惠州 操作指引"


def test_basis_text() -> None:
    assert basis_text(SEED_DOC, "六(十)") == "临政函〔2023〕74号 六(十)"
    assert basis_text("", "", is_example=True) == "示例（无文件依据）"
    assert basis_text("", "", is_example=True, example_source="惠州") == "示例（无文件依据），来源：惠州"
