#!/usr/bin/env bash
# Makes sure the browser tests (apps/e2e) can run: Chromium at CHROMIUM_PATH (Debian's
# /usr/bin/chromium by default) and the Japanese fonts, so pages render as users see them.
# Installs Debian's chromium and fonts-noto-cjk when it can (apt-install.sh); otherwise stops
# with one line saying what to install. Used by ./koe test and .ci/run.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

have_fonts() {
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" ||
    dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed"
}
ready() { [ -x "$chromium" ] && have_fonts; }

ready && exit 0

"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" "the browser tests" "Chromium at $chromium and Japanese fonts" \
  "set CHROMIUM_PATH to a Chromium binary" chromium fonts-noto-cjk
if ! ready; then
  echo "✗ chromium is installed but $chromium is still missing: set CHROMIUM_PATH to the Chromium binary" >&2
  exit 1
fi
