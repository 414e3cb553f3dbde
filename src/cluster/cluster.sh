#!/usr/bin/env bash
# GridCommand on one machine laid out as it runs on several: a pg_auto_failover monitor, a primary and a hot
# standby (PostgreSQL 15 + PostGIS), two app nodes, and HAProxy in front of them with sticky sessions.
# Everything lives under one folder (GRIDCOMMAND_CLUSTER_DIR, default data/cluster); every process it starts is
# stopped by the pid it recorded there. Ports are chosen free at the first start and kept in cluster.env.
#
#   src/cluster/cluster.sh start          # create (first time) or start again; prints the address
#   src/cluster/cluster.sh status         # the database nodes' states, the app nodes, the proxy
#   src/cluster/cluster.sh stop           # stop everything it started, keep the data
#   src/cluster/cluster.sh clean          # stop, then delete the folder
#   src/cluster/cluster.sh failover       # ask the monitor to move the primary (a planned switchover)
#   src/cluster/cluster.sh start-app N | stop-app N | kill-app N      # one app node (1 or 2)
#   src/cluster/cluster.sh start-db N  | kill-db N                     # one database node (1 or 2)
#   src/cluster/cluster.sh restart-proxy
#
# Settings (environment):
#   GRIDCOMMAND_CLUSTER_DIR   the folder (default data/cluster under the project)
#   GRIDCOMMAND_CLUSTER_SYNC  on (default): a commit is acknowledged once the standby has it too, so a failover
#                             loses no acknowledged write; while the standby is away the monitor lets the primary
#                             go on alone. off: commits do not wait for the standby (faster), and a failover may
#                             lose the last moments of acknowledged writes.
#   GRIDCOMMAND_CLUSTER_JAR   the app jar (default target/gridcommand-*.jar; built with ./mvnw package if absent)
#   GRIDCOMMAND_CLUSTER_HEAP  each app node's -Xmx (default 1g)
set -euo pipefail

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
PG_BIN="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)"
PROJECT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${GRIDCOMMAND_CLUSTER_DIR:-$PROJECT/data/cluster}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
STATE="$DIR/cluster.env"
SYNC="${GRIDCOMMAND_CLUSTER_SYNC:-on}"
HEAP="${GRIDCOMMAND_CLUSTER_HEAP:-1g}"
HOST=127.0.0.1

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'cluster: %s\n' "$*" >&2; exit 1; }

# pg_autoctl refuses to run as root: as root, the database side runs as the OS user postgres.
if [ "$(id -u)" -eq 0 ]; then PG_USER=postgres; else PG_USER="$(id -un)"; fi
as_pg() {
  local env=(XDG_CONFIG_HOME="$DIR/db/xdg/config" XDG_DATA_HOME="$DIR/db/xdg/data" XDG_RUNTIME_DIR="$DIR/db/xdg/run"
             PATH="$PG_BIN:$PATH" PGCONNECT_TIMEOUT=3)
  # From / : the OS user postgres may not be able to enter the caller's working folder.
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- env "${env[@]}" "$@"); else env "${env[@]}" "$@"; fi
}

alive() { [ -f "$DIR/pids/$1.pid" ] && kill -0 "$(cat "$DIR/pids/$1.pid")" 2>/dev/null; }

# Starts a command detached in its own session; its pid goes to pids/<name>.pid (written by the process itself,
# so it is the command's pid, not a wrapper's).
launch() {
  local name="$1" runner="$2"; shift 2
  local pidfile="$DIR/pids/$name.pid" log="$DIR/logs/$name.log"
  rm -f "$pidfile"
  $runner setsid bash -c 'echo $$ > "$1"; shift; exec "$@"' _ "$pidfile" "$@" >>"$log" 2>&1 </dev/null &
  for _ in $(seq 1 50); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  die "$name did not start (see $log)"
}
direct() { "$@"; }

