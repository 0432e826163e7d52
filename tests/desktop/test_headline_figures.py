"""Headline figures the pages show, against a recomputation from the records in this file (SQL
and the ORM read directly, never the service that computes the figure): overlapping plot pairs
(plots page and overview), enterprises rated D years running (efficiency page and overview),
buildings near or over their cap (buildings page and overview), incubating firms and carriers
meeting the national criteria (carrier table and overview). On the demonstration database and
after records change state: a plot moved onto another, a D streak broken and another made,
units sold up to the cap, a firm graduating and a lease ending. Rules (streak length, caps,
criteria) are read from the policy records, so a changed demo rule set changes the expectation
with it."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget
from shapely.geometry import Polygon
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.context import AppContext, CurrentUser
from desktop.main_window import MainWindow
from desktop.qt_setup import prepare_application
from desktop.tasks import TaskRunner
from desktop.widgets.preview import demo_database
from models.buildings.entities import Building, Unit
from models.efficiency.entities import EfficiencyResult
from models.efficiency.rules import rule_set_for
from models.enterprises.entities import Enterprise
from models.incubation.entities import Carrier, Tenancy
from models.land.entities import BoundaryPoint, Plot
from models.policy.entities import PolicyRule
from tests.desktop.loads import settle

TODAY = dt.date.today()


@pytest.fixture
def window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert app is not None
    prepare_application(app)
    db = demo_database(tmp_path)
    ctx = AppContext(db, CurrentUser(None, "admin", "admin"))
    ctx.tasks = TaskRunner(ctx.show_error)
    main = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    yield main
    ctx.tasks.wait(10_000)
    db.dispose()


def _open(window: MainWindow, key: str) -> QWidget:
    assert window.select_page(key)
    settle(window.ctx)
    page = window.stack.currentWidget()
    assert page is not None
    return page


def _reload(window: MainWindow) -> None:
    window.reload_all()
    settle(window.ctx)


def _number(text: str) -> int:
    return int(text.replace(",", "").strip())


def _card(window: MainWindow, label_start: str) -> int:
    """The value of the overview's card whose label begins with ``label_start``."""
    page: Any = _open(window, "overview")
    for card in page.card_widgets:
        if card.label.text().startswith(label_start):
            return _number(card.value.text())
    raise AssertionError(f"no card {label_start!r}: {[c.label.text() for c in page.card_widgets]}")


def _table(page: QWidget, first_header: str) -> list[dict[str, str]]:
    """The rows of the page's table whose first column is ``first_header``, by header text."""
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or model.columnCount() == 0:
            continue
        headers = [
            str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            for c in range(model.columnCount())
        ]
        if headers[0] == first_header:
            return [
                {h: str(model.index(r, c).data() or "") for c, h in enumerate(headers)}
                for r in range(model.rowCount())
            ]
    raise AssertionError(f"no table starting with {first_header!r}")


def _rule(
    s: Session, key: str, *, on: dt.date, platform_id: int | None = None, building_id: int | None = None
) -> Any:
    """The most specific version of ``key`` in force on ``on``: building, platform, district."""
    rows = [
        r
        for r in s.scalars(select(PolicyRule).where(PolicyRule.key == key))
        if r.effective_from <= on
        and (r.effective_to is None or r.effective_to >= on)
        and (
            (building_id is not None and r.building_id == building_id)
            or (r.building_id is None and r.platform_id in (None, platform_id))
        )
    ]
    if not rows:
        return None
    rows.sort(
        key=lambda r: (r.building_id is None, r.platform_id is None, -r.effective_from.toordinal(), -r.id)
    )
    return rows[0]


def _dec(value: Any) -> Decimal:
    if isinstance(value, dict):
        value = value.get("value")
    return Decimal(str(value))


# --- overlaps ------------------------------------------------------------------------------------


