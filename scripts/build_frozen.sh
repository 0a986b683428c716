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
# the printed and exported outputs (reportlab with the bundled font, the xlsx writers)
TWDESK_DATA_DIR="$tmp" "$app" demo --db "$tmp/d.sqlite" --stations 3 --delegates 20 --years 1 >/dev/null
TWDESK_DATA_DIR="$tmp" "$app" duty poster --db "$tmp/d.sqlite" --station 青川县团代表联络站 \
    --year "$(date +%Y)" --out "$tmp/poster.pdf" >/dev/null
TWDESK_DATA_DIR="$tmp" "$app" export visits --db "$tmp/d.sqlite" --out "$tmp/v.xlsx" >/dev/null
TWDESK_DATA_DIR="$tmp" "$app" stats --db "$tmp/d.sqlite" --year "$(date +%Y)" --format json >/dev/null
TWDESK_DATA_DIR="$tmp" "$app" ledger --db "$tmp/d.sqlite" --year "$(date +%Y)" >/dev/null
echo "frozen build OK: $(du -sh dist/twdesk | cut -f1)"
