"""The quota kinds' load/dump, fed with SourceRows as the engine hands them over (values
parsed, areas in ㎡): upsert by natural keys, importing twice changes nothing, refusals
become row problems that name the column, stage advances arrive as later dates."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from models.database import Database
from models.exchange.registry import get_kind
from models.exchange.spec import Dumper, ExportContext, ImportContext, LoadOutcome, RowProblem, SourceRow
from models.quotas.entities import QuotaAllocation, QuotaGrant, QuotaUse
from models.quotas.exchange import UNALLOCATED_LABEL
from tests.models.quotas.helpers import D, mu

GRANTS = [
    {
        "year": 2025,
        "source": "区年度计划",
        "document_no": "杭规划资源〔2025〕25号",
        "granted_on": D(2025, 3, 14),
        "area_m2": mu(360),
    },
    {
        "year": 2025,
        "source": "省级预留",
        "document_no": "浙自然资函〔2025〕9号",
        "granted_on": D(2025, 4, 1),
        "area_m2": Decimal("100000"),
        "major_project": "晶圆项目",
    },
]
ALLOCS = [
    {
        "grant_document_no": "杭规划资源〔2025〕25号",
        "platform": "科技城",
        "project": "算力中心",
        "allocated_on": D(2025, 6, 30),
        "area_m2": mu(200),
    },
    {
        "grant_document_no": "杭规划资源〔2025〕25号",
        "platform": "GXY",
        "allocated_on": D(2025, 6, 30),
        "area_m2": mu(100),
    },
]
USES = [
    {
        "grant_document_no": "杭规划资源〔2025〕25号",
        "platform": "青山湖科技城",
        "project": "算力中心",
        "land_source": "new",
        "area_m2": mu(80),
        "reserved_on": D(2025, 7, 15),
    },
    {
        "platform": "玲珑",
        "project": "闲置土地再供应",
        "land_source": "existing",
        "area_m2": mu(20),
        "reserved_on": D(2025, 7, 1),
        "deducted_on": D(2025, 8, 1),
    },
]


def rows(values: list[dict[str, Any]], sheet: str = "Sheet1") -> list[SourceRow]:
    return [
        SourceRow(sheet, 3 + n, dict(v), raw=dict(v), headers={k: k for k in v}) for n, v in enumerate(values)
    ]


def dumper(kind: str) -> Dumper:
    dump = get_kind(kind).dump
    assert dump is not None
    return dump


def load(db: Database, kind: str, values: list[dict[str, Any]]) -> tuple[LoadOutcome, list[RowProblem]]:
    ctx = ImportContext()
    loader = get_kind(kind).load
    assert loader is not None
    with db.write() as s:
        outcome = loader(s, rows(values), ctx)
    return outcome, ctx.problems


def test_round_of_imports_then_the_same_again_changes_nothing(db: Database) -> None:
    for kind, values in (("quota-grants", GRANTS), ("quota-allocations", ALLOCS), ("quota-uses", USES)):
        outcome, problems = load(db, kind, values)
        assert problems == [] and outcome.created == len(values), kind
    for kind, values in (("quota-grants", GRANTS), ("quota-allocations", ALLOCS), ("quota-uses", USES)):
        outcome, problems = load(db, kind, values)
        assert problems == [] and (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, len(values))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(QuotaUse)) == 2
        assert s.scalar(select(func.sum(QuotaAllocation.area_m2))) == mu(200) + mu(100)


def test_later_stage_dates_advance_the_use_and_conflicts_are_refused(db: Database) -> None:
    load(db, "quota-grants", GRANTS)
    load(db, "quota-allocations", ALLOCS)
    load(db, "quota-uses", USES)
    later = dict(
        USES[0], deducted_on=D(2025, 8, 20), approved_on=D(2025, 9, 10), approval_no="浙土字〔2025〕301号"
    )
    outcome, problems = load(db, "quota-uses", [later])
    assert problems == [] and outcome.updated == 1
    with db.read() as s:
        use = s.scalar(select(QuotaUse).where(QuotaUse.project == "算力中心"))
        assert use is not None
        assert (use.stage, use.approval_no) == ("approved", "浙土字〔2025〕301号")
    _, problems = load(db, "quota-uses", [dict(later, area_m2=mu(81))])
    assert [p.code for p in problems] == ["quota.import_conflict"]
    _, problems = load(db, "quota-grants", [dict(GRANTS[0], area_m2=mu(361))])
    assert [(p.code, p.column) for p in problems] == [("quota.import_conflict", "area_m2")]


def test_refusals_become_row_problems_with_the_numbers(db: Database) -> None:
    load(db, "quota-grants", GRANTS)
    too_much = dict(ALLOCS[0], area_m2=mu(400), project="超额")
    unknown = dict(ALLOCS[1], grant_document_no="不存在〔2025〕1号")
    nowhere = dict(ALLOCS[1], platform="月球基地")
    _, problems = load(db, "quota-allocations", [too_much, unknown, nowhere])
    assert [(p.row, p.code) for p in problems] == [
        (3, "quota.allocation_exceeds_grant"),
        (4, "quota.unknown_grant"),
        (5, "quota.unknown_platform"),
    ]
    assert problems[0].problem.fields["remaining_mu"] == Decimal("360.00")
    assert problems[0].problem.fields["document_no"] == "杭规划资源〔2025〕25号"


def test_exports_and_balances(db: Database) -> None:
    for kind, values in (("quota-grants", GRANTS), ("quota-allocations", ALLOCS), ("quota-uses", USES)):
        load(db, kind, values)
    with db.read() as s:
        grants = list(dumper("quota-grants")(s, ExportContext()))
        uses = list(dumper("quota-uses")(s, ExportContext()))
        bal = list(dumper("quota-balances")(s, ExportContext(options={"as_of": D(2025, 12, 31)})))
        early = list(dumper("quota-balances")(s, ExportContext(options={"as_of": "2025-07-01"})))
        total_granted = s.scalar(select(func.sum(QuotaGrant.area_m2)))
    assert [g["document_no"] for g in grants] == ["杭规划资源〔2025〕25号", "浙自然资函〔2025〕9号"]
    assert {u["land_source"] for u in uses} == {"new", "existing"}
    assert sum(r.get("granted") or 0 for r in bal) == total_granted
    # Σ remaining over platform rows and unallocated rows = granted − used, to the last digit
    assert sum(r["remaining"] for r in bal) == total_granted - mu(80)
    assert {r["platform"] for r in bal} >= {"青山湖科技城", "高新技术产业园", UNALLOCATED_LABEL}
    assert all(r.get("used", 0) == 0 for r in early)


def test_quota_uses_export_reimports_when_the_use_names_another_project_than_its_allocation(
    db: Database, tmp_path: Path
) -> None:
    """The shape that showed it: two allocations on one platform, a use whose own project
    name differs from its allocation's (issue 14)."""
    from models.exchange.importer import run_import
    from models.exchange.writer import export_kind

    allocs = [dict(ALLOCS[0]), dict(ALLOCS[0], project="数据港", area_m2=mu(50))]
    for kind, values in (("quota-grants", GRANTS), ("quota-allocations", allocs)):
        load(db, kind, values)
    use = dict(USES[0], project="算力中心一期厂房", allocation_project="算力中心")
    outcome, problems = load(db, "quota-uses", [use])
    assert problems == [] and outcome.created == 1
    export_kind(db, get_kind("quota-uses"), tmp_path / "uses.xlsx")
    report = run_import(db, get_kind("quota-uses"), tmp_path / "uses.xlsx")
    assert report.ok, [(p.code, p.problem.fields) for p in report.problems]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
