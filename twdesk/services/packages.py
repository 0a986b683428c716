"""Transfer packages (.twpkg): a database file made to travel on a USB stick.

A package is a consistent snapshot of the file (SQLite's backup API, so the file may be open),
compressed, with a manifest (office, time, schema version, rows per table, SHA-256 of the
database bytes) and, with a password, encrypted: AES-256-GCM with a key from scrypt (random
salt), the header authenticated with the data. Layout::

    b"TWDESKPKG" + format (1 byte) + header length (4 bytes, big-endian) + header (JSON)
    body: records  b"D" + length (4) + zlib block of the database  …  b"M" + length + manifest
    trailer: the GCM tag (16 bytes) when encrypted, else SHA-256 of everything before (32)

The database is compressed in independent 4 MB blocks on every core. A package that is not
whole (a stick pulled while copying), changed by a single byte, opened with a wrong password or
written by a newer twdesk is refused with a Chinese message; nothing is written.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import shutil
import struct
import tempfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from twdesk import __version__
from twdesk.core.errors import Cancelled, UserError
from twdesk.db import backupfile
from twdesk.db.dbfile import (
    FULL_CHECK_LIMIT,
    SCHEMA_VERSION,
    DbFileError,
    check_integrity,
    copy_consistent,
    read_header,
)
from twdesk.output import PACKAGE_MAGIC, write_output

__all__ = [
    "PackageError",
    "PackageInfo",
    "PackageManifest",
    "is_package",
    "opened_package",
    "package_needs_password",
    "read_manifest",
    "write_package",
]

FORMAT = 1
SUFFIX = ".twpkg"
BLOCK = 4 * 1024 * 1024
LEVEL = 1  # zlib: level 1 packs a county file to ≈ 18 %, level 6 to 16 % at twice the time
SCRYPT = {"n": 2**17, "r": 8, "p": 1}  # ≈ 0.4 s and 128 MB per guess
TAG = 16
DIGEST = 32
_PREFIX = len(PACKAGE_MAGIC) + 1 + 4

Progress = Callable[[int, int], None]


class PackageError(UserError):
    title = "交换包无法使用"


@dataclass(frozen=True)
class PackageManifest:
    office_id: str
    office_name: str
    created_at: datetime
    schema_version: int
    counts: dict[str, int]
    sha256: str
    db_size: int
    twdesk: str = ""
    source_name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "office_id": self.office_id,
            "office_name": self.office_name,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "schema_version": self.schema_version,
            "counts": self.counts,
            "sha256": self.sha256,
            "db_size": self.db_size,
            "twdesk": self.twdesk,
            "source_name": self.source_name,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PackageManifest:
        return cls(
            office_id=str(data["office_id"]),
            office_name=str(data.get("office_name", "")),
            created_at=datetime.fromisoformat(str(data["created_at"])),
            schema_version=int(data["schema_version"]),
            counts={str(k): int(v) for k, v in dict(data.get("counts", {})).items()},
            sha256=str(data["sha256"]),
            db_size=int(data["db_size"]),
            twdesk=str(data.get("twdesk", "")),
            source_name=str(data.get("source_name", "")),
        )

    def summary(self) -> str:
        office = self.office_name or "（未填写单位名称）"
        labels = {"station": "联络站", "person": "人员", "visit": "来访", "activity": "履职记录"}
        counts = "，".join(f"{v} {self.counts.get(k, 0):,}" for k, v in labels.items())
        return f"{office}，{self.created_at:%Y-%m-%d %H:%M} 导出；{counts}"


@dataclass(frozen=True)
class PackageInfo:
    path: Path
    size: int
    encrypted: bool
    manifest: PackageManifest = field(repr=False)


# --- keys ----------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    return base64.b64decode(str(text).encode("ascii"), validate=True)


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    """(AES-256 key, password check) from scrypt; the check tells a wrong password apart
    from a damaged package without decrypting anything."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    material = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(password.encode("utf-8"))
    return material[:32], material[32:]


