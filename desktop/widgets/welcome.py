"""The welcome panel shown on first start with an empty database: import from Excel,
load the demonstration data, or start empty; on a database with data but no user accounts it
offers the first administrator instead (with "continue"). The main window decides when to show
it (``welcome_reason``) and handles the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop.i18n import tr
from models.accounts.queries import has_users
from models.domain_data import database_is_empty


def welcome_reason(session: Session) -> str | None:
    """ "empty" (no records), "no_users" (records but no user account), or None (nothing to offer)."""
    if database_is_empty(session):
        return "empty"
    if not has_users(session):
        return "no_users"
    return None


class WelcomePanel(QWidget):
    import_requested = Signal()
    demo_requested = Signal()
    empty_chosen = Signal()
    admin_requested = Signal()

    def __init__(self, database: str, parent: QWidget | None = None, *, empty: bool = True) -> None:
        super().__init__(parent)
        self.empty = empty
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        title = QLabel(tr("欢迎使用 LandSpace 用地与空间管理"))
        title.setObjectName("welcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        sub = QLabel(
            tr("当前数据库还是空的：{database}\n请选择如何开始。", database=database)
            if empty
            else tr(
                "当前数据库已有数据，但还没有用户账号：{database}\n"
                "可先创建第一个管理员，再由管理员为业务人员、载体管理员开账号。",
                database=database,
            )
        )
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub.setWordWrap(True)
        outer.addWidget(sub)
        row = QHBoxLayout()
        row.addStretch(1)
        self.import_button = self._card(
            row,
            tr("从 Excel 导入…"),
            tr("导入企业名册、用地指标、地块等现有台账（支持标题行、合并单元格、合计行）。"),
            self.import_requested,
        )
        self.demo_button = self._card(
            row,
            tr("载入演示数据"),
            tr("四个平台、企业名录及各模块的示例数据，便于熟悉功能。"),
            self.demo_requested,
        )
        self.empty_button = (
            self._card(row, tr("从空白开始"), tr("直接进入，在各页面中逐条录入。"), self.empty_chosen)
            if empty
            else self._card(
                row,
                tr("直接进入"),
                tr("暂不设用户账号，直接进入各页面（以后可在“用户”页面创建）。"),
                self.empty_chosen,
            )
        )
        for button in (self.import_button, self.demo_button):  # a database with data: no import or demo
            card = button.parentWidget()
            if card is not None:
                card.setVisible(empty)
        row.addStretch(1)
        outer.addLayout(row)
        self.admin_row = QHBoxLayout()
        self.admin_button: QPushButton | None = None
        outer.addLayout(self.admin_row)
        outer.addStretch(2)

    def offer_first_admin(self) -> QPushButton:
        """A card to create the first administrator (a database without users)."""
        if self.admin_button is None:
            self.admin_row.addStretch(1)
            self.admin_button = self._card(
                self.admin_row,
                tr("创建第一个管理员…"),
                tr("数据库还没有用户账号。先创建管理员，再由管理员为业务人员、载体管理员开账号。"),
                self.admin_requested,
            )
            self.admin_row.addStretch(1)
        return self.admin_button

    def _card(self, row: QHBoxLayout, title: str, text: str, signal: SignalInstance) -> QPushButton:
        frame = QFrame()
        frame.setObjectName("welcomeCard")
        frame.setFixedWidth(280)
        layout = QVBoxLayout(frame)
        button = QPushButton(title)
        button.setMinimumHeight(44)
        button.clicked.connect(signal.emit)
        layout.addWidget(button)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setMinimumHeight(60)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(label)
        row.addWidget(frame)
        return button
