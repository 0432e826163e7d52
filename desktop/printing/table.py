"""A ``RowTableModel`` as shown (its rows in their order, the filters in force) as a
``PrintDocument``; ``describe_filters`` writes the filters out in words."""

from __future__ import annotations

from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel
from desktop.printing.document import PrintDocument, Table

LISTED = 8  # values of a column filter written out; the rest are counted


def describe_filters(model: RowTableModel, page_filter: str = "") -> list[str]:
    lines = []
    if page_filter:
        lines.append(tr("条件：{text}", text=page_filter))
    for column in range(model.columnCount()):
        allowed = model.column_filter(column)
        if allowed is None:
            continue
        values = sorted(allowed)
        shown = "、".join(v or tr("（空白）") for v in values[:LISTED])
        if len(values) > LISTED:
            shown += tr(" 等 {n} 项", n=len(values))
        lines.append(tr("筛选 {column}：{values}", column=model.columns[column].title, values=shown))
    if model.search_text():
        lines.append(tr("搜索：{text}", text=model.search_text()))
    shown_rows, total = model.rowCount(), model.total_count()
    if not lines and not model.is_filtered():
        lines.append(tr("全部 {total} 行（未筛选）", total=total))
    else:
        if model.is_filtered() and not page_filter and not model.has_user_filters():
            lines.append(tr("按页面所选条件筛选"))
        lines.append(tr("显示 {shown} / 共 {total} 行", shown=shown_rows, total=total))
    return lines


def table_block(model: RowTableModel, caption: str = "", *, stretch: bool = False) -> Table:
    columns = range(model.columnCount())
    rows = [[model.text_at(r, c) for c in columns] for r in range(model.rowCount())]
    return Table(
        headers=[c.title for c in model.columns],
        rows=rows,
        align_right=[c.align_right for c in model.columns],
        caption=caption,
        stretch=stretch,
    )


def table_document(
    model: RowTableModel, title: str, *, author: str = "", page_filter: str = ""
) -> PrintDocument:
    return PrintDocument(
        title=title, lines=describe_filters(model, page_filter), author=author, blocks=[table_block(model)]
    )
