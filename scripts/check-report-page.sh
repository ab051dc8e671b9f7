#!/usr/bin/env bash
# Renders `firstspike report` of the shipped shallow-rstdp checkpoint in headless Chromium and
# checks the screenshot (scripts/check_report_png.py). Run by .ci/run after the test suite;
# fails, never skips, when Chromium is missing (make deps-report installs it).
# Usage: scripts/check-report-page.sh [BINARY] [OUTPUT FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/firstspike}
OUT=${2:-scratch/report-check}
WIDTH=1280 HEIGHT=3000
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "check-report-page: FAILED: no chromium on the PATH (install it with: make deps-report)" >&2
  exit 1
fi
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import PIL" 2>/dev/null || { echo "check-report-page: FAILED: no /usr/bin/python3 with Pillow (make deps-report)" >&2; exit 1; }
mkdir -p "$OUT"
rm -f "$OUT/report.png"
"$BIN" report checkpoints/shallow-rstdp.fspk --out "$OUT/report.html"
# --no-sandbox: CI runs as root; a fresh profile folder keeps runs independent.
"$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --user-data-dir="$OUT/profile" --window-size=$WIDTH,$HEIGHT --screenshot="$OUT/report.png" \
  "file://$(pwd)/$OUT/report.html" 2>"$OUT/chromium.log" || { cat "$OUT/chromium.log" >&2; exit 1; }
[ -s "$OUT/report.png" ] || { echo "check-report-page: FAILED: chromium wrote no screenshot" >&2; cat "$OUT/chromium.log" >&2; exit 1; }
/usr/bin/python3 scripts/check_report_png.py "$OUT/report.png" $WIDTH $HEIGHT
