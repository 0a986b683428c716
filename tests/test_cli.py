"""The command line, run as a user runs it: a fresh interpreter, real files, Chinese errors."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import digest, run_twdesk
from twdesk import __version__
from twdesk.db.migrate import SCHEMA_VERSION


def test_version() -> None:
    result = run_twdesk("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"twdesk {__version__}"


def test_init_then_check_healthy(tmp_path: Path) -> None:
    path = tmp_path / "县团委.sqlite"
    result = run_twdesk("init", "--db", str(path), "--office", "测试县团委")
    assert result.returncode == 0, result.stderr
    assert "已创建" in result.stdout and path.exists()
    check = run_twdesk("check", "--db", str(path))
    assert check.returncode == 0, check.stderr
    assert "完整性检查：正常" in check.stdout
    assert f"数据结构版本：{SCHEMA_VERSION}" in check.stdout
    assert "eval_indicator" in check.stdout and "       10" in check.stdout


def test_init_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "existing.sqlite"
    path.write_bytes(b"precious")
    result = run_twdesk("init", "--db", str(path))
    assert result.returncode != 0
    assert "已经存在" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == b"precious"


def test_check_reports_a_bad_file_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database" * 10)
    before = digest(path)
    result = run_twdesk("check", "--db", str(path))
    assert result.returncode == 1
    assert "不是 twdesk 数据库" in result.stderr and "Traceback" not in result.stderr
    assert digest(path) == before


def test_check_missing_file(tmp_path: Path) -> None:
    result = run_twdesk("check", "--db", str(tmp_path / "nope.sqlite"))
    assert result.returncode == 1 and "找不到" in result.stderr


def test_usage_errors_are_chinese() -> None:
    result = run_twdesk("demo")
    assert result.returncode == 2
    assert "缺少必需的参数" in result.stderr and "--db" in result.stderr
    result = run_twdesk("demo", "--db", "x.sqlite", "--delegates", "很多")
    assert result.returncode == 2 and "需要正整数" in result.stderr


def test_demo_builds_a_deterministic_small_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path in (a, b):
        result = run_twdesk(
            "demo", "--db", str(path), "--stations", "4", "--delegates", "30", "--seed", "7"
        )
        assert result.returncode == 0, result.stderr
        assert "已生成演示数据库" in result.stdout
    check = run_twdesk("check", "--db", str(a))
    assert check.returncode == 0, check.stderr
    lines_a = [line for line in check.stdout.splitlines() if line.startswith("  ")]
    lines_b = [
        line
        for line in run_twdesk("check", "--db", str(b)).stdout.splitlines()
        if line.startswith("  ")
    ]
    assert lines_a == lines_b  # same seed, same rows per table
    again = run_twdesk("demo", "--db", str(a))
    assert again.returncode == 1 and "已经存在" in again.stderr


def test_unexpected_error_is_logged_not_shown_as_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_twdesk(
        "init",
        "--db",
        str(tmp_path / "x.sqlite"),
        "--office",
        "x",
        env={"TWDESK_DATA_DIR": str(data), "TWDESK_TEST_CRASH": "511825199503072011 13812345678"},
    )
    assert result.returncode == 70
    assert "内部错误" in result.stderr and "Traceback" not in result.stderr
    log = (data / "logs" / "twdesk.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError" in log
    assert "511825199503072011" not in log and "13812345678" not in log
    assert "511825********2011" in log and "138****5678" in log
