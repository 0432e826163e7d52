"""Every page is usable at 1280×720 logical pixels: with every page opened, the main window's
minimum size still fits (it needed 1336 px once the quota page was opened), in both languages."""

from __future__ import annotations

import random

import pytest

from desktop.i18n import set_language
from desktop.main_window import MainWindow, page_key
from desktop.pages import page_classes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_main_window_fits_1280_by_720_with_every_page_open(qtbot, ctx, lang: str) -> None:  # type: ignore[no-untyped-def]
    from models.quotas.demo import seed_demo

    with ctx.db.write() as s:
        seed_demo(s, random.Random(1))
    set_language(lang)
    try:
        window = MainWindow(ctx, show_welcome=False)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        opened = []
        for cls in page_classes():
            assert window.select_page(page_key(cls))
            opened.append(page_key(cls))
            hint = window.minimumSizeHint()
            assert hint.width() <= 1280 and hint.height() <= 720, (page_key(cls), hint)
        assert "quotas" in opened and len(opened) == len(page_classes())
        assert window.width() <= 1280 and window.height() <= 720
    finally:
        set_language("zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_navigation_labels_are_not_cut_off(qtbot, ctx, lang: str) -> None:  # type: ignore[no-untyped-def]
    set_language(lang)
    try:
        window = MainWindow(ctx, show_welcome=False)
        qtbot.addWidget(window)
        metrics = window.nav.fontMetrics()
        for i in range(window.nav.count()):
            text = window.nav.item(i).text()
            assert metrics.horizontalAdvance(text) + 20 + 40 <= window.nav.width(), text
    finally:
        set_language("zh")


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_overview_shows_every_card(qtbot, ctx, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    from desktop.overview.page import OverviewPage
    from models.quotas.demo import seed_demo

    with ctx.db.write() as s:
        seed_demo(s, random.Random(1))
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.resize(width - 200, height - 60)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: bool(page.card_widgets))
    page.resize(width - 200, height - 60)
    # once the layout has settled (a scroll bar appearing re-wraps the cards' texts in a later
    # turn): every card at its full height
    qtbot.waitUntil(
        lambda: (
            page.cards.count() == len(page.card_widgets)
            and all(
                c.isVisibleTo(page) and c.height() >= c.minimumSizeHint().height() for c in page.card_widgets
            )
        )
    )
    host = page.cards_host
    for card in page.card_widgets:  # each card laid out at its full height, none squeezed or hidden
        assert card.isVisibleTo(page) and card.height() >= card.minimumSizeHint().height()
        assert host.rect().contains(card.geometry())
    assert page.card_columns == page.columns_for_width() >= (6 if width >= 1920 else 4)


def test_splitters_remember_their_place(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QSplitter

    from desktop.overview.page import OverviewPage
    from desktop.qt_setup import prepare_application

    app = QApplication.instance()
    assert app is not None
    prepare_application(app)
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    [splitter] = [s for s in page.findChildren(QSplitter) if not page.targets_box.isAncestorOf(s)]
    splitter.setSizes([300, 780])
    splitter.splitterMoved.emit(300, 1)  # as a drag of the handle does
    saved = list(splitter.sizes())
    again = OverviewPage(ctx)
    qtbot.addWidget(again)
    again.resize(1100, 700)
    again.show()
    [other] = [s for s in again.findChildren(QSplitter) if not again.targets_box.isAncestorOf(s)]
    assert list(other.sizes()) == saved and other.childrenCollapsible()
