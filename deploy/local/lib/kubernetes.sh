# A real Kubernetes control plane on loopback: etcd, kube-apiserver (RBAC on) and
# kube-controller-manager, so namespace deletion and garbage collection really complete.
# No kubelet: nothing here runs pods.

KUBE_DIR="$ENVFORGE_HOME/kubernetes"
KUBE_PKI="$KUBE_DIR/pki"
KUBE_ADMIN_KUBECONFIG="$KUBE_DIR/admin.kubeconfig"

kube_ready() {
  "$TOOLS/kubectl" --kubeconfig "$1" ${2:+--context "$2"} get --raw /readyz --request-timeout=2s >/dev/null 2>&1
}

kube_pki() {
  [[ -f "$KUBE_PKI/admin.crt" ]] && return
  command -v openssl >/dev/null || apt_install openssl
  mkdir -p "$KUBE_PKI"
  (
    cd "$KUBE_PKI"
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=envforge-local-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    issue() { # name subject [subjectAltName]
      openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
      local ext="extendedKeyUsage=clientAuth,serverAuth"
      [[ -n "${3:-}" ]] && ext="$ext"$'\n'"subjectAltName=$3"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
        -extfile <(printf '%s\n' "$ext") -out "$1.crt" 2>/dev/null
      rm -f "$1.csr"
    }
    issue apiserver "/CN=kube-apiserver" \
      "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:127.0.0.1,IP:10.0.0.1"
    issue controller-manager "/CN=system:kube-controller-manager"
    issue admin "/O=system:masters/CN=envforge-admin"
    openssl genrsa -out service-account.key 2048 2>/dev/null
    openssl rsa -in service-account.key -pubout -out service-account.pub 2>/dev/null
  )
}

