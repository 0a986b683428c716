"""Render the screens users see to PNG files (run under Xvfb or with QT_QPA_PLATFORM=offscreen).

    python scripts/screenshots.py [OUT_DIR]
    python scripts/screenshots.py --english [OUT_DIR]   the English interface (english_*.png)

Uses a fresh demo database in a temporary folder, so the pictures show the demo content.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TWDESK_DATA_DIR", tempfile.mkdtemp(prefix="twdesk-shots-"))


def bad_roster(path: Path) -> Path:
    """A roster with the mistakes offices really make, for the import preview picture."""
    from twdesk.core.idcard import make_id_number

    good = make_id_number("511825", date(1996, 5, 4), 7, "女")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["青川县团代表名册（2026年）"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "姓 名", "性别", "身份证号码", "出生年月", "联系电话", "联络站", "代表层级"])
    ws.append(
        [
            1,
            "张　三",
            "男",
            make_id_number("511825", date(1995, 3, 7), 1, "男"),
            "1995.03",
            "138 1234 5678",
            "乔庄镇联络站",
            "县",
        ]
    )
    ws.append([2, "李晓梅", "男", good, "1996-05", "1391234567", "乔庄镇联络站", "县级"])
    ws.append(
        [3, "王五", "男", 5.11825199503071e17, "1995年3月", "13812345679", "青溪镇联络站", "县"]
    )
    ws.append([4, "", "女", "", "", "", "乔庄镇联络站", "省"])
    ws.append([5, "赵六", "女", good, "1996/05/04", "0839-7202201", "新联络站", "乡镇"])
    ws.append(["合计", "5人"])
    wb.save(path)
    return path


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from twdesk.db.dbfile import open_database
    from twdesk.db.demo_file import create_demo_database
    from twdesk.services.demo_evaluation import open_demo_year
    from twdesk.ui.app import make_application
    from twdesk.ui.dialogs.import_dialog import RosterImportDialog
    from twdesk.ui.main_window import MainWindow

    app = make_application()
    work = Path(tempfile.mkdtemp(prefix="twdesk-shots-"))
    db_path = work / "演示数据.sqlite"
    create_demo_database(db_path, finish=open_demo_year)  # with the evaluation years opened
    window = MainWindow(open_database(db_path))
    window.resize(1280, 690)  # the default window on a 1366×768 laptop
    window.show()
    for _ in range(5):  # tabs load their data just after the window is shown
        app.processEvents()
    home_shots(app, window, out)
    window.form.tabs.setCurrentWidget(window.people_tab)
    for _ in range(5):
        app.processEvents()
    tab = window.people_tab
    county = tab.tree.topLevelItem(1)
    tab.tree.setCurrentItem(county.child(0) if county.childCount() else county)
    app.processEvents()
    window.grab().save(str(out / "people_tab.png"))
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    tab.search.setText("zs")
    app.processEvents()
    window.grab().save(str(out / "people_search.png"))

    dialog = RosterImportDialog(window.db, bad_roster(work / "名册.xlsx"), window)
    dialog.show()
    while dialog.busy:
        app.processEvents()
    dialog.only_bad.setChecked(False)
    app.processEvents()
    dialog.grab().save(str(out / "import_preview_errors.png"))
    dialog.reject()

    tab.search.clear()
    app.processEvents()
    person_dialog = tab.person_dialog(tab.model.entry(0).id)
    person_dialog.show()
    app.processEvents()
    person_dialog.grab().save(str(out / "person_editor.png"))
    person_dialog.tabs.setCurrentIndex(2)
    app.processEvents()
    person_dialog.grab().save(str(out / "person_links.png"))
    person_dialog.reject()
    window.form.tabs.setCurrentWidget(window.duty_tab)
    for _ in range(5):
        app.processEvents()
    duty_tab = window.duty_tab
    duty_tab.year.setValue(2026)
    duty_tab.show_month(10)
    duty_tab.select_day(date(2026, 10, 14))
    app.processEvents()
    window.grab().save(str(out / "duty_month.png"))

    import shutil
    import subprocess

    poster = work / "poster.pdf"
    duty_tab.print_poster(poster, "A3")
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "50",
                "-png",
                "-singlefile",
                str(poster),
                str(out / "duty_poster_a3"),
            ],
            check=True,
        )
    window.form.tabs.setCurrentWidget(window.visits_tab)
    for _ in range(5):
        app.processEvents()
    vt = window.visits_tab
    vt.intake.visitor.setText("李晓梅")
    vt.intake.identity.setCurrentText("团员")
    vt.intake.phone.setText("13912345678")
    vt.intake.unit.setText("乔庄镇东风村")
    vt.intake.content.setPlainText("返乡创业，想了解小额贷款和电商培训")
    vt.intake.items.setPlainText("希望简化创业担保贷款手续\n建议在镇上开设电商直播培训班")
    app.processEvents()
    window.grab().save(str(out / "visits_intake.png"))
    vt.pages.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(out / "visits_register.png"))
    vt.pages.setCurrentIndex(2)
    vt.items_page.filter.overdue.setChecked(False)
    vt.items_page.view.selectRow(0)
    app.processEvents()
    window.grab().save(str(out / "visits_items.png"))
    vt.pages.setCurrentIndex(3)
    vt.stats_page.year.setValue(2026)
    app.processEvents()
    window.grab().save(str(out / "visits_stats.png"))
    window.form.tabs.setCurrentWidget(window.ledger_tab)
    for _ in range(5):
        app.processEvents()
    lt = window.ledger_tab
    lt.year.setValue(2026)
    lt.pages.setCurrentIndex(1)
    picker = lt.delegate_page.delegate
    picker.setCurrentIndex(max(picker.count() // 3, 0))
    app.processEvents()
    window.grab().save(str(out / "ledger_delegate.png"))
    lt.pages.setCurrentIndex(0)
    app.processEvents()
    window.grab().save(str(out / "ledger_register.png"))
    lt.pages.setCurrentWidget(lt.targets_page)
    app.processEvents()
    window.grab().save(str(out / "ledger_targets.png"))
    contacts_shots(app, window, out, work)
    evaluation_shots(app, window, out)
    window.close()
    QApplication.processEvents()
    exchange_shots(app, out, work)
    print(f"screenshots in {out}")


def home_shots(app, window, out: Path) -> None:
    """首页: today's lines (with two rectification problems, one overdue), and the station
    assessment table with an inspection score entered."""
    from datetime import timedelta
    from decimal import Decimal

    from twdesk.services import rectification
    from twdesk.services import station_assessment as sa
    from twdesk.ui.actions import EVERYTHING, announce

    today = date.today()
    with window.db.transaction() as s:
        stations = sa.assess(s, today.year, today=today)
        first, second = stations[0], stations[-1]
        rectification.save_problem(
            s,
            {
                "station_id": second.station_id,
                "item": "五公开上墙",
                "description": "五公开栏的年度计划未更新",
                "found_on": today - timedelta(days=40),
                "deadline": today - timedelta(days=10),
                "responsible": "站长",
            },
        )
        rectification.save_problem(
            s,
            {
                "station_id": first.station_id,
                "item": "来访登记规范",
                "description": "来访登记缺来访人联系方式",
                "found_on": today - timedelta(days=5),
                "deadline": today + timedelta(days=25),
                "responsible": "站长",
            },
        )
        for row in stations:
            sa.set_score(s, today.year, row.station_id, 6, Decimal(8), "现场检查")
    announce(EVERYTHING)
    home = window.home_tab
    window.form.tabs.setCurrentWidget(home)
    for _ in range(5):
        app.processEvents()
    home.today_page.wait()
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(out / "home_tab.png"))
    home.pages.setCurrentWidget(home.assessment_page)
    for _ in range(5):
        app.processEvents()
    home.assessment_page.table.setCurrentCell(0, 2)
    app.processEvents()
    window.grab().save(str(out / "station_assessment.png"))
    home.pages.setCurrentWidget(home.overview_page)
    import time

    deadline = time.monotonic() + 20  # the charts are counted in a worker thread
    while not home.overview_page.charts[0].values and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()
    window.grab().save(str(out / "home_overview.png"))
    home.pages.setCurrentWidget(home.today_page)


def contacts_shots(app, window, out: Path, work: Path) -> None:
    """联系青年: a cadre's book with the contact log, and page 1 of the quarterly bulletin."""
    import subprocess

    from twdesk.services.contact_bulletin import write_bulletin

    window.form.tabs.setCurrentWidget(window.contacts_tab)
    for _ in range(5):
        app.processEvents()
    ct = window.contacts_tab
    ct.year.setValue(2026)
    ct.open_book(ct.ctx.contactors[0].id)
    ct.book_page.book.selectRow(3)
    app.processEvents()
    window.grab().save(str(out / "contacts_tab.png"))
    ct.pages.setCurrentWidget(ct.progress_page)
    app.processEvents()
    window.grab().save(str(out / "contacts_progress.png"))
    pdf = work / "通报.pdf"
    with window.db.session() as s:
        write_bulletin(s, pdf, 2026, 3)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(work / "bulletin")],
        check=True,
    )
    (work / "bulletin-1.png").replace(out / "contacts_bulletin.png")


