"""The first run: no database on this PC yet, so the window shows four ways to start instead of
seven empty tabs — 新建本单位数据库, 从 Excel 导入名册, 打开 U 盘上的文件, 打开演示数据 — and the
files opened before, each one click away. The main window does the work (it owns the files)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.paths import data_dir

PAGE_WIDTH = 860
CHOICE_STYLE = (
    "ChoiceButton { background: #ffffff; border: 1px solid #c9d3e0; border-radius: 6px; }"
    "ChoiceButton:hover { background: #eef4fc; border-color: #5b8fd6; }"
    "ChoiceButton:pressed { background: #dce8f8; }"
    "ChoiceButton:focus { border: 2px solid #5b8fd6; }"
    "#choiceTitle { font-size: 15pt; font-weight: bold; color: #1a3e72; background: transparent; }"
    "#choiceDescription { font-size: 11pt; color: #444444; background: transparent; }"
)
RECENT_STYLE = (
    "QPushButton { text-align: left; color: #1a5fb4; padding: 3px 6px; border: none; }"
    "QPushButton:hover { text-decoration: underline; }"
    "QPushButton:disabled { color: #999999; }"
)


class ChoiceButton(QPushButton):
    """A big button: a title and a line or two saying what it does (the labels let clicks
    through to the button)."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setToolTip(description)
        self.title = QLabel(title)
        self.title.setObjectName("choiceTitle")
        self.description = QLabel(description)
        self.description.setObjectName("choiceDescription")
        self.description.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addStretch(1)
        for label in (self.title, self.description):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMinimumHeight(104)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(CHOICE_STYLE)

    def text(self) -> str:  # what the button says, for tests and screen readers
        return self.title.text()


class WelcomePage(QWidget):
    """Shown instead of the tabs while no file is open; its buttons only emit signals."""

    new_office_requested = Signal()
    import_roster_requested = Signal()
    open_file_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        title = QLabel(self.tr("欢迎使用团代表联络站工作台"))
        title.setObjectName("welcomeTitle")
        title.setStyleSheet("#welcomeTitle { font-size: 22pt; font-weight: bold; }")
        intro = QLabel(
            self.tr(
                "这台电脑上还没有本单位的数据库。请选择一种方式开始——"
                "以后随时可以在“文件”菜单中新建或打开其他文件，按 F1 查看使用说明。"
            )
        )
        intro.setWordWrap(True)

        self.new_office_button = self._choice(
            self.tr("新建本单位数据库"),
            self.tr(
                "填写单位名称和所在县（市、区），建立本单位的数据库，接着建立联络站、录入代表。"
            ),
            "welcomeNewOffice",
        )
        self.import_button = self._choice(
            self.tr("从 Excel 导入名册"),
            self.tr(
                "已有团代表名册（.xlsx / .xls / .csv）：选择文件，预览核对后一次导入，"
                "名册中的联络站自动建立。"
            ),
            "welcomeImport",
        )
        self.open_button = self._choice(
            self.tr("打开 U 盘上的文件"),
            self.tr("打开县团委或乡镇联络站用 U 盘带来的 twdesk 数据库文件。"),
            "welcomeOpen",
        )
        self.demo_button = self._choice(
            self.tr("打开演示数据"),
            self.tr("一个虚构的青川县：先看看每一页怎么用。演示数据单独存放，不影响本单位数据。"),
            "welcomeDemo",
        )
        self.new_office_button.clicked.connect(lambda: self.new_office_requested.emit())
        self.import_button.clicked.connect(lambda: self.import_roster_requested.emit())
        self.open_button.clicked.connect(lambda: self.open_file_requested.emit())
        self.demo_button.clicked.connect(lambda: self.demo_requested.emit())
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.new_office_button, 0, 0)
        grid.addWidget(self.import_button, 0, 1)
        grid.addWidget(self.open_button, 1, 0)
        grid.addWidget(self.demo_button, 1, 1)

        self.recent_title = QLabel(self.tr("最近打开的文件"))
        self.recent_title.setStyleSheet("font-weight: bold; margin-top: 12px;")
        self.recent_box = QVBoxLayout()
        self.recent_box.setSpacing(2)
        self.recent_buttons: list[QPushButton] = []

        where = QLabel(self.tr("新建的数据库、日志和自动备份保存在：{0}").format(data_dir()))
        where.setObjectName("welcomeWhere")
        where.setStyleSheet("#welcomeWhere { color: #666; }")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(6)
        column.addLayout(grid)
        column.addWidget(self.recent_title)
        column.addLayout(self.recent_box)
        column.addSpacing(8)
        column.addWidget(where)
        inner = QWidget()
        inner.setLayout(column)
        inner.setMaximumWidth(PAGE_WIDTH)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(inner, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.set_recent([])

    def _choice(self, title: str, description: str, name: str) -> ChoiceButton:
        button = ChoiceButton(title, description)
        button.setObjectName(name)
        return button

    def set_recent(self, paths: list[Path]) -> None:
        """The files opened before (missing ones greyed out); hidden when there are none."""
        for button in self.recent_buttons:
            self.recent_box.removeWidget(button)
            button.deleteLater()
        self.recent_buttons = []
        for path in paths:
            exists = path.exists()
            text = f"{path.name}　—　{path.parent}"
            if not exists:
                text += self.tr("（找不到文件）")
            button = QPushButton(text)
            button.setObjectName("welcomeRecent")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(RECENT_STYLE)
            button.setToolTip(str(path))
            button.setEnabled(exists)
            button.clicked.connect(lambda _checked=False, p=path: self.recent_requested.emit(p))
            self.recent_box.addWidget(button)
            self.recent_buttons.append(button)
        self.recent_title.setVisible(bool(paths))
