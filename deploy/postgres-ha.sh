#!/bin/sh
# pg_auto_failover in docker-compose: `postgres-ha monitor` or `postgres-ha node <name>`. The first start creates the
# monitor or node and registers it; later starts run the keeper on the existing data. Every pg_auto_failover
# connection (nodes to the monitor, replication) authenticates with SCRAM and uses TLS (self-signed certificates: the
# compose network is private; a production deployment gives each server a certificate of its CA and sslmode=verify-full).
# Environment: POSTGRES_PASSWORD (the application user nemlogin, the monitor's autoctl_node and the replication user).
set -eu
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
monitor_uri="postgres://autoctl_node:${POSTGRES_PASSWORD}@postgres-monitor:5432/pg_auto_failover?sslmode=require"

if [ -f "$PGDATA/PG_VERSION" ] && [ -d "$XDG_CONFIG_HOME/pg_autoctl" ]; then
  exec pg_autoctl run --pgdata "$PGDATA"
fi

case "${1:-}" in
  monitor)
    pg_autoctl create monitor --pgdata "$PGDATA" --pgport 5432 --hostname postgres-monitor --auth scram-sha-256 --ssl-self-signed
    pg_ctl -D "$PGDATA" status >/dev/null || pg_ctl -D "$PGDATA" -w start >/dev/null
    # Passwords through stdin, never on a command line.
    printf "ALTER USER autoctl_node PASSWORD '%s';\n" "$POSTGRES_PASSWORD" | psql -d pg_auto_failover -q
    pg_ctl -D "$PGDATA" -w stop >/dev/null
    ;;
  node)
    name="${2:?postgres-ha node <name>}"
    # --pg-hba-lan: the application database is reachable from the compose network, with SCRAM.
    pg_autoctl create postgres --pgdata "$PGDATA" --pgport 5432 --hostname "postgres-$name" --name "$name" \
      --dbname nemlogin --auth scram-sha-256 --ssl-self-signed --pg-hba-lan --monitor "$monitor_uri"
    pg_autoctl config set --pgdata "$PGDATA" replication.password "$POSTGRES_PASSWORD" >/dev/null
    # A primary cut off from both monitor and standby demotes itself after 5 s (default 20 s).
    pg_autoctl config set --pgdata "$PGDATA" timeout.network_partition_timeout 5
    # The first node to register becomes the primary: it creates the application user (the standby copies it).
    (
      until psql -d nemlogin -tAc "SELECT NOT pg_is_in_recovery()" 2>/dev/null | grep -q t; do sleep 1; done
      psql -d nemlogin -qc "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'nemlogin') THEN CREATE ROLE nemlogin LOGIN; END IF; END \$\$"
      printf "ALTER ROLE nemlogin PASSWORD '%s'; ALTER USER pgautofailover_replicator PASSWORD '%s';\n" \
        "$POSTGRES_PASSWORD" "$POSTGRES_PASSWORD" | psql -d nemlogin -q
      psql -d nemlogin -qc "ALTER DATABASE nemlogin OWNER TO nemlogin; ALTER SCHEMA public OWNER TO nemlogin"
    ) &
    ;;
  *)
    echo "usage: postgres-ha monitor | node <name>" >&2
    exit 2
    ;;
esac
exec pg_autoctl run --pgdata "$PGDATA"
