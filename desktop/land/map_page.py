"""The map page: plots over platform boundaries, coloured by status / source /
low-efficiency kind / efficiency class, with a legend; the plot list beside it
(click either one to select), the selected plot's vertex table, PNG export.

Run alone on a demo database: ``python -m desktop.land.map_page [DB]``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import choice_labels, release
from desktop.choice_labels import choice_text
from desktop.context import AppContext
from desktop.i18n import tr
from desktop.item_models.formats import format_area
from desktop.item_models.row_table import RowTableModel, TableColumn, area_column
from desktop.land import colours
from desktop.land.format import dec
from desktop.land.map_sheet import ChosenPlot, sheet_document
from desktop.land.map_view import ColourClass, PlotMapView, PreparedPlots, prepare_plots
from desktop.land.selection import plot_selection
from desktop.page import Page
from desktop.printing.attach import attach_print_menu
from desktop.printing.dialogs import export_pdf, print_document, print_preview
from desktop.printing.document import PrintDocument
from desktop.widgets.file_dialogs import save_file_name
from desktop.widgets.filter_bar import FilterBar
from desktop.widgets.keyboard import table_keys
from desktop.widgets.table_view import RowTableView
from models.efficiency.queries import latest_classes
from models.land import queries
from models.land.queries import MapPlatform, MapPlot, PlotRow, VertexRow
from models.progress import Progress
from models.renewal.queries import plot_stages


@dataclass(frozen=True)
class MapData:
    plots: list[MapPlot]
    platforms: list[MapPlatform]
    rows: list[PlotRow]
    prepared: PreparedPlots | None = None  # the plots' paths and index for ``mode``
    mode: str = ""
    counts: dict[str, int] | None = None  # plots per colour class of ``mode`` (the legend)


def load_map_data(ctx: AppContext, _progress: Progress | None = None, mode: str | None = None) -> MapData:
    """The map's rows; with ``mode`` also its paths (built here, on the worker thread)."""
    with ctx.db.read() as s:
        choice_labels.refresh(s)
        plots = queries.map_plots(s, classes=latest_classes(s), stages=plot_stages(s))
        data = MapData(plots, queries.map_platforms(s), queries.list_plots(s))
    if mode is None:
        return data
    classify = colours.classifier(mode)
    return replace(
        data, prepared=prepare_plots(plots, classify), mode=mode, counts=class_counts(plots, classify)
    )


def class_counts(plots: Sequence[MapPlot], classify: Callable[[MapPlot], ColourClass]) -> dict[str, int]:
    """Plots per colour class (the legend's counts)."""
    return dict(Counter(classify(p).key for p in plots))


def vertex_columns(*, editable: bool = False) -> list[TableColumn]:
    """点号 | 圈号 | X | Y | 边长; with ``editable`` the name and coordinates can be typed or pasted."""
    return [
        TableColumn(tr("点号"), lambda v: v.name, width=50, editable=editable),
        TableColumn(tr("圈号"), lambda v: v.ring, align_right=True, width=40),
        TableColumn(
            tr("X（北）"), lambda v: v.x, lambda x: f"{x:.3f}", align_right=True, width=100, editable=editable
        ),
        TableColumn(
            tr("Y（东）"), lambda v: v.y, lambda y: f"{y:.3f}", align_right=True, width=90, editable=editable
        ),
        TableColumn(tr("边长（米）"), lambda v: v.edge_m, dec, align_right=True, width=70),
    ]


