"""帮助 → 使用说明 (issue 17): the built-in manual opens from the menu and with F1 on the page of
the tab on screen; every page, link, anchor and picture of resources/help exists."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from twdesk.db.dbfile import open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.paths import help_dir
from twdesk.ui import actions
from twdesk.ui.help_window import (
    PAGE_ANCHORS,
    TAB_SECTIONS,
    WELCOME_SECTION,
    HelpWindow,
    help_sections,
)
from twdesk.ui.main_window import MainWindow

TAB_NAMES = ["首页", "联络站与代表", "坐班日历", "来访登记", "履职记录", "联系青年", "履职考核"]


class Page(HTMLParser):
    """What a help page holds: its first heading, anchors, links and pictures."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.anchors: set[str] = set()
        self.links: list[str] = []
        self.images: list[str] = []
        self.h1 = ""
        self._in_h1 = False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("name"):
            self.anchors.add(values["name"])
        if values.get("id"):
            self.anchors.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "img":
            self.images.append(values.get("src") or "")
        if tag == "h1" and not self.h1:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data.strip()


def pages() -> dict[str, Page]:
    return {path.name: Page(path) for path in sorted(help_dir().glob("*.html"))}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("help") / "demo.sqlite"
    create_demo_database(path, stations=2, delegates=6, years=1, seed=3, today=date(2026, 11, 24))
    return path


