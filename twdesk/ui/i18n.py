"""The interface language: Chinese by default, English from resources/translations/twdesk_en.qm.

The language is a setting (`language` in settings.ini: `zh_CN` or `en`) read once at start-up:
帮助 → 语言 saves it and the change takes effect after a restart (widgets are built once).

Contexts: `self.tr("…")` is looked up under the class name (PySide walks the class's MRO);
module-level text uses `tr("…")` from this module, which pyside6-lupdate files under the empty
context — so the two always agree with the extracted twdesk_en.ts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from twdesk import APP_TITLE
from twdesk.paths import resources_dir

CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (CHINESE, ENGLISH)
SETTING = "language"
QT_TRANSLATE_NOOP("App", "团代表联络站工作台")  # APP_TITLE, for pyside6-lupdate


def app_title() -> str:
    """团代表联络站工作台 in the interface language."""
    return QCoreApplication.translate("App", APP_TITLE)


def tr(text: str) -> str:
    """Translate module-level text (the empty context, as pyside6-lupdate extracts a bare tr())."""
    return QCoreApplication.translate("", text)


def notr(text: str) -> str:
    """Marks Chinese text that stays Chinese in every language on purpose (the test that looks
    for unwrapped Chinese literals accepts it): names of languages, bilingual notices."""
    return text


def translations_dir() -> Path:
    return resources_dir() / "translations"


def language_setting(settings: QSettings) -> str:
    value = str(settings.value(SETTING, CHINESE) or CHINESE)
    return value if value in LANGUAGES else CHINESE


def save_language(settings: QSettings, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(language)
    settings.setValue(SETTING, language)
    settings.sync()


_installed: list[QTranslator] = []


def install_translations(app: QApplication, language: str) -> bool:
    """twdesk's own text in English when `language` is English; Qt's own dialogs and buttons in
    Chinese otherwise (Qt is English by itself). Once per application; False when a file that
    was needed is missing (the interface then stays in Chinese)."""
    if app.property("twdesk_language"):
        return True
    app.setProperty("twdesk_language", language)
    if language == ENGLISH:
        translator = QTranslator(app)
        if not translator.load("twdesk_en", str(translations_dir())):
            app.setProperty("twdesk_language", CHINESE)
            return False
        app.installTranslator(translator)
        _installed.append(translator)
        return True
    from twdesk.ui.app import install_qt_translations

    return install_qt_translations(app)


def remove_translations(app: QApplication) -> None:
    """Undo `install_translations` for twdesk's own text (tests switch languages in one process)."""
    while _installed:
        app.removeTranslator(_installed.pop())
    app.setProperty("twdesk_language", None)


def current_language() -> str:
    """The language installed in this process (Chinese before any was installed)."""
    app = QCoreApplication.instance()
    value = app.property("twdesk_language") if app is not None else None
    return str(value) if value in LANGUAGES else CHINESE
