"""Transfer packages (issue 13): round trip with its manifest, and every refusal — wrong
password, one flipped byte, a truncated file, a newer schema — says so in Chinese and writes
nothing."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import tempfile
from pathlib import Path

import pytest

from tests.helpers import digest
from twdesk.db.dbfile import SCHEMA_VERSION, create_database, open_database
from twdesk.db.models import Person
from twdesk.output import OutputError
from twdesk.services import packages
from twdesk.services.packages import (
    PackageError,
    opened_package,
    package_needs_password,
    read_manifest,
    write_package,
)

PASSWORD = "团委 2026！"


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return list(con.iterdump())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "乡镇站.sqlite"
    create_database(path, office_name="某某镇团委")
    db = open_database(path)
    try:
        with db.transaction() as s:
            for i in range(300):
                s.add(Person(name=f"代表{i}", phone=f"1380000{i:04d}", notes="备注" * 50))
    finally:
        db.close()
    return path


def leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("twdesk-pkg-*")}


@pytest.mark.parametrize("password", [None, PASSWORD])
def test_round_trip(db_path: Path, tmp_path: Path, password: str | None) -> None:
    before = leftovers()
    out = tmp_path / "交换包.twpkg"
    db = open_database(db_path)  # open in the window while it is packaged
    try:
        info = write_package(db_path, out, password)
    finally:
        db.close()
    assert info.path == out and out.exists() and info.encrypted == bool(password)
    assert out.read_bytes().startswith(b"TWDESKPKG")
    assert info.size < db_path.stat().st_size  # compressed
    assert package_needs_password(out) is bool(password)
    if password:
        assert "代表1" not in out.read_bytes().decode("latin-1")
    manifest = read_manifest(out, password)
    assert manifest.office_name == "某某镇团委"
    assert manifest.schema_version == SCHEMA_VERSION
    assert manifest.counts["person"] == 300 and manifest.counts["eval_indicator"] == 10
    with opened_package(out, password) as path:
        assert dump(path) == dump(db_path)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == manifest.sha256
        assert manifest.db_size == path.stat().st_size
    assert not path.exists()
    assert leftovers() == before  # the temporary copy is gone


def test_never_overwrites_a_database_or_a_package(db_path: Path, tmp_path: Path) -> None:
    before = digest(db_path)
    with pytest.raises(OutputError, match="数据库文件"):
        write_package(db_path, db_path)
    assert digest(db_path) == before
    out = tmp_path / "a.twpkg"
    write_package(db_path, out)
    first = digest(out)
    with pytest.raises(OutputError, match="交换包"):
        write_package(db_path, out)
    assert digest(out) == first


def _refused(path: Path, password: str | None, match: str) -> None:
    before = leftovers()
    with pytest.raises(PackageError, match=match), opened_package(path, password):
        raise AssertionError("a refused package must not open")
    with pytest.raises(PackageError, match=match):
        read_manifest(path, password)
    assert leftovers() == before  # nothing written (the temporary copy removed)


def test_wrong_or_missing_password(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.twpkg"
    write_package(db_path, out, PASSWORD)
    _refused(out, "团委 2026!", "密码不正确")
    _refused(out, None, "已加密，请输入")


@pytest.mark.parametrize("password", [None, PASSWORD])
def test_one_flipped_byte_anywhere_is_refused(
    db_path: Path, tmp_path: Path, password: str | None
) -> None:
    good = tmp_path / "good.twpkg"
    write_package(db_path, good, password)
    data = good.read_bytes()
    header_end = 14 + int.from_bytes(data[10:14], "big")
    # in the header (authenticated), the body's start, middle and end, and the trailer
    for offset in (header_end - 3, header_end + 2, len(data) // 2, len(data) - 40, len(data) - 1):
        bad = tmp_path / f"flip{offset}.twpkg"
        changed = bytearray(data)
        changed[offset] ^= 0x01
        bad.write_bytes(bytes(changed))
        with pytest.raises(PackageError) as caught:
            read_manifest(bad, password)
        assert "不完整或已被改动" in str(caught.value) or "密码不正确" in str(caught.value)
    _refused(tmp_path / f"flip{len(data) // 2}.twpkg", password, "不完整或已被改动")


@pytest.mark.parametrize("password", [None, PASSWORD])
def test_truncated_package_is_refused(db_path: Path, tmp_path: Path, password: str | None) -> None:
    good = tmp_path / "good.twpkg"
    write_package(db_path, good, password)
    data = good.read_bytes()
    for keep in (len(data) - 1, len(data) // 2, 200, 12, 5):
        cut = tmp_path / f"cut{keep}.twpkg"
        cut.write_bytes(data[:keep])
        with pytest.raises(PackageError, match=r"不完整|不是 twdesk 交换包"):
            read_manifest(cut, password)
    _refused(tmp_path / f"cut{len(data) // 2}.twpkg", password, "不完整或已被改动")


def test_package_from_a_newer_schema_is_refused(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "new.twpkg"
    write_package(db_path, out, PASSWORD)
    # this twdesk is one schema version behind the one that wrote the package
    monkeypatch.setattr(packages, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
    _refused(out, PASSWORD, "来自更新版本的 twdesk")


def test_a_newer_package_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.twpkg"
    path.write_bytes(b"TWDESKPKG\x09" + b"\x00" * 100)
    _refused(path, None, "由更新版本的 twdesk 生成")


def test_not_a_package(tmp_path: Path, db_path: Path) -> None:
    _refused(db_path, None, "不是 twdesk 交换包")
