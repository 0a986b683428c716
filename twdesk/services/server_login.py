"""文件 → 连接服务器数据库…: the address from its parts, and the password — asked each time,
or kept in the operating system's keyring (Windows Credential Manager, macOS Keychain, the Secret
Service on Linux) through the `keyring` library when the user ticks 记住密码.

A password lives in this process's memory (handed to psycopg as a connect argument, see
db/engine.use_password) and, when remembered, in the keyring — never in the settings file, the
recent-files list, a log, a URL or the title bar. With no password given, libpq still reads
PGPASSWORD or .pgpass.
"""

from __future__ import annotations

import contextlib

from twdesk.db.engine import password_for, use_password
from twdesk.db.location import LocationError, ServerLocation, parse_server_url

__all__ = [
    "KEYRING_SERVICE",
    "LocationError",
    "ServerLocation",
    "forget_password",
    "keyring_problem",
    "location_from_parts",
    "parse_server_url",
    "password_for",
    "remember_password",
    "saved_password",
    "use_password",
]

KEYRING_SERVICE = "twdesk"  # the keyring entry's "service"; its "username" is the account


def location_from_parts(host: str, port: int | None, dbname: str, user: str) -> ServerLocation:
    """The server database the dialog's fields name; LocationError (Chinese) names the field
    to fix. A host starting with "/" is a Unix socket folder."""
    host, dbname, user = host.strip(), dbname.strip(), user.strip()
    if not dbname:
        raise LocationError("请填写数据库名（服务器管理员建好的数据库，例如 twdesk）。")
    if not host:
        raise LocationError("请填写服务器：计算机名、IP 地址，或本机的 Unix 套接字文件夹。")
    if any(c in host for c in " @?#") or (not host.startswith("/") and "/" in host):
        raise LocationError(
            f"服务器「{host}」写得不对：只写计算机名或 IP 地址，不要加用户名或路径。"
        )
    if port is not None and not 1 <= port <= 65535:
        raise LocationError(f"端口「{port}」不对，应是 1–65535 的数字（PostgreSQL 默认 5432）。")
    if any(c in dbname for c in "/?#"):
        raise LocationError(f"数据库名「{dbname}」里不能有 / ? # 这些字符。")
    if any(c in user for c in ":@/?#"):
        raise LocationError(f"用户名「{user}」里不能有 : @ / ? # 这些字符。")
    return ServerLocation(user=user, host=host, port=port, dbname=dbname)


def _account(location: ServerLocation) -> str:
    """The keyring's name for an account on a server (no database: a password is per user)."""
    port = f":{location.port}" if location.port else ""
    return f"{location.user}@{location.host or 'localhost'}{port}"


def keyring_problem() -> str | None:
    """Why passwords cannot be remembered on this PC (None when they can)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return "没有安装 keyring 组件，不能记住密码，每次连接时请输入密码。"
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken backend configuration
        return f"系统的密码保管服务不可用（{type(exc).__name__}），不能记住密码，每次连接时请输入密码。"
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return "这台电脑没有可用的系统密码保管服务（钥匙串），不能记住密码，每次连接时请输入密码。"
    return None


def saved_password(location: ServerLocation) -> str | None:
    """The password kept in the keyring for this account, or None (none kept, or no keyring)."""
    if keyring_problem() is not None:
        return None
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, _account(location))
    except Exception:  # a locked or broken keyring: ask instead
        return None


def remember_password(location: ServerLocation, password: str) -> str | None:
    """Keep the password in the keyring; returns why it could not be kept (None when it was)."""
    problem = keyring_problem()
    if problem is not None:
        return problem
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, _account(location), password)
    except Exception as exc:
        return (
            f"密码没有记住：系统的密码保管服务拒绝了（{type(exc).__name__}）。下次连接时请再输入。"
        )
    return None


def forget_password(location: ServerLocation) -> None:
    """Remove a kept password (记住密码 unticked); nothing happens when none was kept."""
    if keyring_problem() is not None:
        return
    import keyring

    with contextlib.suppress(Exception):  # PasswordDeleteError: none was kept
        keyring.delete_password(KEYRING_SERVICE, _account(location))
