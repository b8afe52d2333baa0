#!/usr/bin/env bash
# Puts the pnpm version pinned in package.json on the PATH, installing it into .tools/
# when the machine has none (a fresh machine has only Node.js and git). Source this file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want="$(node -p "require('$root/package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$want" ]; then
  if [ ! -x "$root/.tools/node_modules/.bin/pnpm" ] || [ "$("$root/.tools/node_modules/.bin/pnpm" --version)" != "$want" ]; then
    echo "› installing pnpm $want into .tools/"
    npm install --silent --no-save --no-package-lock --prefix "$root/.tools" "pnpm@$want" >/dev/null
  fi
  export PATH="$root/.tools/node_modules/.bin:$PATH"
fi
