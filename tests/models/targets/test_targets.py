"""The 2030 targets (seed 二): seeded with their source, actuals from the efficiency records and
the statistics import, the path still needed, on track or behind, in check and in the report."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.areas import run_all_checks
from models.database import Database
from models.efficiency.entities import EfficiencyRecord
from models.enterprises.entities import Enterprise
from models.errors import DomainError, Problem
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.policy.entities import Platform, Target
from models.reporting import collect_sheets
from models.targets.demo import seed_demo
from models.targets.queries import rate, target_statuses
from models.targets.services import record_statistic, set_target
from models.targets.status import RECORDS, TargetStatus


def qsh(session: Session) -> int:
    pid = session.scalar(select(Platform.id).where(Platform.code == "QSH"))
    assert pid is not None
    return pid


def by_key(db: Database) -> dict[str, TargetStatus]:
    with db.read() as s:
        return {t.key: t for t in target_statuses(s)}


def test_the_four_targets_are_seeded_with_their_document(db: Database) -> None:
    with db.read() as s:
        targets = {t.key: t for t in s.scalars(select(Target))}
        platform = qsh(s)
    assert set(targets) == {
        "output.above_scale",
        "investment.manufacturing",
        "cluster.thousand",
        "cluster.hundred",
    }
    output = targets["output.above_scale"]
    assert (output.year, output.value, output.unit, output.measure) == (2030, Decimal(1800), "亿元", "level")
    assert output.platform_id == platform and output.document_no == "临政函〔2023〕74号"
    assert output.clause == "二"  # 二、目标要求, as registered
    assert targets["investment.manufacturing"].value == Decimal(20)
    assert targets["cluster.thousand"].threshold == Decimal(1000)
    assert targets["cluster.hundred"].is_example  # 若干: the count awaits the district


def test_without_figures_every_target_has_no_data(db: Database) -> None:
    assert {s.state for s in by_key(db).values()} == {"no_data"}


def test_output_actuals_come_from_the_efficiency_records_of_above_scale_enterprises(db: Database) -> None:
    with db.write() as s:
        platform = qsh(s)
        big = Enterprise(
            name="甲公司", uscc="91330185MA2H000011", platform_id=platform, industry_chain="高端装备"
        )
        small = Enterprise(
            name="乙公司", uscc="91330185MA2H000020", platform_id=platform, industry_chain="高端装备"
        )
        s.add_all([big, small])
        s.flush()
        for year, output in ((2022, 5_000_000), (2024, 6_050_000)):  # 万元 → 500 and 605 亿元
            s.add(EfficiencyRecord(enterprise_id=big.id, year=year, above_scale=True, output=Decimal(output)))
            s.add(
                EfficiencyRecord(
                    enterprise_id=small.id, year=year, above_scale=False, output=Decimal(999_999)
                )
            )
    status = by_key(db)["output.above_scale"]
    assert [(v.year, v.value, v.source) for v in status.actual] == [
        (2022, Decimal("500.00"), RECORDS),
        (2024, Decimal("605.00"), RECORDS),
    ]
    # 500 → 1800 over 8 years is 17.36 %/yr; 605 in 2024 is under the path's 2022+2 value (688.72)
    assert status.state == "behind"
    assert status.achieved_rate == Decimal("0.1000")
    assert status.path_value == Decimal("688.72")
    assert status.required_rate == rate(Decimal("605.00"), Decimal(1800), 6) == Decimal("0.1993")
    cluster = by_key(db)["cluster.hundred"]
    assert cluster.clusters_now == 1 and cluster.state == "behind"  # one chain above 百亿, three wanted


def test_statistics_override_the_records_and_drive_growth_and_clusters(db: Database) -> None:
    with db.write() as s:
        seed_demo(s, None)  # type: ignore[arg-type]
    statuses = by_key(db)
    output = statuses["output.above_scale"]
    assert output.state == "on_track" and output.latest_value == Decimal(1068)
    assert output.actual[0].source == "临安区统计局"
    invest = statuses["investment.manufacturing"]
    assert invest.state == "behind"
    assert invest.achieved_rate == Decimal("0.1651")  # (162.9 / 120) ** (1/2) - 1
    assert invest.required_rate is not None and invest.required_rate > Decimal("0.20")
    thousand = statuses["cluster.thousand"]
    assert thousand.state == "behind" and thousand.followed_chain == "高端装备" and thousand.clusters_now == 0
    assert statuses["cluster.hundred"].state == "reached"
    assert [c.chain for c in statuses["cluster.hundred"].chains] == ["高端装备", "集成电路", "生命健康"]
    with db.read() as s:
        findings = [f for f in run_all_checks(s) if f.area == "targets"]
    assert sorted(f.problem.code for f in findings) == ["targets.behind_cluster", "targets.behind_growth"]
    assert all(f.problem.severity == "info" for f in findings)


def test_the_report_as_of_a_year_uses_actuals_up_to_it(db: Database) -> None:
    with db.write() as s:
        seed_demo(s, None)  # type: ignore[arg-type]
    with db.read() as s:
        early = {t.key: t for t in target_statuses(s, up_to=2023)}
        sheets = {sheet.title: sheet for sheet in collect_sheets(s, 2024) if isinstance(sheet.title, str)}
    assert early["output.above_scale"].latest_year == 2023
    status = sheets["2030 目标"]
    assert status.headers[0] == "目标" and len(status.rows) == 4
    assert any("落后于进度" in str(r[10]) for r in status.rows)
    basis = status.notes[0]
    assert isinstance(basis, Problem) and "临政函〔2023〕74号" in basis.fields["documents"]
    series = sheets["目标实绩"]
    assert ("规上工业总产值", 2022, Decimal("860.00"), Decimal("860.00"), "临安区统计局") in series.rows


def _statistics_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["青山湖科技城主要统计指标"])
    ws.append(["年份", "平台", "指标名称", "本年数", "计量单位", "数据来源"])
    ws.append(["2022年", "青山湖科技城", "制造业投资", 100, "亿元", "区统计局"])
    ws.append([2023, "QSH", "制造业投资", 1_250_000, "万元", "区统计局"])
    ws.append([2024, "科技城", "制造业投资", 150, "亿元", "区统计局"])
    wb.save(path)


def test_a_statistics_workbook_imports_and_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "统计.xlsx"
    _statistics_workbook(path)
    kind = get_kind("statistics")
    report = run_import(db, kind, path)
    assert report.errors == [], [(p.row, p.code) for p in report.errors]
    assert report.committed and report.created == 3
    again = run_import(db, kind, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    invest = by_key(db)["investment.manufacturing"]
    assert [v.value for v in invest.actual] == [Decimal("100.00"), Decimal("125.00"), Decimal("150.00")]
    assert invest.achieved_rate == Decimal("0.2247") and invest.state == "on_track"


def test_an_unknown_platform_refuses_the_file(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["年度", "平台", "指标", "数值", "单位"])
    ws.append([2024, "火星园区", "制造业投资", 1, "亿元"])
    ws.append([2024, "QSH", "制造业投资", 1, "斤"])
    wb.save(path)
    report = run_import(db, get_kind("statistics"), path)
    assert not report.committed
    assert sorted(p.code for p in report.errors) == ["platform.unknown", "targets.unit_unknown"]


def test_services_check_scope_measure_and_replace_figures(db: Database) -> None:
    with db.write() as s:
        with pytest.raises(DomainError) as exc:
            set_target(
                s, key="x", year=2030, value=Decimal(1), unit="个", measure="clusters", scope="district"
            )
        assert exc.value.code == "targets.threshold_required"
        with pytest.raises(DomainError):
            set_target(s, key="x", year=2030, value=Decimal(1), unit="亿元", scope="platform")
        first = record_statistic(s, year=2024, indicator="制造业投资", value=Decimal(1), unit="亿元")
        again = record_statistic(s, year=2024, indicator="制造业投资", value=Decimal(2), unit="亿元")
        assert (first.created, again.updated) == (1, 1)