kube_write_kubeconfig() { # file user cert key
  local server="https://$LOOPBACK:$KUBE_PORT"
  umask 077
  cat >"$1" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: $KUBE_CONTEXT_NAME
  cluster:
    server: $server
    certificate-authority-data: $(base64 -w0 <"$KUBE_PKI/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(base64 -w0 <"$3")
    client-key-data: $(base64 -w0 <"$4")
contexts:
- name: $KUBE_CONTEXT_NAME
  context:
    cluster: $KUBE_CONTEXT_NAME
    user: $2
current-context: $KUBE_CONTEXT_NAME
YAML
}

kube_up() {
  if [[ -n "${ENVFORGE_KUBECONFIG:-}" ]]; then
    log "using the Kubernetes cluster of $ENVFORGE_KUBECONFIG${ENVFORGE_KUBE_CONTEXT:+ (context $ENVFORGE_KUBE_CONTEXT)}"
    kube_ready "$ENVFORGE_KUBECONFIG" "${ENVFORGE_KUBE_CONTEXT:-}" || die "the API server of $ENVFORGE_KUBECONFIG is not ready"
    KUBECONFIG_PATH="$ENVFORGE_KUBECONFIG"
    KUBE_CONTEXT="${ENVFORGE_KUBE_CONTEXT:-}"
    return
  fi
  KUBECONFIG_PATH="$KUBE_ADMIN_KUBECONFIG"
  KUBE_CONTEXT="$KUBE_CONTEXT_NAME"
  if daemon_running kube-apiserver && daemon_running kube-controller-manager && kube_ready "$KUBECONFIG_PATH"; then
    log "Kubernetes is already running at https://$LOOPBACK:$KUBE_PORT"
    return
  fi
  for port in "$ETCD_PORT" "$KUBE_PORT" "$KCM_PORT"; do
    if port_open "$LOOPBACK" "$port" && ! daemon_running etcd; then
      die "port $port is taken by another process; set the ENVFORGE_*_PORT variables or ENVFORGE_KUBECONFIG"
    fi
  done
  local bins
  bins="$("$HERE/build-kube.sh")" || die "building the Kubernetes binaries failed"
  local kube_bin etcd_bin
  kube_bin="$(sed -n 1p <<<"$bins")"
  etcd_bin="$(sed -n 2p <<<"$bins")"

  kube_pki
  kube_write_kubeconfig "$KUBE_ADMIN_KUBECONFIG" envforge-admin "$KUBE_PKI/admin.crt" "$KUBE_PKI/admin.key"
  kube_write_kubeconfig "$KUBE_DIR/controller-manager.kubeconfig" system:kube-controller-manager \
    "$KUBE_PKI/controller-manager.crt" "$KUBE_PKI/controller-manager.key"

  if ! daemon_running etcd; then
    log "starting etcd on $LOOPBACK:$ETCD_PORT"
    mkdir -p "$KUBE_DIR/etcd"
    start_daemon etcd "$etcd_bin/etcd" --name envforge --data-dir "$KUBE_DIR/etcd" \
      --listen-client-urls "http://$LOOPBACK:$ETCD_PORT" --advertise-client-urls "http://$LOOPBACK:$ETCD_PORT" \
      --listen-peer-urls "http://$LOOPBACK:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://$LOOPBACK:$ETCD_PEER_PORT" \
      --initial-cluster "envforge=http://$LOOPBACK:$ETCD_PEER_PORT" \
      --unsafe-no-fsync --log-level warn
    wait_until etcd 30 etcd curl -fsS "http://$LOOPBACK:$ETCD_PORT/health" || die "etcd failed to start"
  fi

  if ! daemon_running kube-apiserver; then
    log "starting kube-apiserver on https://$LOOPBACK:$KUBE_PORT"
    # The endpoint reconciler would publish 127.0.0.1 as the `kubernetes` service's endpoint,
    # which the API rejects (loopback); with no pods to reach it, none is needed.
    start_daemon kube-apiserver "$kube_bin/kube-apiserver" \
      --bind-address "$LOOPBACK" --advertise-address "$LOOPBACK" --secure-port "$KUBE_PORT" \
      --etcd-servers "http://$LOOPBACK:$ETCD_PORT" \
      --tls-cert-file "$KUBE_PKI/apiserver.crt" --tls-private-key-file "$KUBE_PKI/apiserver.key" \
      --client-ca-file "$KUBE_PKI/ca.crt" \
      --authorization-mode RBAC \
      --service-account-issuer https://kubernetes.default.svc \
      --service-account-key-file "$KUBE_PKI/service-account.pub" \
      --service-account-signing-key-file "$KUBE_PKI/service-account.key" \
      --service-cluster-ip-range 10.0.0.0/24 \
      --endpoint-reconciler-type none \
      --allow-privileged=true --profiling=false
    wait_until kube-apiserver 120 kube-apiserver kube_ready "$KUBECONFIG_PATH" || die "kube-apiserver failed to start"
  fi

  if ! daemon_running kube-controller-manager; then
    log "starting kube-controller-manager"
    local kcm_kubeconfig="$KUBE_DIR/controller-manager.kubeconfig"
    start_daemon kube-controller-manager "$kube_bin/kube-controller-manager" \
      --kubeconfig "$kcm_kubeconfig" \
      --authentication-kubeconfig "$kcm_kubeconfig" --authorization-kubeconfig "$kcm_kubeconfig" \
      --bind-address "$LOOPBACK" --secure-port "$KCM_PORT" \
      --leader-elect=false --use-service-account-credentials=true \
      --service-account-private-key-file "$KUBE_PKI/service-account.key" \
      --root-ca-file "$KUBE_PKI/ca.crt" \
      --cluster-signing-cert-file "$KUBE_PKI/ca.crt" --cluster-signing-key-file "$KUBE_PKI/ca.key" \
      --profiling=false
    wait_until kube-controller-manager 60 kube-controller-manager \
      curl -fsSk "https://$LOOPBACK:$KCM_PORT/healthz" || die "kube-controller-manager failed to start"
  fi
  # The default service account appears once the controller manager's token controllers run.
  wait_until "the default service account" 60 kube-controller-manager \
    "$TOOLS/kubectl" --kubeconfig "$KUBECONFIG_PATH" -n default get serviceaccount default || true
}

kube_down() {
  stop_daemon kube-controller-manager
  stop_daemon kube-apiserver
  stop_daemon etcd
}

kube_status() {
  local kubeconfig="${ENVFORGE_KUBECONFIG:-$KUBE_ADMIN_KUBECONFIG}" context="${ENVFORGE_KUBE_CONTEXT:-}"
  if [[ -f "$kubeconfig" ]] && kube_ready "$kubeconfig" "$context"; then
    local version
    version="$("$TOOLS/kubectl" --kubeconfig "$kubeconfig" ${context:+--context "$context"} get --raw /version 2>/dev/null \
      | grep -o '"gitVersion": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/' || true)"
    echo "kubernetes    up    https://$LOOPBACK:$KUBE_PORT  (kubeconfig $kubeconfig, server ${version:-?})"
    if [[ -z "${ENVFORGE_KUBECONFIG:-}" ]]; then
      if curl -fsSk "https://$LOOPBACK:$KCM_PORT/healthz" >/dev/null 2>&1; then
        echo "  controller-manager  up  https://$LOOPBACK:$KCM_PORT/healthz"
      else
        echo "  controller-manager  down"; return 1
      fi
      echo "  etcd                up  http://$LOOPBACK:$ETCD_PORT"
    fi
  else
    echo "kubernetes    down  (kubeconfig $kubeconfig)"
    return 1
  fi
}
