#!/usr/bin/env bash
# Build the one-folder app with PyInstaller (build_installer.spec) and smoke-test the frozen
# executables: scripts/smoke_bundle.py does both; this wrapper sets up .venv first.
#   bash scripts/build_frozen.sh        (uses .venv; installs the [build] extra)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e ".[build]"
.venv/bin/python scripts/smoke_bundle.py "$@"
