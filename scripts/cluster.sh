#!/usr/bin/env bash
# A two-data-centre NemLogin cluster on one machine, without Docker:
#   PostgreSQL 15 with automatic failover (pg_auto_failover: a monitor, the primary in DC1 and a synchronous standby in
#   DC2) and Redis 7 (Debian's binaries: a master in DC1, a replica in DC2 and three Sentinels that promote the replica;
#   every Redis client reaches the master through them) in a temporary folder, four silos (two per data centre), two gateways (one per
#   data centre) and HAProxy in front of both (deploy/haproxy.cfg) as processes: one public origin,
#   http://localhost:8080, so service providers see one IdP whichever data centre serves a request.
#
#   scripts/cluster.sh up      build, start everything, wait until ready, print the URLs
#   scripts/cluster.sh status  which of the started processes run, and their readiness
#   scripts/cluster.sh down    stop exactly the processes `up` started (recorded pids); data stays for the next `up`
#   scripts/cluster.sh down --purge   ... and delete the folder with the databases, keys and logs
#   scripts/cluster.sh faults [--rate 15] [--faults a,b]   under the load runner's saml-login through the balancer: kill -9 of
#                              the PostgreSQL primary, of the Redis master, of every DC1 process, then SIGSTOP of the primary's
#                              data centre (a partition), each healed and settled before the next; RTO, failed logins and
#                              acknowledged writes lost per fault (needs `up` with NEMLOGIN_ADMIN_API_KEY set; docs/reliability.md)
#   scripts/cluster.sh fault inject|await|heal NAME   one of them by hand (await: until the cluster has failed over)
#   scripts/cluster.sh seed --scale F [--it-system ID]... [--bulk-load]   write the synthetic national population at fraction F of the
#                              national figures into the running cluster (resumable: run it again after an interruption)
#
# Settings (environment): NEMLOGIN_CLUSTER_DIR (default ${TMPDIR:-/tmp}/nemlogin-cluster), NEMLOGIN_PG_PORT (55432: the
# DC1 node; the DC2 node listens on the next port and the pg_auto_failover monitor on the one after),
# NEMLOGIN_REDIS_PORT (56379: the DC1 master; the DC2 replica on +1, the Sentinels on +10, +11, +12), NEMLOGIN_PUBLIC_PORT (8080: the balancer, the one origin), NEMLOGIN_LB_STATS_PORT (8089:
# the balancer's statistics page), NEMLOGIN_GATEWAY_PORTS ("8081 8082": each gateway's own port), NEMLOGIN_PORT_OFFSET (0: added to every silo's
# silo, gateway and management port, so a second cluster can run beside the first), NEMLOGIN_SP_METADATA_DIR (SAML
# metadata files the gateways register at start, e.g. the load runner's `prepare --sp-dir DIR`; the seed's mandates
# cover those SPs).
# Needs: apt-get install postgresql postgresql-15-auto-failover redis-server redis-sentinel softhsm2 haproxy. Each data centre's silos
# sign in their own SoftHSM2 token (an HSM per site: folders softhsm-dc1/, softhsm-dc2/), made on the first `up` with
# the silo's `keys` verb (its PINs are random, kept in the folder, mode 600).
# Every Orleans connection (silo to silo, gateway to silo) is mutual TLS with certificates of a cluster CA the silo's
# `certs` verb makes on the first `up` (folder tls/); PostgreSQL and Redis speak TLS only, with certificates of the same
# CA, and demand random passwords kept in the folder (mode 600). Passwords never appear on a command line.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${NEMLOGIN_CLUSTER_DIR:-${TMPDIR:-/tmp}/nemlogin-cluster}"
pg_bin=/usr/lib/postgresql/15/bin
pg_port="${NEMLOGIN_PG_PORT:-55432}"
# pg_auto_failover: node name, data centre, port. dc1 is created first and so starts as the primary.
pg_nodes=("dc1 DC1 $pg_port" "dc2 DC2 $((pg_port + 1))")
pg_monitor_port=$((pg_port + 2))
redis_port="${NEMLOGIN_REDIS_PORT:-56379}"
read -r -a gateway_ports <<<"${NEMLOGIN_GATEWAY_PORTS:-8081 8082}"
public_port="${NEMLOGIN_PUBLIC_PORT:-8080}"
stats_port="${NEMLOGIN_LB_STATS_PORT:-8089}"
# The broker's one origin: every gateway presents it (one entityID, one metadata, one MitID simulator issuer).
public_url="http://localhost:$public_port"
configuration=Release
silo_dll="$repo/silos/NemLogin.Silo/bin/$configuration/net10.0/NemLogin.Silo.dll"
# The development cluster gateway: the cluster gateway plus the demo parts (MitID simulator, demo SP), Development only.
gateway_dll="$repo/gateway/NemLogin.DemoGateway/bin/$configuration/net10.0/NemLogin.DemoGateway.dll"
pids="$state/pids"

# name, data centre, silo port, gateway (Orleans client) port, management HTTP port
o="${NEMLOGIN_PORT_OFFSET:-0}"
silos=(
  "silo-dc1-a DC1 $((11111 + o)) $((30001 + o)) $((8091 + o))"
  "silo-dc1-b DC1 $((11112 + o)) $((30002 + o)) $((8092 + o))"
  "silo-dc2-a DC2 $((11113 + o)) $((30003 + o)) $((8093 + o))"
  "silo-dc2-b DC2 $((11114 + o)) $((30004 + o)) $((8094 + o))"
)
all_silos=("${silos[@]}")
# NEMLOGIN_SILOS_PER_DC=1 keeps one silo per data centre (the load benchmark's two-silo cluster).
if [ "${NEMLOGIN_SILOS_PER_DC:-2}" = "1" ]; then
  silos=("${silos[0]}" "${silos[2]}")
fi

log() { printf '==> %s\n' "$*"; }
fail() { printf 'cluster.sh: %s\n' "$*" >&2; exit 1; }