# --- writing -------------------------------------------------------------------------------


def _record(kind: bytes, data: bytes) -> bytes:
    return kind + struct.pack(">I", len(data)) + data


class _Sink:
    """Where the body goes: through AES-GCM (header as associated data) or a running SHA-256."""

    def __init__(self, fh: BinaryIO, prefix: bytes, key: bytes | None, nonce: bytes) -> None:
        self.fh = fh
        fh.write(prefix)
        if key is not None:
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

            self.encryptor: Any = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
            self.encryptor.authenticate_additional_data(prefix)
            self.digest = None
        else:
            self.encryptor = None
            self.digest = hashlib.sha256(prefix)

    def write(self, data: bytes) -> None:
        if self.encryptor is not None:
            data = self.encryptor.update(data)
        else:
            self.digest.update(data)  # type: ignore[union-attr]
        self.fh.write(data)

    def close(self) -> None:
        if self.encryptor is not None:
            self.fh.write(self.encryptor.finalize())
            self.fh.write(self.encryptor.tag)
        else:
            self.fh.write(self.digest.digest())  # type: ignore[union-attr]


def _header(password: str | None) -> tuple[bytes, bytes | None, bytes]:
    """The clear header (prefix included), the key or None, and the nonce."""
    nonce = os.urandom(12)
    header: dict[str, Any] = {"format": FORMAT, "compression": "zlib-blocks", "block": BLOCK}
    key = None
    if password:
        salt = os.urandom(16)
        key, check = _derive(password, salt, **SCRYPT)
        header |= {
            "encrypted": True,
            "cipher": "AES-256-GCM",
            "kdf": {"name": "scrypt", "salt": _b64(salt), **SCRYPT},
            "nonce": _b64(nonce),
            "check": _b64(check),
        }
    else:
        header["encrypted"] = False
    data = json.dumps(header, ensure_ascii=False).encode("utf-8")
    prefix = PACKAGE_MAGIC + bytes([FORMAT]) + struct.pack(">I", len(data)) + data
    return prefix, key, nonce


def _snapshot(db_path: Path, dest: Path) -> None:
    """The backup API while the file may be open (not checked again here: the receiver checks
    the whole file, and the SHA-256 in the manifest ties the package to these bytes)."""
    try:
        copy_consistent(db_path, dest, verify=False)
    except OSError as exc:
        raise PackageError(
            f"无法生成数据库快照：{exc.strerror or exc}。请检查临时文件夹所在磁盘的空间。"
        ) from exc


