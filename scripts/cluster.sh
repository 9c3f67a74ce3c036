#!/usr/bin/env bash
# A cluster on one machine for trying things out: two silos and two web fronts (Orleans clients)
# on a local PostgreSQL database. See docs/deploy.md.
#
#   scripts/cluster.sh start             build, migrate the schema, start all four, wait until ready
#   scripts/cluster.sh status            what runs, and what each /health/ready says
#   scripts/cluster.sh stop              stop all four gracefully (SIGTERM), web fronts first
#   scripts/cluster.sh restart NAME      stop one process gracefully and start it again (silo1, web2, ...)
#   scripts/cluster.sh kill NAME         kill -9 one process, to watch the others carry on
#
# Environment:
#   NTK_CLUSTER_POSTGRES    Npgsql connection string of the database (created if missing)
#                           default: Host=/var/run/postgresql;Username=$(id -un);Database=ntk_cluster
#   NTK_CLUSTER_DIR         where logs, pids and the supervisor password go (default /tmp/ntk-cluster)
#   NTK_SUPERVISOR_PASSWORD the first supervisor's password (default: generated into NTK_CLUSTER_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${NTK_CLUSTER_DIR:-/tmp/ntk-cluster}
connection=${NTK_CLUSTER_POSTGRES:-"Host=/var/run/postgresql;Username=$(id -un);Database=ntk_cluster"}
configuration=Release
silo_dll=src/Silo/bin/$configuration/net10.0/Nettiturvakoti.Silo.dll
web_dll=src/WebFront/bin/$configuration/net10.0/Nettiturvakoti.WebFront.dll
names=(silo1 silo2 web1 web2)

# name -> "kind http-port silo-port gateway-port"
declare -A layout=(
  [silo1]="silo 8081 11111 30000"
  [silo2]="silo 8082 11112 30001"
  [web1]="web 5081 - -"
  [web2]="web 5082 - -"
)

pid_of() { cat "$dir/$1.pid" 2>/dev/null || true; }
running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
url_of() { echo "http://127.0.0.1:$(echo "${layout[$1]}" | cut -d' ' -f2)"; }

supervisor_password() {
  if [ -n "${NTK_SUPERVISOR_PASSWORD:-}" ]; then echo "$NTK_SUPERVISOR_PASSWORD"; return; fi
  if [ ! -s "$dir/supervisor-password" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/supervisor-password")
  fi
  cat "$dir/supervisor-password"
}

start_one() {
  local name=$1 kind http silo gateway dll
  read -r kind http silo gateway <<< "${layout[$name]}"
  if running "$name"; then echo "$name already runs (pid $(pid_of "$name"))"; return; fi
  local -a env=(
    "Storage__Provider=PostgreSql"
    "Storage__ConnectionString=$connection"
    "Storage__MigrateOnStart=false"
    "Cluster__ClusterId=local"
    "Urls=http://127.0.0.1:$http"
  )
  if [ "$kind" = silo ]; then
    env+=("Cluster__SiloPort=$silo" "Cluster__GatewayPort=$gateway" "Cluster__AdvertisedAddress=127.0.0.1"
          "Bootstrap__SupervisorPassword=$(supervisor_password)")
    dll=$silo_dll
  else
    # Plain HTTP on this machine only: the login cookie must not require HTTPS here.
    env+=("WebFront__Orleans=Client" "WebFront__SecureCookies=false")
    dll=$web_dll
  fi
  # In its own session, so that a Ctrl+C where the script ran does not reach it; env executes
  # setsid, which executes dotnet, so the pid recorded is the process's own.
  env -C "$(dirname "$dll")" "${env[@]}" setsid dotnet "$(basename "$dll")" >> "$dir/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/$name.pid"
  echo "$name started (pid $(pid_of "$name")), log $dir/$name.log"
}

wait_ready() {
  local name=$1 url
  url="$(url_of "$name")/health/ready"
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "$url"; then echo "$name ready at $(url_of "$name")"; return; fi
    if ! running "$name"; then echo "$name exited; see $dir/$name.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "$name not ready after 60 s; see $dir/$name.log" >&2
  exit 1
}

stop_one() {
  local name=$1 pid
  pid=$(pid_of "$name")
  if ! running "$name"; then rm -f "$dir/$name.pid"; return; fi
  kill -TERM "$pid"
  # A little longer than Cluster:ShutdownTimeout (60 s) before giving up on a graceful stop.
  for _ in $(seq 1 140); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name stopped"; rm -f "$dir/$name.pid"; return; fi
    sleep 0.5
  done
  echo "$name did not stop in 70 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/$name.pid"
}

require_name() {
  if [ -z "${1:-}" ] || [ -z "${layout[$1]:-}" ]; then echo "name one of: ${names[*]}" >&2; exit 2; fi
}

case "${1:-}" in
  start)
    mkdir -p "$dir"
    dotnet build src/Silo -c "$configuration" -v q -nologo
    dotnet build src/WebFront -c "$configuration" -v q -nologo
    Storage__Provider=PostgreSql Storage__ConnectionString="$connection" dotnet "$silo_dll" migrate
    for name in silo1 silo2; do start_one "$name"; done
    for name in silo1 silo2; do wait_ready "$name"; done
    for name in web1 web2; do start_one "$name"; done
    for name in web1 web2; do wait_ready "$name"; done
    echo
    echo "Seekers:     $(url_of web1)/  or  $(url_of web2)/"
    echo "Counsellors: $(url_of web1)/console  or  $(url_of web2)/console"
    echo "Log in as 'supervisor' with the password in ${NTK_SUPERVISOR_PASSWORD:+NTK_SUPERVISOR_PASSWORD}${NTK_SUPERVISOR_PASSWORD:-$dir/supervisor-password}"
    ;;
  status)
    for name in "${names[@]}"; do
      if running "$name"; then
        echo "$name pid $(pid_of "$name"): $(curl -s "$(url_of "$name")/health/ready" || echo unreachable)"
      else
        echo "$name not running"
      fi
    done
    ;;
  stop)
    for name in web1 web2 silo1 silo2; do stop_one "$name"; done
    ;;
  restart)
    require_name "${2:-}"
    stop_one "$2"
    start_one "$2"
    wait_ready "$2"
    ;;
  kill)
    require_name "${2:-}"
    if running "$2"; then kill -KILL "$(pid_of "$2")"; rm -f "$dir/$2.pid"; echo "$2 killed"; fi
    ;;
  *)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