as_postgres() {
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

tls="$state/tls"
ca="$tls/ca.crt"

# A random secret kept in the folder, readable by its owner only; made on first use.
secret() {
  local file="$state/secrets/$1"
  if [ ! -f "$file" ]; then
    mkdir -p "$state/secrets"
    (umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$file")
  fi
  cat "$file"
}

# Every process (four silos, two gateways, a seed) keeps at most pg_pool connections: together below PostgreSQL's
# default max_connections (100) with room for pg_auto_failover's own, so a burst of grain-state writes waits in the pool
# instead of being refused by the server ("too many clients").
pg_pool=12

# Both nodes: Npgsql connects to whichever is primary now. A node that stops answering without closing its connections
# (a site cut off, its machine hung) holds every command sent on a pooled connection to it until the command timeout
# (Npgsql's default: 30 s; connecting: 15 s), membership votes included: shorter limits let the silos move to the new
# primary sooner. Our statements are short (the longest: a purge batch of 1000 rows). Npgsql remembers a node it found
# unreachable (or a standby) for Host Recheck Seconds and then tries it first again, holding every new connection for
# the connect timeout while the node hangs: 10 s (Npgsql's default) keeps that to one stall in 15 s instead of five in
# seven with 2 s, and Load Balance Hosts starts every other connection at the other node, so half do not wait at all.
# Keepalive (2 s) lets an idle connection to the standby hear of its promotion (PostgreSQL reports in_hot_standby on the
# next exchange) before the 10 s pass. docs/reliability.md, "partition".
pg_connection() {
  printf 'Host=127.0.0.1:%s,127.0.0.1:%s;Target Session Attributes=primary;Load Balance Hosts=true;Host Recheck Seconds=10;Keepalive=2;Timeout=5;Command Timeout=10;Username=postgres;Password=%s;Database=nemlogin;SSL Mode=VerifyFull;Root Certificate=%s;Maximum Pool Size=%s;Max Auto Prepare=32' \
    "$pg_port" "$((pg_port + 1))" "$(secret postgres-password)" "$ca" "$pg_pool"
}

redis_replica_port=$((redis_port + 1))
sentinel_ports=($((redis_port + 10)) $((redis_port + 11)) $((redis_port + 12)))

# Through the Sentinels: clients ask them for the master of "nemlogin" and follow a failover. Commands time out after
# 2 s (StackExchange.Redis: 5 s), so the client drops a master that stopped answering after 8 s without a reply, before
# the Sentinels promote the replica, and never spreads writes over it and the promoted one (docs/reliability.md).
redis_connection() {
  printf '127.0.0.1:%s,127.0.0.1:%s,127.0.0.1:%s,serviceName=nemlogin,password=%s,ssl=true,abortConnect=false,syncTimeout=2000,asyncTimeout=2000' \
    "${sentinel_ports[@]}" "$(secret redis-password)"
}

# psql over TLS, the password from the environment (never the command line).
psql_nemlogin() {
  PGPASSWORD="$(secret postgres-password)" "$pg_bin/psql" \
    "host=127.0.0.1,127.0.0.1 port=$pg_port,$((pg_port + 1)) target_session_attrs=read-write connect_timeout=3 user=postgres sslmode=verify-full sslrootcert=$ca dbname=$1" "${@:2}"
}

common_environment() {
  export DOTNET_ENVIRONMENT=Development
  export Orleans__ClusterId=nemlogin-local Orleans__ServiceId=nemlogin-local
  ConnectionStrings__Orleans="$(pg_connection)" ConnectionStrings__Redis="$(redis_connection)"
  export ConnectionStrings__Orleans ConnectionStrings__Redis
}

# This node's certificate (tls/<name>.crt, .key) and the cluster CA, which is also the stores' CA.
tls_environment() {
  export ClusterTls__CertificatePath="$tls/$1.crt" ClusterTls__KeyPath="$tls/$1.key"
  export ClusterTls__CaPath="$ca" ClusterTls__StoreCaPath="$ca"
}

record() { printf '%s %s\n' "$1" "$2" >>"$pids"; }

alive() { kill -0 "$1" 2>/dev/null; }

any_alive() {
  local _ pid
  [ -f "$pids" ] || return 1
  while read -r _ pid; do
    if alive "$pid"; then return 0; fi
  done <"$pids"
  return 1
}

wait_ready() {
  local name="$1" url="$2" pid="$3" i
  for i in $(seq 1 180); do
    if ! alive "$pid"; then
      tail -n 40 "$state/logs/$name.log" >&2 || true
      fail "$name exited while starting (log: $state/logs/$name.log)"
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready" || true)" = 200 ]; then
      return
    fi
    sleep 0.5
  done
  fail "$name was not ready after 90 s (log: $state/logs/$name.log)"
}

# The cluster CA and a certificate per silo, gateway and for the stores, made once with the silo's `certs` verb; and
# the RSA certificate the gateways encrypt their shared data-protection key ring to.
prepare_certificates() {
  [ -f "$ca" ] || prepare_certificates_without_key_ring
  prepare_key_ring_certificate
}

prepare_certificates_without_key_ring() {
  log "creating the cluster CA and the silos', gateways' and stores' TLS certificates (in $tls)"
  local entry name
  (
    Certs__CaKeyPassword="$(secret ca-key-password)"
    export Certs__CaKeyPassword
    dotnet "$silo_dll" certs init-ca --dir "$tls" --subject "CN=NemLogin local cluster CA" >/dev/null
    for entry in "${all_silos[@]}"; do
      read -r name _ <<<"$entry"
      dotnet "$silo_dll" certs issue --dir "$tls" --role silo --name "$name" --ip 127.0.0.1 >/dev/null
    done
    for name in gateway-dc1 gateway-dc2; do
      dotnet "$silo_dll" certs issue --dir "$tls" --role gateway --name "$name" >/dev/null
    done
    dotnet "$silo_dll" certs issue --dir "$tls" --role store --name stores --dns localhost --ip 127.0.0.1 >/dev/null
  )
}

prepare_key_ring_certificate() {
  [ -f "$tls/key-ring.crt" ] && return
  log "creating the gateways' key-ring certificate (RSA, in $tls)"
  Certs__CaKeyPassword="$(secret ca-key-password)" dotnet "$silo_dll" certs issue --dir "$tls" --role keyring --name key-ring >/dev/null
}

# pg_autoctl keeps its configuration and state under the XDG folders: the cluster folder's, not the postgres user's home.
autoctl_environment() {
  export HOME="$state/postgres" XDG_CONFIG_HOME="$state/postgres/config" XDG_DATA_HOME="$state/postgres/share"
  export XDG_RUNTIME_DIR="$state/postgres/run" PG_REGRESS_SOCK_DIR="$state/postgres"
}

autoctl() { (autoctl_environment; as_postgres env HOME="$HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
  XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" PG_REGRESS_SOCK_DIR="$PG_REGRESS_SOCK_DIR" pg_autoctl "$@"); }

# A keeper (pg_autoctl run, or create … --run the first time) in the background, as the postgres user, its pid recorded.
start_keeper() {
  local name="$1"; shift
  (
    autoctl_environment
    if [ "$(id -u)" -eq 0 ]; then
      exec setpriv --reuid=postgres --regid=postgres --init-groups pg_autoctl "$@" >>"$state/logs/$name.log" 2>&1
    fi
    exec pg_autoctl "$@" >>"$state/logs/$name.log" 2>&1
  ) &
  record "$name" "$!"
}

keeper_configured() { [ -f "$state/postgres/config/pg_autoctl$state/postgres/$1/pg_autoctl.cfg" ]; }

# SQL as the postgres user over a server's Unix socket (local connections are trusted; TCP ones need the password).
psql_local() {
  local port="$1" database="$2"; shift 2
  as_postgres "$pg_bin/psql" -h "$state/postgres" -p "$port" -d "$database" -v ON_ERROR_STOP=1 -qtA "$@"
}

node_state() {
  psql_local "$pg_monitor_port" pg_auto_failover \
    -c "SELECT reportedstate || '/' || goalstate FROM pgautofailover.node WHERE nodename = '$1'" 2>/dev/null || true
}

wait_node_state() {
  local node="$1" want="$2" i
  for i in $(seq 1 360); do
    [ "$(node_state "$node")" = "$want/$want" ] && return
    # The standby's base backup begins with a checkpoint that pg_basebackup asks to be spread over minutes: hurry it.
    [ "$want" != secondary ] || psql_local "$pg_port" nemlogin -c CHECKPOINT >/dev/null 2>&1 || true
    sleep 0.5
  done
  fail "pg_auto_failover node $node did not reach $want (logs: $state/logs/pg-*.log)"
}

# The monitor's failure detection (defaults: checks every 5 s, unhealthy after 20 s, 30 s for the old primary to
# demote itself), shortened so a failover completes in about 15 s. The demote timeout stays above the keepers'
# network partition timeout: a primary cut off from monitor and standby demotes itself before the standby takes writes.
monitor_settings=(
  "pgautofailover.health_check_period = 1000"
  "pgautofailover.health_check_timeout = 1000"
  "pgautofailover.health_check_max_retries = 1"
  "pgautofailover.health_check_retry_delay = 500"
  "pgautofailover.node_considered_unhealthy_timeout = 5000"
  "pgautofailover.primary_demote_timeout = 8000"
)

start_postgres() {
  command -v pg_autoctl >/dev/null || fail "pg_auto_failover is missing: apt-get install postgresql-15-auto-failover"
  mkdir -p "$state/postgres"
  install -m 600 "$tls/stores.key" "$state/postgres/server.key"
  install -m 644 "$tls/stores.crt" "$state/postgres/server.crt"
  install -m 644 "$ca" "$state/postgres/ca.crt"
  [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$state/postgres"
  # Every connection pg_auto_failover makes (monitor, health checks, replication) is TLS, verified against the cluster CA.
  local tls_options=(--ssl-ca-file "$state/postgres/ca.crt" --server-cert "$state/postgres/server.crt"
    --server-key "$state/postgres/server.key" --ssl-mode verify-full)
  local monitor_uri="postgres://autoctl_node@127.0.0.1:$pg_monitor_port/pg_auto_failover?sslmode=verify-full&sslrootcert=$state/postgres/ca.crt"
  if keeper_configured monitor; then
    start_keeper pg-monitor run --pgdata "$state/postgres/monitor"
  else
    start_keeper pg-monitor create monitor --pgctl "$pg_bin/pg_ctl" --pgdata "$state/postgres/monitor" --pgport "$pg_monitor_port" \
      --hostname 127.0.0.1 --auth trust "${tls_options[@]}" --run
  fi
  local i setting
  for i in $(seq 1 120); do
    psql_local "$pg_monitor_port" pg_auto_failover -c "SELECT 1 FROM pg_extension WHERE extname = 'pgautofailover'" 2>/dev/null | grep -q 1 && break
    [ "$i" -lt 120 ] || fail "the pg_auto_failover monitor did not start (log: $state/logs/pg-monitor.log)"
    sleep 0.5
  done
  for setting in "${monitor_settings[@]}"; do
    psql_local "$pg_monitor_port" pg_auto_failover -c "ALTER SYSTEM SET $setting"
  done
  psql_local "$pg_monitor_port" pg_auto_failover -c "SELECT pg_reload_conf()" >/dev/null

  local entry node dc port
  for entry in "${pg_nodes[@]}"; do
    read -r node dc port <<<"$entry"
    if keeper_configured "$node"; then
      start_keeper "pg-$node" run --pgdata "$state/postgres/$node"
      continue
    fi
    log "creating PostgreSQL node $node ($dc) on 127.0.0.1:$port"
    start_keeper "pg-$node" create postgres --pgctl "$pg_bin/pg_ctl" --pgdata "$state/postgres/$node" --pgport "$port" \
      --listen 127.0.0.1 --hostname 127.0.0.1 --pghost "$state/postgres" --name "$node" --dbname nemlogin --auth trust --monitor "$monitor_uri" \
      "${tls_options[@]}" --run
    if [ "$node" = dc1 ]; then
      wait_node_state dc1 single
      # Applications log in with the password over TLS: the role's password replicates, and these first pg_hba.conf
      # lines reach the standby with its base backup (pg_auto_failover's own lines trust its users on loopback).
      printf "ALTER ROLE postgres PASSWORD '%s'" "$(secret postgres-password)" | psql_local "$port" nemlogin
      sed -i '1i hostssl nemlogin postgres 127.0.0.1/32 scram-sha-256\nhost nemlogin postgres 127.0.0.1/32 reject' \
        "$state/postgres/dc1/pg_hba.conf"
      psql_local "$port" nemlogin -c "SELECT pg_reload_conf()" >/dev/null
    else
      wait_node_state "$node" secondary
    fi
    # A primary cut off from both monitor and standby demotes itself after 5 s (default 20 s). Set once the node is up:
    # the keeper reloads on the change, which would interrupt its initdb or base backup.
    autoctl config set --pgdata "$state/postgres/$node" timeout.network_partition_timeout 5 >/dev/null
    # A `seed --bulk-load` killed before it could reset its settings (rare checkpoints; before 2026-12-07 also
    # synchronous_commit off) does not outlive the next `up`.
    psql_local "$port" nemlogin -c "ALTER SYSTEM RESET synchronous_commit" -c "ALTER SYSTEM RESET max_wal_size" \
      -c "ALTER SYSTEM RESET checkpoint_timeout" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true
  done
  wait_writable_primary
}

# Restarted keepers return at once and start PostgreSQL by themselves: wait until a node takes writes before the schema
# migration connects (it would otherwise fail with "Unable to connect to a suitable host").
wait_writable_primary() {
  local i port
  for i in $(seq 1 240); do
    for port in "$pg_port" "$((pg_port + 1))"; do
      [ "$(psql_local "$port" nemlogin -c "SELECT NOT pg_is_in_recovery()" 2>/dev/null)" = t ] && return
    done
    sleep 0.5
  done
  fail "no PostgreSQL node took writes within 120 s (logs: $state/logs/pg-*.log)"
}

# The TLS part of every Redis and Sentinel configuration: TLS only, clients authenticate by password.
redis_tls() {
  cat <<CONF
port 0
tls-port $1
bind 127.0.0.1
tls-cert-file $tls/stores.crt
tls-key-file $tls/stores.key
tls-ca-cert-file $ca
tls-auth-clients no
tls-protocols "TLSv1.3"
tls-replication yes
daemonize no
CONF
}

# A Redis data server: the master (DC1) on $redis_port, the replica (DC2) on $redis_replica_port. Both have masterauth:
# after a failover the returning master becomes a replica. The configuration files are mode 600 (they hold the password).
start_redis_server() {
  local name="$1" port="$2" conf="$state/redis/$1.conf"
  mkdir -p "$state/redis/$name"
  if [ ! -f "$conf" ]; then
    (
      umask 077
      redis_tls "$port" >"$conf"
      cat >>"$conf" <<CONF
requirepass $(secret redis-password)
masterauth $(secret redis-password)
dir $state/redis/$name
appendonly yes
save ""
CONF
      [ "$name" = master ] || printf 'replicaof 127.0.0.1 %s\n' "$redis_port" >>"$conf"
    )
  fi
  redis-server "$conf" >"$state/logs/redis-$name.log" 2>&1 &
  record "redis-$name" "$!"
}

# A Sentinel rewrites its own configuration file (the current master, the other Sentinels), so it is made once.
start_sentinel() {
  local port="$1" conf="$state/redis/sentinel-$1.conf"
  if [ ! -f "$conf" ]; then
    (
      umask 077
      redis_tls "$port" >"$conf"
      cat >>"$conf" <<CONF
dir $state/redis
requirepass $(secret redis-password)
sentinel sentinel-pass $(secret redis-password)
sentinel monitor nemlogin 127.0.0.1 $redis_port 2
sentinel auth-pass nemlogin $(secret redis-password)
sentinel down-after-milliseconds nemlogin 5000
sentinel failover-timeout nemlogin 60000
CONF
    )
  fi
  redis-sentinel "$conf" >"$state/logs/sentinel-$port.log" 2>&1 &
  record "redis-sentinel-$port" "$!"
}

start_redis() {
  command -v redis-server >/dev/null || fail "Redis is missing: apt-get install redis-server"
  command -v redis-sentinel >/dev/null || fail "Redis Sentinel is missing: apt-get install redis-sentinel"
  mkdir -p "$state/redis"
  start_redis_server master "$redis_port"
  start_redis_server replica "$redis_replica_port"
  local port
  for port in "${sentinel_ports[@]}"; do
    start_sentinel "$port"
  done
}

softhsm_library=/usr/lib/softhsm/libsofthsm2.so
token_label=nemlogin-local

# The token of data centre $1 (DC1, DC2): an HSM per site.
hsm_home() { printf '%s/softhsm-%s' "$state" "$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]')"; }

hsm_environment() {
  local home
  home="$(hsm_home "$1")"
  export SOFTHSM2_CONF="$home/softhsm2.conf" Signing__Provider=Pkcs11
  export Signing__Pkcs11__LibraryPath="$softhsm_library" Signing__Pkcs11__TokenLabel="$token_label"
  Signing__Pkcs11__Pin="$(cat "$home/pin")"
  export Signing__Pkcs11__Pin
}

prepare_token() {
  local dc="$1" home
  home="$(hsm_home "$dc")"
  [ -f "$softhsm_library" ] || fail "SoftHSM2 is missing: apt-get install softhsm2"
  [ -f "$home/pin" ] && return
  log "creating $dc's SoftHSM2 token $token_label with SAML and token signing keys and the SAML encryption key"
  mkdir -p "$home/tokens"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$home/tokens" >"$home/softhsm2.conf"
  (umask 077; od -An -tx1 -N8 /dev/urandom | tr -d ' \n' >"$home/pin")
  (
    hsm_environment "$dc"
    Keys__SoPin="$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
    export Keys__SoPin
    dotnet "$silo_dll" keys init-token --token "$token_label" >/dev/null
    dotnet "$silo_dll" keys generate --purpose saml-signing --subject "CN=NemLogin local cluster SAML signing $dc" >/dev/null
    dotnet "$silo_dll" keys generate --purpose token-signing --subject "CN=NemLogin local cluster token signing $dc" >/dev/null
    dotnet "$silo_dll" keys generate --purpose saml-encryption --subject "CN=NemLogin local cluster SAML encryption $dc" >/dev/null
  )
}

# A silo's settings (name, data centre, silo port, gateway port, management HTTP port), for a silo and for the seed that
# runs as one (`seed`).
silo_environment() {
  local name="$1" dc="$2" silo_port="$3" gateway_port="$4" http_port="$5"
  common_environment
  export DataCenter__Name="$dc" Urls="http://127.0.0.1:$http_port"
  export Orleans__SiloPort="$silo_port" Orleans__GatewayPort="$gateway_port" Orleans__AdvertisedAddress=127.0.0.1
  # A silo that stops answering is declared dead after three missed 2 s probes (Orleans: 5 s each) plus the vote:
  # about 10 s instead of about 25 s (docs/reliability.md, "Failure detection").
  export Orleans__Membership__ProbeTimeout="${NEMLOGIN_PROBE_TIMEOUT:-00:00:02}"
  tls_environment "$name"
  hsm_environment "$dc"
}

start_silo() {
  local name="$1"
  (
    silo_environment "$@"
    # Set but empty: no dashboard (its counters cost the silos about 1 ms a login: docs/benchmarks.md, seventh round).
    export Management__AdminPassword="${NEMLOGIN_ADMIN_PASSWORD-admin-dev}"
    # The build folder as content root: the silo's appsettings.json (log levels) is read whatever the current directory.
    exec dotnet "$silo_dll" --contentRoot "$(dirname "$silo_dll")" >"$state/logs/$name.log" 2>&1
  ) &
  record "$name" "$!"
}

start_gateway() {
  local name="$1" dc="$2" port="$3"
  (
    common_environment
    export DataCenter__Name="$dc" Urls="http://127.0.0.1:$port" Broker__PublicBaseUrl="$public_url"
    # The balancer's forwarded headers are believed from loopback only.
    export ForwardedHeaders__KnownProxies__0=127.0.0.1
    # One data folder for both: the demo SP (one entityID under the one origin) keeps one key, made by the first gateway.
    export Broker__DataDirectory="$state/gateway-data"
    # One MitID simulator behind the one origin: one signing key, whichever gateway signs the ID token.
    export MitIdSimulator__KeyFile="$state/mitid-sim.key"
    # A grain call that a hung silo holds fails after 5 s (the gateway's default: 10 s), so a site cut off costs the
    # calls caught in it 5 s less (docs/reliability.md, "partition"); a healthy call takes milliseconds.
    export Orleans__Messaging__ResponseTimeout="${NEMLOGIN_RESPONSE_TIMEOUT:-00:00:05}"
    tls_environment "$name"
    export DataProtection__CertificatePath="$tls/key-ring.crt" DataProtection__KeyPath="$tls/key-ring.key"
    if [ -n "${NEMLOGIN_SP_METADATA_DIR:-}" ]; then
      export ServiceProviders__MetadataDirectory="$NEMLOGIN_SP_METADATA_DIR"
    fi
    # The admin API is on only when a key is given (the load runner registers its SPs through it).
    if [ -n "${NEMLOGIN_ADMIN_API_KEY:-}" ]; then
      export Admin__ApiKey="$NEMLOGIN_ADMIN_API_KEY"
    fi
    exec dotnet "$gateway_dll" >"$state/logs/$name.log" 2>&1
  ) &
  record "$name" "$!"
}

prepare_simulator_key() {
  [ -f "$state/mitid-sim.key" ] && return
  (umask 077; openssl genrsa -out "$state/mitid-sim.key" 2048 2>/dev/null)
}

# HAProxy with deploy/haproxy.cfg: the public origin on loopback, both gateways checked at /health/ready every second;
# X-NemLogin-Served-By names the gateway that answered (development only), statistics on 127.0.0.1:$stats_port.
start_balancer() {
  command -v haproxy >/dev/null || fail "HAProxy is missing: apt-get install haproxy"
  (
    export NEMLOGIN_LB_BIND="127.0.0.1:$public_port" NEMLOGIN_LB_STATS_BIND="127.0.0.1:$stats_port" NEMLOGIN_LB_SERVED_BY=1
    export NEMLOGIN_GATEWAY_DC1="127.0.0.1:${gateway_ports[0]}" NEMLOGIN_GATEWAY_DC2="127.0.0.1:${gateway_ports[1]}"
    exec haproxy -db -f "$repo/deploy/haproxy.cfg" >"$state/logs/balancer.log" 2>&1
  ) &
  record balancer "$!"
}

up() {
  if any_alive; then
    fail "a cluster started from $state is still running; run: scripts/cluster.sh down"
  fi
  rm -f "$pids"
  mkdir -p "$state/logs"
  log "building the silo and gateway ($configuration)"
  dotnet build "$repo/silos/NemLogin.Silo" -c "$configuration" -v quiet -nologo >/dev/null
  dotnet build "$repo/gateway/NemLogin.DemoGateway" -c "$configuration" -v quiet -nologo >/dev/null
  prepare_certificates
  log "PostgreSQL primary 127.0.0.1:$pg_port (DC1), standby 127.0.0.1:$((pg_port + 1)) (DC2), monitor 127.0.0.1:$pg_monitor_port; Redis master :$redis_port, replica :$redis_replica_port, Sentinels :${sentinel_ports[*]}; TLS only with passwords (data in $state)"
  start_postgres
  start_redis
  log "applying the cluster schema"
  ConnectionStrings__Orleans="$(pg_connection)" dotnet "$silo_dll" db migrate
  prepare_token DC1
  prepare_token DC2
  local entry name dc silo_port gateway_port http_port
  for entry in "${silos[@]}"; do
    read -r name dc silo_port gateway_port http_port <<<"$entry"
    log "starting $name ($dc) on silo port $silo_port, gateway port $gateway_port, management http://127.0.0.1:$http_port"
    start_silo "$name" "$dc" "$silo_port" "$gateway_port" "$http_port"
  done
  for entry in "${silos[@]}"; do
    read -r name dc silo_port gateway_port http_port <<<"$entry"
    wait_ready "$name" "http://127.0.0.1:$http_port" "$(awk -v n="$name" '$1 == n {print $2}' "$pids")"
  done
  prepare_simulator_key
  log "starting the balancer on $public_url (statistics http://127.0.0.1:$stats_port/)"
  start_balancer
  # One after the other: the first makes the demo SP's key in the shared data folder, the second reads it.
  start_gateway gateway-dc1 DC1 "${gateway_ports[0]}"
  wait_ready gateway-dc1 "http://127.0.0.1:${gateway_ports[0]}" "$(awk '$1 == "gateway-dc1" {print $2}' "$pids")"
  start_gateway gateway-dc2 DC2 "${gateway_ports[1]}"
  wait_ready gateway-dc2 "http://127.0.0.1:${gateway_ports[1]}" "$(awk '$1 == "gateway-dc2" {print $2}' "$pids")"
  wait_ready balancer "$public_url" "$(awk '$1 == "balancer" {print $2}' "$pids")"
  log "ready: $public_url/demo-sp/ (one IdP: $public_url/saml/metadata); gateways DC1 127.0.0.1:${gateway_ports[0]}, DC2 127.0.0.1:${gateway_ports[1]}"
  log "dashboard (user admin): http://127.0.0.1:$((8091 + o))/dashboard/   logs: $state/logs"
}

status() {
  [ -f "$pids" ] || { echo "no cluster started from $state"; return 0; }
  local name pid ready entry port
  while read -r name pid; do
    port=""
    for entry in "${silos[@]}"; do
      read -r n _ _ _ http <<<"$entry"
      [ "$n" = "$name" ] && port="$http"
    done
    [ "$name" = gateway-dc1 ] && port="${gateway_ports[0]}"
    [ "$name" = gateway-dc2 ] && port="${gateway_ports[1]}"
    [ "$name" = balancer ] && port="$public_port"
    if alive "$pid"; then
      ready=""
      [ -z "$port" ] || ready=" ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)"
      printf '%-12s pid %-8s running%s\n' "$name" "$pid" "$ready"
    else
      printf '%-12s pid %-8s stopped\n' "$name" "$pid"
    fi
  done <"$pids"
  if keeper_configured monitor; then
    autoctl show state --pgdata "$state/postgres/monitor" 2>/dev/null || true
  fi
}

stop_pid() {
  local name="$1" pid="$2" i
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do
    alive "$pid" || { log "stopped $name"; return 0; }
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  log "killed $name (did not stop within 20 s)"
}

down() {
  if [ -f "$pids" ]; then
    local name pid
    # The balancer, gateways, then silos (orderly: they leave the membership table), then the stores: the standby before
    # the primary (no failover on the way down), the monitor last. A keeper stops its PostgreSQL (fast shutdown) on SIGTERM.
    for pattern in '^balancer$' '^gateway-' '^silo-' '^redis-sentinel-' '^redis-' '^pg-dc2$' '^pg-dc1$' '^pg-monitor$'; do
      while read -r name pid; do
        [[ "$name" =~ $pattern ]] && stop_pid "$name" "$pid"
      done <"$pids"
    done
    rm -f "$pids"
  else
    echo "no cluster started from $state"
  fi
  if [ "${1:-}" = "--purge" ]; then
    rm -rf "$state"
    log "removed $state"
  fi
}

seed() {
  any_alive || fail "no cluster runs from $state; run: scripts/cluster.sh up"
  [ -f "$silo_dll" ] || fail "the silo is not built; run: scripts/cluster.sh up"
  # The seed runs as silo-dc1-a (its ports, certificate and HSM token) with the silos and gateways stopped, so every grain
  # call, activation, directory entry and reminder stays in its process: no TLS hop between seed, silos and directory, and
  # no gateway spends the cores on reconnecting (docs/benchmarks.md, "The national data set"). They start again afterwards,
  # also after an interruption. Stdout is the final JSON line only: this function's own lines go to stderr.
  local stopped=() name pid status=0 entry
  while read -r name pid; do
    if [[ "$name" =~ ^(silo-|gateway-) ]] && alive "$pid"; then
      stop_pid "$name" "$pid" >&2
      stopped+=("$name")
    fi
  done <"$pids"
  read -r -a entry <<<"$(silo_entry silo-dc1-a)"
  log "seeding as ${entry[0]} (${entry[1]}) on silo port ${entry[2]}, the other silos stopped" >&2
  (
    # The only PostgreSQL client while it runs: with more connections more commits are in flight at once and share a
    # flush and a round trip to the synchronous standby (with 12, commit latency capped the mandates near 400/s).
    pg_pool=60
    # No dashboard (no admin password): its counters walk every activation.
    silo_environment "${entry[@]}"
    # People are filed under the MitID simulator's issuer (the public origin): they log in through either gateway.
    # The checkpoint in the state folder lets a rerun go on after an interruption.
    exec dotnet "$silo_dll" seed --in-silo --contentRoot "$(dirname "$silo_dll")" --mitid-authority "$public_url/mitid-sim" \
      --checkpoint "$state/seed-checkpoint.json" "$@"
  ) || status=$?
  # The silos first (ready before a gateway connects), then the gateways one after the other, as `up` starts them.
  for name in "${stopped[@]}"; do
    if [[ "$name" =~ ^silo- ]]; then
      restart_name "$name" >&2
    fi
  done
  for name in "${stopped[@]}"; do
    if [[ "$name" =~ ^silo- ]]; then
      read -r -a entry <<<"$(silo_entry "$name")"
      wait_ready "$name" "http://127.0.0.1:${entry[4]}" "$(pid_of "$name")"
    fi
  done
  local port
  for name in "${stopped[@]}"; do
    if [[ "$name" =~ ^gateway- ]]; then
      restart_name "$name" >&2
      port="${gateway_ports[0]}"; [ "$name" = gateway-dc1 ] || port="${gateway_ports[1]}"
      wait_ready "$name" "http://127.0.0.1:$port" "$(pid_of "$name")"
    fi
  done
  [ "${#stopped[@]}" -eq 0 ] || log "started ${stopped[*]} again" >&2
  return "$status"
}


# ---- Faults (issue 13): what `faults` injects and heals under load. Data centres as processes: DC1 is silo-dc1-*,
# gateway-dc1, pg-dc1 (its keeper and PostgreSQL), the Redis server that started as master and the first Sentinel; DC2 the
# same with -dc2, the Redis server that started as replica and the second Sentinel. The pg_auto_failover monitor and the
# third Sentinel stand for a third site, the balancer for the front; no fault touches them.

faults_dir="$state/faults"

pid_of() { awk -v n="$1" '$1 == n {print $2}' "$pids" | tail -n 1; }

# A restarted process replaces its line in the pid file.
forget() { sed -i "/^$1 /d" "$pids"; }

# A process and every descendant (a keeper's PostgreSQL and its backends), parents first.
process_tree() {
  local pid="$1" child
  alive "$pid" || return 0
  printf '%s\n' "$pid"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    process_tree "$child"
  done
}

# The recorded names of data centre $1 (dc1, dc2) that run now.
dc_names() {
  local dc="$1" server sentinel
  if [ "$dc" = dc1 ]; then server=redis-master; sentinel="redis-sentinel-${sentinel_ports[0]}"; else server=redis-replica; sentinel="redis-sentinel-${sentinel_ports[1]}"; fi
  awk -v dc="$dc" -v server="$server" -v sentinel="$sentinel" \
    '$1 ~ ("^silo-" dc "-") || $1 == ("gateway-" dc) || $1 == ("pg-" dc) || $1 == server || $1 == sentinel {print $1}' "$pids" | sort -u
}

# Every process of the named ones, whole trees: frozen first (so nothing notices and restarts anything), then signalled.
signal_names() {
  local signal="$1"; shift
  local name all=()
  for name in "$@"; do
    mapfile -t -O "${#all[@]}" all < <(process_tree "$(pid_of "$name")")
  done
  [ "${#all[@]}" -gt 0 ] || return 0
  [ "$signal" = CONT ] || kill -STOP "${all[@]}" 2>/dev/null || true
  kill "-$signal" "${all[@]}" 2>/dev/null || true
  printf '%s\n' "${all[@]}"
}

# The node pg_auto_failover has as primary now (primary, wait_primary or single as goal state).
pg_primary_node() {
  psql_local "$pg_monitor_port" pg_auto_failover \
    -c "SELECT nodename FROM pgautofailover.node WHERE goalstate IN ('primary', 'wait_primary', 'single') ORDER BY nodeid LIMIT 1" 2>/dev/null || true
}

redis_cli() { REDISCLI_AUTH="$(secret redis-password)" redis-cli --no-auth-warning --tls --cacert "$ca" -h 127.0.0.1 -p "$@"; }

# The Redis master the third-site Sentinel names (its port).
redis_master_port() {
  redis_cli "${sentinel_ports[2]}" SENTINEL get-master-addr-by-name nemlogin 2>/dev/null | sed -n 2p
}

redis_server_name() { if [ "$1" = "$redis_port" ]; then echo master; else echo replica; fi; }
redis_server_port() { if [ "$1" = master ]; then echo "$redis_port"; else echo "$redis_replica_port"; fi; }

# The silo's latest incarnation in the membership table: 3 active, 6 dead (empty: not listed).
silo_status() {
  psql_nemlogin nemlogin -qtA -c "SELECT status FROM nemlogin_cluster_member WHERE port = $1 ORDER BY generation DESC LIMIT 1" 2>/dev/null || true
}

silo_entry() {
  local entry
  for entry in "${all_silos[@]}"; do
    [ "${entry%% *}" = "$1" ] && { printf '%s\n' "$entry"; return; }
  done
}

# Starts a recorded process of the cluster again, as a supervisor would, and records its new pid.
restart_name() {
  local name="$1" entry
  forget "$name"
  case "$name" in
    silo-*) entry="$(silo_entry "$name")"; read -r -a entry <<<"$entry"; start_silo "${entry[@]}" ;;
    gateway-dc1) start_gateway gateway-dc1 DC1 "${gateway_ports[0]}" ;;
    gateway-dc2) start_gateway gateway-dc2 DC2 "${gateway_ports[1]}" ;;
    pg-dc1|pg-dc2) start_keeper "$name" run --pgdata "$state/postgres/${name#pg-}" ;;
    redis-master|redis-replica) start_redis_server "${name#redis-}" "$(redis_server_port "${name#redis-}")" ;;
    redis-sentinel-*) start_sentinel "${name#redis-sentinel-}" ;;
    *) fail "cannot restart $name" ;;
  esac
  log "restarted $name (pid $(pid_of "$name"))"
}

