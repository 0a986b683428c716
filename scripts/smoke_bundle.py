#!/usr/bin/env python3
"""Build the one-folder bundle with build_installer.spec and smoke-test it as staff would use it.

    python scripts/smoke_bundle.py              build dist/twdesk (PyInstaller), then test it
    python scripts/smoke_bundle.py --no-build   test the dist/twdesk already built

Needs the [build] extra (PyInstaller) in the running interpreter. Runs the frozen executables,
never the source: `twdesk-cli --version`, `init` and `check` on a new .twdb, the windowed
`twdesk FILE` opening that file offscreen and quitting once its first tab is filled
(TWDESK_EXIT_WHEN_SHOWN=ready), a demo file, a duty poster PDF, an .xlsx export, dossiers
written by worker processes, and an encrypted exchange package previewed for a merge. Also
checks the bundle's contents (both executables, every file of resources/, the migrations, Qt's
Chinese translation; nothing of WebEngine, QML or tkinter) and the Windows version file.
Prints each step's time and the bundle's size; exits 1 on a failure, showing the command's
output and the end of the frozen app's log.
`.ci/run` runs it after the tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import types
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "twdesk"
WORK = ROOT / "build"
EXE = ".exe" if os.name == "nt" else ""
GUI = DIST / f"twdesk{EXE}"
CLI = DIST / f"twdesk-cli{EXE}"
# nothing of these may be in the bundle (build_installer.spec excludes them)
UNWANTED = re.compile(
    r"WebEngine|Qt6Quick|Qt6Qml|Qt63D|Qt6Multimedia|Qt6Charts|_tkinter|tcl8|tk8|fontTools"
    r"|[/\\]pytest|[/\\]hypothesis|opengl32sw",
    re.IGNORECASE,
)
STATION = "青川县团代表联络站"  # the demo county's own station


class SmokeError(Exception):
    pass


def _version() -> str:
    sys.path.insert(0, str(ROOT))
    from twdesk import __version__

    return __version__


def run(
    exe: Path, *args: str, env: dict[str, str], timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=timeout,
        cwd=env["TWDESK_DATA_DIR"],
    )
    if result.returncode != 0:
        raise SmokeError(
            f"{exe.name} {' '.join(args)} → exit {result.returncode}\n"
            f"stdout: {result.stdout.strip()}\nstderr: {result.stderr.strip()}"
        )
    return result


def build() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "build_installer.spec",
            "--noconfirm",
            "--log-level",
            "ERROR",  # its warnings about optional modules are expected; the runs below judge
            "--workpath",
            str(WORK),
            "--distpath",
            str(DIST.parent),
        ],
        check=True,
        cwd=ROOT,
    )


def files_in(folder: Path) -> list[Path]:
    """Real files (PyInstaller links some libraries on Linux; a link is not counted twice)."""
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in files_in(folder)) / 2**20


def check_contents() -> str:
    missing = [p.name for p in (GUI, CLI) if not p.is_file()]
    inner = DIST / "_internal"
    for source in (ROOT / "resources").rglob("*"):
        if source.is_file() and not (inner / source.relative_to(ROOT)).is_file():
            missing.append(str(source.relative_to(ROOT)))
    versions = ROOT / "twdesk" / "db" / "migrations" / "versions"
    for source in versions.glob("*.py"):
        if not (inner / source.relative_to(ROOT)).is_file():
            missing.append(str(source.relative_to(ROOT)))
    if not list(inner.rglob("qtbase_zh_CN.qm")):
        missing.append("qtbase_zh_CN.qm")
    if missing:
        raise SmokeError("missing from the bundle: " + ", ".join(missing))
    unwanted = [str(p.relative_to(DIST)) for p in DIST.rglob("*") if UNWANTED.search(str(p))]
    if unwanted:
        raise SmokeError("should be excluded: " + ", ".join(unwanted[:10]))
    return f"{folder_mib(DIST):.0f} MiB, {len(files_in(DIST))} files"


def check_version_file(version: str) -> str:
    """The Windows version resource the spec wrote parses and packs (PyInstaller's own code;
    its Windows-only imports are stubbed, they are not used for this)."""
    sys.modules.setdefault("pefile", types.ModuleType("pefile"))
    import PyInstaller.compat

    if not hasattr(PyInstaller.compat, "win32api"):
        PyInstaller.compat.win32api = None  # type: ignore[attr-defined]
    from PyInstaller.utils.win32 import versioninfo

    for name in ("twdesk", "twdesk-cli"):
        info = versioninfo.load_version_info_from_text_file(
            str(WORK / "build_installer" / f"version-{name}.txt")
        )
        strings = {s.name: s.val for s in info.kids[0].kids[0].kids}
        want = {"ProductName": "团代表联络站工作台", "FileVersion": version}
        if any(strings.get(k) != v for k, v in want.items()) or not info.toRaw():
            raise SmokeError(f"version file of {name}: {strings}")
    return f"CompanyName {strings['CompanyName']}, FileVersion {strings['FileVersion']}"


def check_pdf(path: Path) -> str:
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"LXGWWenKai" not in data:
        raise SmokeError(f"{path.name}: not a PDF with the bundled font embedded")
    return f"{path.name} {len(data) // 1024} KB"


def main(argv: list[str]) -> int:
    version = _version()
    steps: list[tuple[str, float, str]] = []
    failed = False

    def step(name: str, action: Callable[[], str | None]) -> None:
        nonlocal failed
        start = time.perf_counter()
        try:
            note = action() or ""
        except (SmokeError, subprocess.SubprocessError, OSError) as exc:
            failed = True
            note = "FAILED"
            print(f"\n[{name}] {exc}", file=sys.stderr)
            log = Path(env["TWDESK_DATA_DIR"]) / "logs" / "twdesk.log"
            if log.is_file():
                print("log:\n" + log.read_text(encoding="utf-8")[-3000:], file=sys.stderr)
        seconds = time.perf_counter() - start
        steps.append((name, seconds, note))
        print(f"{seconds:7.2f} s  {name}: {note}", flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="twdesk-smoke-"))
    env = {
        **os.environ,
        "TWDESK_DATA_DIR": str(tmp),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    }
    new, demo, year = tmp / "本单位.twdb", tmp / "演示.twdb", str(date.today().year)

    def gui(path: Path) -> str:
        # the windowed executable, the file as first argument (as Explorer passes a .twdb)
        result = run(GUI, str(path), env={**env, "TWDESK_EXIT_WHEN_SHOWN": "ready"})
        # exit 0 means the file opened and the window closed itself; a windowed .exe on Windows
        # may have no stdout to print TWDESK_SHOWN on, elsewhere it must say so
        if "TWDESK_SHOWN" not in result.stdout and not (os.name == "nt" and not result.stdout):
            raise SmokeError(f"the window never showed: {result.stdout} {result.stderr}")
        if Path(f"{path}.lock").exists():
            raise SmokeError("the lock file stayed behind")
        return "window shown, file opened, first tab filled"

    def export() -> str:
        out = tmp / "来访.xlsx"
        run(CLI, "export", "visits", "--db", str(demo), "--out", str(out), env=env)
        with zipfile.ZipFile(out) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        if not sheets:
            raise SmokeError("the .xlsx has no worksheet")
        return f"{out.name} {out.stat().st_size // 1024} KB"

    def dossiers() -> str:
        out = tmp / "档案"
        merged = tmp / "档案合订.pdf"
        args = ["--db", str(demo), "--year", year, "--out", str(out), "--merged", str(merged)]
        result = run(CLI, "dossier", *args, "--workers", "2", env=env, timeout=300)
        files = sorted(out.glob("*.pdf"))
        if not files:
            raise SmokeError(f"no dossier written: {result.stdout}")
        check_pdf(files[0])
        return f"{len(files)} PDFs by 2 worker processes + {check_pdf(merged)}"

    total = time.perf_counter()
    if "--no-build" not in argv:
        step("build (PyInstaller)", lambda: build() or "dist/twdesk")
    step("bundle contents", check_contents)
    step("version resource", lambda: check_version_file(version))

    def version_step() -> str:
        out = run(CLI, "--version", env=env).stdout.strip()
        if out != f"twdesk {version}":
            raise SmokeError(f"--version printed {out!r}")
        return out

    step("twdesk-cli --version", version_step)
    step(
        "twdesk-cli init",
        lambda: run(
            CLI, "init", "--db", str(new), "--office", "测试县团委", env=env
        ).stdout.strip(),
    )

    def check() -> str:
        out = run(CLI, "check", "--db", str(new), env=env).stdout
        if "完整性检查：正常" not in out:
            raise SmokeError(f"check did not report an intact file:\n{out}")
        return "完整性检查：正常"

    step("twdesk-cli check", check)
    step("twdesk FILE.twdb (GUI, new file)", lambda: gui(new))
    step(
        "twdesk-cli demo",
        lambda: run(
            CLI, "demo", "--db", str(demo), "--stations", "2", "--delegates", "6", "--years", "1",
            env=env,
        ).stdout.splitlines()[0],
    )  # fmt: skip
    step("twdesk FILE.twdb (GUI, demo file)", lambda: gui(demo))

    def poster() -> str:
        out = tmp / "坐班公示.pdf"
        run(CLI, "duty", "poster", "--db", str(demo), "--station", STATION, "--year", year,
            "--out", str(out), env=env)  # fmt: skip
        return check_pdf(out)

    step("twdesk-cli duty poster (PDF)", poster)
    step("twdesk-cli export visits (.xlsx)", export)
    step("twdesk-cli dossier", dossiers)

    def exchange() -> str:
        package, password = tmp / "演示.twpkg", tmp / "密码.txt"
        password.write_text("烟测-smoke-2026\n", encoding="utf-8")
        secret = ["--password-file", str(password)]
        run(CLI, "package", "--db", str(demo), "--out", str(package), *secret, env=env)
        merge = ["merge", "--db", str(new), "--from", str(package), *secret, "--dry-run"]
        out = run(CLI, *merge, "--format", "json", env=env).stdout
        if '"person"' not in out:
            raise SmokeError(f"the merge preview lists no people: {out[:300]}")
        return f"{package.name} {package.stat().st_size // 1024} KB (AES-256-GCM), merge preview"

    step("twdesk-cli package + merge --dry-run", exchange)
    total = time.perf_counter() - total
    print(f"{total:7.2f} s  total; bundle {folder_mib(DIST):.0f} MiB ({DIST})")
    shutil.rmtree(tmp, ignore_errors=True)
    if failed:
        print("frozen smoke test FAILED", file=sys.stderr)
        return 1
    print("frozen smoke test OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
