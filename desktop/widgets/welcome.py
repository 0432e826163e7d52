"""The welcome panel shown on first start with an empty database: import from Excel,
load the demonstration data, or start empty. The main window decides when to show
it (``models.domain_data.database_is_empty``) and handles the three signals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import tr


class WelcomePanel(QWidget):
    import_requested = Signal()
    demo_requested = Signal()
    empty_chosen = Signal()
    admin_requested = Signal()

    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        title = QLabel(tr("欢迎使用 LandSpace 用地与空间管理"))
        title.setObjectName("welcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        sub = QLabel(tr("当前数据库还是空的：{database}\n请选择如何开始。", database=database))
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub.setWordWrap(True)
        outer.addWidget(sub)
        row = QHBoxLayout()
        row.addStretch(1)
        self.import_button = self._card(row, tr("从 Excel 导入…"),
                                        tr("导入企业名册、用地指标、地块等现有台账（支持标题行、合并单元格、合计行）。"),
                                        self.import_requested)
        self.demo_button = self._card(row, tr("载入演示数据"),
                                      tr("四个平台、企业名录及各模块的示例数据，便于熟悉功能。"),
                                      self.demo_requested)
        self.empty_button = self._card(row, tr("从空白开始"),
                                       tr("直接进入，在各页面中逐条录入。"), self.empty_chosen)
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
                self.admin_row, tr("创建第一个管理员…"),
                tr("数据库还没有用户账号。先创建管理员，再由管理员为业务人员、载体管理员开账号。"),
                self.admin_requested)
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
