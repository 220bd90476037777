#!/usr/bin/env bash
# The CLI's YAML is proven readable by PyYAML (what the Python tool reads it with): Debian's
# python3-yaml. Installs it when it is missing and we may install packages; otherwise says what to do.
set -euo pipefail
for python in /usr/bin/python3 python3; do
  if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import yaml' 2>/dev/null; then exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's python3-yaml for the CLI's YAML test..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3-yaml >/dev/null
  exit 0
fi
echo "The CLI's YAML test needs PyYAML: install it (e.g. 'sudo apt-get install python3-yaml')." >&2
exit 1