def evaluation_shots(app, window, out: Path) -> None:
    """履职考核: this year's largest station at 组织评价, its entry and records dialogs, last
    year's locked results and the scheme editor."""
    window.form.tabs.setCurrentWidget(window.evaluation_tab)
    for _ in range(5):
        app.processEvents()
    et = window.evaluation_tab
    et.year.setCurrentIndex(et.year.findData(2026))
    with window.db.session() as s:
        from twdesk.services.evaluation import station_years

        largest = max(station_years(s, 2026), key=lambda sy: len(sy.delegates))
    et.station.setCurrentIndex(et.station.findData(largest.station_id))
    et.stage_box.setCurrentIndex(1)
    et.view.selectRow(0)
    app.processEvents()
    window.grab().save(str(out / "evaluation_tab.png"))
    entry = et.enter_stage(0)
    app.processEvents()
    entry.grab().save(str(out / "evaluation_entry.png"))
    entry.reject()
    records = et.show_records(0, 3)
    app.processEvents()
    records.grab().save(str(out / "evaluation_records.png"))
    records.reject()
    et.year.setCurrentIndex(et.year.findData(2025))
    app.processEvents()
    window.grab().save(str(out / "evaluation_locked.png"))
    scheme = et.edit_scheme()
    app.processEvents()
    scheme.grab().save(str(out / "evaluation_scheme.png"))
    scheme.reject()