wait_redis_replica() {
  local port="$1" i
  for i in $(seq 1 120); do
    redis_cli "$port" INFO replication 2>/dev/null | tr -d '\r' | grep -q '^master_link_status:up' && return
    sleep 0.5
  done
  fail "Redis on :$port did not become a connected replica"
}

# One primary and one synchronous standby again, whichever is which.
wait_pg_pair() {
  local i
  for i in $(seq 1 360); do
    local a b
    a="$(node_state dc1)"; b="$(node_state dc2)"
    if [[ "$a $b" == "primary/primary secondary/secondary" || "$a $b" == "secondary/secondary primary/primary" ]]; then return; fi
    sleep 0.5
  done
  fail "pg_auto_failover did not reach primary + secondary (dc1 $(node_state dc1), dc2 $(node_state dc2))"
}

# Every recorded process of data centre $1 alive and ready (silos and gateway), its stores back as standby/replica.
wait_dc_healed() {
  local dc="$1" name entry
  for name in $(dc_names "$dc"); do
    case "$name" in
      silo-*) read -r -a entry <<<"$(silo_entry "$name")"; wait_ready "$name" "http://127.0.0.1:${entry[4]}" "$(pid_of "$name")" ;;
      gateway-dc1) wait_ready "$name" "http://127.0.0.1:${gateway_ports[0]}" "$(pid_of "$name")" ;;
      gateway-dc2) wait_ready "$name" "http://127.0.0.1:${gateway_ports[1]}" "$(pid_of "$name")" ;;
    esac
  done
  wait_pg_pair
  local master
  master="$(redis_master_port)"
  wait_redis_replica "$( [ "$master" = "$redis_port" ] && echo "$redis_replica_port" || echo "$redis_port")"
}

