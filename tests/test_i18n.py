"""The English translation (issue 17): complete, placeholders kept, loaded when chosen, and the
帮助 → 语言 menu saves the choice.

- every string the interface translates is in resources/translations/twdesk_en.ts and finished
  there, the .qm is compiled from it, and no visible Chinese literal in twdesk/ui escapes tr()
  (scripts/update_translations.py --check does the same for the lead);
- {0}/%1, HTML tags and & accelerators survive translation;
- started with language=en, the real main window shows English menus, tabs and dialog buttons,
  and the only Chinese left in its widgets is the file's data;
- the language menu's actions save the setting.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from twdesk.ui.i18n import (
    CHINESE,
    ENGLISH,
    install_translations,
    language_setting,
    remove_translations,
)

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _script():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _script()


# --- (a) completeness -----------------------------------------------------------------------


def test_every_interface_string_is_translated_and_the_qm_is_current(script) -> None:
    """lupdate over twdesk/ui and forms/*.ui finds nothing the committed .ts lacks or leaves
    unfinished; the .qm is what lrelease makes of the .ts; no unwrapped Chinese literal."""
    problems = script.check()
    assert problems == [], "\n".join(problems[:40])
    messages = script.read_ts(script.TS)
    assert len(messages) > 1200
    assert all(m.finished and m.english for m in messages)


def test_check_fails_on_a_string_missing_from_the_ts(script, tmp_path, monkeypatch) -> None:
    """Drop one message from a copy of the .ts: --check names it (so new strings from other
    branches are caught) and exits non-zero."""
    tree = ET.parse(script.TS)
    context = next(c for c in tree.getroot().iter("context") if c.findtext("name") == "MainWindow")
    message = next(m for m in context.iter("message") if m.findtext("source") == "文件(&F)")
    context.remove(message)
    ts = tmp_path / "twdesk_en.ts"
    tree.write(ts, encoding="utf-8")
    monkeypatch.setattr(script, "TS", ts)
    monkeypatch.setattr(script, "QM", tmp_path / "twdesk_en.qm")
    problems = script.check()
    assert "missing from twdesk_en.ts: [MainWindow] '文件(&F)'" in problems
    assert script.main(["--check"]) == 1


def test_unwrapped_chinese_literals_are_found(script, tmp_path) -> None:
    """The AST scan flags visible Chinese outside tr(); wrapped text, notr(), data values from
    the allow-list, docstrings and punctuation pass."""
    ui = tmp_path / "ui"
    ui.mkdir()
    (ui / "page.py").write_text(
        '"""页面说明。"""\n'
        "from twdesk.ui.i18n import notr, tr\n"
        'a = QLabel("未翻译的标签")\n'
        'b = QLabel(self.tr("已翻译"))\n'
        'c = QPushButton(tr("保存"))\n'
        'd = notr("团代表名册.xlsx")\n'
        'e = role == "团代表"\n'
        'f = "、".join(names)\n'
        'g = box.setWindowTitle(f"删除{name}")\n',
        encoding="utf-8",
    )
    found = script.unwrapped_literals(ui)
    assert found == [
        "twdesk/ui/page.py:3: '未翻译的标签'",
        "twdesk/ui/page.py:9: '删除'",
    ]


def test_the_update_fills_new_strings_from_the_dictionary(script, tmp_path) -> None:
    """A message the .ts has never seen gets its English from the .tsv; one the .tsv lacks
    stays unfinished; a dictionary entry that loses a placeholder is refused."""
    ts = tmp_path / "t.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1">'
        "<context><name>X</name>"
        '<message><source>新按钮</source><translation type="unfinished"/></message>'
        '<message><source>共 {0} 人</source><translation type="unfinished"/></message>'
        '<message><source>没有词典</source><translation type="unfinished"/></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    problems = script.fill(ts, {"新按钮": "New button", "共 {0} 人": "people"})
    assert problems == ["'共 {0} 人': placeholders ['{0}'] ≠ []"]
    by_source = {m.source: m for m in script.read_ts(ts)}
    assert by_source["新按钮"].finished and by_source["新按钮"].english == "New button"
    assert not by_source["共 {0} 人"].finished
    assert [m.source for m in script.unfinished(list(by_source.values()))] == [
        "共 {0} 人",
        "没有词典",
    ]


# --- (b) placeholders -----------------------------------------------------------------------


def test_placeholders_survive_translation(script) -> None:
    messages = script.read_ts(script.TS)
    assert script.mismatched(messages) == []
    with_placeholders = [m for m in messages if "{0}" in m.source]
    assert len(with_placeholders) > 150
    assert all("{0}" in m.english for m in with_placeholders)


@pytest.mark.parametrize(
    ("source", "english", "problem"),
    [
        ("共 {0} 人，{1} 站", "{0} people", "placeholders"),
        ("第 %1 页", "Page", "placeholders"),
        ("<b>{0}</b> 已保存", "{0} saved", "HTML tags"),
        ("文件(&F)", "File", "& accelerator missing"),
        ("保存", "Sa&ve", "extra & accelerator"),
        ("保存", "Save 文件", "Chinese characters"),
    ],
)
def test_placeholder_check_catches(script, source: str, english: str, problem: str) -> None:
    assert problem in script.placeholder_problem(source, english)


def test_placeholder_check_accepts(script) -> None:
    assert script.placeholder_problem("文件(&F)", "&File") == ""
    assert script.placeholder_problem("<b>{0}</b>：{1}", "<b>{0}</b>: {1}") == ""
    assert script.placeholder_problem("填写“状态”列", 'fill in the "状态" column') == ""


# --- (c) the English interface --------------------------------------------------------------


def test_translator_loads_the_compiled_english(qapp) -> None:
    """language=en installs twdesk_en.qm: class contexts, the .ui's MainWindow context and the
    empty context of module-level tr() all resolve; removing it brings Chinese back."""
    before = qapp.property("twdesk_language")
    qapp.setProperty("twdesk_language", None)
    try:
        assert install_translations(qapp, ENGLISH)
        assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
        assert QCoreApplication.translate("", "取消") == "Cancel"
        assert QCoreApplication.translate("PeoplePanel", "新增人员") == "New person"
    finally:
        remove_translations(qapp)
        qapp.setProperty("twdesk_language", before)
    assert QCoreApplication.translate("", "取消") == "取消"


def _data_corpus(path: Path) -> str:
    """Every text value in the file: names, stations, lookups, activity types … (data); and the
    office-editable station assessment rule's defaults (item names, grades) a year uses until
    the office changes them."""
    from twdesk.core.station_assessment import DEFAULT_CHECKLIST, GradeRule

    values = [item.name for item in DEFAULT_CHECKLIST] + [g for g, _ in GradeRule().grades]
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
        for table in tables:
            for row in con.execute(f'select * from "{table}"'):
                values += [v for v in row if isinstance(v, str) and CJK.search(v)]
    return "\n".join(values)


def test_english_main_window(tmp_path: Path) -> None:
    """Started with language=en on a demo file (a fresh process, as a user starts it): menus,
    tab titles and a dialog's buttons are English, and walking every tab and page, no label,
    button, title, tab, placeholder, tooltip or table header shows Chinese — except the file's
    own data (a Chinese run found among the database's text values) and words quoted from a
    Chinese spreadsheet column ("状态")."""
    from twdesk.db.demo_file import create_demo_database

    demo = tmp_path / "demo.sqlite"
    create_demo_database(demo, stations=4, delegates=20, years=1, seed=2, today=date(2026, 11, 24))
    corpus = _data_corpus(demo)
    data = tmp_path / "english-data"
    data.mkdir()
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "english_window.py"), str(demo)],
        capture_output=True,
        text=True,
        env={**_env(), "TWDESK_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["language"] == ENGLISH
    assert shown["menus"] == ["&File", "&Edit", "&Help"]
    assert shown["tabs"] == [
        "Home",
        "Stations and delegates",
        "Duty calendar",
        "Visits",
        "Duty records",
        "Youth contacts",
        "Evaluation",
    ]
    assert "语言 / &Language" in shown["menu_items"] and "&About" in shown["menu_items"]
    assert shown["window_title"].startswith("League Delegate Liaison Desk — demo.sqlite")
    assert shown["dialog_title"] == "Backup and restore"
    assert "Back up now" in shown["dialog_buttons"] and "Close" in shown["dialog_buttons"]
    assert not any(CJK.search(t) for t in shown["dialog_buttons"])
    assert shown["texts_seen"] > 800
    leaks = []
    for where, text in shown["chinese"]:
        quoted = set(re.findall(r'"([^"]*)"', text))
        for run in CJK.findall(text):
            if run in corpus or any(run in q for q in quoted):
                continue
            leaks.append(f"{where}: {run!r} in {text[:100]!r}")
    assert leaks == [], "\n".join(leaks)


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k not in ("TWDESK_DATA_DIR",)}


# --- (d) the language menu ------------------------------------------------------------------


def test_language_menu_saves_the_setting(qtbot, office_db, monkeypatch) -> None:
    """帮助 → 语言 → English saves language=en and says, in both languages, that it takes effect
    after a restart; 中文 saves it back. The checked item follows the saved setting."""
    from twdesk.ui.main_window import MainWindow
    from twdesk.ui.settings import app_settings

    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, title, text, *a, **k: said.append(text)
    )
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    chinese, english = window.form.actionLanguageChinese, window.form.actionLanguageEnglish
    assert chinese.isChecked() and not english.isChecked()
    assert language_setting(app_settings()) == CHINESE
    assert window.form.menuLanguage.menuAction() in window.form.menuHelp.actions()

    english.trigger()
    assert language_setting(app_settings()) == ENGLISH
    assert english.isChecked() and not chinese.isChecked()
    assert len(said) == 1
    assert "重新启动后生效" in said[0] and "restarted" in said[0]

    english.trigger()  # the same language again: nothing to say
    assert len(said) == 1

    chinese.trigger()
    assert language_setting(app_settings()) == CHINESE
    assert len(said) == 2 and "中文" in said[1]

    app_settings().setValue("language", "en")
    again = MainWindow(office_db)
    qtbot.addWidget(again)
    assert again.form.actionLanguageEnglish.isChecked()


def test_translations_found_in_a_frozen_bundle(monkeypatch, tmp_path) -> None:
    """Frozen, resources are read from the bundle's resources/ folder (sys._MEIPASS); the spec
    copies the whole resources/ folder, translations included."""
    from twdesk.ui import i18n

    bundle = tmp_path / "bundle"
    shutil.copytree(ROOT / "resources" / "translations", bundle / "resources" / "translations")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert i18n.translations_dir() == bundle / "resources" / "translations"
    assert (i18n.translations_dir() / "twdesk_en.qm").is_file()
    spec = (ROOT / "build_installer.spec").read_text(encoding="utf-8")
    assert '(str(root / "resources"), "resources")' in spec
