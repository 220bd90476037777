#!/usr/bin/env bash
# Runs the pnpm version pinned in package.json's packageManager, whether or not pnpm is installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want=$(node -p "require('$root/package.json').packageManager.split('@')[1]")
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$want" ]; then
  exec pnpm "$@"
fi
exec npx --yes "pnpm@$want" "$@"
