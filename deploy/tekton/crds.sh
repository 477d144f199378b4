#!/usr/bin/env bash
# Tekton Pipelines' own CRDs (Task, Pipeline, PipelineRun, ...), as they ship in the
# github.com/tektoncd/pipeline Go module at the version in deploy/local/versions.env, fetched from
# the Go module proxy once and cached under $ENVFORGE_CACHE/tekton/pipeline-<version>/crds.
# Prints that folder. With --install KUBECONFIG, also applies them to that cluster (server-side)
# and waits until they are established: what the Task's and Pipeline's dry runs are checked
# against. No Tekton controller or webhook is installed.
#
#   deploy/tekton/crds.sh [--install KUBECONFIG]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../local/lib/common.sh"
source "$HERE/../local/versions.env"

target="$ENVFORGE_CACHE/tekton/pipeline-$TEKTON_PIPELINE_VERSION/crds"
if [[ ! -f "$target/.complete" ]]; then
  command -v go >/dev/null || die "Go is needed to fetch Tekton's CRDs from the Go module proxy"
  log "fetching github.com/tektoncd/pipeline v$TEKTON_PIPELINE_VERSION for its CRDs (first run only)"
  dir="$(go mod download -json "github.com/tektoncd/pipeline@v$TEKTON_PIPELINE_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$dir/config/300-crds" ]] || die "no config/300-crds in github.com/tektoncd/pipeline v$TEKTON_PIPELINE_VERSION"
  rm -rf "$target"
  mkdir -p "$target"
  cp "$dir"/config/300-crds/*.yaml "$target/"
  touch "$target/.complete"
fi

if [[ "${1:-}" == "--install" ]]; then
  kubeconfig="${2:?--install needs a kubeconfig}"
  kubectl="$(python_tools)/kubectl"
  "$kubectl" --kubeconfig "$kubeconfig" apply --server-side --force-conflicts \
    --field-manager envforge-tests -f "$target" >&2
  "$kubectl" --kubeconfig "$kubeconfig" wait --for condition=established --timeout=60s \
    -f "$target" >&2
fi
echo "$target"
