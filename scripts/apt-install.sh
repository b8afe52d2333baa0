#!/usr/bin/env bash
# Installs Debian packages a test suite needs, as root or with sudo that asks no password;
# otherwise stops with one line saying what to install. Used by ensure-chromium.sh and
# ensure-haproxy.sh, which check afterwards that what they need is there.
# Usage: apt-install.sh <who needs them> <what they need> <the other way to provide it> <package>...
set -euo pipefail
who="$1" need="$2" otherwise="$3"
shift 3
packages=("$@")
them=it
[ ${#packages[@]} -gt 1 ] && them=them

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "✗ $who need $need: install $them with \`sudo apt-get install -y ${packages[*]}\` (or $otherwise), then run this again" >&2
  exit 1
fi

echo "› installing Debian's ${packages[*]} for $who"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