port_free() { ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
pick_ports() {
  local taken=" " p
  for name in MONITOR_PORT DB1_PORT DB2_PORT APP1_PORT APP2_PORT PROXY_PORT STATS_PORT; do
    while :; do
      p=$(( 20000 + RANDOM % 30000 ))
      if [[ "$taken" != *" $p "* ]] && port_free "$p"; then break; fi
    done
    taken="$taken$p "
    printf '%s=%s\n' "$name" "$p" >>"$STATE"
  done
}

load_state() { [ -f "$STATE" ] || die "no cluster in $DIR yet: run 'start' first"; . "$STATE"; }

jdbc_url() {
  # Both database nodes; the driver connects to whichever is the primary and rechecks hosts every 2 s.
  printf 'jdbc:postgresql://%s:%s,%s:%s/gridcommand?targetServerType=primary&hostRecheckSeconds=2&connectTimeout=3&tcpKeepAlive=true' \
    "$HOST" "$DB1_PORT" "$HOST" "$DB2_PORT"
}

psql_on() { # port, database, sql...
  local port="$1" db="$2"; shift 2
  as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$port" -d "$db" -At "$@"
}

monitor_uri() { printf 'postgres://autoctl_node@%s:%s/pg_auto_failover?sslmode=disable' "$HOST" "$MONITOR_PORT"; }

db_state() { # node number → its reported state on the monitor (empty when unknown)
  psql_on "$MONITOR_PORT" pg_auto_failover -c \
    "select reportedstate from pgautofailover.node where nodename = 'node_$1'" 2>/dev/null || true
}

wait_db_state() { # node, seconds, states...
  local n="$1" limit="$2"; shift 2
  local s
  for _ in $(seq 1 $((limit * 2))); do
    s="$(db_state "$n")"
    for want in "$@"; do [ "$s" = "$want" ] && return 0; done
    sleep 0.5
  done
  die "database node $n did not reach ${*} within ${limit}s (it is '${s}'; see $DIR/logs/db$n.log)"
}

# The default pg_hba.conf that initdb writes trusts every local user. Keep only pg_auto_failover's own rules (its
# users on loopback: monitor checks, replication, rewind; it appends more of them as nodes join), let the app's user
# in by password, and no one else: with no catch-all line, no rule it appends later is shadowed.
harden_hba() {
  local hba="$1"
  as_pg bash -c '
    hba="$1"
    { echo "# Written by src/cluster/cluster.sh: pg_auto_failover'"'"'s own users on loopback, the app by password."
      echo "local   all          postgres                     peer"
      echo "host    all          gridcommand  127.0.0.1/32    scram-sha-256"
      echo "host    all          gridcommand  ::1/128         scram-sha-256"
      grep "Auto-generated by pg_auto_failover" "$hba" || true
    } > "$hba.new" && mv "$hba.new" "$hba"' _ "$hba"
}

start_monitor() {
  if [ ! -d "$DIR/db/monitor" ]; then
    say "creating the monitor on port $MONITOR_PORT"
    launch monitor as_pg pg_autoctl create monitor --pgdata "$DIR/db/monitor" --pgport "$MONITOR_PORT" \
      --hostname "$HOST" --listen "$HOST" --auth trust --no-ssl --run
    for _ in $(seq 1 120); do psql_on "$MONITOR_PORT" pg_auto_failover -c "select 1" >/dev/null 2>&1 && break; sleep 0.5; done
    # Fail over a primary that has been unreachable for about 5 s, and let the new one take writes 6 s later (the
    # defaults wait some 20 s, then 30 s more). The 6 s wait for the old primary to step down stays longer than the
    # 3 s after which a primary that lost both the monitor and its standby steps down by itself (set on each node
    # below), so that two primaries never take writes at once.
    psql_on "$MONITOR_PORT" pg_auto_failover \
      -c "alter system set pgautofailover.health_check_period = 1000" \
      -c "alter system set pgautofailover.health_check_timeout = 1000" \
      -c "alter system set pgautofailover.health_check_max_retries = 1" \
      -c "alter system set pgautofailover.health_check_retry_delay = 500" \
      -c "alter system set pgautofailover.node_considered_unhealthy_timeout = 4000" \
      -c "alter system set pgautofailover.primary_demote_timeout = 6000" \
      -c "select pg_reload_conf()" >/dev/null
  else
    say "starting the monitor on port $MONITOR_PORT"
    launch monitor as_pg pg_autoctl run --pgdata "$DIR/db/monitor"
    for _ in $(seq 1 120); do psql_on "$MONITOR_PORT" pg_auto_failover -c "select 1" >/dev/null 2>&1 && break; sleep 0.5; done
  fi
}

start_db() { # node number
  local n="$1" port
  if [ "$n" = 1 ]; then port="$DB1_PORT"; else port="$DB2_PORT"; fi
  if alive "db$n"; then say "database node $n runs already"; return; fi
  if [ -d "$DIR/db/node$n" ]; then
    say "starting database node $n on port $port"
    launch "db$n" as_pg pg_autoctl run --pgdata "$DIR/db/node$n"
    return
  fi
  say "creating database node $n on port $port"
  launch "db$n" as_pg pg_autoctl create postgres --pgdata "$DIR/db/node$n" --pgport "$port" --name "node_$n" \
    --hostname "$HOST" --listen "$HOST" --auth trust --no-ssl --dbname gridcommand --monitor "$(monitor_uri)" \
    --run
}

create_databases() {
  start_db 1
  wait_db_state 1 120 single wait_primary primary
  local password
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  umask 077; printf '%s' "$password" >"$DIR/db-password"; umask 022
  psql_on "$DB1_PORT" gridcommand \
    -c "create role gridcommand login password '$password'" \
    -c "alter database gridcommand owner to gridcommand" \
    -c "create extension if not exists postgis" \
    -c "create extension if not exists pgrouting" >/dev/null
  harden_hba "$DIR/db/node1/pg_hba.conf"
  psql_on "$DB1_PORT" gridcommand -c "select pg_reload_conf()" >/dev/null
  start_db 2
  # pg_basebackup waits for a checkpoint; ask for one rather than wait for the next timed one.
  for _ in $(seq 1 40); do
    [ "$(db_state 2)" = "wait_standby" ] || [ "$(db_state 2)" = "catchingup" ] && break; sleep 0.5
  done
  psql_on "$DB1_PORT" gridcommand -c "checkpoint" >/dev/null
  wait_db_state 2 180 secondary
  for n in 1 2; do as_pg pg_autoctl config set --pgdata "$DIR/db/node$n" timeout.network_partition_timeout 3 >/dev/null; done
  if [ "$SYNC" = "off" ]; then
    as_pg pg_autoctl set node replication-quorum false --pgdata "$DIR/db/node2" >/dev/null
    as_pg pg_autoctl set node replication-quorum false --pgdata "$DIR/db/node1" >/dev/null
  fi
  say "replication: synchronous $SYNC ($(psql_on "$DB1_PORT" gridcommand -c 'show synchronous_standby_names' || true))"
}

find_jar() {
  local jar="${GRIDCOMMAND_CLUSTER_JAR:-}"
  if [ -z "$jar" ]; then jar="$(ls "$PROJECT"/target/gridcommand-*.jar 2>/dev/null | grep -v -e '-plain' -e '\.original' | head -1 || true)"; fi
  if [ -z "$jar" ]; then
    say "no app jar yet: building it (./mvnw -B -q package -DskipTests)" >&2
    (cd "$PROJECT" && ./mvnw -B -q package -DskipTests) >"$DIR/logs/build.log" 2>&1 || die "the build failed (see $DIR/logs/build.log)"
    jar="$(ls "$PROJECT"/target/gridcommand-*.jar | grep -v '\.original' | head -1)"
  fi
  printf '%s' "$jar"
}

app_port() { if [ "$1" = 1 ]; then echo "$APP1_PORT"; else echo "$APP2_PORT"; fi; }

start_app() { # node number
  local n="$1" port jar
  port="$(app_port "$n")"
  if alive "app$n"; then say "app node $n runs already"; return; fi
  jar="$(find_jar)"
  say "starting app node $n on port $port"
  SPRING_DATASOURCE_URL="$(jdbc_url)" SPRING_DATASOURCE_USERNAME=gridcommand \
  SPRING_DATASOURCE_PASSWORD="$(cat "$DIR/db-password")" PORT="$port" SERVER_ADDRESS="$HOST" \
  GRIDCOMMAND_SECURITY_TRUSTED_PROXIES="$HOST" GRIDCOMMAND_CLUSTER_NODE_ID="app$n" GRIDCOMMAND_WEB_DRAIN_DELAY=3s \
    launch "app$n" direct java "-Xmx$HEAP" -XX:+ExitOnOutOfMemoryError -jar "$jar"
}

wait_app() { # node number, seconds
  local n="$1" port
  port="$(app_port "$n")"
  for _ in $(seq 1 $(($2 * 2))); do
    if curl -fsS -o /dev/null "http://$HOST:$port/actuator/health/readiness" 2>/dev/null; then say "app node $n is ready"; return 0; fi
    alive "app$n" || die "app node $n stopped while starting (see $DIR/logs/app$n.log)"
    sleep 0.5
  done
  die "app node $n was not ready within $2 s (see $DIR/logs/app$n.log)"
}

write_proxy_config() {
  sed -e "s/@PROXY_PORT@/$PROXY_PORT/g" -e "s/@STATS_PORT@/$STATS_PORT/g" -e "s/@HOST@/$HOST/g" \
      -e "s/@APP1_PORT@/$APP1_PORT/g" -e "s/@APP2_PORT@/$APP2_PORT/g" \
      "$PROJECT/src/cluster/haproxy.cfg" >"$DIR/haproxy.cfg"
  haproxy -c -q -f "$DIR/haproxy.cfg" || die "haproxy rejects $DIR/haproxy.cfg"
}

start_proxy() {
  if alive proxy; then say "the proxy runs already"; return; fi
  write_proxy_config
  launch proxy direct haproxy -W -db -f "$DIR/haproxy.cfg"
  for _ in $(seq 1 50); do port_free "$PROXY_PORT" || break; sleep 0.1; done
  say "the proxy listens on port $PROXY_PORT"
}

stop_pid() { # name, signal, seconds to wait
  local name="$1" sig="${2:-TERM}" wait="${3:-30}" pid
  [ -f "$DIR/pids/$name.pid" ] || return 0
  pid="$(cat "$DIR/pids/$name.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((wait * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$DIR/pids/$name.pid"
}

stop_db_node() { # pgdata name, pid name
  if [ -d "$DIR/db/$1" ] && alive "$2"; then as_pg pg_autoctl stop --pgdata "$DIR/db/$1" >/dev/null 2>&1 || true; fi
  stop_pid "$2" TERM 30
  # A postmaster whose keeper was killed keeps running: stop it by its own pid file.
  local pm="$DIR/db/$1/postmaster.pid"
  if [ -f "$pm" ]; then
    local pid; pid="$(head -1 "$pm")"
    if kill -0 "$pid" 2>/dev/null; then kill -INT "$pid" 2>/dev/null || true; sleep 2; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
}

# Kills a database node as if its machine died: the keeper and the postmaster, at once, no shutdown.
kill_db() {
  local n="$1" pm="$DIR/db/node$1/postmaster.pid"
  [ -f "$DIR/pids/db$n.pid" ] && kill -KILL -- "-$(cat "$DIR/pids/db$n.pid")" 2>/dev/null || true
  [ -f "$pm" ] && kill -KILL "$(head -1 "$pm")" 2>/dev/null || true
  rm -f "$DIR/pids/db$n.pid"
  say "database node $n killed"
}

status() {
  load_state
  echo "folder: $DIR"
  as_pg pg_autoctl show state --pgdata "$DIR/db/monitor" 2>/dev/null || echo "(the monitor does not answer)"
  for n in 1 2; do
    local port; port="$(app_port "$n")"
    local ready="down"
    if alive "app$n"; then ready="$(curl -s -o /dev/null -w '%{http_code}' "http://$HOST:$port/actuator/health/readiness" || true)"; fi
    echo "app node $n: port $port, readiness $ready"
  done
  if alive proxy; then echo "proxy: http://$HOST:$PROXY_PORT/ (statistics http://$HOST:$STATS_PORT/)"; else echo "proxy: down"; fi
}

start() {
  command -v pg_autoctl >/dev/null || die "pg_autoctl is missing: apt-get install postgresql-15-auto-failover pg-auto-failover-cli"
  command -v haproxy >/dev/null || die "haproxy is missing: apt-get install haproxy"
  command -v curl >/dev/null || die "curl is missing: apt-get install curl"
  [ -n "$PG_BIN" ] || die "PostgreSQL 15 is missing: apt-get install postgresql-15-postgis-3 postgresql-15-pgrouting"
  mkdir -p "$DIR/pids" "$DIR/logs" "$DIR/db/xdg/config" "$DIR/db/xdg/data" "$DIR/db/xdg/run"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres "$DIR/db"; touch "$DIR/logs/monitor.log" "$DIR/logs/db1.log" "$DIR/logs/db2.log"
    chown postgres "$DIR/logs/monitor.log" "$DIR/logs/db1.log" "$DIR/logs/db2.log"
    chown postgres "$DIR/pids"; chmod 711 "$DIR"; chmod 700 "$DIR/db/xdg/run"
  fi
  local fresh=false
  if [ ! -f "$STATE" ]; then fresh=true; : >"$STATE"; pick_ports; fi
  load_state
  if ! alive monitor; then start_monitor; fi
  if $fresh || [ ! -d "$DIR/db/node1" ]; then
    create_databases
  else
    start_db 1; start_db 2
    wait_db_state 1 120 primary wait_primary secondary single
    wait_db_state 2 120 primary wait_primary secondary single
  fi
  # The first start of the first node creates the schema and loads the demo city; the second waits for it.
  start_app 1; wait_app 1 300
  start_app 2; wait_app 2 300
  start_proxy
  echo
  echo "GridCommand: http://$HOST:$PROXY_PORT/  (app nodes $HOST:$APP1_PORT and $HOST:$APP2_PORT behind HAProxy;"
  echo "database nodes $HOST:$DB1_PORT and $HOST:$DB2_PORT, monitor $HOST:$MONITOR_PORT; all under $DIR)"
}

stop() {
  [ -f "$STATE" ] || { say "nothing runs from $DIR"; return; }
  load_state
  stop_pid proxy TERM 10
  stop_pid app2 TERM 40 &
  stop_pid app1 TERM 40 &
  wait
  stop_db_node node2 db2
  stop_db_node node1 db1
  stop_db_node monitor monitor
  say "stopped (data kept in $DIR)"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  start) start ;;
  stop) stop ;;
  clean) stop; rm -rf "$DIR"; say "deleted $DIR" ;;
  status) status ;;
  failover) load_state; as_pg pg_autoctl perform failover --pgdata "$DIR/db/monitor" ;;
  start-app) load_state; start_app "$1"; wait_app "$1" 300 ;;
  stop-app) load_state; stop_pid "app$1" TERM 40 ;;
  kill-app) load_state; stop_pid "app$1" KILL 5; say "app node $1 killed" ;;
  start-db) load_state; start_db "$1" ;;
  kill-db) load_state; kill_db "$1" ;;
  restart-proxy) load_state; stop_pid proxy TERM 10; start_proxy ;;
  url) load_state; echo "http://$HOST:$PROXY_PORT/" ;;
  jdbc-url) load_state; jdbc_url; echo ;;
  *) sed -n '2,24p' "$0"; exit 2 ;;
esac
