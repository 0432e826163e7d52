"""Column specs of the buildings page's tables and the table view they share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.basis import shown_basis
from desktop.buildings.floor_grid import floor_label
from desktop.buildings.text import (
    SEVERITY_MARK,
    area_text,
    money_text,
    pct_text,
    severity_label,
    status_label,
    use_label,
)
from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.printing.attach import attach_print_menu


def make_table(parent: QWidget, model: RowTableModel) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    attach_print_menu(view)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(True)
    for i, col in enumerate(model.columns):
        view.setColumnWidth(i, col.width)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return view


def building_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("楼宇编号"), lambda r: r.code, width=86),
        TableColumn(tr("楼宇名称"), lambda r: r.name, width=176),
        TableColumn(tr("平台"), lambda r: r.platform_name, width=100),
        TableColumn(tr("已转让比例"), lambda r: r.ratio, pct_text, align_right=True, width=78),
        TableColumn(tr("上限"), lambda r: r.cap, pct_text, align_right=True, width=56),
        TableColumn(
            tr("状态"),
            lambda r: r.severity,
            lambda s: f"{SEVERITY_MARK.get(s, '·')} {severity_label(s)}",
            width=84,
        ),
        TableColumn(tr("总建筑面积（㎡）"), lambda r: r.total_m2, area_text, align_right=True, width=104),
        TableColumn(tr("已转让（㎡）"), lambda r: r.transferred_m2, area_text, align_right=True, width=92),
        TableColumn(tr("单元数"), lambda r: r.unit_count, align_right=True, width=50),
        TableColumn(
            tr("上限依据"),
            lambda r: shown_basis(r.cap_document) + (tr("（本楼）") if r.cap_is_own else ""),
            width=170,
        ),
    ]


def unit_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("楼层"), lambda r: r.floor, floor_label, width=50),
        TableColumn(tr("单元号"), lambda r: r.number, width=70),
        TableColumn(tr("面积（㎡）"), lambda r: r.area_m2, area_text, align_right=True, width=90),
        TableColumn(tr("用途"), lambda r: r.use, use_label, width=60),
        TableColumn(tr("状态"), lambda r: r.status, status_label, width=64),
        TableColumn(tr("权利人"), lambda r: r.owner_name, width=200),
        TableColumn(tr("取得日期"), lambda r: r.acquired_on, width=90),
    ]


def transfer_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("转让日期"), lambda r: r.transfer_date, width=90),
        TableColumn(tr("单元"), lambda r: r.unit_numbers, width=120),
        TableColumn(tr("受让企业"), lambda r: r.buyer_name, width=190),
        TableColumn(tr("面积（㎡）"), lambda r: r.area_m2, area_text, align_right=True, width=90),
        TableColumn(tr("成交价（万元）"), lambda r: r.price, money_text, align_right=True, width=100),
        TableColumn(tr("批准文号"), lambda r: r.approval_no, width=140),
        TableColumn(tr("类型"), lambda r: r.is_resale, lambda v: tr("再转让") if v else tr("首次"), width=60),
        TableColumn(tr("越权批准"), lambda r: r.override_document if r.overridden else "", width=120),
    ]
