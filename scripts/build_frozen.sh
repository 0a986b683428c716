#!/usr/bin/env bash
# Build the one-folder app with PyInstaller and smoke-test it: version, init, check, GUI start.
#   bash scripts/build_frozen.sh        (uses .venv; installs the [build] extra)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 dev.py test -q -x >/dev/null   # also makes sure .venv exists
.venv/bin/pip install -q -e ".[build]"
.venv/bin/pyinstaller build_installer.spec --noconfirm
app=dist/twdesk/twdesk
tmp=$(mktemp -d)
"$app" --version
TWDESK_DATA_DIR="$tmp" "$app" init --db "$tmp/smoke.sqlite"
TWDESK_DATA_DIR="$tmp" "$app" check --db "$tmp/smoke.sqlite" >/dev/null
TWDESK_DATA_DIR="$tmp" QT_QPA_PLATFORM=offscreen TWDESK_EXIT_WHEN_SHOWN=1 "$app" --demo | grep -q TWDESK_SHOWN
echo "frozen build OK: $(du -sh dist/twdesk | cut -f1)"
