"""``python -m desktop.screenshots docs``: current screenshots of every page for the docs.

Builds a demonstration database in a temporary folder, opens the main window at
1440×900 (offscreen unless a display is asked for), shows each page in turn and saves
``<out>/screenshots/<page key>.png``, plus the main window with the welcome panel
(``welcome.png``), the import wizard's preview of a roster with mistakes
(``import_wizard.png``), the settings dialog (``settings.png``), each page's tab of charts
(``<page key>_charts.png``) and the states the user guide shows (``EXTRA_SHOTS``); then every
page again at 1280×720, the smallest screen served, in Chinese and in English
(``<out>/screenshots/1280x720/{zh,en}/<page key>.png``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

SIZE = (1440, 900)
SMALL = (1280, 720)  # the smallest screen every page must serve (issue: a clerk's whole day)

# What is written besides ``<page key>.png``, ``<page key>_charts.png`` and
# ``1280x720/{zh,en}/<page key>.png`` (tests/desktop/shell/test_screenshot_names.py checks that
# docs/screenshots holds nothing else).
EXTRA_SHOTS = (
    "welcome",
    "main_window",
    "import_wizard",
    "settings",
    "login",
    "policy_choices",
    "plots_indicators",
    "map_detail",
    "map_efficiency",
    "map_low_efficiency",
    "map_renewal",
    "buildings_transfer_dialog",
    "incubation_tenancies",
    "incubation_vacancy",
    "incubation_manager",
)
DETAIL_PLOT = "QSH-2009-007"  # a plot with a hole: its boundary-point table has two rings


def _settle(rounds: int = 5) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    for _ in range(rounds):
        loop = QEventLoop()
        QTimer.singleShot(40, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()


def _chart_tabs(page: Any, shoot: Callable[[], None]) -> None:
    """Shoot the page's tab of charts, if it has one (then back to the tab shown before). A
    tab built when first shown (``LazyTab``) is known by its title."""
    from desktop.i18n import tr
    from desktop.widgets.chart_panel import ChartPanel

    def charts(title: str, tab: Any) -> bool:
        return title == tr("图表") or isinstance(tab, ChartPanel) or bool(tab.findChildren(ChartPanel))

    found = _find_tab(page, charts)
    if found is not None:
        tabs, i = found
        current = tabs.currentIndex()
        _show_tab(page, tabs, i)
        shoot()
        tabs.setCurrentIndex(current)


def _find_tab(page: Any, match: Callable[[str, Any], bool]) -> tuple[Any, int] | None:
    """The first of the page's tabs ``match(title, tab widget)`` accepts: (its tab widget, index)."""
    from PySide6.QtWidgets import QTabWidget

    for tabs in page.findChildren(QTabWidget):
        for i in range(tabs.count()):
            if match(tabs.tabText(i), tabs.widget(i)):
                return tabs, i
    return None


def _show_tab(page: Any, tabs: Any, i: int) -> None:
    tabs.setCurrentIndex(i)
    page.ctx.tasks.wait()  # a lazy tab's data are read
    _settle()


Save = Callable[[Any, str], None]


def _page(window: Any, key: str) -> Any:
    """Show the page ``key`` in ``window`` with its data read."""
    if not window.select_page(key):
        raise LookupError(key)
    page = window.page_by_key(key)
    page.ctx.tasks.wait()
    _settle()
    return page


def _open_tab(page: Any, title: str) -> None:
    """Show the tab titled ``title`` (translated) among the page's tab widgets."""
    found = _find_tab(page, lambda text, _tab: text == title)
    if found is None:
        raise LookupError(title)
    _show_tab(page, *found)


def _scene_rect(rings: list[tuple[tuple[float, float], ...]], margin: float) -> Any:
    """The map scene's rectangle around ``rings`` (easting, northing; the scene's y is −northing)."""
    from PySide6.QtCore import QRectF

    xs = [e for ring in rings for e, _n in ring]
    ys = [-n for ring in rings for _e, n in ring]
    rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    dx, dy = rect.width() * margin, rect.height() * margin
    return rect.adjusted(-dx, -dy, dx, dy)


def _policy_shots(window: Any, save: Save) -> None:
    """政策参数 → 选项列表 (docs/guide/admin.md)."""
    from desktop.i18n import tr

    page = _page(window, "policy")
    _open_tab(page, tr("选项列表"))
    save(window, "policy_choices")
    page.tabs.setCurrentIndex(0)


def _plot_shots(window: Any, save: Save) -> None:
    """地块 → 标准地指标 of a plot with indicators (docs/guide/land.md)."""
    from desktop.i18n import tr

    page = _page(window, "plots")
    with page.ctx.db.read() as s:
        wanted = _plot_with_indicators(s)
    page.select_plot(wanted)
    _open_tab(page, tr("标准地指标"))
    save(window, "plots_indicators")
    _open_tab(page, tr("详情"))