def _pack(
    snapshot: Path,
    tmp: Path,
    password: str | None,
    manifest: dict[str, Any],
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
) -> str:
    """Write the package into `tmp`; returns the SHA-256 of the database bytes."""
    prefix, key, nonce = _header(password)
    size = snapshot.stat().st_size
    total = max(1, (size + BLOCK - 1) // BLOCK)
    digest = hashlib.sha256()
    workers = max(1, min(4, os.cpu_count() or 1))
    with (
        open(snapshot, "rb") as src,
        open(tmp, "wb") as fh,
        ThreadPoolExecutor(max_workers=workers, thread_name_prefix="twdesk-pack") as pool,
    ):
        sink = _Sink(fh, prefix, key, nonce)
        pending: deque[Future[bytes]] = deque()
        done = 0

        def drain(limit: int) -> None:
            nonlocal done
            while len(pending) > limit:
                sink.write(_record(b"D", pending.popleft().result()))
                done += 1
                if progress:
                    progress(done, total)

        while block := src.read(BLOCK):
            if cancel and cancel():
                raise Cancelled
            pending.append(pool.submit(zlib.compress, block, LEVEL))
            digest.update(block)  # releases the GIL: hashed while the pool compresses
            drain(2 * workers)
        drain(0)
        manifest["sha256"] = digest.hexdigest()
        sink.write(_record(b"M", json.dumps(manifest, ensure_ascii=False).encode("utf-8")))
        sink.close()
    return manifest["sha256"]


def write_package(
    db_path: Path,
    out: Path,
    password: str | None = None,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PackageInfo:
    """Package `db_path` (open or not) into `out` through the one output writer (a temporary
    file renamed when complete; never over a database or another package)."""
    db_path = Path(db_path).resolve()
    header = read_header(db_path)
    if header.user_version > SCHEMA_VERSION:
        raise PackageError(
            f"数据库「{db_path.name}」的数据结构版本 {header.user_version} 比本程序支持的 "
            f"{SCHEMA_VERSION} 新，不能导出交换包。请升级 twdesk。"
        )
    work = Path(tempfile.mkdtemp(prefix="twdesk-pkg-"))
    try:
        snapshot = work / "snapshot.sqlite"
        _snapshot(db_path, snapshot)
        facts = backupfile.file_facts(snapshot)
        manifest: dict[str, Any] = {
            "office_id": facts.settings.get("office_id", ""),
            "office_name": facts.settings.get("office_name", ""),
            "created_at": datetime.now().isoformat(timespec="seconds"),
            "schema_version": facts.schema_version,
            "counts": facts.counts,
            "db_size": snapshot.stat().st_size,
            "twdesk": __version__,
            "source_name": db_path.name,
        }
        target = Path(out)
        write_output(
            target,
            lambda tmp: _pack(snapshot, tmp, password, manifest, progress, cancel),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    target = target.expanduser().absolute()
    return PackageInfo(
        path=target,
        size=target.stat().st_size,
        encrypted=bool(password),
        manifest=PackageManifest.from_json(manifest),
    )


# --- reading -------------------------------------------------------------------------------


def _damaged(path: Path) -> PackageError:
    return PackageError(
        f"交换包「{path.name}」不完整或已被改动（校验未通过），没有读取其中任何数据。"
        "可能是复制时 U 盘被拔出或文件已损坏：请让对方重新导出一份交换包。"
    )


@dataclass(frozen=True)
class _Head:
    header: dict[str, Any]
    prefix: bytes
    body_start: int
    body_end: int

    @property
    def encrypted(self) -> bool:
        return bool(self.header.get("encrypted"))


def _read_head(path: Path) -> _Head:
    path = Path(path)
    if not path.exists():
        raise PackageError(f"找不到交换包「{path}」。")
    if path.is_dir():
        raise PackageError(f"「{path}」是一个文件夹，不是交换包。")
    size = path.stat().st_size
    with open(path, "rb") as fh:
        start = fh.read(_PREFIX)
        if not start.startswith(PACKAGE_MAGIC):
            raise PackageError(
                f"「{path.name}」不是 twdesk 交换包（.twpkg）。请选择用“导出交换包”生成的文件。"
            )
        if len(start) < _PREFIX:
            raise _damaged(path)
        version = start[len(PACKAGE_MAGIC)]
        if version > FORMAT:
            raise PackageError(
                f"交换包「{path.name}」由更新版本的 twdesk 生成（格式 {version}），"
                f"当前的 twdesk {__version__} 无法读取。请先升级 twdesk。没有读取任何数据。"
            )
        (length,) = struct.unpack(">I", start[-4:])
        if length > 64 * 1024:
            raise _damaged(path)
        raw = fh.read(length)
    if len(raw) < length:
        raise _damaged(path)
    try:
        header = json.loads(raw.decode("utf-8"))
        if not isinstance(header, dict):
            raise ValueError
    except ValueError:
        raise _damaged(path) from None
    trailer = TAG if header.get("encrypted") else DIGEST
    body_start = _PREFIX + length
    if size - trailer < body_start:
        raise _damaged(path)
    return _Head(header, start + raw, body_start, size - trailer)


def is_package(path: Path) -> bool:
    """A twdesk transfer package (by its first bytes; by the .twpkg suffix when unreadable)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(PACKAGE_MAGIC)) == PACKAGE_MAGIC
    except OSError:
        return Path(path).suffix.lower() == SUFFIX


def package_needs_password(path: Path) -> bool:
    """Whether the package is encrypted (read from its header only)."""
    return _read_head(Path(path)).encrypted


def _source(
    path: Path, head: _Head, password: str | None
) -> tuple[Callable[[bytes], bytes], Callable[[bytes], None]]:
    """(transform each body chunk, check the trailer at the end) for this package."""
    if not head.encrypted:
        digest = hashlib.sha256(head.prefix)

        def plain(data: bytes) -> bytes:
            digest.update(data)
            return data

        def check_digest(trailer: bytes) -> None:
            if digest.digest() != trailer:
                raise _damaged(path)

        return plain, check_digest
    if not password:
        raise PackageError(f"交换包「{path.name}」已加密，请输入导出时设置的密码。")
    try:
        kdf = head.header["kdf"]
        salt, nonce, check = (
            _unb64(kdf["salt"]),
            _unb64(head.header["nonce"]),
            _unb64(head.header["check"]),
        )
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if kdf.get("name") != "scrypt" or n > 2**20 or r > 32 or p > 16 or len(nonce) != 12:
            raise ValueError
    except (KeyError, ValueError, TypeError):
        raise _damaged(path) from None
    key, expected = _derive(password, salt, n, r, p)
    if not _same(expected, check):
        raise PackageError(
            f"密码不正确，无法打开交换包「{path.name}」。请核对密码（注意大小写、全角半角和"
            "输入法），没有读取任何数据。"
        )
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    decryptor = Cipher(algorithms.AES(key), modes.GCM(nonce)).decryptor()
    decryptor.authenticate_additional_data(head.prefix)

    def decrypt(data: bytes) -> bytes:
        return decryptor.update(data)

    def check_tag(trailer: bytes) -> None:
        try:
            decryptor.finalize_with_tag(trailer)
        except InvalidTag:
            raise _damaged(path) from None

    return decrypt, check_tag


def _same(a: bytes, b: bytes) -> bool:
    import hmac

    return hmac.compare_digest(a, b)


def _unpack(
    path: Path,
    password: str | None,
    db_out: BinaryIO | None,
    progress: Progress | None = None,
) -> PackageManifest:
    """Stream the package: decrypt, check, decompress (into `db_out` when given); the manifest
    once every byte has been verified."""
    path = Path(path)
    head = _read_head(path)
    transform, check_trailer = _source(path, head, password)
    digest = hashlib.sha256()
    buffer = bytearray()
    manifest_raw: bytes | None = None
    written = 0
    total = max(1, head.body_end - head.body_start)

    def parse(final: bool) -> None:
        nonlocal manifest_raw, written
        pos = 0
        while len(buffer) - pos >= 5:
            kind = bytes(buffer[pos : pos + 1])
            (length,) = struct.unpack(">I", buffer[pos + 1 : pos + 5])
            if length > BLOCK + 65536:  # no record is that long: a changed byte
                raise _damaged(path)
            if len(buffer) - pos - 5 < length:
                break
            data = bytes(buffer[pos + 5 : pos + 5 + length])
            pos += 5 + length
            if manifest_raw is not None or kind not in (b"D", b"M"):
                raise _damaged(path)
            if kind == b"M":
                manifest_raw = data
                continue
            try:  # bounded: no block inflates beyond BLOCK, whatever a changed byte says
                inflate = zlib.decompressobj()
                block = inflate.decompress(data, BLOCK + 1)
            except zlib.error:
                raise _damaged(path) from None
            if len(block) > BLOCK or inflate.unconsumed_tail or not inflate.eof:
                raise _damaged(path)
            digest.update(block)
            written += len(block)
            if db_out is not None:
                db_out.write(block)
        del buffer[:pos]
        if final and (buffer or manifest_raw is None):
            raise _damaged(path)

    with open(path, "rb") as fh:
        fh.seek(head.body_start)
        remaining = head.body_end - head.body_start
        while remaining > 0:
            chunk = fh.read(min(BLOCK, remaining))
            if not chunk:
                raise _damaged(path)
            remaining -= len(chunk)
            buffer += transform(chunk)
            parse(final=False)
            if progress:
                progress(total - remaining, total)
        trailer = fh.read()
    check_trailer(trailer)  # nothing counts until the tag (or digest) over everything matched
    parse(final=True)
    try:
        manifest = PackageManifest.from_json(json.loads(manifest_raw.decode("utf-8")))  # type: ignore[union-attr]
    except (ValueError, KeyError, TypeError):
        raise _damaged(path) from None
    if manifest.sha256 != digest.hexdigest() or manifest.db_size != written:
        raise _damaged(path)
    if manifest.schema_version > SCHEMA_VERSION:
        raise PackageError(
            f"交换包「{path.name}」来自更新版本的 twdesk（数据结构版本 {manifest.schema_version}，"
            f"当前的 twdesk {__version__} 只支持到 {SCHEMA_VERSION}），不能使用。"
            "请先升级 twdesk，再合并这个交换包。没有写入任何数据。"
        )
    return manifest


def read_manifest(path: Path, password: str | None = None) -> PackageManifest:
    """The manifest of a package, after every byte of it has been checked."""
    return _unpack(Path(path), password, None)


@contextlib.contextmanager
def opened_package(
    path: Path, password: str | None = None, *, progress: Progress | None = None
) -> Iterator[Path]:
    """A verified temporary copy of the package's database, removed afterwards."""
    work = Path(tempfile.mkdtemp(prefix="twdesk-pkg-"))
    try:
        db_path = work / f"{Path(path).stem}.sqlite"
        try:
            with open(db_path, "wb") as fh:
                manifest = _unpack(Path(path), password, fh, progress)
        except OSError as exc:
            raise PackageError(
                f"无法解开交换包「{Path(path).name}」：{exc.strerror or exc}。"
                "请检查临时文件夹所在磁盘的空间。"
            ) from exc
        try:
            header = read_header(db_path)
        except DbFileError:
            raise _damaged(Path(path)) from None
        if header.user_version != manifest.schema_version:
            raise _damaged(Path(path))
        problems = check_integrity(db_path, full=header.size < FULL_CHECK_LIMIT)
        if problems:
            raise PackageError(
                f"交换包「{Path(path).name}」中的数据库已损坏（{'；'.join(problems[:3])}），"
                "不能使用。请让对方检查数据库（twdesk check）后重新导出。"
            )
        yield db_path
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_package_of(
    location: Path | Any,
    out: Path,
    password: str | None = None,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PackageInfo:
    """导出交换包 of a file or of a server database (a county on PostgreSQL still sends its
    records to the township stations on a USB stick): a server database is first copied into a
    temporary file (`twdesk copy`, verified table by table), which is packaged, then deleted."""
    from twdesk.db.location import ServerLocation, parse_location

    location = parse_location(location)
    if not isinstance(location, ServerLocation):
        return write_package(location, out, password, progress=progress, cancel=cancel)
    from twdesk.services.db_copy import copy_database

    def half(offset: int) -> Progress | None:
        if progress is None:
            return None
        return lambda done, total: progress(offset + done * 50 // max(total, 1), 100)

    work = Path(tempfile.mkdtemp(prefix="twdesk-pkg-server-"))
    try:
        snapshot = work / f"{location.name}.twdb"
        copy_database(location, snapshot, progress=half(0), cancelled=cancel)
        return write_package(snapshot, out, password, progress=half(50), cancel=cancel)
    finally:
        shutil.rmtree(work, ignore_errors=True)
