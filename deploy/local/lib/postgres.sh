# A real Postgres server on loopback with the admin role the provisioner uses.

PG_DIR="$ENVFORGE_HOME/postgres"
PG_DATA="$PG_DIR/data"
PG_PASSWORD_FILE="$PG_DIR/admin-password"

pg_bindir() {
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [[ -z "$bindir" ]]; then
    apt_install postgresql
    bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
  echo "$bindir"
}

# Postgres will not run as root; as root, the server runs as Debian's `postgres` user.
pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_ready() { "$PG_BIN/pg_isready" -q -h "$LOOPBACK" -p "$1"; }

postgres_up() {
  if [[ -n "${ENVFORGE_POSTGRES_URL:-}" ]]; then
    log "using the Postgres server at $ENVFORGE_POSTGRES_URL"
    [[ -n "${ENVFORGE_POSTGRES_USER:-}" ]] || die "ENVFORGE_POSTGRES_URL needs ENVFORGE_POSTGRES_USER and ENVFORGE_POSTGRES_PASSWORD_FILE"
    [[ -r "${ENVFORGE_POSTGRES_PASSWORD_FILE:-}" ]] || die "ENVFORGE_POSTGRES_PASSWORD_FILE must name a readable file holding the admin password"
    POSTGRES_URL="$ENVFORGE_POSTGRES_URL"
    POSTGRES_USER="$ENVFORGE_POSTGRES_USER"
    POSTGRES_PASSWORD_FILE="$ENVFORGE_POSTGRES_PASSWORD_FILE"
    return
  fi
  PG_BIN="$(pg_bindir)"
  POSTGRES_URL="jdbc:postgresql://$LOOPBACK:$POSTGRES_PORT/postgres"
  POSTGRES_USER="$POSTGRES_ADMIN_USER"
  POSTGRES_PASSWORD_FILE="$PG_PASSWORD_FILE"
  if pg_ready "$POSTGRES_PORT" && [[ -f "$PG_DATA/postmaster.pid" ]]; then
    log "Postgres is already running on $LOOPBACK:$POSTGRES_PORT"
    return
  fi
  port_open "$LOOPBACK" "$POSTGRES_PORT" && die "port $POSTGRES_PORT is taken by another process; set ENVFORGE_POSTGRES_PORT or ENVFORGE_POSTGRES_URL"
  mkdir -p "$PG_DIR" "$ENVFORGE_HOME/logs"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initialising Postgres in $PG_DATA"
    (umask 077; [[ -f "$PG_PASSWORD_FILE" ]] || openssl rand -hex 24 >"$PG_PASSWORD_FILE")
    local pwfile="$PG_DIR/.initdb-password"
    install -m 600 "$PG_PASSWORD_FILE" "$pwfile"
    mkdir -p "$PG_DATA" "$PG_DIR/socket"
    if [[ $(id -u) -eq 0 ]]; then
      chmod 755 "$ENVFORGE_HOME" "$PG_DIR"
      chown postgres: "$PG_DATA" "$PG_DIR/socket" "$pwfile"
    fi
    pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U "$POSTGRES_ADMIN_USER" --pwfile "$pwfile" \
      --auth-host scram-sha-256 --auth-local trust -E UTF8 --locale C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >>"$PG_DATA/postgresql.conf" <<CONF
# envforge local platform
listen_addresses = '$LOOPBACK'
port = $POSTGRES_PORT
unix_socket_directories = '$PG_DIR/socket'
max_connections = 300
fsync = off
synchronous_commit = off
CONF
  fi
  touch "$ENVFORGE_HOME/logs/postgres.log"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$ENVFORGE_HOME/logs/postgres.log"
  log "starting Postgres on $LOOPBACK:$POSTGRES_PORT"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$ENVFORGE_HOME/logs/postgres.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$ENVFORGE_HOME/logs/postgres.log" >&2; die "Postgres failed to start"; }
}

postgres_down() {
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 0
  PG_BIN="$(pg_bindir)"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null && log "stopped postgres"
}

postgres_status() {
  if [[ -n "${ENVFORGE_POSTGRES_URL:-}" ]]; then
    echo "postgres      external  $ENVFORGE_POSTGRES_URL"
    return
  fi
  PG_BIN="$(pg_bindir)"
  if pg_ready "$POSTGRES_PORT"; then
    echo "postgres      up    $LOOPBACK:$POSTGRES_PORT  (admin $POSTGRES_ADMIN_USER, password in $PG_PASSWORD_FILE, $("$PG_BIN/postgres" --version))"
  else
    echo "postgres      down  $LOOPBACK:$POSTGRES_PORT"
    return 1
  fi
}