# The one PostgreSQL primary and the one Redis master after healing (split brain would show two).
report_roles() {
  local masters=0 port
  for port in "$redis_port" "$redis_replica_port"; do
    redis_cli "$port" ROLE 2>/dev/null | head -n 1 | grep -q '^master' && masters=$((masters + 1))
  done
  log "roles: PostgreSQL dc1 $(node_state dc1), dc2 $(node_state dc2); Redis masters: $masters (Sentinels name :$(redis_master_port))"
}

# Roles before an injection, kept for `await`: the PostgreSQL primary's node and the Redis master's port.
note_roles() {
  printf '%s %s\n' "$(pg_primary_node)" "$(redis_master_port)" >"$faults_dir/$1.roles"
}

injected() { date +%s.%N >"$faults_dir/injected-at"; }

since_injection() { echo "$(date +%s.%N) $(cat "$faults_dir/injected-at")" | awk '{printf "%.1f", $1 - $2}'; }

# Waits (at most $1 s) until the command after the description succeeds; logs how long after the injection.
wait_for() {
  local limit="$1" what="$2" i
  shift 2
  for i in $(seq 1 $((limit * 2))); do
    if "$@"; then log "$what $(since_injection) s after the injection"; return 0; fi
    sleep 0.5
  done
  log "$what: not within $limit s"
  return 1
}

