#!/usr/bin/env bash
# Installs what ui-check.mjs needs, and only what is missing: Debian's chromium and playwright-core
# (pinned in package-lock.json) in node_modules next to this script, where it stays cached.
# Idempotent: a second run only checks. Needs Node.js 20 or newer (playwright-core's minimum).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../lib/common.sh"

CHROMIUM=/usr/bin/chromium

if [[ ! -x "$CHROMIUM" ]]; then
  apt_install chromium
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if (( node_major < 20 )); then
  die "playwright-core needs Node.js 20 or newer; found $(node --version)"
fi

# npm ci wipes and rebuilds node_modules, so it runs only when the installed version is not the
# pinned one (first run, or package-lock.json changed).
wanted="$(node -p 'require(process.argv[1]).packages["node_modules/playwright-core"].version' \
  "$HERE/package-lock.json")"
installed="$(node -p 'try { require(process.argv[1]).version } catch { "" }' \
  "$HERE/node_modules/playwright-core/package.json")"
if [[ "$installed" != "$wanted" ]]; then
  log "installing playwright-core $wanted into $HERE/node_modules"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

log "browser tooling ready: $("$CHROMIUM" --version 2>/dev/null), playwright-core $wanted"
