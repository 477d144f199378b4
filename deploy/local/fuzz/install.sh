#!/usr/bin/env bash
# Installs schemathesis (PyPI) into its own virtualenv under the envforge cache, once per version,
# and prints the directory holding its `st` command. The API fuzz test runs this first.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../versions.env"
source "$HERE/../lib/common.sh"

venv="$ENVFORGE_CACHE/venv/schemathesis-$SCHEMATHESIS_VERSION"
if [[ ! -x "$venv/bin/st" ]]; then
  command -v python3 >/dev/null || apt_install python3 python3-venv
  rm -rf "$venv"
  python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$venv"; }
  log "installing schemathesis $SCHEMATHESIS_VERSION (pip)"
  "$venv/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION" >&2
fi
echo "$venv/bin"