@pytest.fixture
def window(qtbot, demo_path: Path) -> MainWindow:
    from twdesk.ui.app import make_application

    make_application()
    win = MainWindow(open_database(demo_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=20000)  # no read left running
    if win.help_window is not None:
        win.help_window.close()
    win.close()


def test_every_section_is_a_page_and_every_page_is_in_the_contents() -> None:
    found = pages()
    listed = [file for file, _title in help_sections()]
    assert sorted(listed) == sorted(found), "contents and resources/help/*.html differ"
    for file, title in help_sections()[1:]:
        assert found[file].h1 == title, file  # the page is what the contents call it
    assert set(TAB_SECTIONS) <= set(listed) and WELCOME_SECTION in listed
    for file, page in found.items():
        assert "top" in page.anchors, file


def test_every_link_resolves_to_a_page_and_anchor_and_every_picture_exists() -> None:
    found = pages()
    checked = 0
    for file, page in found.items():
        for href in page.links:
            target, _, anchor = href.partition("#")
            target = target or file
            assert target in found, f"{file}: link to missing page {href}"
            if anchor:
                assert anchor in found[target].anchors, f"{file}: no anchor {href}"
            checked += 1
        for src in page.images:
            picture = help_dir() / src
            assert picture.is_file(), f"{file}: missing picture {src}"
            assert picture.stat().st_size < 200_000, f"{src}: keep the pictures small"
            checked += 1
    assert checked > 30
    # every tab's page shows that tab
    for file in TAB_SECTIONS:
        assert found[file].images, f"{file} has no screenshot"


def test_help_action_opens_a_non_modal_window_with_the_manual(qtbot, window: MainWindow) -> None:
    assert window.form.actionHelp.text() == "使用说明(&U)"
    assert window.form.actionHelp in window.form.menuHelp.actions()
    window.form.actionHelp.trigger()
    help_window = window.help_window
    assert isinstance(help_window, HelpWindow)
    qtbot.waitExposed(help_window)
    assert not help_window.isModal()
    text = help_window.browser.toPlainText()
    assert "首页" in text and "今日待办" in text  # the current tab is 首页
    assert help_window.contents.currentItem().text() == "首页"
    # the main window stays usable beside it
    window.form.tabs.setCurrentIndex(3)
    assert window.form.tabs.currentWidget() is window.visits_tab
    # one window, reused
    window.form.actionHelp.trigger()
    assert window.help_window is help_window
    assert help_window.current_section() == "visits.html"


def test_f1_on_each_tab_shows_that_tabs_section(qtbot, window: MainWindow) -> None:
    tabs = window.form.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == TAB_NAMES
    for index, name in enumerate(TAB_NAMES):
        tabs.setCurrentIndex(index)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(tabs.currentWidget(), Qt.Key.Key_F1)
        help_window = window.help_window
        assert help_window is not None and help_window.isVisible(), name
        assert help_window.current_section() == TAB_SECTIONS[index], name
        heading = help_window.browser.document().firstBlock()
        text = help_window.browser.toPlainText()
        assert f"目录 › {name}" in heading.text() or f"\n{name}\n" in text, name
        assert Page(help_dir() / TAB_SECTIONS[index]).h1 == name
        assert help_window.contents.currentItem().text() == name
        help_window.close()


def test_f1_on_a_tabs_own_page_opens_its_part_of_the_section(qtbot, window: MainWindow) -> None:
    found = pages()
    tabs = window.form.tabs
    checked = 0
    for index, file in enumerate(TAB_SECTIONS):
        tab = tabs.widget(index)
        inner = getattr(tab, "pages", None) or getattr(tab, "views", None)
        if file not in PAGE_ANCHORS:
            continue
        assert inner.count() == len(PAGE_ANCHORS[file]), file  # a page added: give it a part
        tabs.setCurrentIndex(index)
        for page in range(inner.count()):
            inner.setCurrentIndex(page)
            # a page that reads in the background (全县概况) shows its progress first
            qtbot.waitUntil(lambda: not actions._RUNNING, timeout=20000)
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
            qtbot.keyClick(inner.currentWidget(), Qt.Key.Key_F1)
            source = window.help_window.browser.source()
            anchor = PAGE_ANCHORS[file][page]
            assert (source.fileName(), source.fragment()) == (file, anchor), inner.tabText(page)
            assert anchor in found[file].anchors
            window.help_window.close()
            checked += 1
    assert checked == 25
    # 来访登记 › 意见办理 → the part about 交办 → 办结 → 反馈
    assert PAGE_ANCHORS["visits.html"][2] == "items"


def test_links_and_pictures_work_inside_the_browser(qtbot) -> None:
    from twdesk.ui.app import make_application

    make_application()
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    help_window.show()
    browser = help_window.browser
    for file, page in pages().items():
        help_window.show_section(file)
        assert browser.source().fileName() == file
        assert page.h1 and page.h1 in browser.toPlainText(), file
        for src in page.images:  # resolved relative to the page, as the browser draws them
            data = browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(src))
            assert data is not None and len(data) > 1000, f"{file}: {src}"
    # follow a link the way a click does: the page and the contents list change
    help_window.show_section("index.html")
    browser.setSource(QUrl("trouble.html#locked"))
    assert browser.source().fileName() == "trouble.html"
    assert help_window.contents.currentItem().text() == "文件打不开怎么办"
    assert "正由计算机" in browser.toPlainText()
    qtbot.mouseClick(help_window.back_button, Qt.MouseButton.LeftButton)
    assert browser.source().fileName() == "index.html"
    # picking in the contents opens that page
    help_window.contents.setCurrentRow(9)
    assert browser.source().fileName() == "usb.html"
    qtbot.mouseClick(help_window.home_button, Qt.MouseButton.LeftButton)
    assert browser.source().fileName() == "index.html"


def test_f1_on_the_welcome_page_opens_getting_started(qtbot) -> None:
    from twdesk.ui.app import make_application

    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_welcome()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.welcome, Qt.Key.Key_F1)
    assert window.help_window is not None
    assert window.help_window.current_section() == "start.html"
    assert "新建本单位数据库" in window.help_window.browser.toPlainText()
    window.help_window.close()
    window.close()


def test_the_refusal_messages_are_the_ones_the_help_explains() -> None:
    """文件打不开怎么办 quotes the database layer's own words; a reworded message must
    update the page."""
    import inspect

    from twdesk.db import dbfile, lock

    source = inspect.getsource(dbfile) + inspect.getsource(lock)
    page = (help_dir() / "trouble.html").read_text(encoding="utf-8")
    for words in (
        "使用。\\n",  # LockedError: 正由…使用
        "但那个程序已经不在运行",
        "锁文件不完整",
        "数据结构版本是",
        "只支持到版本",
        "已损坏，完整性检查未通过",
        "只能查看和导出，不能修改",
        "不是 twdesk 数据库",
        "是 twdesk 交换包",
        "有一次中断的写入",
        "磁盘已满",
        "正被另一个程序占用",
        "升级前备份",
    ):
        assert words in source, words
        shown = words.replace("使用。\\n", "使用")
        assert shown in page, words