pg_promoted_other_than() {
  [ "$(psql_local "$pg_monitor_port" pg_auto_failover -c "SELECT count(*) FROM pgautofailover.node WHERE nodename <> '$1' AND reportedstate IN ('wait_primary', 'primary')" 2>/dev/null)" = 1 ]
}

redis_master_other_than() { local port; port="$(redis_master_port)"; [ -n "$port" ] && [ "$port" != "$1" ]; }

silo_declared_dead() { [ "$(silo_status "$1")" = 6 ]; }

# The cluster's own reaction to losing site $1 (roles as noted before the injection in file $2): the standby promoted if
# the primary was there, the replica promoted if the master was there, the site's silos declared dead.
await_site() {
  local dc="$1" pg_before redis_before name entry
  read -r pg_before redis_before <"$2"
  [ "$pg_before" != "$dc" ] || wait_for 120 "PostgreSQL: the other node took writes" pg_promoted_other_than "$pg_before" || true
  if [ "$(redis_server_name "$redis_before")" = "$( [ "$dc" = dc1 ] && echo master || echo replica)" ]; then
    wait_for 120 "Redis: the Sentinels named the other server master" redis_master_other_than "$redis_before" || true
  fi
  for name in $(grep '^silo-' "$faults_dir/$3" || true); do
    read -r -a entry <<<"$(silo_entry "$name")"
    wait_for 120 "Orleans: $name declared dead" silo_declared_dead "${entry[2]}" || true
  done
}

