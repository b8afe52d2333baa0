#!/usr/bin/env bash
# Makes sure the multi-process tests (apps/cluster-test, packages/cluster) and
# `./koe start <app> --processes` can run HAProxy: Debian's haproxy at HAPROXY_PATH
# (/usr/sbin/haproxy by default). Installs Debian's haproxy when it can (apt-install.sh);
# otherwise stops with one line saying what to install. Used by ./koe test and .ci/run.
set -euo pipefail
haproxy="${HAPROXY_PATH:-/usr/sbin/haproxy}"

[ -x "$haproxy" ] && exit 0

"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" "the multi-process tests" "HAProxy at $haproxy" \
  "set HAPROXY_PATH to an haproxy binary" haproxy
if [ ! -x "$haproxy" ]; then
  echo "✗ haproxy is installed but $haproxy is still missing: set HAPROXY_PATH to the haproxy binary" >&2
  exit 1
fi
