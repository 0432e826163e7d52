"""Every heading and task of the guide's window pages is listed in tasks.TASKS, and every test
named there exists: a new task in the guide without its keyboard test fails here."""

from __future__ import annotations

from types import ModuleType

from tests.desktop.keyboard import (
    test_admin,
    test_buildings,
    test_efficiency,
    test_enterprises,
    test_exchange,
    test_incubation,
    test_land,
    test_printing,
    test_quotas,
    test_renewal,
)
from tests.desktop.keyboard.guide import WINDOW_PAGES, headings, task_items
from tests.desktop.keyboard.tasks import TASKS, Missing, NotATask

MODULES: dict[str, ModuleType] = {
    m.__name__.rsplit(".", 1)[1]: m
    for m in (
        test_admin,
        test_buildings,
        test_efficiency,
        test_enterprises,
        test_exchange,
        test_incubation,
        test_land,
        test_printing,
        test_quotas,
        test_renewal,
    )
}


def test_every_heading_and_task_of_the_guide_is_listed() -> None:
    assert set(TASKS) == set(WINDOW_PAGES)
    for page in WINDOW_PAGES:
        found = set(headings(page)) | set(task_items(page))
        assert found, page
        assert set(TASKS[page]) == found, (
            page,
            f"in the guide, not listed: {sorted(found - set(TASKS[page]))}",
            f"listed, not in the guide: {sorted(set(TASKS[page]) - found)}",
        )


def test_every_listed_test_exists() -> None:
    for page, tasks in TASKS.items():
        for task, entry in tasks.items():
            if isinstance(entry, (NotATask, Missing)):
                assert entry.reason, (page, task)
                continue
            assert entry, (page, task)
            for name in entry:
                module, function = name.split("::")
                assert callable(getattr(MODULES[module], function, None)), (page, task, name)


def test_the_task_reader_finds_the_ledger_tasks() -> None:
    assert task_items("quotas")[:7] == [
        "登记下达",
        "分配",
        "使用",
        "推进环节",
        "收回",
        "撤销",
        "按优先顺序安排",
    ]
    assert task_items("efficiency") == ["导入年度数据", "评价", "调整规则", "导出"]
