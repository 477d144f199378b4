# The Temporal dev server: SQLite-backed, web UI on, our search attributes registered.

TEMPORAL_SEARCH_ATTRIBUTES=(EnvTeam=Keyword EnvName=Keyword EnvPhase=Keyword EnvCluster=Keyword EnvExpiresAt=Datetime)

# The dev server keeps everything in one SQLite file behind one connection, and by default each
# commit waits for fsyncs of a rollback journal. A write-ahead log with normal synchronisation
# syncs only at checkpoints: 4-7 times the writes per second measured here. The cost: a power loss
# or an operating-system crash can lose the last commits (a killed server loses nothing).
# Acceptable for a local platform; see the README.
TEMPORAL_SQLITE_PRAGMAS=(journal_mode=wal synchronous=normal)

temporal_healthy() {
  "$TOOLS/temporal" operator cluster health --address "$1" --command-timeout 2s 2>/dev/null | grep -q SERVING
}

temporal_up() {
  if [[ -n "${ENVFORGE_TEMPORAL_ADDRESS:-}" ]]; then
    log "using the Temporal server at $ENVFORGE_TEMPORAL_ADDRESS"
    temporal_healthy "$ENVFORGE_TEMPORAL_ADDRESS" || die "no healthy Temporal server at $ENVFORGE_TEMPORAL_ADDRESS"
    temporal_register_search_attributes "$ENVFORGE_TEMPORAL_ADDRESS" "${ENVFORGE_TEMPORAL_NAMESPACE:-default}"
    TEMPORAL_ADDRESS="$ENVFORGE_TEMPORAL_ADDRESS"
    TEMPORAL_UI="${ENVFORGE_TEMPORAL_UI:-}"
    return
  fi
  TEMPORAL_ADDRESS="$LOOPBACK:$TEMPORAL_PORT"
  TEMPORAL_UI="http://$LOOPBACK:$TEMPORAL_UI_PORT"
  if daemon_running temporal && temporal_healthy "$TEMPORAL_ADDRESS"; then
    log "Temporal is already running at $TEMPORAL_ADDRESS"
    return
  fi
  port_open "$LOOPBACK" "$TEMPORAL_PORT" && die "port $TEMPORAL_PORT is taken by another process; set ENVFORGE_TEMPORAL_PORT or ENVFORGE_TEMPORAL_ADDRESS"
  mkdir -p "$ENVFORGE_HOME/temporal"
  local attribute_flags=()
  for attribute in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do attribute_flags+=(--search-attribute "$attribute"); done
  local pragma_flags=()
  for pragma in "${TEMPORAL_SQLITE_PRAGMAS[@]}"; do pragma_flags+=(--sqlite-pragma "$pragma"); done
  log "starting Temporal dev server on $TEMPORAL_ADDRESS"
  start_daemon temporal "$TOOLS/temporal" server start-dev \
    --ip "$LOOPBACK" --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "$ENVFORGE_HOME/temporal/temporal.db" \
    --ui-disable-news-fetch --log-level warn \
    "${attribute_flags[@]}" "${pragma_flags[@]}"
  wait_until "Temporal" 60 temporal temporal_healthy "$TEMPORAL_ADDRESS" || die "Temporal failed to start"
  wait_until "Temporal UI" 30 temporal port_open "$LOOPBACK" "$TEMPORAL_UI_PORT" || die "Temporal UI failed to start"
}

# Registers what is missing; an attribute that already exists is left alone.
temporal_register_search_attributes() {
  local address="$1" namespace="$2" existing
  existing="$("$TOOLS/temporal" operator search-attribute list --address "$address" --namespace "$namespace" 2>/dev/null || true)"
  for attribute in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do
    local name="${attribute%%=*}" type="${attribute#*=}"
    if ! grep -qw "$name" <<<"$existing"; then
      "$TOOLS/temporal" operator search-attribute create --address "$address" --namespace "$namespace" \
        --name "$name" --type "$type" >/dev/null
    fi
  done
}

temporal_down() { stop_daemon temporal; }

temporal_status() {
  local address="${ENVFORGE_TEMPORAL_ADDRESS:-$LOOPBACK:$TEMPORAL_PORT}"
  if temporal_healthy "$address"; then
    echo "temporal      up    $address  (UI ${ENVFORGE_TEMPORAL_UI:-http://$LOOPBACK:$TEMPORAL_UI_PORT})"
  else
    echo "temporal      down  $address"
    return 1
  fi
}
