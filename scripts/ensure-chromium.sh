#!/usr/bin/env bash
# Makes sure the browser tests (apps/e2e) can run: Chromium at CHROMIUM_PATH (Debian's
# /usr/bin/chromium by default) and the Japanese fonts, so pages render as users see them.
# Installs Debian's chromium and fonts-noto-cjk when it can (as root, or with sudo that asks no
# password); otherwise stops with one line saying what to install. Used by ./koe test and .ci/run.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

have_fonts() {
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" ||
    dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed"
}
ready() { [ -x "$chromium" ] && have_fonts; }

ready && exit 0

install=(apt-get install -y -qq chromium fonts-noto-cjk)
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "✗ the browser tests need Chromium at $chromium and Japanese fonts: install them with \`sudo apt-get install -y chromium fonts-noto-cjk\` (or set CHROMIUM_PATH to a Chromium binary), then run this again" >&2
  exit 1
fi

echo "› installing Debian's chromium and fonts-noto-cjk for the browser tests"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" "${install[@]}" >/dev/null
if ! ready; then
  echo "✗ chromium is installed but $chromium is still missing: set CHROMIUM_PATH to the Chromium binary" >&2
  exit 1
fi
