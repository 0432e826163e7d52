"""企业库 after a write: an edit of a few enterprises re-reads only those rows; anything else
(a new or deleted enterprise, another area) re-reads the whole register."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.enterprises.page import EnterprisePage
from models.changes import Changes
from models.enterprises import queries, services
from models.policy.queries import platform_choices
from tests.desktop.enterprises.test_page import uscc
from tests.desktop.loads import settle


@pytest.fixture
def page(qtbot, ctx, monkeypatch):  # type: ignore[no-untyped-def]
    with ctx.db.write() as s:
        platform = platform_choices(s)[0][0]
        for n, name in enumerate(["杭州甲机械有限公司", "杭州乙电子有限公司", "杭州丙医疗有限公司"], start=1):
            services.create_enterprise(s, uscc=uscc(n), name=name, platform_id=platform)
    p = EnterprisePage(ctx)
    qtbot.addWidget(p)
    ctx.changes_applied.connect(p.on_changes)
    p.reload()
    settle(ctx)
    full_reads: list[int] = []
    original = queries.list_enterprises

    def counting(session: Any, **kwargs: Any) -> Any:
        full_reads.append(1)
        return original(session, **kwargs)

    monkeypatch.setattr(queries, "list_enterprises", counting)
    p.full_reads = full_reads  # type: ignore[attr-defined]
    return p


def by_name(page: EnterprisePage, name: str) -> Any:
    return next(r for r in page.model.rows() if r.name == name)


def test_an_edit_rereads_only_the_edited_row(page: EnterprisePage) -> None:
    row = by_name(page, "杭州乙电子有限公司")
    page.select_enterprise(row.id)
    page.ctx.write(
        lambda s: services.update_enterprise(
            s, enterprise_id=row.id, version=row.version, phone="0571-88886666"
        )
    )
    settle(page.ctx)
    assert page.full_reads == []  # type: ignore[attr-defined]
    assert by_name(page, "杭州乙电子有限公司").phone == "0571-88886666"
    assert page.model.total_count() == 3
    current = page.current_row()
    assert current is not None and current.id == row.id  # the selection stays


def test_a_renamed_row_takes_its_place_in_name_order(page: EnterprisePage) -> None:
    row = by_name(page, "杭州甲机械有限公司")
    page.ctx.write(
        lambda s: services.update_enterprise(
            s, enterprise_id=row.id, version=row.version, name="杭州戊机械有限公司"
        )
    )
    settle(page.ctx)
    assert page.full_reads == []  # type: ignore[attr-defined]
    with page.ctx.db.read() as s:
        stored = [r.name for r in queries.list_enterprises(s)]
    assert [r.name for r in page.model.all_rows()] == stored


def test_a_new_enterprise_or_another_area_rereads_everything(page: EnterprisePage) -> None:
    platform = page.platforms[0][0]
    page.ctx.write(
        lambda s: services.create_enterprise(s, uscc=uscc(7), name="杭州丁科技有限公司", platform_id=platform)
    )
    settle(page.ctx)
    assert page.full_reads == [1]  # type: ignore[attr-defined]
    assert page.model.total_count() == 4
    page.ctx.changes_applied.emit(Changes.of("enterprises", "platforms", updated=1, ids=(1,)))
    settle(page.ctx)
    assert page.full_reads == [1, 1]  # type: ignore[attr-defined]


def test_a_hidden_page_only_goes_stale(page: EnterprisePage, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStackedWidget, QWidget

    stack = QStackedWidget()
    qtbot.addWidget(stack)
    stack.addWidget(page)
    other = QWidget()
    stack.addWidget(other)
    stack.setCurrentWidget(other)
    stack.show()
    row = by_name(page, "杭州丙医疗有限公司")
    page.ctx.write(
        lambda s: services.update_enterprise(
            s, enterprise_id=row.id, version=row.version, phone="0571-12345678"
        )
    )
    settle(page.ctx)
    assert page.stale and by_name(page, "杭州丙医疗有限公司").phone != "0571-12345678"
    stack.setCurrentWidget(page)
    settle(page.ctx)
    assert not page.stale and by_name(page, "杭州丙医疗有限公司").phone == "0571-12345678"
    stack.removeWidget(page)  # the page fixture closes it
    page.setParent(None)
