"""The Windows release's pieces that run without Windows: a file given as the first argument
(how Explorer opens a double-clicked .twdb), the windowed launcher without stdout, the app icon,
and the installer script agreeing with the spec (the frozen bundle itself is built and
smoke-tested by scripts/smoke_bundle.py in CI)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from twdesk.cli import gui_main, main
from twdesk.db.dbfile import create_database

ROOT = Path(__file__).resolve().parent.parent
ISS = (ROOT / "installer" / "twdesk.iss").read_text(encoding="utf-8")
SPEC = (ROOT / "build_installer.spec").read_text(encoding="utf-8")


@pytest.fixture
def gui_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path | None, bool]]:
    """Stands in for the window: records what `twdesk …` asked the GUI to open."""
    from twdesk.ui import app

    calls: list[tuple[Path | None, bool]] = []
    monkeypatch.setattr(app, "run_gui", lambda path, demo=False: calls.append((path, demo)) or 0)
    return calls


@pytest.mark.parametrize("name", ["县团委.twdb", "旧文件.SQLITE", "U盘副本.db"])
def test_a_database_file_as_first_argument_opens_it(
    name: str, tmp_path: Path, gui_calls: list
) -> None:
    path = tmp_path / "U盘" / name  # need not exist yet: the window says what is wrong
    assert main([str(path)]) == 0
    assert gui_calls == [(path, False)]


def test_any_existing_file_as_first_argument_is_opened(tmp_path: Path, gui_calls: list) -> None:
    path = tmp_path / "县团委数据（备份）"
    create_database(path)
    assert main([str(path)]) == 0
    assert gui_calls == [(path, False)]


def test_a_command_wins_over_a_file_of_that_name(
    tmp_path: Path, gui_calls: list, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "check").write_text("not a database", encoding="utf-8")
    db = tmp_path / "县团委.twdb"
    create_database(db)
    assert main(["check", "--db", str(db)]) == 0
    assert "完整性检查：正常" in capsys.readouterr().out
    assert gui_calls == []


def test_an_unknown_word_is_still_refused(gui_calls: list, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["chek"])
    assert exit_info.value.code == 2
    assert "chek" in capsys.readouterr().err
    assert gui_calls == []


def test_the_windowed_launcher_runs_without_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A windowed Windows executable has no stdout/stderr (None): writing must not fail."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "argv", ["twdesk", "--version"])
    assert gui_main() == 0
    assert sys.stdout is not None and sys.stderr is not None
    sys.stdout.close()


def test_the_windowed_launcher_shows_a_wrong_option_in_a_message_box(
    qtbot, monkeypatch: pytest.MonkeyPatch, gui_calls: list
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _p, title, text: shown.append((title, text))
    )
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "argv", ["twdesk", "--no-such-option"])
    assert gui_main() == 2
    sys.stdout.close()
    [(title, text)] = shown
    assert title == "团代表联络站工作台"
    assert "参数错误" in text and "--no-such-option" in text
    assert gui_calls == []


def test_the_application_has_the_twdesk_icon(qtbot) -> None:
    from PIL import Image
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from twdesk.ui.app import ICON_SIZES, make_application

    make_application()
    icon = QApplication.windowIcon()
    assert {QSize(s, s) for s in ICON_SIZES} <= set(icon.availableSizes())
    corner = icon.pixmap(QSize(64, 64)).toImage().pixelColor(32, 10)
    assert corner.red() > 150 and corner.green() < 80  # the red square, not a blank icon
    with Image.open(ROOT / "resources" / "icons" / "twdesk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]


def _setting(name: str) -> str:
    found = re.search(rf"^{name}=(.*)$", ISS, re.MULTILINE)
    assert found, name
    return found.group(1).strip()


def test_the_installer_is_per_user_and_upgrades_in_place() -> None:
    # changing AppId would install a second copy beside the first instead of upgrading it
    assert _setting("AppId") == "{{E9A1F085-CBA6-4EF5-AFAC-6706CF08335F}"
    assert _setting("PrivilegesRequired") == "lowest"
    assert _setting("DefaultDirName") == r"{localappdata}\Programs\twdesk"
    assert "HKLM" not in ISS and "HKCR" not in ISS


def test_the_installer_never_deletes_the_data_folder() -> None:
    assert not re.search(r"^\[UninstallDelete\]", ISS, re.MULTILINE)
    deleted = re.findall(r'^Type: \w+; Name: "([^"]+)"', ISS, re.MULTILINE)
    assert deleted == [r"{app}\_internal"]
    assert "appdata" not in " ".join(deleted).lower()


def test_the_installer_opens_twdb_files_with_the_windowed_executable() -> None:
    assert '#define AppExeName "twdesk.exe"' in ISS
    assert r'Software\Classes\.twdb"' in ISS
    assert r'ValueData: """{app}\{#AppExeName}"" ""%1"""' in ISS
    # the spec builds that executable without a console, and the console one beside it
    gui = re.search(r'name="twdesk",\s*console=(\w+)', SPEC)
    cli = re.search(r'name="twdesk-cli",\s*console=(\w+)', SPEC)
    assert gui and gui.group(1) == "False"
    assert cli and cli.group(1) == "True"
    assert re.search(r'^Source: "dist\\twdesk\\\*"', ISS, re.MULTILINE)


def test_the_app_names_its_own_files_twdb_and_keeps_an_older_sqlite_one(
    private_data_dir: Path,
) -> None:
    from twdesk.paths import default_db_path, demo_db_path

    assert default_db_path() == private_data_dir / "twdesk.twdb"
    assert demo_db_path() == private_data_dir / "twdesk-demo.twdb"
    (private_data_dir / "twdesk.sqlite").write_bytes(b"")  # a data folder from before
    assert default_db_path() == private_data_dir / "twdesk.sqlite"
    (private_data_dir / "twdesk.twdb").write_bytes(b"")
    assert default_db_path() == private_data_dir / "twdesk.twdb"
