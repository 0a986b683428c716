"""今日待办: the home page's lines grouped under their headings, each a click away from its
record in the tab that owns it. The cheap lines are read at once, the rest in a worker thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.home_view import HomeLine
from twdesk.ui.tabs.home.common import HomeContext, tr
from twdesk.ui.widgets.combos import refill
from twdesk.ui.workers import Worker

LINE_ROLE = Qt.ItemDataRole.UserRole
RED = QColor("#b3261e")


class _Relay(QObject):
    """Carries the worker's lines to the GUI thread (it lives there: queued calls)."""

    def __init__(self, parent: QObject, done: Any) -> None:
        super().__init__(parent)
        self._done = done

    @Slot(object)
    def on_finished(self, result: object) -> None:
        self._done(result)

    @Slot(object)
    def on_failed(self, exc: object) -> None:
        self._done(exc)


class TodayPage(QWidget):
    line_activated = Signal(object)  # HomeLine
    filled = Signal(bool)  # the cheap lines are shown (False), then all of them (True)

    def __init__(self, ctx: HomeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.first: list[HomeLine] = []
        self.more: list[HomeLine] = []
        self.worker: Worker | None = None
        self._relay: _Relay | None = None
        self._generation = 0
        self.station = QComboBox()
        self.station.setMinimumWidth(220)
        self.station.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton(tr("刷新"))
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.state = QLabel()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("需要处理的事项"), tr("数量")])
        self.tree.setColumnWidth(0, 760)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(lambda item, _c: self._clicked(item))
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("联络站")))
        top.addWidget(self.station)
        top.addWidget(self.refresh_button)
        top.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        hint = QLabel(tr("单击一行，转到它所在的页面并选中那条记录；红色为已超期或需要立即处理。"))
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)

    def fill_stations(self) -> None:
        refill(self.station, self.ctx.stations, first=tr("全部联络站"))

    @property
    def station_id(self) -> str | None:
        return self.station.currentData()

    # --- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """The cheap lines now; the rest from a worker thread (shown as they arrive)."""
        from twdesk.services import home

        self._generation += 1
        generation, station, today, db = (
            self._generation,
            self.station_id,
            self.ctx.today,
            self.ctx.db,
        )
        with db.session() as s:
            self.first = home.first_lines(s, today=today, station_id=station)
        self.more = []
        self.state.setText(tr("正在统计其余事项…"))
        self._show()
        self.filled.emit(False)
        self.wait()

        def job(_progress: Any, _cancelled: Any) -> list[HomeLine]:
            with db.session() as s:
                return home.more_lines(s, db.path, today=today, station_id=station)

        worker = Worker(job)
        if self._relay is not None:
            self._relay.deleteLater()  # the previous count's (finished: wait() above)
        relay = self._relay = _Relay(self, lambda result: self._more_arrived(generation, result))
        worker.finished.connect(relay.on_finished)
        worker.failed.connect(relay.on_failed)
        self.worker = worker
        worker.start()

    def _more_arrived(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # an older station's answer
        if isinstance(result, BaseException):
            self.state.setText(tr("其余事项没有统计出来：{0}").format(result))
            return
        self.more = list(result)  # type: ignore[call-overload]
        self.state.setText("")
        self._show()
        self.filled.emit(True)

    def wait(self) -> None:
        """Let a running worker finish (before the file is closed or a new count starts)."""
        if self.worker is not None:
            self.worker.wait()
            self.worker = None

    @property
    def loading(self) -> bool:
        return bool(self.state.text())

    # --- showing ----------------------------------------------------------------------------

    def lines(self) -> list[HomeLine]:
        from twdesk.services.home import sort_lines

        return sort_lines(self.first + self.more)

    def _show(self) -> None:
        from twdesk.services.home import GROUP_ORDER, group_totals

        lines = self.lines()
        totals = group_totals(lines)
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for line in lines:
            top = groups.get(line.group)
            if top is None:
                top = QTreeWidgetItem([line.group, str(totals[line.group])])
                top.setFont(0, bold)
                top.setFont(1, bold)
                top.setData(0, LINE_ROLE, None)
                self.tree.addTopLevelItem(top)
                groups[line.group] = top
            item = QTreeWidgetItem([line.text, str(line.count)])
            item.setData(0, LINE_ROLE, line)
            item.setToolTip(0, tr("单击转到记录"))
            if line.urgent:
                for c in (0, 1):
                    item.setForeground(c, QBrush(RED))
                top.setForeground(0, QBrush(RED))
            top.addChild(item)
        for group in GROUP_ORDER:
            if group in groups:
                groups[group].setExpanded(True)
        if not lines:
            self.tree.addTopLevelItem(QTreeWidgetItem([tr("今天没有需要处理的事项。"), ""]))
        self.tree.setUpdatesEnabled(True)

    def item_for(self, kind: str, station: str = "") -> QTreeWidgetItem | None:
        """The first line of a kind (and station): what tests and screenshots click."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                line = top.child(j).data(0, LINE_ROLE)
                if (
                    line is not None
                    and line.kind == kind
                    and (not station or line.station == station)
                ):
                    return top.child(j)
        return None

    def _clicked(self, item: QTreeWidgetItem) -> None:
        line = item.data(0, LINE_ROLE)
        if isinstance(line, HomeLine):
            self.line_activated.emit(line)
