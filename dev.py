#!/usr/bin/env python3
"""Set up and run twdesk from a checkout, the same way on Debian and Windows.

    python3 dev.py start   create .venv, install twdesk, start it on the demo database
    python3 dev.py test    create .venv, install the test extras, run ruff (lint and format
                           check), then the whole test suite
    python3 dev.py bench   create .venv, install, run the benchmarks and print their table

Extra arguments after the command go to twdesk / pytest / the benchmark runner.
Only the standard library is used here, so it runs on a fresh Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("TWDESK_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file may run on any python3
        sys.exit(f"twdesk 需要 Python 3.11 或更新版本，当前是 {sys.version.split()[0]}。")
    if not PYTHON.exists():
        print(f"创建虚拟环境 {VENV} …", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as exc:  # Debian without python3-venv
            sys.exit(
                f"无法创建虚拟环境：{exc}\n"
                "在 Debian/Ubuntu 上请先安装：sudo apt-get install python3-venv"
            )
    # Reinstall only when pyproject.toml or the extras changed.
    stamp = VENV / ".twdesk-installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == want:
        return
    print("安装依赖 …", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "-e", target], check=True, cwd=ROOT)
    stamp.write_text(want)


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("start", [])
    if command == "start":
        _ensure_venv("")
        args = rest or ["--demo"]
        return subprocess.call([str(PYTHON), "-m", "twdesk", *args], cwd=ROOT)
    if command == "test":
        _ensure_venv("test")
        for check in (["check", "."], ["format", "--check", "."]):
            code = subprocess.call([str(PYTHON), "-m", "ruff", *check], cwd=ROOT)
            if code:
                print(f"ruff {' '.join(check)} 未通过（退出码 {code}），测试未运行。", flush=True)
                return code
        return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT)
    if command == "bench":
        _ensure_venv("test")
        return subprocess.call([str(PYTHON), "-m", "benchmarks.run", *rest], cwd=ROOT)
    sys.exit(f"未知命令「{command}」。可用：start、test、bench")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
