"""进度: per station, how many delegates and who is still missing which stage."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from twdesk.core.evaluation_view import STAGES, StageProgress
from twdesk.ui.tabs.evaluation.common import tr
from twdesk.ui.widgets.tables import fill_table, make_table


def _missing(names: tuple[str, ...]) -> str:
    return tr("{0} 人：{1}").format(len(names), "、".join(names)) if names else tr("齐全")


class ProgressDialog(QDialog):
    def __init__(self, year: int, rows: list[StageProgress], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("{0}年考核进度").format(year))
        self.resize(900, 420)
        headers = (tr("联络站"), tr("代表数"), *(tr("缺{0}").format(s) for s in STAGES), tr("锁定"))
        self.table = make_table(headers)
        fill_table(
            self.table,
            [
                (
                    p.station,
                    p.delegates,
                    *(_missing(p.missing.get(s, ())) for s in STAGES),
                    tr("已锁定") if p.locked else "",
                )
                for p in rows
            ],
        )
        done = sum(1 for p in rows if p.locked)
        summary = QLabel(
            tr("共 {0} 个联络站，{1} 名代表；已锁定 {2} 个站。").format(
                len(rows), sum(p.delegates for p in rows), done
            )
            if rows
            else tr("{0}年还没有开启考核。").format(year)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
