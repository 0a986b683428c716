"""`twdesk copy`: a whole office database moved between a SQLite file and a PostgreSQL server,
both ways, verified; a target that holds data is never touched; a copy that does not read back
the same fails and leaves nothing behind; USB exchange keeps working against the moved county."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from tests.test_engines_agree import REPORTS, TODAY
from twdesk.cli import main
from twdesk.core.errors import Cancelled
from twdesk.db import transfer
from twdesk.db.dbfile import DbExistsError, open_database
from twdesk.db.models import (
    Activity,
    Attachment,
    MergeConflict,
    Person,
    PersonPhoto,
    Setting,
    Station,
    SyncPeer,
)
from twdesk.services.db_copy import CopyMismatchError, copy_database, database_checksums

# every byte value, a NUL first: a blob must arrive as it left
BLOB = bytes(range(256)) * 40
THUMB = b"\x00\xff" * 100


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo office with what the demo lacks: photos, a scan with a thumbnail, a station
    leader's photo, a met peer office and a kept merge conflict; the audit log has the edits."""
    from twdesk.db.demo_file import create_demo_database
    from twdesk.services import ledger, people
    from twdesk.services.demo_evaluation import open_demo_year

    path = tmp_path_factory.mktemp("copy") / "demo.sqlite"
    create_demo_database(
        path,
        stations=3,
        delegates=24,
        years=2,
        seed=7,
        visits=120,
        today=TODAY,
        finish=open_demo_year,
    )
    db = open_database(path)
    try:
        with db.transaction() as s:
            persons = s.scalars(select(Person.id).order_by(Person.id).limit(3)).all()
            for n, person_id in enumerate(persons):
                people.set_photo(s, person_id, BLOB[n:] + bytes([n]))
            activity_id = s.scalars(select(Activity.id).order_by(Activity.id).limit(1)).one()
            ledger.add_attachment(s, activity_id, "扫描件.jpg", "image/jpeg", BLOB, THUMB)
            station = s.scalars(select(Station).order_by(Station.id).limit(1)).one()
            station.leader_photo = BLOB[::-1]
            s.add(
                SyncPeer(
                    peer_office_id="0f0e0d0c-0000-4000-8000-000000000001",
                    peer_office_name="某某镇团委",
                    last_met=datetime(2026, 10, 1, 9, 30, 0, 123456),
                    last_merged_at=datetime(2026, 10, 1, 9, 30, 1),
                    merges=2,
                )
            )
            s.add(
                MergeConflict(
                    table_name="person",
                    row_id=persons[0],
                    field="phone",
                    kept_value="13800000000",
                    other_value="13900000000",
                    merged_at=datetime(2026, 10, 1, 9, 30, 1),
                    kind="双方修改",
                    other_office="某某镇团委",
                    kept_time=datetime(2026, 10, 1, 9, 0),
                    other_time=datetime(2026, 9, 30, 18, 5, 1, 500),
                    resolved=False,
                )
            )
    finally:
        db.close()
    return path


def _kinds_present(location: str | Path) -> dict[str, int]:
    db = open_database(location, read_only=True)
    try:
        with db.session() as s:
            return {
                name: len(s.scalars(select(model)).all())
                for name, model in (
                    ("photo", PersonPhoto),
                    ("attachment", Attachment),
                    ("peer", SyncPeer),
                    ("conflict", MergeConflict),
                    ("setting", Setting),
                )
            }
    finally:
        db.close()


def _blobs(location: str | Path) -> list[bytes | None]:
    db = open_database(location, read_only=True)
    try:
        with db.engine.connect() as conn:
            found = [
                bytes(r[0]) for r in conn.execute(select(PersonPhoto.data).order_by(PersonPhoto.id))
            ]
            found += [
                bytes(x)
                for r in conn.execute(select(Attachment.data, Attachment.thumbnail))
                for x in r
            ]
            found += [
                bytes(r[0])
                for r in conn.execute(
                    select(Station.leader_photo).where(Station.leader_photo.is_not(None))
                )
            ]
            return found
    finally:
        db.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    captured = capsys.readouterr()
    assert code == 0, (args, captured.err)
    return captured.out


