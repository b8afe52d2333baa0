#!/usr/bin/env bash
# Makes sure the multi-process tests (apps/cluster-test, packages/cluster) and
# `./koe start <app> --processes` can run HAProxy: Debian's haproxy at HAPROXY_PATH
# (/usr/sbin/haproxy by default). Installs Debian's haproxy when it can (as root, or with sudo that
# asks no password); otherwise stops with one line saying what to install. Used by ./koe test and .ci/run.
set -euo pipefail
haproxy="${HAPROXY_PATH:-/usr/sbin/haproxy}"

[ -x "$haproxy" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "✗ the multi-process tests need HAProxy at $haproxy: install it with \`sudo apt-get install -y haproxy\` (or set HAPROXY_PATH to an haproxy binary), then run this again" >&2
  exit 1
fi

echo "› installing Debian's haproxy for the multi-process tests"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq haproxy >/dev/null
if [ ! -x "$haproxy" ]; then
  echo "✗ haproxy is installed but $haproxy is still missing: set HAPROXY_PATH to the haproxy binary" >&2
  exit 1
fi