def exchange_shots(app, out: Path, work: Path) -> None:
    """USB exchange: the merge preview of a station's file, the conflicts to review, the
    backups dialog and the recycle bin (the county's file and a station's copy diverged from
    one small demo file, as the merge tests build them)."""
    from unittest import mock

    from PySide6.QtWidgets import QFileDialog

    from tests.merge_files import build_base, diverge
    from twdesk.db.dbfile import open_database
    from twdesk.services import backups, recycle_bin
    from twdesk.ui import actions
    from twdesk.ui.dialogs.merge_dialog import MergeDialog
    from twdesk.ui.main_window import MainWindow

    def settle(until=lambda: True) -> None:
        import time

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            app.processEvents()
            if until() and not actions._RUNNING:
                break
            time.sleep(0.02)
        for _ in range(5):
            app.processEvents()

    base = work / "exchange-base.sqlite"
    build_base(base)
    files = diverge(base, work)
    window = MainWindow(open_database(files.county))
    window.resize(1280, 690)
    window.show()
    settle()
    chosen = (str(files.station), "")
    with mock.patch.object(QFileDialog, "getOpenFileName", return_value=chosen):
        window.form.actionMerge.trigger()
    (merge,) = [d for d in window.findChildren(MergeDialog) if d.isVisible()]
    settle(lambda: merge.report is not None)
    merge.grab().save(str(out / "merge_preview.png"))
    merge.merge()
    settle(lambda: merge.merged is not None)
    conflicts = merge.review_conflicts()
    settle()
    conflicts.grab().save(str(out / "merge_conflicts.png"))
    conflicts.reject()
    merge.reject()
    backups.take_backup(window.db.path, "手动备份")
    dialog = window.show_backups()
    settle()
    dialog.grab().save(str(out / "backups_dialog.png"))
    dialog.reject()
    with window.db.transaction() as s:
        from sqlalchemy import select

        from twdesk.db.models import Visit

        visit = s.scalars(select(Visit.id).where(Visit.deleted_at.is_(None))).first()
        recycle_bin.delete_visit(s, visit)
    bin_dialog = window.show_recycle_bin()
    settle()
    bin_dialog.grab().save(str(out / "recycle_bin.png"))
    bin_dialog.reject()
    window.close()
    app.processEvents()


def english_shots() -> None:
    """The main window as a user who chose English sees it (language=en before the start),
    every tab, plus a dialog: english_<tab>.png."""
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from twdesk.ui.i18n import ENGLISH, save_language
    from twdesk.ui.settings import app_settings

    save_language(app_settings(), ENGLISH)
    from twdesk.db.dbfile import open_database
    from twdesk.db.demo_file import create_demo_database
    from twdesk.services.demo_evaluation import open_demo_year
    from twdesk.ui.app import make_application
    from twdesk.ui.main_window import MainWindow

    app = make_application()
    work = Path(tempfile.mkdtemp(prefix="twdesk-shots-"))
    db_path = work / "demo.sqlite"
    create_demo_database(db_path, finish=open_demo_year)
    window = MainWindow(open_database(db_path))
    window.resize(1280, 690)
    window.show()
    names = ("home", "people", "duty", "visits", "ledger", "contacts", "evaluation")
    for index, name in enumerate(names):
        window.form.tabs.setCurrentIndex(index)
        for _ in range(8):
            app.processEvents()
        if name == "people":
            tab = window.people_tab
            tab.tree.setCurrentItem(tab.tree.topLevelItem(1))
            app.processEvents()
        window.grab().save(str(out / f"english_{name}.png"))
    person = window.people_tab.person_dialog(window.people_tab.model.entry(0).id)
    person.show()
    app.processEvents()
    person.grab().save(str(out / "english_person_editor.png"))
    person.reject()
    window.close()


if __name__ == "__main__":
    if "--english" in sys.argv:
        sys.argv.remove("--english")
        sys.argv.insert(1, "--english")
        english_shots()
    else:
        main()