def test_file_to_file_through_the_command_line(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(demo)
    target = tmp_path / "sub" / "moved.sqlite"
    printed = run(capsys, "copy", "--from", str(demo), "--to", str(target))
    assert "校验：两边各表的记录数和校验和一致" in printed and "person_photo" in printed
    assert digest(demo) == before  # the source is only read
    assert database_checksums(target) == database_checksums(demo)
    assert _blobs(target) == _blobs(demo) and BLOB in _blobs(target)
    assert [p.name for p in target.parent.iterdir()] == ["moved.sqlite"]  # no temp left
    kinds = _kinds_present(target)
    assert kinds == _kinds_present(demo) and all(kinds.values()), kinds
    # the same office: its id and settings travel as they are
    moved = open_database(target)
    try:
        assert moved.office_id == open_database(demo, read_only=True).office_id
    finally:
        moved.close()
    # a second copy onto it is refused, the file untouched
    after = digest(target)
    code = main(["copy", "--from", str(demo), "--to", str(target)])
    err = capsys.readouterr().err
    assert code == 1 and "已经存在" in err and "不会覆盖" in err
    assert digest(target) == after


def test_canonical_rows_tell_types_and_nulls_apart() -> None:
    rows = [
        (None, "", "None"),
        (1, 1.0, True),
        (date(2026, 1, 2), datetime(2026, 1, 2), "2026-01-02"),
        (b"\x00", memoryview(b"\x00"), None),
    ]
    texts = [transfer.canonical_row(r) for r in rows]
    # with the positions of the special columns given, the same text
    assert transfer.canonical_row(rows[3], (0, 1)) == texts[3]
    assert len(set(texts)) == len(texts)
    assert b"None, ''" in texts[0] and b"'None'" in texts[0]
    assert texts[1] == b"(1, 1.0, True)\n"
    # bytes and a memoryview of them (psycopg may give either) are the same value
    assert transfer.canonical_value(b"\x00") == transfer.canonical_value(memoryview(b"\x00"))


@pytest.mark.postgresql
def test_round_trip_through_the_server_is_identical(
    demo: Path, tmp_path: Path, pg_cluster, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.url("moved_office")
    pg_cluster.made.append("moved_office")
    try:
        printed = run(capsys, "copy", "--from", str(demo), "--to", url)  # created by the copy
        assert "校验" in printed
        back = tmp_path / "back.sqlite"
        run(capsys, "copy", "--from", url, "--to", str(back))
        original = database_checksums(demo)
        assert database_checksums(url) == original
        assert database_checksums(back) == original
        assert sum(rows for rows, _ in original.values()) > 1000
        assert _blobs(url) == _blobs(demo) == _blobs(back)
        kinds = _kinds_present(url)
        assert kinds == _kinds_present(demo) and all(kinds.values())
        # the important services give the same answers from all three
        for name, args in REPORTS:
            on_file = json.loads(run(capsys, *args, "--db", str(demo)))
            assert on_file, name
            assert json.loads(run(capsys, *args, "--db", url)) == on_file, name
            assert json.loads(run(capsys, *args, "--db", str(back))) == on_file, name
        for name, args in (("visits", ["export", "visits"]), ("roster", ["export", "roster"])):
            outputs = []
            for n, where in enumerate((str(demo), url, str(back))):
                out = tmp_path / f"{name}-{n}.xlsx"
                run(capsys, *args, "--out", str(out), "--db", where)
                outputs.append(_cells(out))
            assert outputs[0] == outputs[1] == outputs[2], name
        # the server copy sorts text as the file does
        with open_database(url, read_only=True).engine.connect() as conn:
            assert (
                conn.exec_driver_sql(
                    "SELECT datcollate FROM pg_database WHERE datname = current_database()"
                ).scalar()
                == "C"
            )
        # the server database now holds data: a second copy onto it is refused, untouched
        code = main(["copy", "--from", str(back), "--to", url])
        err = capsys.readouterr().err
        assert code == 1 and "已经有 twdesk 的数据" in err
        assert database_checksums(url) == original
    finally:
        pg_cluster.drop_url(url)


def _cells(path: Path) -> list[tuple]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return [tuple(r) for ws in wb for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


@pytest.mark.postgresql
def test_a_server_database_with_other_tables_is_refused(demo: Path, pg_cluster) -> None:
    url = pg_cluster.new_database(migrated=False)
    import psycopg

    from tests.pgserver import conninfo

    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        conn.execute("CREATE TABLE payroll (id int)")
    with pytest.raises(DbExistsError, match="payroll"):
        copy_database(demo, url)
    with psycopg.connect(conninfo(url)) as conn:
        tables = [
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        ]
    assert tables == ["payroll"]
    pg_cluster.drop_url(url)


def _changing_one_row(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """write_rows that alters one person's name on the way: what a faulty driver would do."""
    changed: list[str] = []
    real = transfer.write_rows

    def faulty(conn, table, rows):
        if table.name == "person" and not changed:
            names = [c.name for c in table.columns]
            first = list(rows[0])
            first[names.index("name")] += "x"
            changed.append(first[names.index("id")])
            rows = [tuple(first), *rows[1:]]
        real(conn, table, rows)

    monkeypatch.setattr(transfer, "write_rows", faulty)
    return changed


def test_a_mismatched_copy_fails_and_leaves_no_file(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = _changing_one_row(monkeypatch)
    target = tmp_path / "out" / "moved.sqlite"
    with pytest.raises(CopyMismatchError, match=r"person.*内容不一致"):
        copy_database(demo, target)
    assert changed
    assert list(target.parent.iterdir()) == []


@pytest.mark.postgresql
def test_a_mismatched_copy_to_the_server_leaves_nothing(
    demo: Path, pg_cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = _changing_one_row(monkeypatch)
    empty = pg_cluster.new_database(migrated=False)
    with pytest.raises(CopyMismatchError, match="person"):
        copy_database(demo, empty)
    from sqlalchemy import create_engine

    from twdesk.db.location import parse_server_url

    engine = create_engine(parse_server_url(empty).sqlalchemy_url())
    try:
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []  # one transaction: rolled back whole
    finally:
        engine.dispose()
    pg_cluster.drop_url(empty)
    # a database the copy created itself is dropped again
    missing = pg_cluster.url("never_made")
    changed.clear()
    with pytest.raises(CopyMismatchError):
        copy_database(demo, missing)
    names = [r[0] for r in pg_cluster.admin().execute("SELECT datname FROM pg_database")]
    assert "never_made" not in names


def test_cancel_and_progress(demo: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    target = tmp_path / "out" / "moved.sqlite"

    def cancel_halfway() -> bool:
        return bool(seen) and seen[-1][0] * 4 > seen[-1][1]

    with pytest.raises(Cancelled):
        copy_database(
            demo, target, progress=lambda d, t: seen.append((d, t)), cancelled=cancel_halfway
        )
    assert list(target.parent.iterdir()) == []
    seen.clear()
    report = copy_database(demo, target, progress=lambda d, t: seen.append((d, t)))
    done = [d for d, _t in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1] == 2 * report.rows


def test_an_older_file_is_copied_through_an_upgraded_temporary_copy(tmp_path: Path) -> None:
    from tests.test_dbfile import make_revision_1_file

    old = tmp_path / "files" / "old.sqlite"
    old.parent.mkdir()
    make_revision_1_file(old)
    before = digest(old)
    target = old.parent / "new.sqlite"
    report = copy_database(old, target)
    assert report.upgraded_from == 1
    assert digest(old) == before
    assert sorted(p.name for p in old.parent.iterdir()) == ["new.sqlite", "old.sqlite"]
    db = open_database(target)
    try:
        with db.session() as s:
            assert s.get(Person, "p1").name == "曾䶮"
    finally:
        db.close()


@pytest.mark.postgresql
def test_usb_exchange_with_a_county_moved_to_the_server(tmp_path: Path, pg_cluster) -> None:
    """The county's file moved with `twdesk copy`; a township's SQLite file then merges into the
    server exactly as into the county's file."""
    from tests.merge_files import build_base, diverge
    from tests.test_merge_server import opened, records, stamped, summary
    from twdesk.db.base import now
    from twdesk.services import merge

    base = tmp_path / "base.sqlite"
    build_base(base)
    (tmp_path / "files").mkdir()
    files = diverge(base, tmp_path / "files")
    started = now()
    url = pg_cluster.new_database(migrated=False)
    try:
        copy_database(files.county, url)
        with opened(url) as county:
            on_server = merge.apply_merge(county, files.station)
            server_records = records(county)
        with opened(files.county) as county:
            on_file = merge.apply_merge(county, files.station)
            file_records = records(county)
        assert on_server.inserted["person"] == 1 and on_server.conflicts == {"person": 2}
        assert summary(on_server) == summary(on_file)
        assert stamped(server_records, started) == stamped(file_records, started)
        with opened(url) as county:
            assert merge.apply_merge(county, files.station).changes == 0
    finally:
        pg_cluster.drop_url(url)


@pytest.mark.postgresql
def test_server_to_server_and_an_older_server_database_is_refused(pg_url: str, pg_cluster) -> None:
    target = pg_cluster.new_database(migrated=False)
    try:
        report = copy_database(pg_url, target)
        assert report.rows > 0 and database_checksums(target) == database_checksums(pg_url)
    finally:
        pg_cluster.drop_url(target)
    # a server database of an older schema is upgraded by opening it, not by a copy
    import psycopg

    from tests.pgserver import conninfo

    with psycopg.connect(conninfo(pg_url), autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0007_youth_contacts'")
    from twdesk.db.dbfile import ReadOnlyError

    with pytest.raises(ReadOnlyError, match="旧版本"):
        copy_database(pg_url, pg_cluster.url("never_made_2"))
