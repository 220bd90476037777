#!/usr/bin/env bash
# Every check and test, from a fresh clone on a machine with only Node 20 and npm (README: `npm test`):
# on the machine's Node, then the test suite and the demo again on Node 24 (scripts/node24.sh).
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
pnpm run docs            # the API reference, its validation warnings as errors
pnpm run pack:all        # one tarball per package in .packs/
pnpm run test:tarballs   # installs them with plain npm outside the repo and uses them
bash scripts/node24.sh