def _plot_with_indicators(session: Any) -> int:
    """The demo plot with the most 标准地 indicators (the first such by id)."""
    from models.land.queries import plot_choices, plot_indicators

    ids = sorted(pid for pid, _code in plot_choices(session))
    return max(ids, key=lambda pid: (len(plot_indicators(session, pid)), -pid))


def _map_shots(window: Any, save: Save) -> None:
    """地块地图: a plot selected with its boundary points, then the platform around it coloured
    by 亩均效益等级, 低效用地类型 and 腾笼换鸟阶段 (docs/guide/land.md)."""
    from PySide6.QtCore import Qt

    page = _page(window, "map")
    plots = {p.code: p for p in page.data.plots}
    plot = plots.get(DETAIL_PLOT) or page.data.plots[0]
    page.selection.select(plot.id)
    _settle()
    page.map.fitInView(_scene_rect(list(plot.rings), 1.2), Qt.AspectRatioMode.KeepAspectRatio)
    save(window, "map_detail")
    prefix = plot.code.split("-")[0] + "-"
    around = [ring for p in page.data.plots if p.code.startswith(prefix) for ring in p.rings[:1]]
    page.map.fitInView(_scene_rect(around, 0.05), Qt.AspectRatioMode.KeepAspectRatio)
    for mode, name in (
        ("efficiency_class", "map_efficiency"),
        ("low_eff_kind", "map_low_efficiency"),
        ("renewal_stage", "map_renewal"),
    ):
        page.mode_box.setCurrentIndex(page.mode_box.findData(mode))
        save(window, name)
    page.mode_box.setCurrentIndex(page.mode_box.findData("status"))
    page.map.fit_all()


def _transfer_shot(window: Any, save: Save) -> None:
    """工业楼宇 → 登记转让…: held production units, the largest first, to a manufacturer until
    one rule fails (the cap on the share transferred), checked live (docs/guide/buildings.md)."""
    from models.buildings.entities import UnitStatus, UnitUse

    page = _page(window, "buildings")
    dialog = page.open_transfer(resale=False)
    dialog.set_buyer(next(b for b in dialog.buyers if b.is_manufacturing).id)
    held = sorted(
        (u for u in dialog.units if u.status == UnitStatus.HELD.value and u.use == UnitUse.PRODUCTION.value),
        key=lambda u: (-u.area_m2, -u.floor, u.number),
    )
    chosen: list[int] = []
    for unit in held:
        chosen.append(unit.id)
        dialog.grid.set_selected(chosen, emit=True)
        dialog.run_checks()
        if dialog.errors():
            break
    save(dialog, "buildings_transfer_dialog")
    dialog.reject()


def _incubation_shots(window: Any, save: Save) -> None:
    """孵化载体 → 入驻企业 of the first carrier, and the 空置清单 tab (docs/guide/incubation.md)."""
    from desktop.i18n import tr

    page = _page(window, "incubation")
    page.view.selectRow(0)
    _open_tab(page, tr("入驻企业"))
    save(window, "incubation_tenancies")
    page.detail.setCurrentIndex(0)
    _open_tab(page, tr("空置清单"))
    save(window, "incubation_vacancy")
    page.tabs.setCurrentIndex(0)


def _manager_shot(path: Path, save: Save) -> None:
    """The window as the demo's carrier manager sees it: their carriers only, on 月度登记."""
    from desktop.context import AppContext, CurrentUser
    from desktop.i18n import tr
    from desktop.main_window import MainWindow
    from desktop.tasks import TaskRunner
    from models.accounts.queries import list_users
    from models.database import open_database
    from models.incubation.demo import MANAGER

    db = open_database(path)
    with db.read() as s:
        (manager,) = [u.id for u in list_users(s) if u.username == MANAGER[0]]
    db.user_id, db.actor = manager, MANAGER[0]
    ctx = AppContext(db, CurrentUser(manager, MANAGER[0], "carrier_manager"))
    ctx.tasks = TaskRunner(ctx.show_error)
    window = MainWindow(ctx, show_welcome=False)
    window.resize(*SIZE)
    window.show()
    page = _page(window, "incubation")
    page.view.selectRow(0)
    _open_tab(page, tr("月度登记"))
    save(window, "incubation_manager")
    window.close()
    ctx.tasks.wait()
    db.dispose()


def _users_shot(ctx: Any, save: Save) -> None:
    """用户管理, which only an administrator sees: the carrier manager selected with their carriers."""
    from desktop.main_window import MainWindow
    from models.incubation.demo import MANAGER

    window = MainWindow(ctx, show_welcome=False)
    window.resize(*SIZE)
    window.show()
    page = _page(window, "users")
    rows = [r.username for r in page.model.rows()]
    page.table.selectRow(rows.index(MANAGER[0]))
    save(window, "users")
    window.close()
    ctx.tasks.wait()


