"""A twdesk database on a PostgreSQL server: the location, creating, opening, migrating,
refusing; and the fixtures every both-engine test uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from twdesk.db.dbfile import (
    SCHEMA_VERSION,
    DbExistsError,
    DbFileError,
    NewerSchemaError,
    NotTwdeskError,
    create_database,
    open_database,
)
from twdesk.db.location import LocationError, ServerLocation, parse_location
from twdesk.db.models import Person, Setting

# ---- the location ------------------------------------------------------------------------


def test_a_path_stays_a_path() -> None:
    assert parse_location("office.sqlite") == Path("office.sqlite")
    assert parse_location("/data/县团委.sqlite") == Path("/data/县团委.sqlite")
    assert parse_location(r"C:\twdesk\office.sqlite") == Path(r"C:\twdesk\office.sqlite")
    assert parse_location("C://twdesk/office.sqlite") == Path("C://twdesk/office.sqlite")


def test_a_server_url_is_parsed() -> None:
    loc = parse_location("postgresql://twdesk@db.example.org:5433/county")
    assert loc == ServerLocation("twdesk", "db.example.org", 5433, "county")
    assert loc.url == "postgresql://twdesk@db.example.org:5433/county"
    assert loc.name == "county"
    assert "db.example.org:5433" in loc.describe() and "twdesk" in loc.describe()
    socket = parse_location("postgres://me@/county?host=/run/postgresql&port=5432")
    assert socket == ServerLocation("me", "/run/postgresql", 5432, "county")
    assert parse_location(socket.url) == socket
    v6 = parse_location("postgresql://me@[::1]:5433/county")
    assert v6 == ServerLocation("me", "::1", 5433, "county") and parse_location(v6.url) == v6
    url = socket.sqlalchemy_url()
    assert url.drivername == "postgresql+psycopg" and url.query["host"] == "/run/postgresql"


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://twdesk:secret@db/county",
        "postgresql://twdesk@db/county?password=secret",
    ],
)
def test_a_password_in_the_url_is_refused(text: str) -> None:
    with pytest.raises(LocationError, match="不能写密码") as caught:
        parse_location(text)
    assert "secret" not in str(caught.value) and "PGPASSWORD" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("postgresql://twdesk@db/", "缺少数据库名"),
        ("mysql://twdesk@db/county", "不支持"),
        ("postgresql://twdesk@db/county?sslmod=require", "sslmod"),
        ("postgresql://twdesk@db:99999/county", "端口"),
    ],
)
def test_a_wrong_url_is_refused_in_chinese(text: str, says: str) -> None:
    with pytest.raises(LocationError, match=says):
        parse_location(text)


# ---- the fixtures ------------------------------------------------------------------------


def test_any_office_db_is_open_and_seeded(any_office_db, engine_name: str) -> None:
    db = any_office_db
    assert db.is_server == (engine_name == "postgresql")
    assert (db.path is None) == db.is_server
    assert db.office_id
    with db.transaction() as s:
        s.add(Person(name="张三", gender="男", id_number="", phone=""))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1
        assert s.get(Setting, "office_id").value == db.office_id
    if engine_name == "postgresql":
        with db.engine.connect() as conn:
            assert conn.dialect.name == "postgresql"


# ---- creating and opening on a server ----------------------------------------------------


@pytest.mark.postgresql
def test_create_on_an_empty_server_database_then_open(pg_empty_url: str) -> None:
    create_database(pg_empty_url, office_name="某县团委")
    db = open_database(pg_empty_url)
    try:
        assert db.is_server and db.lock is None and db.backup_path is None
        assert db.office_name == "某县团委" and not db.read_only
        assert db.name == parse_location(pg_empty_url).dbname
        with db.engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert int(version.split("_")[0]) == SCHEMA_VERSION
        with pytest.raises(DbFileError, match="服务器管理员"):
            db.save_copy(Path("/tmp/never.sqlite"))
        assert db.verify_in_background(lambda _m: None) is None
    finally:
        db.close()
    with pytest.raises(DbExistsError, match="已经有 twdesk 的数据"):
        create_database(pg_empty_url)


@pytest.mark.postgresql
def test_create_makes_a_missing_database(pg_cluster) -> None:
    url = pg_cluster.url("t_created_by_init")
    pg_cluster.made.append("t_created_by_init")
    create_database(url)
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            from twdesk.db.server import server_info

            info = server_info(conn)
        assert info.collation == "C" and info.sorts_like_a_file  # text sorts as in a file
    finally:
        db.close()


@pytest.mark.postgresql
def test_a_database_without_twdesk_is_refused(pg_empty_url: str) -> None:
    with pytest.raises(NotTwdeskError, match="twdesk init"):
        open_database(pg_empty_url)


@pytest.mark.postgresql
def test_a_foreign_non_empty_database_is_never_initialised(pg_empty_url: str) -> None:
    import psycopg

    from tests.pgserver import conninfo

    with psycopg.connect(conninfo(pg_empty_url), autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(DbExistsError, match="invoices"):
        create_database(pg_empty_url)


@pytest.mark.postgresql
def test_a_newer_schema_on_the_server_is_refused_untouched(pg_url: str) -> None:
    import psycopg

    from tests.pgserver import conninfo

    newer = f"{SCHEMA_VERSION + 1:04d}_from_the_future"
    with psycopg.connect(conninfo(pg_url), autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = %s", (newer,))
    with pytest.raises(NewerSchemaError, match=f"版本是 {SCHEMA_VERSION + 1}"):
        open_database(pg_url)
    with psycopg.connect(conninfo(pg_url)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == newer


@pytest.mark.postgresql
def test_an_older_schema_on_the_server_is_migrated(pg_empty_url: str) -> None:
    """Every migration runs on PostgreSQL: build version 1 with alembic, open, get the newest."""
    from sqlalchemy import create_engine

    from twdesk.db.migrate import upgrade

    engine = create_engine(parse_location(pg_empty_url).sqlalchemy_url())
    with engine.begin() as conn:
        upgrade(conn, "0001_initial")
        conn.execute(
            text(
                "INSERT INTO setting (key, value) VALUES ('office_id', 'o1'), ('office_name', '旧')"
            )
        )
    engine.dispose()
    db = open_database(pg_empty_url)
    try:
        assert db.office_name == "旧"
        with db.engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert int(version.split("_")[0]) == SCHEMA_VERSION
    finally:
        db.close()


@pytest.mark.postgresql
def test_a_read_only_account_opens_read_only(pg_url: str, pg_cluster) -> None:
    import psycopg

    from tests.pgserver import conninfo

    with psycopg.connect(conninfo(pg_url), autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS reader")
        conn.execute("CREATE ROLE reader LOGIN")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader")
    loc = parse_location(pg_url)
    reader = ServerLocation("reader", loc.host, loc.port, loc.dbname, loc.params)
    db = open_database(reader)
    try:
        assert db.read_only and "只有读取权限" in db.read_only_reason
        with db.session() as s:
            assert s.get(Setting, "office_id") is not None
        with pytest.raises(DbFileError, match="只读"), db.transaction() as s:
            s.add(Person(name="李四", gender="女"))
    finally:
        db.close()
        with psycopg.connect(conninfo(pg_url), autocommit=True) as conn:
            conn.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM reader")
            conn.execute("DROP ROLE reader")


@pytest.mark.postgresql
def test_an_unreachable_server_is_a_chinese_message(tmp_path: Path) -> None:
    url = f"postgresql://twdesk@/county?host={tmp_path}&port=5999"
    with pytest.raises(DbFileError, match=r"连接.*失败"):
        open_database(url)


def test_without_a_server_the_run_says_the_tests_were_skipped(tmp_path: Path) -> None:
    """The README's test command on a machine without PostgreSQL: skipped, and said so.
    (--pg=on / TWDESK_PG=1, as .ci/run sets, makes the pg_cluster fixture fail instead.)"""
    import os
    import subprocess
    import sys

    from tests.helpers import ROOT

    empty = tmp_path / "no-server"
    empty.mkdir()
    env = {**os.environ, "TWDESK_PG_BIN": str(empty), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("TWDESK_PG", None)
    env.pop("TWDESK_PG_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_server_db.py",
            "-k",
            "refused_untouched or without_twdesk",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PostgreSQL: 2 tests skipped — 没有找到 PostgreSQL 服务器程序" in result.stdout
