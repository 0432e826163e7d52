"""``python -m desktop.screenshots docs``: current screenshots of every page for the docs.

Builds a demonstration database in a temporary folder, opens the main window at
1440×900 (offscreen unless a display is asked for), shows each page in turn and saves
``<out>/screenshots/<page key>.png``, plus the main window with the welcome panel
(``welcome.png``), the import wizard's preview of a roster with mistakes
(``import_wizard.png``) and the settings dialog (``settings.png``); then every page again
at 1280×720, the smallest screen served, in Chinese and in English
(``<out>/screenshots/1280x720/{zh,en}/<page key>.png``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

SIZE = (1440, 900)
SMALL = (1280, 720)  # the smallest screen every page must serve (issue: a clerk's whole day)


def _settle(rounds: int = 5) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    for _ in range(rounds):
        loop = QEventLoop()
        QTimer.singleShot(40, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()


def _chart_tabs(page: object, shoot: Callable[[], None]) -> None:
    """Shoot the page's tab of charts, if it has one (then back to the first tab). A tab built
    when first shown (``LazyTab``) is known by its title."""
    from PySide6.QtWidgets import QTabWidget

    from desktop.i18n import tr
    from desktop.widgets.chart_panel import ChartPanel

    for tabs in page.findChildren(QTabWidget):  # type: ignore[attr-defined]
        for i in range(tabs.count()):
            tab = tabs.widget(i)
            if tabs.tabText(i) == tr("图表") or isinstance(tab, ChartPanel) or tab.findChildren(ChartPanel):
                current = tabs.currentIndex()
                tabs.setCurrentIndex(i)
                page.ctx.tasks.wait()  # type: ignore[attr-defined]  # a lazy tab's figures are read
                shoot()
                tabs.setCurrentIndex(current)
                return


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

    def save(widget: object, name: str) -> None:
        _settle()
        path = target / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(path))  # type: ignore[attr-defined]
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

    # Every page at 1280×720 in both languages, as an administrator sees them (all pages).
    admin = AppContext(db, CurrentUser(None, "admin", "admin"))
    admin.tasks = TaskRunner(admin.show_error)
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
