# Argo CD's CRDs (Application, ApplicationSet, AppProject) in the local API server, so that the
# Argo CD registration of environments is tested against Argo CD's real schemas. The manifests
# ship in Argo CD's Go module (manifests/crds); they are fetched with `go mod download` into a
# scratch module cache, copied to $ENVFORGE_CACHE/argocd/crds-<version>/ and the scratch cache is
# dropped, so the 200 MB module tree is not kept for three YAML files. Only the CRDs are
# installed: without a kubelet, Argo CD's controllers could not run here anyway.

ARGOCD_CRD_FILES=(appproject-crd.yaml application-crd.yaml applicationset-crd.yaml)

# Prints the directory holding the CRD manifests of $ARGOCD_VERSION, fetching them once.
argocd_crds_dir() {
  local dir="$ENVFORGE_CACHE/argocd/crds-$ARGOCD_VERSION"
  if [[ ! -f "$dir/.complete" ]]; then
    command -v go >/dev/null || die "Go is needed to fetch Argo CD's CRDs (its module holds them)"
    mkdir -p "$ENVFORGE_CACHE/argocd"
    exec 7>"$ENVFORGE_CACHE/argocd/crds.lock"
    flock 7
    if [[ ! -f "$dir/.complete" ]]; then
      local started=$SECONDS scratch module_dir
      scratch="$(mktemp -d "$ENVFORGE_CACHE/argocd/gomod.XXXXXX")"
      log "fetching Argo CD $ARGOCD_VERSION's CRDs from its Go module (first run only)"
      # -modcacherw: the scratch cache can be deleted without chmod; GOTOOLCHAIN=local: the
      # module's go directive may name a newer Go than this one, which only matters for builds.
      module_dir="$(GOFLAGS=-modcacherw GOMODCACHE="$scratch" GOTOOLCHAIN=local \
        go mod download -json "github.com/argoproj/argo-cd/v3@v$ARGOCD_VERSION" \
        | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
      if [[ -z "$module_dir" || ! -d "$module_dir/manifests/crds" ]]; then
        rm -rf "$scratch"
        die "could not fetch github.com/argoproj/argo-cd/v3@v$ARGOCD_VERSION (see go mod download above)"
      fi
      mkdir -p "$dir"
      for file in "${ARGOCD_CRD_FILES[@]}"; do
        cp "$module_dir/manifests/crds/$file" "$dir/$file"
      done
      rm -rf "$scratch"
      touch "$dir/.complete"
      log "fetched Argo CD's CRDs in $((SECONDS - started))s"
    fi
    flock -u 7
  fi
  echo "$dir"
}

# Installs the CRDs into the platform's API server by server-side apply (they are too large for
# client-side apply's annotation). A cluster the user brought along (ENVFORGE_KUBECONFIG) that
# already has them keeps its own: its Argo CD owns them.
argocd_crds_up() {
  local kubectl=("$TOOLS/kubectl" --kubeconfig "$KUBECONFIG_PATH" ${KUBE_CONTEXT:+--context "$KUBE_CONTEXT"})
  if [[ -n "${ENVFORGE_KUBECONFIG:-}" ]] && "${kubectl[@]}" get crd appprojects.argoproj.io >/dev/null 2>&1; then
    log "Argo CD's CRDs are already installed in $ENVFORGE_KUBECONFIG; leaving them as they are"
    return
  fi
  local dir installed
  dir="$(argocd_crds_dir)"
  installed="$("${kubectl[@]}" get crd appprojects.argoproj.io \
    -o jsonpath='{.metadata.annotations.envforge\.dev/argocd-version}' 2>/dev/null || true)"
  if [[ "$installed" == "$ARGOCD_VERSION" ]]; then
    return
  fi
  local file
  for file in "${ARGOCD_CRD_FILES[@]}"; do
    "${kubectl[@]}" apply --server-side --force-conflicts --field-manager=envforge-platform \
      -f "$dir/$file" >/dev/null
  done
  # Marks which version is installed, so that a later `up` skips the apply.
  "${kubectl[@]}" annotate --overwrite crd appprojects.argoproj.io \
    "envforge.dev/argocd-version=$ARGOCD_VERSION" >/dev/null
  "${kubectl[@]}" wait --for=condition=Established --timeout=60s \
    crd/appprojects.argoproj.io crd/applications.argoproj.io crd/applicationsets.argoproj.io >/dev/null
  log "installed Argo CD $ARGOCD_VERSION's CRDs (AppProject, Application, ApplicationSet)"
}
