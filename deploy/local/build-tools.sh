#!/usr/bin/env bash
# Builds the deployment tools from Go modules and caches each under
# $ENVFORGE_CACHE/bin/<tool>-<version>/, so only the first run pays for the build.
#
#   deploy/local/build-tools.sh helm         prints the path of the helm binary
#   deploy/local/build-tools.sh crossplane   prints the path of the crossplane CLI (crank)
#
# Build output goes to $ENVFORGE_CACHE/build/<tool>-<version>.log; on failure its tail is
# printed. Concurrent callers (a test run and a user) wait for each other on a lock per tool.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/versions.env"
cache="${ENVFORGE_CACHE:-$HOME/.cache/envforge}"
log() { printf '[build-tools] %s\n' "$*" >&2; }

# go_install <tool> <version> <package@version> <binary name> [ldflags]
go_install() {
  local tool="$1" version="$2" package="$3" binary="$4" ldflags="${5:-}"
  local bin_dir="$cache/bin/$tool-$version"
  local build_log="$cache/build/$tool-$version.log"
  if [[ -x "$bin_dir/$binary" ]]; then
    echo "$bin_dir/$binary"
    return 0
  fi
  mkdir -p "$cache/build" "$bin_dir"
  exec 8>"$cache/build/$tool.lock"
  flock 8
  if [[ ! -x "$bin_dir/$binary" ]]; then
    log "building $tool $version (first run only)"
    local started=$SECONDS
    # `go install pkg@version` builds the module exactly as released (its own go.sum),
    # outside any local module; GOBIN first points at a scratch directory so that a
    # half-written binary is never taken for a finished one.
    local scratch="$bin_dir/.partial"
    rm -rf "$scratch" && mkdir -p "$scratch"
    if ! CGO_ENABLED=0 GOBIN="$scratch" go install -trimpath -ldflags "-s -w $ldflags" \
      "$package" >"$build_log" 2>&1; then
      log "building $tool $version failed; last lines of $build_log:"
      tail -n 20 "$build_log" >&2
      exit 1
    fi
    mv "$scratch/$binary" "$bin_dir/$binary"
    rm -rf "$scratch"
    log "built $tool $version in $((SECONDS - started))s"
  fi
  flock -u 8
  echo "$bin_dir/$binary"
}

case "${1:-}" in
  helm)
    go_install helm "$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION" helm \
      "-X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
    ;;
  crossplane)
    go_install crossplane "$CROSSPLANE_VERSION" \
      "github.com/crossplane/crossplane/v2/cmd/crank@v$CROSSPLANE_VERSION" crank \
      "-X github.com/crossplane/crossplane/v2/internal/version.version=v$CROSSPLANE_VERSION"
    ;;
  *)
    echo "usage: $0 helm|crossplane" >&2
    exit 2
    ;;
esac
