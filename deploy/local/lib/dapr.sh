# Dapr's CRDs on the local platform's cluster. Sourced, not run.
#
# envforge writes Dapr Components into environments that ask for capabilities; the API server
# accepts them only once Dapr's CRDs are installed. The CRD manifests ship inside the
# github.com/dapr/dapr module (charts/dapr/crds), fetched from the Go module proxy into the Go
# module cache (7.5 MB, once per version). No Dapr control plane runs here: it needs pods.

dapr_crds_dir() {
  local dir
  dir="$(cd "$ENVFORGE_CACHE" && GOFLAGS=-mod=mod go mod download -json "github.com/dapr/dapr@v$DAPR_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$dir" && -d "$dir/charts/dapr/crds" ]] || return 1
  echo "$dir/charts/dapr/crds"
}

dapr_crds_up() {
  if [[ "${ENVFORGE_DAPR_CRDS:-install}" == skip ]]; then
    log "not installing Dapr's CRDs (ENVFORGE_DAPR_CRDS=skip)"
    return
  fi
  command -v go >/dev/null || die "Dapr's CRDs come from a Go module; install Go first"
  local crds
  crds="$(dapr_crds_dir)" || die "could not fetch github.com/dapr/dapr@v$DAPR_VERSION for its CRDs"
  # Server-side apply: running `up` again changes nothing, and a newer version updates them.
  "$TOOLS/kubectl" --kubeconfig "$KUBECONFIG_PATH" ${KUBE_CONTEXT:+--context "$KUBE_CONTEXT"} \
    apply --server-side --field-manager envforge-platform -f "$crds" >/dev/null \
    || die "applying Dapr's CRDs from $crds failed"
  "$TOOLS/kubectl" --kubeconfig "$KUBECONFIG_PATH" ${KUBE_CONTEXT:+--context "$KUBE_CONTEXT"} \
    wait --for condition=Established --timeout 60s crd/components.dapr.io >/dev/null \
    || die "Dapr's Component CRD did not become established"
  log "Dapr $DAPR_VERSION CRDs installed"
}
