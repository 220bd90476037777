#!/usr/bin/env bash
# Every check and test, from a fresh clone on a machine with only Node 20 and npm (README: `npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm() { bash scripts/pnpm.sh "$@"; }
bash scripts/ensure-chromium.sh
bash scripts/ensure-pyyaml.sh
pnpm install --frozen-lockfile
pnpm run build
pnpm run lint
pnpm run typecheck
pnpm run check:packages
pnpm run test:unit
pnpm run demo:run
