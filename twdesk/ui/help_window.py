"""帮助 → 使用说明 (F1): the built-in Chinese manual, HTML pages in `resources/help/` shown in a
QTextBrowser beside a contents list. Non-modal: it stays open while the user works."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from twdesk.paths import help_dir

INDEX = "index.html"
STYLE = "help.css"


def tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def help_sections() -> list[tuple[str, str]]:
    """(file, title) of every page, in the contents' order."""
    return [
        (INDEX, tr("目录")),
        ("start.html", tr("开始使用")),
        ("home.html", tr("首页")),
        ("people.html", tr("联络站与代表")),
        ("duty.html", tr("坐班日历")),
        ("visits.html", tr("来访登记")),
        ("ledger.html", tr("履职记录")),
        ("contacts.html", tr("联系青年")),
        ("evaluation.html", tr("履职考核")),
        ("usb.html", tr("U 盘交换、合并与备份")),
        ("trouble.html", tr("文件打不开怎么办")),
    ]


# the main window's tabs, in their order → the page F1 opens
TAB_SECTIONS = (
    "home.html",
    "people.html",
    "duty.html",
    "visits.html",
    "ledger.html",
    "contacts.html",
    "evaluation.html",
)
WELCOME_SECTION = "start.html"
# a tab's own pages (its `pages` or `views` QTabWidget), in their order → the anchor F1 opens
PAGE_ANCHORS: dict[str, tuple[str, ...]] = {
    "home.html": ("today", "overview", "assessment", "rectification"),
    "duty.html": ("record", "paper", "print", "print"),
    "visits.html": ("intake", "register", "items", "stats"),
    "ledger.html": ("register", "confirm", "progress", "progress", "projects", "progress"),
    "contacts.html": (
        "progress",
        "book",
        "book",
        "grassroots",
        "grassroots",
        "ballots",
        "bulletin",
    ),
}


def section_for_tab(index: int, tab: QWidget | None) -> str:
    """The page for the main window's tab `index`, at the part about the tab's own page on
    screen (e.g. 来访登记 › 意见办理 → visits.html#items)."""
    from PySide6.QtWidgets import QTabWidget

    file = TAB_SECTIONS[index] if 0 <= index < len(TAB_SECTIONS) else TAB_SECTIONS[0]
    inner = getattr(tab, "pages", None) or getattr(tab, "views", None)
    anchors = PAGE_ANCHORS.get(file, ())
    if isinstance(inner, QTabWidget) and 0 <= inner.currentIndex() < len(anchors):
        return f"{file}#{anchors[inner.currentIndex()]}"
    return file


class HelpWindow(QDialog):
    """The manual: contents on the left, the page on the right; links between pages work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用说明 — 团代表联络站工作台"))
        self.setWindowFlags(
            self.windowFlags()
            | Qt.WindowType.WindowMinMaxButtonsHint
            | Qt.WindowType.WindowCloseButtonHint
        )
        self.setModal(False)
        folder = help_dir()
        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        for file, title in help_sections():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, file)
            self.contents.addItem(item)
        self.contents.setMaximumWidth(220)
        self.contents.setStyleSheet("QListWidget::item { padding: 4px 6px; }")
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(folder)])
        style = folder / STYLE
        if style.exists():
            self.browser.document().setDefaultStyleSheet(style.read_text(encoding="utf-8"))
        self.back_button = QPushButton(self.tr("后退"))
        self.forward_button = QPushButton(self.tr("前进"))
        self.home_button = QPushButton(self.tr("目录"))
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        self.back_button.clicked.connect(lambda: self.browser.backward())
        self.forward_button.clicked.connect(lambda: self.browser.forward())
        self.home_button.clicked.connect(lambda: self.show_section(INDEX))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.browser.sourceChanged.connect(self._follow)
        self.contents.currentItemChanged.connect(self._picked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.forward_button)
        buttons.addWidget(self.home_button)
        buttons.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 860])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.resize(1080, 700)
        self.show_section(INDEX)

    def show_section(self, section: str) -> None:
        """`section` is a page file, optionally with an anchor: 'people.html#import'."""
        file, _, anchor = section.partition("#")
        url = QUrl.fromLocalFile(str(help_dir() / file))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)

    def current_section(self) -> str:
        return self.browser.source().fileName()

    def _follow(self, url: QUrl) -> None:
        """A link followed in the page: the contents list shows where the reader is."""
        name = url.fileName()
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                if self.contents.currentRow() != row:
                    self.contents.blockSignals(True)
                    self.contents.setCurrentRow(row)
                    self.contents.blockSignals(False)
                return

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        file = item.data(Qt.ItemDataRole.UserRole)
        if file != self.current_section():
            self.show_section(file)
