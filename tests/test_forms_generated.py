"""twdesk/ui/forms/ is generated from forms/*.ui and must be up to date."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_generated_forms_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_forms.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