def make_table(model: RowTableModel, *, sortable: bool = True) -> QTableView:
    view = QTableView()
    table_keys(view)
    attach_print_menu(view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setDefaultSectionSize(22)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().hide()
    if sortable:
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    metrics = view.horizontalHeader().fontMetrics()
    for i, c in enumerate(model.columns):  # never narrower than the header text (+ sort arrow)
        view.setColumnWidth(i, max(c.width, metrics.horizontalAdvance(c.title) + 28))
    view.horizontalHeader().setStretchLastSection(True)
    return view


class MapPage(Page):
    key = "map"
    areas = ("land", "platforms", "efficiency", "enterprises")
    reads = ("plots", "efficiency_results")

    @classmethod
    def title(cls) -> str:
        return tr("地块地图")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.selection = plot_selection(ctx)
        self.data = MapData([], [], [])
        self.mode = "status"
        self._build()
        self.selection.changed.connect(self._on_shared_selection)

    # --- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.mode_box = QComboBox()
        for m in colours.MODES:
            self.mode_box.addItem(colours.mode_title(m), m)
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        fit = QPushButton(tr("全图"))
        zoom_in, zoom_out = QPushButton("+"), QPushButton("\u2212")
        export = QPushButton(tr("导出 PNG…"))
        sheet = QPushButton(tr("出图（打印 / PDF）…"))
        sheet.clicked.connect(self.open_sheet_dialog)
        self.map = PlotMapView()
        fit.clicked.connect(self.map.fit_all)
        zoom_in.clicked.connect(lambda: self.map.zoom(1.25))
        zoom_out.clicked.connect(lambda: self.map.zoom(0.8))
        export.clicked.connect(self._export_png)
        self.map.plot_clicked.connect(self._on_map_click)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("着色：")))
        bar.addWidget(self.mode_box)
        bar.addWidget(fit)
        bar.addWidget(zoom_in)
        bar.addWidget(zoom_out)
        bar.addStretch(1)
        bar.addWidget(sheet)
        bar.addWidget(export)

        self.table_model = RowTableModel(
            [
                TableColumn(tr("地块编号"), lambda r: r.code, width=110),
                TableColumn(tr("名称"), lambda r: r.name, width=110),
                TableColumn(
                    tr("状态"), lambda r: r.status, lambda v: choice_text("plot_status", v), width=56
                ),
                area_column(tr("面积"), lambda r: r.geom_area_m2, width=70),
            ],
            self,
        )
        self.table_model.key = lambda r: r.id
        self.search = FilterBar(self.table_model)
        self.table = RowTableView(self.table_model, "map-plots")
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.search)
        lv.addWidget(self.table)

        self.legend = QListWidget()
        self.legend.setIconSize(QSize(16, 12))
        self.legend.setMaximumHeight(170)
        self.info = QLabel(tr("点击地图或列表选择地块"))
        self.info.setWordWrap(True)
        self.vertex_model = RowTableModel(vertex_columns(), self)
        self.vertices = make_table(self.vertex_model, sortable=False)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(QLabel(tr("图例")))
        rv.addWidget(self.legend)
        rv.addWidget(self.info)
        rv.addWidget(QLabel(tr("界址点坐标（X 北、Y 东，CGCS2000 3 度带 EPSG:4549）")))
        rv.addWidget(self.vertices, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.map)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([390, 720, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # --- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        mode = self.mode
        self.load(lambda p: load_map_data(self.ctx, p, mode), self._apply, title=tr("读取地图"))

    def _apply(self, data: MapData) -> None:
        first = not self.data.plots
        release.later(self.data)  # the old plots and rows are freed in later turns
        self.data = data
        self.map.set_platforms(data.platforms)
        same_mode = data.mode == self.mode
        self.map.set_plots(data.plots, colours.classifier(self.mode), data.prepared if same_mode else None)
        self.table_model.set_rows(data.rows)
        self._fill_legend(data.counts if same_mode else None)
        if first:
            self.map.fit_all()
        if self.selection.current is not None:
            self._show(self.selection.current, centre=first)

    def _mode_changed(self) -> None:
        self.mode = str(self.mode_box.currentData())
        self.map.recolour(colours.classifier(self.mode))
        self._fill_legend()

    def _fill_legend(self, counts: dict[str, int] | None = None) -> None:
        """The legend with each class's plots (``counts`` counted on the worker, else here)."""
        if counts is None:
            counts = class_counts(self.data.plots, colours.classifier(self.mode))
        self.legend.clear()
        for cls in colours.legend(self.mode):
            item = QListWidgetItem(
                _swatch(cls.colour), tr("{label}（{n}）", label=cls.label, n=counts.get(cls.key, 0))
            )
            self.legend.addItem(item)

    # --- selection -------------------------------------------------------------------------
    def _on_map_click(self, plot_id: int) -> None:
        self._show(plot_id, centre=False)
        self.selection.select(plot_id)

    def _on_table_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.table_model.row_at(current.row())
        self._show(row.id, centre=True)
        self.selection.select(row.id)

    def _on_shared_selection(self, plot_id: int) -> None:
        if self.map.selected_id() != plot_id:
            self._show(plot_id, centre=True)

    def _show(self, plot_id: int, *, centre: bool) -> None:
        self.map.select_plot(plot_id, centre=centre)
        self._select_row(plot_id)
        with self.ctx.db.read() as s:
            verts = queries.plot_vertices(s, plot_id)
        self.vertex_model.set_rows(verts)
        self.map.set_vertex_labels([(v.name, float(v.y), float(v.x)) for v in verts])
        row = next((r for r in self.data.rows if r.id == plot_id), None)
        self.info.setText(self._describe(row, verts) if row else "")

    def _select_row(self, plot_id: int) -> None:
        for i, r in enumerate(self.table_model.rows()):
            if r.id == plot_id:
                index = self.table_model.index(i, 0)
                if self.table.currentIndex().row() != i:
                    self.table.selectionModel().blockSignals(True)
                    self.table.setCurrentIndex(index)
                    self.table.selectionModel().blockSignals(False)
                self.table.scrollTo(index)
                return

    @staticmethod
    def _describe(row: PlotRow, verts: list[VertexRow]) -> str:
        perimeter = sum((v.edge_m for v in verts), Decimal(0))
        return tr(
            "{code} {name}\n{platform} · {status} · {holder}\n计算面积 {area}（{m2} ㎡），周长 {perimeter} 米",  # noqa: E501
            code=row.code,
            name=row.name,
            platform=row.platform_name or tr("未归属平台"),
            status=choice_text("plot_status", row.status) or "—",
            holder=row.holder_name or tr("无权利人"),
            area=format_area(row.geom_area_m2, with_unit=True),
            m2=dec(row.geom_area_m2),
            perimeter=dec(perimeter),
        )

    # --- map sheet -------------------------------------------------------------------------
    def open_sheet_dialog(self) -> None:
        MapSheetDialog(self).exec()

    def chosen_ids(self) -> list[int]:
        """The plots a map sheet of "selected plots" shows: the rows selected in the list
        (Ctrl/Shift+click selects several), else the plot selected on the map."""
        model = self.table_model
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        ids = [model.row_at(r).id for r in rows if 0 <= r < model.rowCount()]
        if len(ids) > 1:
            return ids
        selected = self.map.selected_id()
        return [selected] if selected is not None else ids

    def sheet_document(
        self, scope: str = "view", *, paper: str = "A4", orientation: str = "landscape", title: str = ""
    ) -> PrintDocument:
        """The map sheet of ``scope``: ``selected`` (the chosen plots, with their 界址点坐标表),
        ``view`` (what the map shows) or ``all`` (every plot)."""
        chosen: list[ChosenPlot] = []
        if scope == "selected":
            by_id = {p.id: p for p in self.data.plots}
            rows = {r.id: r for r in self.data.rows}
            with self.ctx.db.read() as s:
                chosen = [
                    ChosenPlot(by_id[i], rows.get(i), queries.plot_vertices(s, i))
                    for i in self.chosen_ids()
                    if i in by_id and by_id[i].rings
                ]
        return sheet_document(
            self.map.scene(),
            self.data.plots,
            colours.legend(self.mode),
            colours.classifier(self.mode),
            scope=scope,
            chosen=chosen,
            view_extent=self.map.mapToScene(self.map.viewport().rect()).boundingRect(),
            hide=self.map.selection_items(),
            mode_title=colours.mode_title(self.mode),
            title=title,
            author=self.ctx.user.username,
            paper=paper,
            orientation=orientation,
        )

    def _export_png(self) -> None:
        path, _ = save_file_name(self, tr("导出地图"), "map.png", "PNG (*.png)")
        if path:
            self.map.render_png(path)


class MapSheetDialog(QDialog):
    """出图: the extent, the paper and its orientation, the title; then PDF, preview or print."""

    def __init__(self, page: MapPage) -> None:
        super().__init__(page)
        self.page = page
        self.setWindowTitle(tr("出图"))
        form = QFormLayout(self)
        self.scope = QComboBox()
        chosen = len(page.chosen_ids())
        if chosen:
            self.scope.addItem(tr("选定地块（{n} 宗，含界址点坐标表）", n=chosen), "selected")
        self.scope.addItem(tr("当前视图"), "view")
        self.scope.addItem(tr("全部地块"), "all")
        self.paper = QComboBox()
        self.paper.addItems(["A4", "A3"])
        self.orientation = QComboBox()
        self.orientation.addItem(tr("横向"), "landscape")
        self.orientation.addItem(tr("纵向"), "portrait")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(tr("默认：地块分布图 / 地块图"))
        form.addRow(tr("范围"), self.scope)
        form.addRow(tr("纸张大小"), self.paper)
        form.addRow(tr("方向"), self.orientation)
        form.addRow(tr("标题"), self.title_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for text, action in (
            (tr("导出 PDF…"), lambda: export_pdf(self, self.document, ask_paper=False)),
            (tr("打印预览…"), lambda: print_preview(self, self.document)),
            (tr("打印…"), lambda: print_document(self, self.document)),
        ):
            button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(action)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def document(self) -> PrintDocument:
        return self.page.sheet_document(
            str(self.scope.currentData()),
            paper=self.paper.currentText(),
            orientation=str(self.orientation.currentData()),
            title=self.title_edit.text().strip(),
        )


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(16, 12)
    pixmap.fill(colour)
    return QIcon(pixmap)


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(MapPage, sys.argv[1:]))
