#!/usr/bin/env bash
# gridcommand-db monitor | postgres — one pg_auto_failover node of docker/cluster.yaml. The same steps as
# src/cluster/cluster.sh takes on one machine: fast failover settings on the monitor; on the first primary the app's
# role (password from GRIDCOMMAND_DB_PASSWORD), PostGIS and pgRouting; pg_hba rules that trust only pg_auto_failover's
# own users on the compose network and ask the app for its password.
set -euo pipefail
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
NODE_HOST="${NODE_HOST:-$(hostname)}"
MONITOR_URI="postgres://autoctl_node@${MONITOR_HOST:-monitor}:5432/pg_auto_failover?sslmode=require"

hba() { # the rules for this node's pg_hba.conf
  {
    echo "local   all          postgres                                  peer"
    echo "host    all          gridcommand                samenet        scram-sha-256"
    if [ "$1" = monitor ]; then
      echo "host    pg_auto_failover autoctl_node           samenet        trust"
    else
      echo "host    all          pgautofailover_monitor     samenet        trust"
      echo "host    replication  pgautofailover_replicator  samenet        trust"
      echo "host    gridcommand  pgautofailover_replicator  samenet        trust"
    fi
  } >"$PGDATA/pg_hba.conf"
}

wait_sql() { for _ in $(seq 1 240); do psql -X -q -At -d "$1" -c "select 1" >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1; }

case "${1:-}" in
  monitor)
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
      pg_autoctl create monitor --pgdata "$PGDATA" --pgport 5432 --hostname "$NODE_HOST" --auth trust --ssl-self-signed --skip-pg-hba
      hba monitor
    fi
    pg_autoctl run --pgdata "$PGDATA" &
    keeper=$!
    wait_sql pg_auto_failover
    psql -X -q -d pg_auto_failover \
      -c "alter system set pgautofailover.health_check_period = 1000" \
      -c "alter system set pgautofailover.health_check_timeout = 1000" \
      -c "alter system set pgautofailover.health_check_max_retries = 1" \
      -c "alter system set pgautofailover.health_check_retry_delay = 500" \
      -c "alter system set pgautofailover.node_considered_unhealthy_timeout = 4000" \
      -c "alter system set pgautofailover.primary_demote_timeout = 6000" \
      -c "select pg_reload_conf()" >/dev/null
    wait "$keeper"
    ;;
  postgres)
    fresh=false
    if [ ! -f "$PGDATA/PG_VERSION" ]; then fresh=true; fi
    if $fresh; then
      pg_autoctl create postgres --pgdata "$PGDATA" --pgport 5432 --hostname "$NODE_HOST" --name "${NODE_NAME:-$NODE_HOST}" \
        --auth trust --ssl-self-signed --skip-pg-hba --dbname gridcommand --monitor "$MONITOR_URI" \
        --replication-quorum "${GRIDCOMMAND_CLUSTER_SYNC_QUORUM:-true}" --run &
    else
      pg_autoctl run --pgdata "$PGDATA" &
    fi
    keeper=$!
    wait_sql postgres
    hba postgres
    psql -X -q -d postgres -c "select pg_reload_conf()" >/dev/null
    pg_autoctl config set --pgdata "$PGDATA" timeout.network_partition_timeout 3 >/dev/null || true
    # The first primary: the app's role, its database and extensions (the standby gets them by replication).
    if [ "$(psql -X -At -d postgres -c 'select not pg_is_in_recovery()')" = t ] \
       && [ "$(psql -X -At -d postgres -c "select count(*) from pg_roles where rolname = 'gridcommand'")" = 0 ]; then
      for _ in $(seq 1 240); do psql -X -q -d gridcommand -c "select 1" >/dev/null 2>&1 && break; sleep 0.5; done
      psql -X -q -v ON_ERROR_STOP=1 -d gridcommand \
        -c "create role gridcommand login password '${GRIDCOMMAND_DB_PASSWORD:?set GRIDCOMMAND_DB_PASSWORD}'" \
        -c "alter database gridcommand owner to gridcommand" \
        -c "create extension if not exists postgis" -c "create extension if not exists pgrouting"
    fi
    # A standby being cloned waits for a checkpoint on the primary, which takes one only every 5 minutes: on a new
    # primary, ask for one now and then while the standby joins.
    if $fresh; then (for _ in $(seq 1 30); do sleep 10; psql -X -q -d postgres -c checkpoint >/dev/null 2>&1 || true; done) & fi
    wait "$keeper"
    ;;
  *) echo "usage: gridcommand-db monitor | postgres" >&2; exit 2 ;;
esac