def _login_shot(db: Any, save: Save) -> None:
    """The login asked for when the database has several users (docs/guide/admin.md)."""
    from desktop.admin.login_dialog import LoginDialog
    from models.incubation.demo import MANAGER

    dialog = LoginDialog(db)
    dialog.username.setText(MANAGER[0])
    dialog.password.setText(MANAGER[1])
    dialog.show()
    save(dialog, "login")
    dialog.close()


def _bad_roster(path: Path) -> Path:
    from openpyxl import Workbook

    from models.uscc import check_char

    def code(n: int) -> str:
        first17 = f"91330185MA2{n:06d}"
        return first17 + check_char(first17)

    wb = Workbook()
    ws = wb.active
    ws.title = "企业名册"
    ws.append(["2024年 玲珑工业功能区 企业名册（报送）"])
    ws.append(["序号", "企业名称", "统一社会信用代码", "所属平台", "产业链", "联系人", "联系电话"])
    ws.append([1, "杭州玲珑精密机械有限公司", code(101).lower(), "玲珑", "高端装备", "王工", "0571-63000001"])
    ws.append(
        [
            2,
            "杭州玲珑芯片封装有限公司",
            code(102)[:-1] + ("0" if code(102)[-1] != "0" else "1"),
            "LL",
            "集成电路",
            "李工",
            "0571-63000002",
        ]
    )
    ws.append(
        [3, "杭州玲珑生物科技有限公司", code(103), "玲珑工业功能区", "生物医药", "赵工", "0571-63000003"]
    )
    ws.append([4, "杭州玲珑新材料有限公司", code(104)[:15], "玲珑", "其他", "钱工", "0571-63000004"])
    ws.append(["合计", "4 家"])
    ws.append(["注：信用代码以营业执照为准。"])
    wb.save(path)
    return path


def take(out: Path) -> list[Path]:  # noqa: PLR0915  one screenshot after another, in the order the docs show them
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="landspace-shots-"))
    os.environ.setdefault("LANDSPACE_SETTINGS", str(folder / "settings.ini"))
    from desktop.context import AppContext, CurrentUser
    from desktop.i18n import set_language
    from desktop.main_window import MainWindow, make_application, page_key
    from desktop.settings import AREA_UNIT, settings
    from desktop.tasks import TaskRunner
    from desktop.widgets.import_wizard import ImportWizard
    from desktop.widgets.preview import demo_database
    from desktop.widgets.settings_dialog import SettingsDialog
    from models.database import open_database

    _app = make_application()  # held for the whole run
    set_language("zh")
    settings().set(AREA_UNIT, "mu")
    target = out / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(widget: Any, name: str) -> None:
        _settle()
        path = target / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(path))
        saved.append(path)

    # the welcome panel, on a new empty database
    empty = open_database(folder / "empty.sqlite3")
    window = MainWindow(AppContext(empty, CurrentUser(None, "clerk", "admin")))
    window.resize(*SIZE)
    window.show()
    save(window, "welcome")
    window.close()
    empty.dispose()

    db = demo_database(folder)
    ctx = AppContext(db, CurrentUser(None, "zhang.wei", "clerk"))
    ctx.tasks = TaskRunner(ctx.show_error)
    window = MainWindow(ctx, show_welcome=False)
    window.resize(*SIZE)
    window.show()
    for row, cls in enumerate(window.classes):
        window.show_page(row)
        page = window.pages[row]
        select = getattr(page, "view", None)
        if select is not None and page.model.rowCount():  # type: ignore[attr-defined]
            select.selectRow(0)
        _settle()
        save(window, page_key(cls))
        if row == 0:
            save(window, "main_window")
        _chart_tabs(page, partial(save, window, f"{page_key(cls)}_charts"))
    for shots in (_policy_shots, _plot_shots, _map_shots, _transfer_shot, _incubation_shots):
        shots(window, save)

    wizard = ImportWizard(
        AppContext(db, ctx.user), "enterprises", window, path=_bad_roster(folder / "玲珑企业名册.xlsx")
    )
    wizard.resize(1100, 640)
    wizard.show()
    wizard.start_dry_run()  # no task runner on this context: runs at once
    save(wizard, "import_wizard")
    wizard.close()

    dialog = SettingsDialog(str(db.path), window)
    dialog.show()
    save(dialog, "settings")
    dialog.close()
    window.close()
    ctx.tasks.wait()
    _login_shot(db, save)
    _manager_shot(db.path, save)

    # Every page at 1280×720 in both languages, as an administrator sees them (all pages).
    admin = AppContext(db, CurrentUser(None, "admin", "admin"))
    admin.tasks = TaskRunner(admin.show_error)
    _users_shot(admin, save)
    for language in ("zh", "en"):
        set_language(language)
        small = MainWindow(admin, show_welcome=False)
        small.resize(*SMALL)
        small.show()
        for row, cls in enumerate(small.classes):
            small.show_page(row)
            admin.tasks.wait()
            _settle()
            save(small, f"1280x720/{language}/{page_key(cls)}")
        small.close()
        admin.tasks.wait()
    set_language("zh")
    db.dispose()
    return saved


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("docs")
    for path in take(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
