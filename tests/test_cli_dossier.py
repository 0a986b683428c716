"""`twdesk dossier` through the command line's own entry point, on a real file: the summary
line, failures by name on stderr with exit code 1, unknown names, wrong arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests import dossier_fakes
from tests.test_dossier_batch import YEAR, expected_names, fake_dossier, make_file
from twdesk.cli.main import main

__all__ = ["fake_dossier"]  # the autouse fixture, shared with the batch tests


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, dict[str, list[tuple[str, str]]]]:
    path = tmp_path / "office.sqlite"
    return path, make_file(path)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_delegate_with_a_merged_pdf(office, tmp_path: Path, capsys) -> None:
    path, made = office
    out = tmp_path / "档案"  # made by the command
    merged = tmp_path / "全部.pdf"
    code, stdout, stderr = run(
        capsys, "dossier", "--db", path, "--year", YEAR, "--out", out, "--merged", merged,
        "--workers", 0,
    )  # fmt: skip
    assert code == 0, stderr
    assert stdout.startswith("已生成 6 份档案，共 12 页，用时 ") and "合并为「全部.pdf」" in stdout
    assert {p.name for p in out.iterdir()} == expected_names(made)
    assert len(PdfReader(merged).outline) == 6
    # again: refused without --force, nothing changed; replaced with it
    code, _out, stderr = run(capsys, "dossier", "--db", path, "--year", YEAR, "--out", out)
    assert code == 1 and "同名文件" in stderr and "--force" in stderr
    code, stdout, _err = run(
        capsys, "dossier", "--db", path, "--year", YEAR, "--out", out, "--force", "--workers", 0
    )
    assert code == 0 and "已生成 6 份档案" in stdout


def test_stations_and_delegates(office, tmp_path: Path, capsys) -> None:
    path, _made = office
    code, stdout, _err = run(
        capsys, "dossier", "--db", path, "--year", YEAR, "--station", "西站", "--out",
        tmp_path / "w", "--workers", 0,
    )  # fmt: skip
    assert code == 0 and "已生成 2 份档案" in stdout
    code, stdout, _err = run(
        capsys, "dossier", "--db", path, "--year", YEAR, "--delegate", "甲一", "乙二",
        "--delegate", "曾䶮", "--out", tmp_path / "d", "--workers", 0,
    )  # fmt: skip
    assert code == 0 and "已生成 3 份档案" in stdout
    assert len(list((tmp_path / "d").iterdir())) == 3


def test_a_failure_is_named_on_stderr_and_the_exit_code_is_1(
    office, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, made = office
    monkeypatch.setenv(dossier_fakes.FAIL_IDS, made["东站"][0][0])
    code, stdout, stderr = run(
        capsys, "dossier", "--db", path, "--year", YEAR, "--out", tmp_path / "o", "--workers", 0
    )
    assert code == 1
    assert "已生成 5 份档案" in stdout and "1 份失败" in stdout
    assert stderr.strip() == "失败：甲一（东站）：测试故障：甲一的记录无法读取"


def test_unknown_names_and_wrong_arguments(office, tmp_path: Path, capsys) -> None:
    path, _made = office
    code, _out, stderr = run(
        capsys, "dossier", "--db", path, "--year", YEAR, "--delegate", "张三", "甲一", "李四",
        "--out", tmp_path / "o",
    )  # fmt: skip
    assert code == 1 and "张三、李四" in stderr and "甲一" not in stderr
    code, _out, stderr = run(
        capsys, "dossier", "--db", path, "--year", YEAR, "--station", "北站", "--out", tmp_path
    )
    assert code == 1 and "北站" in stderr and "东站" in stderr
    code, _out, stderr = run(
        capsys, "dossier", "--db", path, "--year", YEAR, "--out", tmp_path, "--merged", "a.docx"
    )
    assert code == 2 and ".pdf" in stderr
    with pytest.raises(SystemExit) as exit_code:
        main(["dossier", "--db", str(path), "--out", str(tmp_path)])
    assert exit_code.value.code == 2 and "--year" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.pdf"))
