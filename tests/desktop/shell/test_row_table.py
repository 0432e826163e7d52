from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QPersistentModelIndex, Qt

from desktop.item_models.row_table import RowTableModel, TableColumn, area_column, parse_tsv
from desktop.widgets.filter_bar import FilterBar
from desktop.widgets.table_view import RowTableView


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    area: Decimal | None
    city: str


ROWS = [
    Row(1, "甲", Decimal("666.6667"), "临安"),
    Row(2, "乙", None, "杭州"),
    Row(3, "丙", Decimal("10"), "临安"),
    Row(4, "丁", Decimal("2.5"), ""),
]


def make_model() -> RowTableModel:
    model = RowTableModel(
        [
            TableColumn("编号", lambda r: r.id, align_right=True),
            TableColumn("名称", lambda r: r.name, editable=True),
            area_column("面积", lambda r: r.area),
            TableColumn("城市", lambda r: r.city, editable=True),
        ]
    )
    model.key = lambda r: r.id
    model.set_rows(ROWS)
    return model


def test_model_passes_modeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = make_model()
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    model.set_search("临")
    qtmodeltester.check(model)


def test_sort_puts_none_last_and_keeps_persistent_indexes() -> None:
    model = make_model()
    persistent = QPersistentModelIndex(model.index(0, 1))  # row id 1
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert [r.id for r in model.rows()] == [4, 3, 1, 2]
    assert model.row_at(persistent.row()).id == 1
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [r.id for r in model.rows()] == [4, 3, 2, 1]


def test_area_shown_in_chosen_unit(isolated_settings) -> None:  # type: ignore[no-untyped-def]
    from desktop.settings import AREA_UNIT

    isolated_settings.set(AREA_UNIT, "mu")
    model = make_model()
    assert model.headerData(2, Qt.Orientation.Horizontal) == "面积（亩）"
    assert model.text_at(0, 2) == "1.00"
    isolated_settings.set(AREA_UNIT, "m2")
    model = make_model()
    assert model.text_at(0, 2) == "666.67"


def test_column_filter_search_and_distinct_values() -> None:
    model = make_model()
    assert model.distinct_texts(3) == ["临安", "杭州", ""]
    model.set_column_filter(3, {"临安"})
    assert [r.id for r in model.rows()] == [1, 3]
    # Excel lists the values of rows passing the *other* filters
    model.set_search("丙")
    assert [r.id for r in model.rows()] == [3]
    assert model.distinct_texts(3) == ["临安"]
    assert model.has_user_filters()
    model.clear_filters()
    assert model.rowCount() == 4 and not model.has_user_filters()


