#!/usr/bin/env python3
"""Compile every forms/*.ui into twdesk/ui/forms/ui_<name>.py with pyside6-uic.

python scripts/build_forms.py           regenerate
python scripts/build_forms.py --check   exit 1 if a generated file is missing or stale
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
OUT = ROOT / "twdesk" / "ui" / "forms"
HEADER = "# Generated from forms/{name} by scripts/build_forms.py. Do not edit by hand.\n"


def uic() -> str:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-uic"
    )
    if not found:
        raise SystemExit("pyside6-uic not found: install pyside6-essentials")
    return found


def compile_form(ui_file: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.py"
        subprocess.run([uic(), "--no-autoconnection", str(ui_file), "-o", str(target)], check=True)
        body = target.read_text(encoding="utf-8")
    # uic stamps its own version and the Qt version into a header; drop it for stable output
    lines = body.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(("from ", "import ")))
    return HEADER.format(name=ui_file.name) + "".join(lines[start:])


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    wanted = {OUT / "__init__.py": '"""Generated Qt Designer forms (scripts/build_forms.py)."""\n'}
    for ui_file in sorted(FORMS.glob("*.ui")):
        wanted[OUT / f"ui_{ui_file.stem}.py"] = compile_form(ui_file)
    for path, text in wanted.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.relative_to(ROOT))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if check and stale:
        print("out of date, run python scripts/build_forms.py:", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
