"""Regenerate the pictures of the built-in manual (resources/help/images/) offscreen, from a fresh
demo database, and the README's pictures of the welcome page and the help window.

    python scripts/help_screenshots.py              help images + docs/screenshots/welcome.png,
                                                    docs/screenshots/help_window.png
    python scripts/help_screenshots.py --help-only  only resources/help/images/

Each picture is the window at 1100×640 (small enough for the tab to be read once scaled),
scaled to IMAGE_WIDTH pixels and stored with a 256-colour palette to keep the files small.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TWDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="twdesk-help-shots-")

IMAGES = ROOT / "resources" / "help" / "images"
DOCS = ROOT / "docs" / "screenshots"
IMAGE_WIDTH = 820
WINDOW = (1100, 640)


def settle(app, rounds: int = 8) -> None:
    from twdesk.ui import actions

    for _ in range(rounds):
        app.processEvents()
    while actions._RUNNING:
        app.processEvents()


def save_small(widget, path: Path, width: int = IMAGE_WIDTH) -> Path:
    """The widget as a PNG `width` pixels wide with a 256-colour palette (≈ ⅓ of the bytes)."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt

    image = widget.grab().toImage()
    if image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    data = bytes(buffer.data())
    try:
        import io

        from PIL import Image
    except ImportError:  # Pillow comes with reportlab; without it the full-colour PNG is kept
        path.write_bytes(data)
        return path
    picture = Image.open(io.BytesIO(data)).convert("RGB")
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    return path


def help_images(app, out: Path = IMAGES) -> list[Path]:
    """One picture per tab of the main window on the demo database, plus a few pages."""
    from twdesk.db.dbfile import open_database
    from twdesk.db.demo_file import create_demo_database
    from twdesk.services.demo_evaluation import open_demo_year
    from twdesk.ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="twdesk-help-shots-"))
    db_path = work / "演示数据.sqlite"
    create_demo_database(db_path, stations=8, delegates=80, years=1, finish=open_demo_year)
    window = MainWindow(open_database(db_path))
    window.resize(*WINDOW)
    window.show()
    settle(app)
    saved: list[Path] = []
    tabs = window.form.tabs

    def shot(name: str) -> None:
        settle(app)
        window.path_label.setText(db_path.name)  # not the temporary folder
        saved.append(save_small(window, out / name))

    tabs.setCurrentWidget(window.home_tab)
    app.processEvents()
    window.home_tab.load_now()
    while window.home_tab.today_page.loading:
        app.processEvents()
    shot("home.png")

    tabs.setCurrentWidget(window.people_tab)
    settle(app)
    people = window.people_tab
    county = people.tree.topLevelItem(1)
    people.tree.setCurrentItem(county.child(0) if county and county.childCount() else county)
    shot("people.png")

    tabs.setCurrentWidget(window.duty_tab)
    settle(app)
    duty = window.duty_tab
    today = date.today()
    duty.year.setValue(today.year)
    duty.show_month(today.month)
    shot("duty.png")

    tabs.setCurrentWidget(window.visits_tab)
    settle(app)
    visits = window.visits_tab
    visits.intake.visitor.setText("李晓梅")
    visits.intake.phone.setText("13912345678")
    visits.intake.unit.setText("乔庄镇东风村")
    visits.intake.content.setPlainText("返乡创业，想了解小额贷款和电商培训")
    visits.intake.items.setPlainText("希望简化创业担保贷款手续\n建议在镇上开设电商直播培训班")
    shot("visits.png")
    visits.pages.setCurrentIndex(2)
    visits.items_page.filter.overdue.setChecked(False)
    visits.items_page.view.selectRow(0)
    shot("visits_items.png")

    tabs.setCurrentWidget(window.ledger_tab)
    settle(app)
    ledger = window.ledger_tab
    ledger.year.setValue(today.year)
    ledger.pages.setCurrentIndex(0)
    shot("ledger.png")
    ledger.pages.setCurrentIndex(1)
    picker = ledger.delegate_page.delegate
    picker.setCurrentIndex(max(picker.count() // 3, 0))
    shot("ledger_delegate.png")

    tabs.setCurrentWidget(window.contacts_tab)
    settle(app)
    contacts = window.contacts_tab
    contacts.pages.setCurrentIndex(0)
    shot("contacts.png")

    tabs.setCurrentWidget(window.evaluation_tab)
    settle(app)
    shot("evaluation.png")
    window.close()
    app.processEvents()
    return saved


def welcome_window(app):
    """The window a first run shows (no database yet), with one file opened before."""
    from twdesk.db.dbfile import create_database
    from twdesk.ui.main_window import MainWindow
    from twdesk.ui.settings import app_settings, remember_recent

    recent = Path(tempfile.mkdtemp(prefix="twdesk-help-shots-")) / "U盘" / "县团委-2026.sqlite"
    create_database(recent, office_name="青川县团委")
    settings = app_settings()
    settings.setValue("recent_files", [])  # not the demo the help pictures were taken on
    remember_recent(settings, recent)
    settings.sync()
    window = MainWindow()
    window.show_welcome()
    window.resize(*WINDOW)
    window.show()
    settle(app)
    return window


def main(argv: list[str]) -> int:
    from twdesk.ui.app import make_application

    app = make_application()
    for path in help_images(app):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    window = welcome_window(app)
    print(save_small(window, IMAGES / "welcome.png").relative_to(ROOT))
    if "--help-only" not in argv:
        DOCS.mkdir(parents=True, exist_ok=True)
        window.resize(1280, 690)  # the default window on a 1366×768 laptop, as the others
        settle(app)
        window.grab().save(str(DOCS / "welcome.png"))
        help_window = window.show_help("people.html#import")
        help_window.resize(1080, 700)
        settle(app)
        help_window.grab().save(str(DOCS / "help_window.png"))
        print("docs/screenshots/welcome.png, docs/screenshots/help_window.png")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