def test_filter_bar_counts(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = make_model()
    bar = FilterBar(model)
    qtbot.addWidget(bar)
    assert bar.count.text() == "共 4 行"
    bar.search.setText("杭州")
    bar.apply_search()
    assert model.rowCount() == 1
    assert bar.count.text() == "显示 1 / 共 4 行"
    bar.clear()
    assert model.rowCount() == 4


def test_paste_block_goes_to_editable_columns_in_one_call() -> None:
    model = make_model()
    calls: list[list[tuple[int, int, str]]] = []
    model.on_edit = lambda row, col, text: True

    def paste(cells: list[tuple[Any, int, str]]) -> bool:
        calls.append([(r.id, c, t) for r, c, t in cells])
        return True

    model.on_paste = paste
    written = model.paste_tsv(1, 1, "戊\t不写\t宁波\n己\t\t温州\n庚\t\t多出的行被忽略\n\n")
    # rows 1..3 exist from position 1; column 2 (area) is not editable
    assert written == 6
    assert calls == [
        [(2, 1, "戊"), (2, 3, "宁波"), (3, 1, "己"), (3, 3, "温州"), (4, 1, "庚"), (4, 3, "多出的行被忽略")]
    ]


def test_paste_refused_writes_nothing() -> None:
    model = make_model()
    model.on_edit = lambda row, col, text: True
    model.on_paste = lambda cells: False
    assert model.paste_tsv(0, 1, "a\nb\n") == 0


def test_copy_selection_as_tsv(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = make_model()
    view = RowTableView(model, "test_table")
    qtbot.addWidget(view)
    indexes = [model.index(0, 0), model.index(0, 1), model.index(2, 0), model.index(2, 1)]
    assert model.selection_tsv(indexes) == "1\t甲\n3\t丙\n"


def test_view_paste_single_value_fills_selection(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = make_model()
    seen: list[tuple[int, int, str]] = []
    model.on_edit = lambda row, col, text: True

    def paste(cells: list[tuple[Any, int, str]]) -> bool:
        seen.extend((r.id, c, t) for r, c, t in cells)
        return True

    model.on_paste = paste
    view = RowTableView(model, "test_table")
    qtbot.addWidget(view)
    view.setCurrentIndex(model.index(0, 3))
    for r in range(3):
        view.selectionModel().select(model.index(r, 3), view.selectionModel().SelectionFlag.Select)
    assert view.paste("余杭") == 3
    assert sorted(seen) == [(1, 3, "余杭"), (2, 3, "余杭"), (3, 3, "余杭")]


def test_parse_tsv_handles_quotes_and_crlf() -> None:
    assert parse_tsv('a\t"b\nc"\r\n"d""e"\tf\r\n') == [["a", "b\nc"], ['d"e', "f"]]
    assert parse_tsv("x") == [["x"]]


def test_column_filter_popup_applies(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = make_model()
    view = RowTableView(model, "test_table")
    qtbot.addWidget(view)
    popup = view.open_filter(3)
    assert popup.list.count() == 3
    popup.set_checked({"杭州"})
    popup.apply()
    assert [r.id for r in model.rows()] == [2]
    popup = view.open_filter(3)
    popup.search.setText("临")
    popup._toggle_all(True)
    popup.apply()
    assert [r.id for r in model.rows()] == [1, 3]


def test_column_widths_remembered(qtbot, isolated_settings) -> None:  # type: ignore[no-untyped-def]
    model = make_model()
    view = RowTableView(model, "remember_me")
    qtbot.addWidget(view)
    view.setColumnWidth(1, 333)
    assert isolated_settings.column_widths("remember_me")[1] == 333
    again = RowTableView(make_model(), "remember_me")
    qtbot.addWidget(again)
    assert again.columnWidth(1) == 333


def test_fast_area_formatting_matches_the_exact_conversion() -> None:
    import random

    from desktop.item_models.formats import area_in_unit
    from models.units import AreaUnit, from_m2

    rng = random.Random(3)
    values = [Decimal(rng.randrange(10**12)) / 10000 for _ in range(2000)]
    values += [Decimal("0.0005"), Decimal("666.6667"), Decimal("-12.345"), Decimal(0), Decimal("0.00005")]
    for unit in AreaUnit:
        for places in (0, 2, 4):
            for v in values:
                assert area_in_unit(v, unit, places) == from_m2(v, unit, places), (v, unit, places)


def test_area_column_follows_a_unit_change(isolated_settings) -> None:  # type: ignore[no-untyped-def]
    from desktop.settings import AREA_UNIT

    isolated_settings.set(AREA_UNIT, "mu")
    model = make_model()
    assert model.text_at(0, 2) == "1.00"
    isolated_settings.set(AREA_UNIT, "ha")
    model.set_rows(ROWS)  # what a page's reload does
    assert model.text_at(0, 2) == "0.0667"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "面积（公顷）"


def test_replace_rows_puts_edited_rows_in_place_and_repaints_only_them() -> None:
    model = make_model()
    assert model.column_texts(3) == ["临安", "杭州", "临安", ""]  # cached before the edit
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    assert model.replace_rows([Row(2, "乙", Decimal("3"), "临安")])
    assert resets == [] and changed == [(1, 1)]
    assert model.row_at(1).area == Decimal("3") and model.text_at(1, 3) == "临安"
    assert model.column_texts(3) == ["临安", "临安", "临安", ""]  # the cached column follows
    assert model.row_by_key(2).city == "临安" and model.find_row(2) == 1
    assert not model.replace_rows([Row(9, "壬", None, "")])  # not held: the caller reloads
    assert model.row_by_key(9) is None


def test_replace_rows_moves_a_row_that_a_filter_or_sort_places() -> None:
    model = make_model()
    model.sort(1, Qt.SortOrder.AscendingOrder)  # by name
    model.set_search("临安")
    persistent = QPersistentModelIndex(model.index(model.find_row(3), 0))
    counted: list[int] = []
    model.filters_changed.connect(lambda: counted.append(model.rowCount()))
    assert [r.id for r in model.rows()] == [3, 1]  # 丙, 甲 (code-point order)
    assert model.replace_rows([Row(2, "乙", None, "临安"), Row(1, "甲", None, "杭州")])
    assert [r.id for r in model.rows()] == [3, 2]  # 乙 joins the search, 甲 leaves it
    assert counted == [2]
    assert model.row_at(persistent.row()).id == 3
    assert model.find_row(1) == -1 and model.find_row(2) == 1
