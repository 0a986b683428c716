"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, started with
pg_ctl on a Unix socket inside that folder (no TCP port, no system service), trust auth,
durability off (fsync, full_page_writes, synchronous_commit: a crash loses nothing we keep).

initdb and postgres refuse to run as root: as root the cluster runs as `nobody` (or the user in
TWDESK_PG_RUN_AS), in a folder that user owns. Everything is removed at the end of the session.

Configuration (environment):
  TWDESK_PG=0        never use PostgreSQL (the "postgresql" tests are skipped)
  TWDESK_PG=1        PostgreSQL is required: a missing server binary fails instead of skipping
  TWDESK_PG_BIN      the folder with initdb/pg_ctl/postgres (default: found on PATH or in
                     /usr/lib/postgresql/*/bin)
  TWDESK_PG_URL      use an already running server instead (postgresql://user@host/db of a
                     superuser; the tests create and drop their own databases there)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE_DB = "twdesk_template"


def find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    configured = os.environ.get("TWDESK_PG_BIN")
    if configured:
        folder = Path(configured)
        return folder if (folder / "pg_ctl").exists() else None
    candidates: list[Path] = []
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if all((folder / exe).exists() for exe in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def mode() -> str:
    """The PostgreSQL test mode: "off" (TWDESK_PG=0), "required" (TWDESK_PG=1) or "auto"."""
    value = os.environ.get("TWDESK_PG", "").strip().lower()
    if value in ("0", "no", "off", "false"):
        return "off"
    if value in ("1", "yes", "on", "true", "required"):
        return "required"
    return "auto"


def unavailable_reason() -> str | None:
    """Why the PostgreSQL tests cannot run here (None when they can)."""
    if mode() == "off":
        return "TWDESK_PG=0：PostgreSQL 测试已关闭"
    if os.environ.get("TWDESK_PG_URL"):
        return None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "没有安装 psycopg（pip install 'psycopg[binary]'）"
    if find_bin_dir() is None:
        return "没有找到 PostgreSQL 服务器程序（initdb/pg_ctl；Debian：apt-get install postgresql）"
    return None


def dbname(url: str) -> str:
    from twdesk.db.location import parse_server_url

    return parse_server_url(url).dbname


def conninfo(url: str) -> str:
    """libpq's "key=value" form of a postgresql:// URL (for plain psycopg connections)."""
    from twdesk.db.location import parse_server_url

    loc = parse_server_url(url)
    parts = [f"dbname={loc.dbname}"]
    if loc.user:
        parts.append(f"user={loc.user}")
    if loc.host:
        parts.append(f"host={loc.host}")
    if loc.port:
        parts.append(f"port={loc.port}")
    return " ".join(parts)


def _roomy_tmpfs(folder: str) -> bool:
    """A writable memory file system with room for a cluster and its test databases (Docker's
    default /dev/shm of 64 MB is not)."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # missing, or Windows
        return False
    return os.access(folder, os.W_OK) and st.f_bavail * st.f_frsize >= 1024**3


def _demote(user: str):
    import pwd  # POSIX only: only root needs to change user

    entry = pwd.getpwnam(user)

    def preexec() -> None:
        os.setgid(entry.pw_gid)
        os.setgroups([])
        os.setuid(entry.pw_uid)

    return preexec, entry


@dataclass
class PgCluster:
    """A running cluster (ours or TWDESK_PG_URL's) and the databases made for tests."""

    admin_url: str  # postgresql://postgres@/postgres?host=… : a superuser
    folder: Path | None = None
    bin_dir: Path | None = None
    preexec: object = None
    template_ready: bool = False
    made: list[str] = field(default_factory=list)
    _admin: object = None

    @classmethod
    def start(cls) -> PgCluster:
        url = os.environ.get("TWDESK_PG_URL")
        if url:
            return cls(admin_url=url)
        bin_dir = find_bin_dir()
        assert bin_dir is not None
        is_root = hasattr(os, "geteuid") and os.geteuid() == 0
        # in memory where there is a tmpfs (/dev/shm): creating a database per test is file
        # work, 10-20× slower on a busy disk; as root the cluster's user must reach the folder
        # (not a private TMPDIR)
        where = "/dev/shm" if _roomy_tmpfs("/dev/shm") else ("/tmp" if is_root else None)
        folder = Path(tempfile.mkdtemp(prefix="twdesk-pg-", dir=where))
        preexec = None
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        if is_root:
            preexec, entry = _demote(os.environ.get("TWDESK_PG_RUN_AS", "nobody"))
            os.chown(folder, entry.pw_uid, entry.pw_gid)
            env["HOME"] = str(folder)
        data, sock = folder / "data", folder / "sock"

        def run(*args: str) -> None:
            result = subprocess.run(
                args, preexec_fn=preexec, env=env, capture_output=True, text=True, cwd=folder
            )
            if result.returncode != 0:
                raise RuntimeError(
                    f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
                )

        run(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        if os.name == "nt":  # no Unix socket folder: loopback on a free port
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            listen, host = f"-c listen_addresses=127.0.0.1 -p {port}", "127.0.0.1"
        else:
            run("mkdir", str(sock))  # as the cluster's user, who must own it
            port, host = 5432, str(sock)
            listen = f"-k {sock} -c listen_addresses='' -p {port}"
        options = (
            f"{listen} -c fsync=off -c full_page_writes=off "
            "-c synchronous_commit=off -c max_connections=60 -c shared_buffers=32MB "
            # dynamic shared memory as files in the data folder: removed with it, whatever
            # way the cluster ends (posix segments would stay behind in /dev/shm)
            "-c autovacuum=off -c dynamic_shared_memory_type=mmap"
        )
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
            "-o", options, "-w", "-t", "60", "start")  # fmt: skip
        return cls(
            admin_url=(
                f"postgresql://postgres@{host}:{port}/postgres"
                if os.name == "nt"
                else f"postgresql://postgres@/postgres?host={host}&port={port}"
            ),
            folder=folder,
            bin_dir=bin_dir,
            preexec=preexec,
        )

    def admin(self):
        """An autocommit psycopg connection to the maintenance database, as superuser."""
        import psycopg

        if self._admin is None or self._admin.closed:  # type: ignore[attr-defined]
            self._admin = psycopg.connect(self._conninfo("postgres"), autocommit=True)
        return self._admin

    def _conninfo(self, dbname: str) -> str:
        return conninfo(self.url(dbname))

    def url(self, dbname: str) -> str:
        """postgresql://… of a database of this cluster, as a user would write it."""
        from twdesk.db.location import parse_server_url

        return parse_server_url(self.admin_url).with_dbname(dbname).url

    def ensure_template(self) -> None:
        """A database with the newest schema and the seed, the template of every test's copy."""
        if self.template_ready:
            return
        from twdesk.db.dbfile import create_database

        self.drop(TEMPLATE_DB)
        create_database(self.url(TEMPLATE_DB))
        # CREATE DATABASE … TEMPLATE needs no other session on the template
        self.admin().execute(f"ALTER DATABASE {TEMPLATE_DB} WITH ALLOW_CONNECTIONS false")
        self.template_ready = True

    def new_database(self, *, migrated: bool = True, template: str | None = None) -> str:
        """A fresh database: a copy of the migrated, seeded template (or of `template`, the URL
        of a database nobody is connected to), or an empty one; returns its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        if template is not None:
            source = dbname(template)
        elif migrated:
            self.ensure_template()
            source = TEMPLATE_DB
        else:
            source = "template0"
        # FILE_COPY (PostgreSQL 15+; older servers copy files anyway): 40 ms instead of 60-90
        strategy = " STRATEGY FILE_COPY" if self.admin().info.server_version >= 150000 else ""
        self.admin().execute(f"CREATE DATABASE {name} TEMPLATE {source}{strategy}")
        self.made.append(name)
        return self.url(name)

    def drop_url(self, url: str) -> None:
        name = dbname(url)
        self.drop(name)
        if name in self.made:
            self.made.remove(name)

    def drop(self, name: str) -> None:
        self.admin().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def drop_made(self) -> None:
        for name in self.made:
            self.drop(name)
        self.made.clear()

    def stop(self) -> None:
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self.drop_made()
                self._admin.close()  # type: ignore[attr-defined]
        if self.folder is None:
            return
        subprocess.run(
            [str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
             "-w", "stop"],
            preexec_fn=self.preexec, capture_output=True, cwd=self.folder,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def copy_rows(source_engine, target_url: str) -> None:
    """Every row of every twdesk table, ids and all, from one database into an empty one
    (migrated, no seed) — the test's way of having the same data on both engines. Foreign keys
    are not checked while copying (a superuser's session_replication_role)."""
    from sqlalchemy import create_engine, insert, select

    from twdesk.db.location import parse_location
    from twdesk.db.migrate import upgrade
    from twdesk.db.models import Base

    target = create_engine(parse_location(target_url).sqlalchemy_url())
    try:
        with source_engine.connect() as sconn, target.begin() as tconn:
            upgrade(tconn)
            tconn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            for table in Base.metadata.sorted_tables:
                rows = [dict(r) for r in sconn.execute(select(table)).mappings()]
                for start in range(0, len(rows), 2000):
                    tconn.execute(insert(table), rows[start : start + 2000])
    finally:
        target.dispose()
