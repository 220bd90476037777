#!/usr/bin/env bash
# The main job (README: `npm run demo`): set up, build, then a real client session against the local server.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm() { bash scripts/pnpm.sh "$@"; }
pnpm install --frozen-lockfile
pnpm run build
pnpm run demo:run
