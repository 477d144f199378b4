#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager and etcd from Go modules and caches them
# under $ENVFORGE_CACHE/bin/<component>-<version>/, so only the first run pays for the build.
#
# Kubernetes is not meant to be built outside its own tree: k8s.io/kubernetes requires its
# staging modules at v0.0.0 and points them at ./staging with replace directives, which a
# dependent module ignores. The workaround is a tiny module that requires k8s.io/kubernetes
# and replaces every staging module with its published v0.x twin.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/versions.env"
cache="${ENVFORGE_CACHE:-$HOME/.cache/envforge}"
log() { printf '[build-kube] %s\n' "$*" >&2; }

kube_bin="$cache/bin/kubernetes-$KUBE_VERSION"
etcd_bin="$cache/bin/etcd-$ETCD_VERSION"

build_kubernetes() {
  if [[ -x "$kube_bin/kube-apiserver" && -x "$kube_bin/kube-controller-manager" ]]; then
    return 0
  fi
  local src="$cache/build/kubernetes-$KUBE_VERSION"
  local staging_version="v0.${KUBE_VERSION#1.}"
  mkdir -p "$src" "$kube_bin"
  log "building Kubernetes v$KUBE_VERSION (first run only; takes a while on 2 cores)"
  local started=$SECONDS
  (
    cd "$src"
    [[ -f go.mod ]] || go mod init envforge.local/kubebuild >/dev/null 2>&1
    go mod download -json "k8s.io/kubernetes@v$KUBE_VERSION" >/dev/null
    local upstream_mod
    upstream_mod="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/v$KUBE_VERSION.mod"
    # Every "k8s.io/x => ./staging/src/k8s.io/x" becomes "k8s.io/x => k8s.io/x v0.N.P".
    awk '$2 == "=>" && $3 ~ /^\.\/staging\// {print $1}' "$upstream_mod" | while read -r module; do
      go mod edit -replace "$module=$module@$staging_version"
    done
    cat > tools.go <<'GO'
//go:build tools

package kubebuild

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
)
GO
    go mod edit -require "k8s.io/kubernetes@v$KUBE_VERSION"
    go mod tidy -e >/dev/null 2>&1 || true
    go mod download >/dev/null 2>&1 || true
    local minor="${KUBE_VERSION#*.}"; minor="${minor%%.*}"
    local ldflags=""
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldflags+=" -X $pkg.gitVersion=v$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
      ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
    done
    for cmd in kube-apiserver kube-controller-manager; do
      CGO_ENABLED=0 go build -tags tools -trimpath -ldflags "-s -w $ldflags" \
        -o "$kube_bin/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd"
      mv "$kube_bin/$cmd.tmp" "$kube_bin/$cmd"
    done
  )
  log "built Kubernetes v$KUBE_VERSION in $((SECONDS - started))s"
}

build_etcd() {
  if [[ -x "$etcd_bin/etcd" ]]; then
    return 0
  fi
  local src="$cache/build/etcd-$ETCD_VERSION"
  mkdir -p "$src" "$etcd_bin"
  log "building etcd v$ETCD_VERSION"
  local started=$SECONDS
  (
    cd "$src"
    [[ -f go.mod ]] || go mod init envforge.local/etcdbuild >/dev/null 2>&1
    cat > main.go <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
    go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" >/dev/null 2>&1
    go mod tidy >/dev/null 2>&1
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$etcd_bin/etcd.tmp" .
    mv "$etcd_bin/etcd.tmp" "$etcd_bin/etcd"
  )
  log "built etcd v$ETCD_VERSION in $((SECONDS - started))s"
}

# Two callers (a user's `platform up` and a test run) must not build into the same place.
mkdir -p "$cache"
exec 9>"$cache/build.lock"
flock 9

build_etcd
build_kubernetes
echo "$kube_bin"
echo "$etcd_bin"
