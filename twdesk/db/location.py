"""Where a twdesk database lives: a SQLite file (a Path) or a PostgreSQL server (a URL).

`parse_location(text)` turns what the user typed after `--db` (or chose in the GUI) into one of
the two. A server URL never carries a password: libpq takes it from the PGPASSWORD environment
variable or the ~/.pgpass file (%APPDATA%\\postgresql\\pgpass.conf on Windows), so it is never
seen on a command line, in a process list, in the settings file or in a log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from twdesk.core.errors import UserError

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
# Query parameters passed on to libpq as they are; anything else is refused (a typo would
# otherwise be silently ignored, a password would end up where it must not be).
_ALLOWED_PARAMS = {
    "host",
    "port",
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "connect_timeout",
    "application_name",
    "target_session_attrs",
    "options",
}


class LocationError(UserError):
    """The text after --db is neither a usable file path nor a usable server address."""


@dataclass(frozen=True)
class ServerLocation:
    """A PostgreSQL database: everything to connect except the password."""

    user: str
    host: str  # a host name, an address, or a Unix socket folder ("/run/postgresql")
    port: int | None
    dbname: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def url(self) -> str:
        """The address as the user writes it (postgresql://user@host:port/dbname), no password."""
        params = dict(self.params)
        netloc_host = "" if self.host.startswith("/") else self.host
        if ":" in netloc_host:  # an IPv6 address
            netloc_host = f"[{netloc_host}]"
        if self.host.startswith("/"):
            params["host"] = self.host
        port = f":{self.port}" if self.port and netloc_host else ""
        if self.port and not netloc_host:
            params["port"] = str(self.port)
        user = f"{self.user}@" if self.user else ""
        query = f"?{urlencode(params, safe='/')}" if params else ""
        return f"postgresql://{user}{netloc_host}{port}/{self.dbname}{query}"

    def sqlalchemy_url(self):  # -> sqlalchemy.URL (imported lazily: the CLI starts fast)
        from sqlalchemy import URL

        query = dict(self.params)
        host: str | None = self.host or None
        port = self.port
        if host and host.startswith("/"):
            query["host"], host = host, None
            if port:
                query["port"], port = str(port), None
        return URL.create(
            "postgresql+psycopg",
            username=self.user or None,
            host=host,
            port=port,
            database=self.dbname,
            query=query,
        )

    def with_dbname(self, dbname: str) -> ServerLocation:
        return ServerLocation(self.user, self.host, self.port, dbname, self.params)

    @property
    def name(self) -> str:
        """Short name for titles and messages, as `path.name` is for a file."""
        return self.dbname

    def describe(self) -> str:
        """「dbname」（服务器 host:port，用户 user）for messages and the title bar."""
        where = self.host or "localhost"
        if self.port:
            where += f":{self.port}"
        user = f"，用户 {self.user}" if self.user else ""
        return f"服务器数据库「{self.dbname}」（{where}{user}）"

    def __str__(self) -> str:
        return self.url


Location = Path | ServerLocation


def is_server_text(text: str) -> bool:
    match = _SCHEME.match(text.strip())
    return bool(match) and match.group(1).lower() in SERVER_SCHEMES


def parse_server_url(text: str) -> ServerLocation:
    """A postgresql://user@host:port/dbname URL, refused (LocationError) with a password."""
    text = text.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in SERVER_SCHEMES:
        raise LocationError(
            f"不支持的数据库地址「{parts.scheme}://…」。服务器数据库请写成 "
            "postgresql://用户名@服务器/数据库名，本机文件直接写文件路径。"
        )
    if parts.password is not None or "password" in {k.lower() for k, _v in parse_qsl(parts.query)}:
        raise LocationError(
            "数据库地址里不能写密码（命令行和设置文件会被别人看到）。"
            "请去掉地址中的密码，改用环境变量 PGPASSWORD 或 .pgpass 文件提供密码。"
        )
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise LocationError(
            f"数据库地址「{text}」缺少数据库名。请写成 postgresql://用户名@服务器/数据库名。"
        )
    params: dict[str, str] = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in _ALLOWED_PARAMS:
            raise LocationError(
                f"数据库地址中的参数「{key}」不认识。可以用的参数："
                + "、".join(sorted(_ALLOWED_PARAMS))
                + "。"
            )
        params[key] = value
    try:
        port = parts.port
    except ValueError:
        raise LocationError(f"数据库地址「{text}」中的端口号不对，应是 1–65535 的数字。") from None
    host = unquote(parts.hostname or "") if parts.hostname else ""
    if "host" in params:
        host = params.pop("host")
    if "port" in params:
        try:
            port = int(params.pop("port"))
        except ValueError:
            raise LocationError(
                f"数据库地址「{text}」中的端口号不对，应是 1–65535 的数字。"
            ) from None
    user = unquote(parts.username or "")
    return ServerLocation(user, host, port, dbname, tuple(sorted(params.items())))


def parse_location(text: str | Path | ServerLocation) -> Path | ServerLocation:
    """What follows --db: a server URL (postgresql://…) or a file path."""
    if isinstance(text, ServerLocation | Path):
        return text
    match = _SCHEME.match(text.strip())
    if match and len(match.group(1)) > 1:  # "C://x" is a Windows drive, not a scheme
        return parse_server_url(text)
    return Path(text)


def is_server(location: object) -> bool:
    return isinstance(location, ServerLocation)


def location_name(location: Path | ServerLocation) -> str:
    return location.name