fault() {
  [ -f "$pids" ] && any_alive || fail "no cluster runs from $state; run: scripts/cluster.sh up"
  local verb="$1" kind="$2" node port name dc names
  mkdir -p "$faults_dir"
  case "$verb $kind" in
    "inject postgres-primary")
      node="$(pg_primary_node)"
      [ -n "$node" ] || fail "pg_auto_failover names no primary"
      printf '%s\n' "$node" >"$faults_dir/postgres-primary"
      signal_names KILL "pg-$node" >/dev/null
      injected
      log "kill -9 of PostgreSQL primary $node (its keeper, PostgreSQL and every backend)" ;;
    "await postgres-primary")
      wait_for 120 "PostgreSQL: the standby took writes" pg_promoted_other_than "$(cat "$faults_dir/postgres-primary")" ;;
    "heal postgres-primary")
      node="$(cat "$faults_dir/postgres-primary")"
      restart_name "pg-$node"
      wait_pg_pair
      report_roles ;;
    "inject redis-master")
      port="$(redis_master_port)"
      [ -n "$port" ] || fail "the Sentinels name no master"
      name="redis-$(redis_server_name "$port")"
      printf '%s %s\n' "$name" "$port" >"$faults_dir/redis-master"
      signal_names KILL "$name" >/dev/null
      injected
      log "kill -9 of the Redis master $name (:$port)" ;;
    "await redis-master")
      read -r name port <"$faults_dir/redis-master"
      wait_for 120 "Redis: the Sentinels named the replica master" redis_master_other_than "$port" ;;
    "heal redis-master")
      read -r name port <"$faults_dir/redis-master"
      restart_name "$name"
      wait_redis_replica "$port"
      report_roles ;;
    "inject data-centre")
      note_roles data-centre
      mapfile -t names < <(dc_names dc1)
      printf '%s\n' "${names[@]}" >"$faults_dir/data-centre"
      signal_names KILL "${names[@]}" >/dev/null
      injected
      log "kill -9 of every DC1 process: ${names[*]} (roles before: PostgreSQL primary and Redis master port $(cat "$faults_dir/data-centre.roles"))" ;;
    "await data-centre")
      await_site dc1 "$faults_dir/data-centre.roles" data-centre ;;
    "heal data-centre")
      # The stores first (standby, replica, Sentinel), then the silos, then the gateway, as a site comes back.
      for name in $(grep -E '^(pg-|redis-)' "$faults_dir/data-centre") $(grep -E '^silo-' "$faults_dir/data-centre") $(grep -E '^gateway-' "$faults_dir/data-centre"); do
        restart_name "$name"
      done
      wait_dc_healed dc1
      report_roles ;;
    "inject partition")
      # The side that holds the PostgreSQL primary is cut off: the other side must take over, this one must not write.
      note_roles partition
      dc="$(pg_primary_node)"
      dc="${dc:-dc1}"
      mapfile -t names < <(dc_names "$dc")
      printf '%s\n' "$dc" >"$faults_dir/partition"
      printf '%s\n' "${names[@]}" >"$faults_dir/partition.names"
      signal_names STOP "${names[@]}" >"$faults_dir/partition.pids"
      injected
      log "SIGSTOP of every $dc process: ${names[*]} (roles before: $(cat "$faults_dir/partition.roles")); the monitor and the third Sentinel run on" ;;
    "await partition")
      await_site "$(cat "$faults_dir/partition")" "$faults_dir/partition.roles" partition.names ;;
    "heal partition")
      dc="$(cat "$faults_dir/partition")"
      kill -CONT $(cat "$faults_dir/partition.pids") 2>/dev/null || true
      log "SIGCONT of every $dc process"
      heal_resumed_silos "$dc"
      wait_dc_healed "$dc"
      report_roles ;;
    *) fail "usage: scripts/cluster.sh fault inject|await|heal postgres-primary|redis-master|data-centre|partition" ;;
  esac
}