def overlaps(s: Session) -> int:
    """Pairs of plots whose surveyed polygons share at least 0.01 ㎡ of interior."""
    rings: dict[int, dict[int, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    for p in s.scalars(
        select(BoundaryPoint).order_by(BoundaryPoint.plot_id, BoundaryPoint.ring, BoundaryPoint.seq)
    ):
        rings[p.plot_id][p.ring].append((float(p.y_easting), float(p.x_northing)))
    shapes = [
        Polygon(r[1], [r[k] for k in sorted(r) if k != 1]) for r in rings.values() if len(r.get(1, [])) >= 3
    ]
    return sum(
        1
        for i, a in enumerate(shapes)
        for b in shapes[i + 1 :]
        if a.intersects(b) and a.intersection(b).area >= 0.01
    )


def _plots_page_overlaps(window: MainWindow) -> int:
    page: Any = _open(window, "plots")
    match = re.search(r"重叠 (\d+) 处", page.checks.summary.text())
    assert match, page.checks.summary.text()
    return int(match.group(1))


def test_overlapping_plots_equal_a_recomputation(window: MainWindow) -> None:
    from models.land import services

    with window.ctx.db.read() as s:
        before = overlaps(s)
        plots = [p for p in s.scalars(select(Plot).order_by(Plot.id)) if p.geometry is not None]
    assert _plots_page_overlaps(window) == before
    assert _card(window, "重叠地块对") == before
    a, b = plots[0], plots[1]  # a plot re-surveyed half onto another (a survey error being resolved)
    assert b.geometry is not None
    minx, miny, maxx, maxy = b.geometry.bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    square = Polygon([(cx, cy), (cx + 40, cy), (cx + 40, cy + 40), (cx, cy + 40)])
    with window.ctx.db.write() as s:
        services.set_plot_polygon(s, plot_id=a.id, polygon=square)
    _reload(window)
    with window.ctx.db.read() as s:
        after = overlaps(s)
    assert after != before or after >= 1
    assert _plots_page_overlaps(window) == after
    assert _card(window, "重叠地块对") == after


# --- D streaks -----------------------------------------------------------------------------------


def d_streaks(s: Session) -> set[str]:
    """Names of enterprises rated D in the last N evaluated years of their own running, N the
    rule set's streak length for the latest evaluated year."""
    results = list(
        s.execute(select(EfficiencyResult.enterprise_id, EfficiencyResult.year, EfficiencyResult.klass))
    )
    if not results:
        return set()
    latest = max(y for _e, y, _k in results)
    n = rule_set_for(s, latest).rules.d_streak_years  # the rule (an input): the rule set of that year
    by_firm: dict[int, dict[int, str]] = defaultdict(dict)
    for e, y, k in results:
        by_firm[e][y] = k
    names = {e: n for e, n in s.execute(select(Enterprise.id, Enterprise.name))}
    out = set()
    for e, years in by_firm.items():
        last = max(years)
        if e in names and all(years.get(last - i) == "D" for i in range(n)):
            out.add(names[e])
    return out


def _efficiency_page_streaks(window: MainWindow) -> set[str]:
    page: Any = _open(window, "efficiency")
    label: QLabel = page.streaks
    return {line[2:].rsplit("（", 1)[0] for line in label.text().splitlines() if line.startswith("· ")}


def test_d_streaks_equal_a_recomputation(window: MainWindow) -> None:
    with window.ctx.db.read() as s:
        before = d_streaks(s)
    assert _efficiency_page_streaks(window) == before
    assert _card(window, "连续多年 D 类企业") == len(before)
    with window.ctx.db.write() as s:
        latest = s.scalar(select(EfficiencyResult.year).order_by(EfficiencyResult.year.desc()).limit(1))
        assert latest is not None
        if before:  # one streak broken: its latest year re-graded C
            name = sorted(before)[0]
            firm = s.scalar(select(Enterprise.id).where(Enterprise.name == name))
            s.scalars(
                select(EfficiencyResult).where(
                    EfficiencyResult.enterprise_id == firm, EfficiencyResult.year == latest
                )
            ).one().klass = "C"
        # and a firm graded in every year of the latest three, not in a streak yet, made one
        years = {latest - i for i in range(3)}
        graded: dict[int, dict[int, EfficiencyResult]] = defaultdict(dict)
        for r in s.scalars(select(EfficiencyResult).where(EfficiencyResult.year.in_(years))):
            graded[r.enterprise_id][r.year] = r
        newcomer = next(
            e for e, rs in sorted(graded.items()) if set(rs) == years and rs[latest].klass not in ("D", "")
        )
        for r in graded[newcomer].values():
            r.klass = "D"
    _reload(window)
    with window.ctx.db.read() as s:
        after = d_streaks(s)
    assert after != before
    assert _efficiency_page_streaks(window) == after
    assert _card(window, "连续多年 D 类企业") == len(after)


# --- buildings near or over the cap --------------------------------------------------------------


def near_and_over(s: Session, on: dt.date) -> tuple[int, int]:
    sold: dict[int, Decimal] = defaultdict(Decimal)
    for u in s.scalars(select(Unit).where(Unit.status == "transferred")):
        sold[u.building_id] += u.floor_area_m2
    near = over = 0
    for b in s.scalars(select(Building)):
        caps = []
        for key, held in (("building.max_transfer_ratio", False), ("building.min_held_ratio", True)):
            r = _rule(s, key, on=on, platform_id=b.platform_id, building_id=b.id)
            if r is not None:
                caps.append((r, 1 - _dec(r.value) if held else _dec(r.value)))
        if not caps or not b.total_floor_area_m2:
            continue
        caps.sort(
            key=lambda c: (
                c[0].building_id is None,
                c[0].platform_id is None,
                -c[0].effective_from.toordinal(),
            )
        )
        cap = caps[0][1]
        margin_rule = _rule(s, "building.warning_margin", on=on, platform_id=b.platform_id, building_id=b.id)
        ratio = sold[b.id] / b.total_floor_area_m2
        if ratio > cap:
            over += 1
        elif margin_rule is not None and ratio > cap - _dec(margin_rule.value):
            near += 1
    return near, over


def _buildings_page(window: MainWindow) -> tuple[int, int]:
    page: Any = _open(window, "buildings")
    match = re.search(r"接近上限 (\d+) 栋，超过上限 (\d+) 栋", page.count_label.text())
    assert match, page.count_label.text()
    return int(match.group(1)), int(match.group(2))


def test_buildings_near_or_over_the_cap_equal_a_recomputation(window: MainWindow) -> None:
    with window.ctx.db.read() as s:
        before = near_and_over(s, TODAY)
    assert _buildings_page(window) == before
    assert _card(window, "接近或超过比例上限的楼宇") == sum(before)
    with window.ctx.db.write() as s:  # a building's held units sold up to just past its cap
        held_by: dict[int, list[Unit]] = defaultdict(list)
        for u in s.scalars(select(Unit).where(Unit.status == "held").order_by(Unit.id)):
            held_by[u.building_id].append(u)
        held = held_by[min(held_by)]
        for unit in held:
            unit.status = "transferred"
    _reload(window)
    with window.ctx.db.read() as s:
        after = near_and_over(s, TODAY)
    assert after != before
    assert _buildings_page(window) == after
    assert _card(window, "接近或超过比例上限的楼宇") == sum(after)


# --- incubation: firms incubating and carriers meeting the national criteria ---------------------


def _months(start: dt.date, on: dt.date) -> int:
    return (on.year - start.year) * 12 + on.month - start.month - (1 if on.day < start.day else 0)


def incubation(s: Session, on: dt.date) -> tuple[dict[str, int], set[str]]:
    """Per carrier name, firms incubating on ``on``; and the incubators meeting every criterion."""
    tenants: dict[str, int] = {}
    met: set[str] = set()
    for c in s.scalars(select(Carrier)):
        leases = list(s.scalars(select(Tenancy).where(Tenancy.carrier_id == c.id)))
        now = [
            t
            for t in leases
            if t.start_on <= on
            and (t.end_on is None or t.end_on >= on)
            and (t.graduated_on is None or t.graduated_on > on)
        ]
        tenants[c.name] = len(now)
        if c.kind != "incubator":
            continue

        def need(key: str, c: Carrier = c) -> Decimal:
            rule = _rule(s, f"incubation.{key}", on=on, platform_id=c.platform_id)
            assert rule is not None, key
            return _dec(rule.value)

        def optional(key: str, c: Carrier = c) -> Any:
            return _rule(s, f"incubation.{key}", on=on, platform_id=c.platform_id)

        pro = bool(c.specialty) and optional("professional.min_tenants") is not None
        usable = c.usable_area_m2
        area = sum((t.area_m2 for t in now), Decimal(0)) + (c.public_service_area_m2 or Decimal(0))
        graduates = sum(1 for t in leases if t.graduated_on is not None and t.graduated_on <= on)
        sector_rule = optional("sector_max_months")
        sector_months = (
            dict(sector_rule.value) if sector_rule is not None and isinstance(sector_rule.value, dict) else {}
        )
        limit = int(need("max_months"))
        age_rule = optional("max_age_on_entry_months")
        ok = [
            usable >= need("national.min_area_m2"),
            usable and area / usable >= need("national.min_tenant_use_ratio"),
            len(now) >= need("professional.min_tenants" if pro else "national.min_tenants"),
            usable
            and Decimal(len(now)) * 1000 / usable
            >= need("professional.min_tenants_per_1000m2" if pro else "national.min_tenants_per_1000m2"),
            graduates >= need("professional.min_graduates" if pro else "national.min_graduates"),
            all(_months(t.start_on, on) <= int(sector_months.get(t.sector or "", limit)) for t in now),
        ]
        if pro:
            ok.append(
                bool(now)
                and Decimal(sum(1 for t in now if t.sector == c.specialty)) / len(now)
                >= need("professional.min_industry_share")
            )
        if age_rule is not None:
            ok.append(
                all(
                    t.founded_on is None or _months(t.founded_on, t.start_on) <= int(_dec(age_rule.value))
                    for t in now
                )
            )
        if all(ok):
            met.add(c.name)
    return tenants, met


def _carrier_table(window: MainWindow) -> tuple[dict[str, int], set[str]]:
    page = _open(window, "incubation")
    rows = _table(page, "载体名称")
    return (
        {r["载体名称"]: _number(r["在孵企业"]) for r in rows},
        {r["载体名称"] for r in rows if r["国家级孵化器条件"].startswith("✓")},
    )


def test_incubating_firms_and_qualified_carriers_equal_a_recomputation(window: MainWindow) -> None:
    with window.ctx.db.read() as s:
        tenants, met = incubation(s, TODAY)
    assert sum(tenants.values()) > 0
    assert _carrier_table(window) == (tenants, met)
    assert _card(window, "在孵企业") == sum(tenants.values())
    assert _card(window, "达到国家级孵化器条件") == len(met)
    with window.ctx.db.write() as s:  # a firm graduates yesterday; a qualified carrier's leases end
        now = [  # last week until too few firms are left for the criteria
            t
            for t in s.scalars(select(Tenancy).order_by(Tenancy.id))
            if t.start_on < TODAY - dt.timedelta(days=8)
            and (t.end_on is None or t.end_on >= TODAY)
            and t.graduated_on is None
        ]
        if met:  # the firms leave one qualified carrier only, so no other carrier changes
            carrier = s.scalars(select(Carrier).where(Carrier.name == sorted(met)[0])).one()
            rule = _rule(s, "incubation.national.min_tenants", on=TODAY, platform_id=carrier.platform_id)
            there = [t for t in now if t.carrier_id == carrier.id]
            there[0].graduated_on = TODAY - dt.timedelta(days=1)
            ended = 1
            for t in there[1 : tenants[carrier.name] - int(_dec(rule.value)) + 1]:
                t.end_on = TODAY - dt.timedelta(days=7)
                ended += 1
        else:
            now[0].graduated_on = TODAY - dt.timedelta(days=1)
            now[-1].end_on = TODAY - dt.timedelta(days=7)
            ended = 2
    _reload(window)
    with window.ctx.db.read() as s:
        after = incubation(s, TODAY)
    assert sum(after[0].values()) == sum(tenants.values()) - ended
    assert not met or after[1] == met - {sorted(met)[0]}  # the carrier no longer qualifies
    assert _carrier_table(window) == after
    assert _card(window, "在孵企业") == sum(after[0].values())
    assert _card(window, "达到国家级孵化器条件") == len(after[1])
