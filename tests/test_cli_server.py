"""The command line against a PostgreSQL server, run as a user runs it: `init`, `check`, a
daily command, the file-only commands refused, an office account that is not a superuser."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_twdesk
from twdesk.cli import main
from twdesk.db.location import parse_location
from twdesk.db.migrate import SCHEMA_VERSION

pytestmark = pytest.mark.postgresql


def test_init_then_check_on_a_server(pg_empty_url: str) -> None:
    result = run_twdesk("init", "--db", pg_empty_url, "--office", "测试县团委")
    assert result.returncode == 0, result.stderr
    assert "建好 twdesk 的数据表" in result.stdout
    check = run_twdesk("check", "--db", pg_empty_url)
    assert check.returncode == 0, check.stderr
    assert "服务器：PostgreSQL 1" in check.stdout
    assert "排序规则：C" in check.stdout and "与数据库文件相同" in check.stdout
    assert f"数据结构版本：{SCHEMA_VERSION}（本程序：{SCHEMA_VERSION}，当前版本）" in check.stdout
    assert "eval_indicator" in check.stdout and "       10" in check.stdout
    again = run_twdesk("init", "--db", pg_empty_url)
    assert again.returncode == 1 and "不会覆盖" in again.stderr
    assert "Traceback" not in again.stderr


def test_check_of_a_database_without_twdesk(pg_empty_url: str) -> None:
    check = run_twdesk("check", "--db", pg_empty_url)
    assert check.returncode == 1 and "没有 twdesk 的数据" in check.stderr


def test_a_password_on_the_command_line_is_refused(pg_url: str) -> None:
    loc = parse_location(pg_url)
    with_password = f"postgresql://postgres:hunter2@/{loc.dbname}?host={loc.host}"
    result = run_twdesk("check", "--db", with_password)
    assert result.returncode == 1, result.stdout
    assert "不能写密码" in result.stderr and "PGPASSWORD" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout and "Traceback" not in result.stderr


def test_file_only_commands_say_whose_job_it_is(
    pg_url: str, tmp_path: Path, private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    for args in (
        ["backup"],
        ["backups"],
        ["restore", "--from", str(tmp_path / "x.sqlite")],
    ):
        code = main([*args, "--db", pg_url])  # in this process: three interpreters cost 2 s
        err = capsys.readouterr().err
        assert code == 1 and "服务器管理员" in err, (args, err)
    assert not list(tmp_path.iterdir())
    assert not [p for p in private_data_dir.rglob("*") if p.is_file()]


def test_an_office_account_without_superuser_rights(
    pg_cluster, tmp_path: Path, private_data_dir: Path
) -> None:
    """The administrator makes a role and an empty database it owns; `init` and daily work then
    run as that role, which is no superuser and cannot create databases or roles."""
    admin = pg_cluster.admin()
    name = "t_office_account"
    admin.execute("DROP ROLE IF EXISTS clerk")
    admin.execute("CREATE ROLE clerk LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    admin.execute(f"CREATE DATABASE {name} OWNER clerk")
    pg_cluster.made.append(name)
    loc = parse_location(pg_cluster.url(name))
    url = f"postgresql://clerk@/{name}?host={loc.host}&port={loc.port}"
    try:
        assert run_twdesk("init", "--db", url, "--office", "某县团委").returncode == 0
        sheet = tmp_path / "work" / "名册.xlsx"
        sheet.parent.mkdir()
        from benchmarks.bench_roster import write_sheet

        write_sheet(sheet, 3)
        imported = run_twdesk("import", "roster", str(sheet), "--db", url)
        assert imported.returncode == 0, imported.stderr
        check = run_twdesk("check", "--db", url)
        assert check.returncode == 0 and "账号 clerk" in check.stdout
        counts = dict(line.split()[:2] for line in check.stdout.splitlines() if "  " in line)
        assert counts["person"] == "3"
        # no backup (daily, before the import) and no lock file anywhere
        assert list(sheet.parent.iterdir()) == [sheet]
        assert not [p for p in private_data_dir.rglob("*") if p.suffix in (".sqlite", ".lock")]
    finally:
        pg_cluster.drop(name)
        pg_cluster.made.remove(name)
        admin.execute("DROP ROLE clerk")


def test_a_demo_office_on_a_server(pg_empty_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`twdesk demo --db postgresql://…` fills an empty server database (the benchmarks' way to
    a large office on a server); a second time it is refused, the database untouched."""
    from twdesk.db.dbfile import open_database
    from twdesk.services.overview import record_counts

    args = ["demo", "--db", pg_empty_url, "--stations", "2", "--delegates", "12", "--years", "1"]
    assert main(args) == 0, capsys.readouterr().err
    assert "已生成演示数据库：服务器数据库「" in capsys.readouterr().out
    db = open_database(pg_empty_url)
    try:
        assert db.is_demo
        with db.session() as s:
            counts = record_counts(s)
        assert counts["delegates"] == 12 and counts["visits"] > 0
    finally:
        db.close()
    assert main(args) == 1 and "不会覆盖" in capsys.readouterr().err


def test_a_county_on_the_server_sends_a_package_a_township_file_merges(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """USB exchange keeps working both ways with a county on PostgreSQL: its 导出交换包 is a
    copy of the server database in a temporary file, packaged; a township file merges it."""
    from twdesk.db.dbfile import create_database, open_database
    from twdesk.services import merge, stations
    from twdesk.services.packages import opened_package, read_manifest

    county = open_database(pg_url)
    try:
        with county.transaction() as s:
            stations.save_station(s, {"name": "县级联络站", "kind": "县级联络站"})
        office_id = county.office_id
    finally:
        county.close()
    out = tmp_path / "县团委.twpkg"
    password = tmp_path / "pw.txt"
    password.write_text("团委2026\n", encoding="utf-8")
    code = main(["package", "--db", pg_url, "--out", str(out), "--password-file", str(password)])
    assert code == 0, capsys.readouterr().err
    assert read_manifest(out, "团委2026").office_id == office_id
    assert [p.name for p in tmp_path.iterdir()] and not list(tmp_path.glob("*.twdb"))
    township = tmp_path / "乡镇站.twdb"
    create_database(township)
    db = open_database(township)
    try:
        with opened_package(out, "团委2026") as source:
            merge.apply_merge(db, source)
        with db.session() as s:
            names = [n.name for n in stations.station_tree(s)]
    finally:
        db.close()
    assert "县级联络站" in names
