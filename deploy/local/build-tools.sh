#!/usr/bin/env bash
# Builds the deployment tools from Go modules and caches each under
# $ENVFORGE_CACHE/bin/<tool>-<version>/, so only the first run pays for the build.
#
#   deploy/local/build-tools.sh helm                  helm (chart lint, template, install)
#   deploy/local/build-tools.sh crossplane            the crossplane CLI (`crossplane render`)
#   deploy/local/build-tools.sh gotemplating-standin  deploy/crossplane/render's stand-in for
#                                                     function-go-templating (see its README)
#   deploy/local/build-tools.sh daprd                 Dapr's sidecar runtime with the components
#                                                     envforge wires (see deploy/local/daprd)
#   deploy/local/build-tools.sh cdevents-validator    deploy/local/cdevents-validator: checks
#                                                     CDEvents with the CDEvents Go SDK
#
# Each prints the binary's path. Build output goes to $ENVFORGE_CACHE/build/<tool>-<version>.log
# and its tail is printed on failure. Concurrent callers wait for each other (one lock per tool).
#
# Tools are built in a scratch module that requires the released module at its version, like
# build-kube.sh: `go install pkg@version` would first ask the proxy for the module's version list,
# which the proxy does not serve for every module.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$here/versions.env"
cache="${ENVFORGE_CACHE:-$HOME/.cache/envforge}"
log() { printf '[build-tools] %s\n' "$*" >&2; }

# cached_build <tool> <version> <binary> <builder function> [builder arguments...]
cached_build() {
  local tool="$1" version="$2" binary="$3" builder="$4"; shift 4
  local bin_dir="$cache/bin/$tool-$version"
  if [[ ! -x "$bin_dir/$binary" ]]; then
    mkdir -p "$cache/build" "$bin_dir"
    exec 8>"$cache/build/$tool.lock"
    flock 8
    if [[ ! -x "$bin_dir/$binary" ]]; then
      log "building $tool $version (first run only)"
      local started=$SECONDS build_log="$cache/build/$tool-$version.log"
      # Built next to its final place and moved there whole: a half-written binary is never
      # taken for a finished one.
      if ! "$builder" "$bin_dir/$binary.partial" "$@" >"$build_log" 2>&1; then
        log "building $tool $version failed; last lines of $build_log:"
        tail -n 20 "$build_log" >&2
        exit 1
      fi
      mv "$bin_dir/$binary.partial" "$bin_dir/$binary"
      log "built $tool $version in $((SECONDS - started))s"
    fi
    flock -u 8
  fi
  echo "$bin_dir/$binary"
}

# build_released <output> <module> <version> <package> [ldflags]
build_released() {
  local output="$1" module="$2" version="$3" package="$4" ldflags="${5:-}"
  local src="$cache/build/$(basename "$output" .partial)-src-${module//\//_}-$version"
  mkdir -p "$src"
  cd "$src"
  [[ -f go.mod ]] || go mod init envforge.local/toolbuild
  go get "$package@v$version"
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ldflags" -o "$output" "$package"
}

# build_source <output> <directory>: a module of this repository, with its own go.sum.
build_source() {
  local output="$1" dir="$2"
  cd "$dir"
  CGO_ENABLED=0 go build -mod=mod -trimpath -ldflags "-s -w" -o "$output" .
}

# build_daprd <output> <directory>: Dapr's runtime at $DAPR_VERSION with the registry of
# deploy/local/daprd/main.go, in a scratch module that requires the released modules. Only the
# packages that registry imports are downloaded and compiled, not every component's cloud SDK.
#
# The released cmd/daprd/components package registers every component from files behind the
# `stablecomponents`/`allcomponents` build tags and, without either tag, holds one file whose init
# panics to remind Dapr's own developers to set one. The build uses a copy of the dapr module whose
# guard file is an empty package clause, so the runtime starts with envforge's registry instead.
build_daprd() {
  local output="$1" dir="$2"
  local src="$cache/build/daprd-src-$DAPR_VERSION"
  rm -rf "$src"
  mkdir -p "$src"
  cp "$dir/main.go" "$src/main.go"
  cd "$src"
  go mod init envforge.local/daprd
  go get "github.com/dapr/dapr@v$DAPR_VERSION" "github.com/dapr/components-contrib@v$DAPR_VERSION"
  local released
  released="$(go list -m -f '{{.Dir}}' "github.com/dapr/dapr")"
  cp -r "$released" dapr
  chmod -R u+w dapr
  printf 'package components\n' >dapr/cmd/daprd/components/zz_notag.go
  go mod edit -replace github.com/dapr/dapr=./dapr
  CGO_ENABLED=0 go build -mod=mod -trimpath \
    -ldflags "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$DAPR_VERSION" -o "$output" .
}

case "${1:-}" in
  helm)
    cached_build helm "$HELM_VERSION" helm build_released helm.sh/helm/v3 "$HELM_VERSION" \
      helm.sh/helm/v3/cmd/helm \
      "-X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
    ;;
  crossplane)
    cached_build crossplane "$CROSSPLANE_VERSION" crossplane build_released \
      github.com/crossplane/crossplane/v2 "$CROSSPLANE_VERSION" \
      github.com/crossplane/crossplane/v2/cmd/crank \
      "-X github.com/crossplane/crossplane/v2/internal/version.version=v$CROSSPLANE_VERSION"
    ;;
  gotemplating-standin)
    dir="$repo/deploy/crossplane/render/gotemplating-standin"
    # Cached per content of its sources, so an edit rebuilds it.
    version="$(cat "$dir"/go.mod "$dir"/go.sum "$dir"/*.go | sha256sum | cut -c1-12)"
    cached_build gotemplating-standin "$version" gotemplating-standin build_source "$dir"
    ;;
  daprd)
    dir="$repo/deploy/local/daprd"
    # Cached per Dapr version and per content of the registry, so an edit rebuilds it.
    version="$DAPR_VERSION-$(sha256sum "$dir/main.go" | cut -c1-12)"
    cached_build daprd "$version" daprd build_daprd "$dir"
    ;;
  cdevents-validator)
    dir="$repo/deploy/local/cdevents-validator"
    version="$(cat "$dir"/go.mod "$dir"/go.sum "$dir"/*.go | sha256sum | cut -c1-12)"
    cached_build cdevents-validator "$version" cdevents-validator build_source "$dir"
    ;;
  *)
    echo "usage: $0 helm|crossplane|gotemplating-standin|daprd|cdevents-validator" >&2
    exit 2
    ;;
esac
