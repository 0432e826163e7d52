"""Codes and names in the quota, renewal and policy sheets match through ``models.exchange.keys``
(width, spaces, case) like the rest of the importer: a sheet from another office that writes
``临政（2025）3号`` or ``青山湖 科技城`` names the record written ``临政(2025)3号`` / ``青山湖科技城``
instead of creating a twin or being refused as unknown — and stored text stays as first written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.policy.entities import Platform, PolicyRule
from models.quotas.entities import QuotaAllocation, QuotaGrant, QuotaUse
from models.renewal.entities import RenewalProject
from tests.models.exchange.helpers import write_xlsx


def _ok(db: Database, kind: str, path: Path) -> tuple[int, int, int]:
    report = run_import(db, get_kind(kind), path)
    assert report.ok, [(p.row, p.column, p.code, p.problem.fields) for p in report.errors]
    return report.created, report.updated, report.unchanged


def test_quota_sheets_match_documents_platforms_and_projects_by_key(db: Database, tmp_path: Path) -> None:
    grants = write_xlsx(
        tmp_path / "grants.xlsx",
        [
            ["年度", "指标来源", "下达文号", "下达日期", "下达面积（亩）"],
            [2025, "区年度计划", "临政(2025)3号", dt.date(2025, 3, 1), 100],
        ],
    )
    assert _ok(db, "quota-grants", grants) == (1, 0, 0)
    allocations = write_xlsx(
        tmp_path / "allocations.xlsx",
        [
            ["下达文号", "平台", "项目", "分配日期", "分配面积（亩）"],
            ["临政（2025）3号", "青山湖 科技城", "AI 算力中心", dt.date(2025, 4, 1), 40],
        ],
    )
    assert _ok(db, "quota-allocations", allocations) == (1, 0, 0)
    # the same allocation written another way: unchanged, not a second one
    again = write_xlsx(
        tmp_path / "again.xlsx",
        [
            ["下达文号", "平台", "项目", "分配日期", "分配面积（亩）"],
            ["临政(2025)3号", "ｑｓｈ", "ＡＩ算力中心", dt.date(2025, 4, 1), 40],
        ],
    )
    assert _ok(db, "quota-allocations", again) == (0, 0, 1)
    uses = write_xlsx(
        tmp_path / "uses.xlsx",
        [
            ["下达文号", "平台", "项目", "使用面积（亩）", "预安排日期"],
            ["临政（2025）3号", "青山湖科技城", "ai算力中心", 10, dt.date(2025, 5, 1)],
        ],
    )
    assert _ok(db, "quota-uses", uses) == (1, 0, 0)
    uses_again = write_xlsx(
        tmp_path / "uses-again.xlsx",
        [
            ["下达文号", "平台", "项目", "使用面积（亩）", "预安排日期"],
            ["临政(2025)3号", "QSH", "AI算力中心", 10, dt.date(2025, 5, 1)],
        ],
    )
    assert _ok(db, "quota-uses", uses_again) == (0, 0, 1)
    returns = write_xlsx(
        tmp_path / "returns.xlsx",
        [
            ["下达文号", "平台", "项目", "预安排日期", "收回日期", "收回面积（亩）", "收回原因"],
            [
                "临政（2025）3号",
                "青山湖科技城",
                "ＡＩ 算力中心",
                dt.date(2025, 5, 1),
                dt.date(2025, 9, 1),
                2,
                "核减",
            ],
        ],
    )
    assert _ok(db, "quota-returns", returns) == (1, 0, 0)
    with db.read() as s:
        assert s.scalars(select(QuotaGrant.document_no)).all() == ["临政(2025)3号"]
        assert s.scalars(select(QuotaAllocation.project)).all() == ["AI 算力中心"]  # as first written
        assert s.scalars(select(QuotaUse.project)).all() == ["ai算力中心"]


def test_renewal_projects_match_their_code_and_plots_by_key(db: Database, tmp_path: Path) -> None:
    first = write_xlsx(
        tmp_path / "a.xlsx",
        [
            ["项目编号", "项目名称", "所属平台", "当前阶段", "阶段日期"],
            ["TL-2024-001", "纺织厂腾退", "青山湖科技城", "摸排认定", dt.date(2024, 3, 1)],
        ],
    )
    assert _ok(db, "renewal-projects", first) == (1, 0, 0)
    second = write_xlsx(
        tmp_path / "b.xlsx",
        [
            ["项目编号", "项目名称", "所属平台", "当前阶段", "阶段日期"],
            ["ｔｌ-2024-001", "纺织厂腾退", "青山湖 科技城", "摸排认定", dt.date(2024, 3, 1)],
        ],
    )
    assert _ok(db, "renewal-projects", second) == (0, 0, 1)
    with db.read() as s:
        assert s.scalars(select(RenewalProject.code)).all() == ["TL-2024-001"]


def test_policy_rules_match_platform_codes_by_key_and_keep_numbers_exact(
    db: Database, tmp_path: Path
) -> None:
    rules = write_xlsx(
        tmp_path / "rules.xlsx",
        [
            ["规则代码", "适用平台", "取值", "生效日期", "文件文号"],
            ["test.ratio", "ｑｓｈ", "0.60", dt.date(2030, 1, 1), "临政〔2030〕1号"],
            ["test.count", " gxy ", 5, dt.date(2030, 1, 1), "临政〔2030〕1号"],
        ],
    )
    assert _ok(db, "policy-rules", rules) == (2, 0, 0)
    with db.read() as s:
        got: dict[str, object] = dict(
            s.execute(select(PolicyRule.key, PolicyRule.value).where(PolicyRule.key.like("test.%"))).all()
        )
        assert got == {"test.ratio": "0.60", "test.count": "5"}  # numbers kept as written, never a float
    assert _ok(db, "policy-rules", rules) == (0, 0, 2)


def test_a_platform_named_another_way_under_a_new_code_is_refused_as_taken(
    db: Database, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["平台代码", "平台名称"], ["QSH2", "青山湖 科技城"]])
    report = run_import(db, get_kind("platforms"), path)
    assert [(p.row, p.column, p.code) for p in report.errors] == [(2, "平台名称", "platform.name_taken")]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Platform).where(Platform.code == "QSH2")) == 0
