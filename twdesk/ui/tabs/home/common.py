"""What the home tab's pages share: the open file, today, the stations to choose from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from twdesk.core.errors import UserError
from twdesk.output import write_output
from twdesk.ui import actions

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # pyside6-lupdate files a bare tr() under ""


@dataclass
class HomeContext:
    db: Database
    fixed_today: date | None = None
    stations: list[tuple[str, str]] = field(default_factory=list)  # (id, name)

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()


def load_stations(db: Any) -> list[tuple[str, str]]:
    from twdesk.services.stations import station_tree

    with db.session() as s:
        return [(n.id, n.name) for n in station_tree(s)]


def save_png(parent: QWidget, widget: QWidget, name: str) -> Path | None:
    """A chart (any widget) as PNG, asked where, written through the one output writer."""
    path = actions.ask_save_path(
        parent, "chart-png", tr("导出图表"), f"{name}.png", tr("PNG 图片 (*.png)")
    )
    if path is None:
        return None

    def write(tmp: Path) -> None:
        if not widget.grab().save(str(tmp), "PNG"):
            raise UserError(tr("图表没有保存：无法写入「{0}」。").format(path.name))

    try:
        write_output(path, write, overwrite=True)  # the save dialog asked
    except UserError as exc:
        actions.show_error(parent, exc)
        return None
    actions.show_saved(parent, path, tr("图表已保存。"))
    return path
