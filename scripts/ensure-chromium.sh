#!/usr/bin/env bash
# The browser test drives a system Chromium through playwright-core (no browser download is possible here).
# Installs Debian's chromium when it is missing and we may install packages; otherwise says what to do.
set -euo pipefail
for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$c" ] && [ -x "$c" ]; then exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser test..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser test needs Chromium: install it (e.g. 'sudo apt-get install chromium') or set CHROMIUM_PATH." >&2
exit 1
