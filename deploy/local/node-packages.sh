#!/usr/bin/env bash
# Makes sure Node.js 20 or newer is here (Debian's nodejs and npm if it is missing) and, given a
# folder with a package.json and package-lock.json, installs exactly the locked packages into a
# cache keyed by the lockfile: $ENVFORGE_CACHE/node/<folder name>-<lockfile digest>/node_modules.
# Prints that node_modules path (nothing without a folder). A second run only checks.
#
#   deploy/local/node-packages.sh                         Node.js only
#   deploy/local/node-packages.sh deploy/backstage/test   and that folder's locked packages
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/lib/common.sh"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
(( node_major >= 20 )) || die "Node.js 20 or newer is needed (GitHub's runners use 20); found $(node --version)"

[[ $# -eq 0 ]] && exit 0
source_dir="$(cd "$1" && pwd)"
[[ -f "$source_dir/package-lock.json" ]] || die "no package-lock.json in $source_dir"
digest="$(cat "$source_dir/package.json" "$source_dir/package-lock.json" | sha256sum | cut -c1-16)"
target="$ENVFORGE_CACHE/node/$(basename "$(dirname "$source_dir")")-$(basename "$source_dir")-$digest"
if [[ ! -f "$target/.installed" ]]; then
  mkdir -p "$ENVFORGE_CACHE/node"
  exec 9>"$ENVFORGE_CACHE/node/.lock"
  flock 9
  if [[ ! -f "$target/.installed" ]]; then
    log "installing the locked npm packages of $source_dir into $target (first run only)"
    rm -rf "$target"
    mkdir -p "$target"
    cp "$source_dir/package.json" "$source_dir/package-lock.json" "$target/"
    (cd "$target" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
    touch "$target/.installed"
  fi
fi
echo "$target/node_modules"