# After a partition: a resumed silo that the others declared dead must stop itself (it still believes it hosts its
# grains); each one is waited for (at most 2 minutes) and started again, as a supervisor would. One still listed active
# was not declared dead and goes on.
heal_resumed_silos() {
  local dc="$1" name entry status i
  for name in $(dc_names "$dc" | grep '^silo-'); do
    read -r -a entry <<<"$(silo_entry "$name")"
    for i in $(seq 1 240); do
      status="$(silo_status "${entry[2]}")"
      if ! alive "$(pid_of "$name")"; then
        log "$name stopped itself $((i / 2)) s after SIGCONT (membership status $status)"
        restart_name "$name"
        continue 2
      fi
      if [ "$status" = 3 ]; then
        log "$name resumed as an active member (not declared dead)"
        break
      fi
      sleep 0.5
    done
    if alive "$(pid_of "$name")" && [ "$(silo_status "${entry[2]}")" = 6 ]; then
      log "$name still runs 2 min after SIGCONT although declared dead: killed and restarted"
      signal_names KILL "$name" >/dev/null
      restart_name "$name"
    fi
  done
}

# The documented fault run: the load runner's saml-login at a steady rate through the balancer while each fault above is
# injected, recovered from, healed and settled in turn; the summary (faults.json, faults.md) goes to the report folder.
faults() {
  [ -f "$pids" ] && any_alive || fail "no cluster runs from $state; run: NEMLOGIN_ADMIN_API_KEY=… scripts/cluster.sh up"
  [ -n "${NEMLOGIN_ADMIN_API_KEY:-}" ] || fail "NEMLOGIN_ADMIN_API_KEY must be the key the cluster was started with (the side writer uses the admin API)"
  local runner_dll="$repo/loadtests/NemLogin.LoadTests/bin/$configuration/net10.0/NemLogin.LoadTests.dll"
  log "building the load runner ($configuration)"
  dotnet build "$repo/loadtests/NemLogin.LoadTests" -c "$configuration" -v quiet -nologo >/dev/null
  local sp_dir="$state/load-sps" reports="${NEMLOGIN_FAULT_REPORTS:-$state/fault-reports/$(date -u +%Y%m%d-%H%M%S)}"
  [ -f "$sp_dir/keys/service-providers.json" ] || dotnet "$runner_dll" prepare --sp-dir "$sp_dir" >/dev/null
  NEMLOGIN_COMMIT="${NEMLOGIN_COMMIT:-$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)}" \
    NEMLOGIN_ADMIN_KEY="$NEMLOGIN_ADMIN_API_KEY" dotnet "$runner_dll" faults --target "$public_url" --sp-dir "$sp_dir" --register-sps \
    --fault-command "$repo/scripts/cluster.sh fault" --report-dir "$reports" "$@"
}

case "${1:-}" in
  up) up ;;
  fault) shift; fault "$@" ;;
  faults) shift; faults "$@" ;;
  status) status ;;
  down) shift; down "${1:-}" ;;
  seed) shift; seed "$@" ;;
  *) echo "usage: scripts/cluster.sh up|status|down [--purge]|seed --scale F|faults [runner options]|fault inject|await|heal NAME" >&2; exit 2 ;;
esac
