#!/usr/bin/env bash
# A two-data-centre NemLogin cluster on one machine, without Docker:
#   PostgreSQL 15 and Redis 7 (Debian's binaries) in a temporary folder, four silos (two per data centre) and two
#   gateways (one per data centre) as processes.
#
#   scripts/cluster.sh up      build, start everything, wait until ready, print the URLs
#   scripts/cluster.sh status  which of the started processes run, and their readiness
#   scripts/cluster.sh down    stop exactly the processes `up` started (recorded pids); data stays for the next `up`
#   scripts/cluster.sh down --purge   ... and delete the folder with the databases, keys and logs
#   scripts/cluster.sh seed --scale F [--it-system ID]... [--bulk-load]   write the synthetic national population at fraction F of the
#                              national figures into the running cluster (resumable: run it again after an interruption)
#
# Settings (environment): NEMLOGIN_CLUSTER_DIR (default ${TMPDIR:-/tmp}/nemlogin-cluster), NEMLOGIN_PG_PORT (55432),
# NEMLOGIN_REDIS_PORT (56379), NEMLOGIN_GATEWAY_PORTS ("8081 8082"), NEMLOGIN_PORT_OFFSET (0: added to every silo's
# silo, gateway and management port, so a second cluster can run beside the first), NEMLOGIN_SP_METADATA_DIR (SAML
# metadata files the gateways register at start, e.g. the load runner's `prepare --sp-dir DIR`; the seed's mandates
# cover those SPs).
# Needs: apt-get install postgresql redis-server softhsm2. The silos sign in one SoftHSM2 token in the folder, made on
# the first `up` with the silo's `keys` verb (its PINs are random, kept in the folder, mode 600).
# Every Orleans connection (silo to silo, gateway to silo) is mutual TLS with certificates of a cluster CA the silo's
# `certs` verb makes on the first `up` (folder tls/); PostgreSQL and Redis speak TLS only, with certificates of the same
# CA, and demand random passwords kept in the folder (mode 600). Passwords never appear on a command line.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${NEMLOGIN_CLUSTER_DIR:-${TMPDIR:-/tmp}/nemlogin-cluster}"
pg_bin=/usr/lib/postgresql/15/bin
pg_port="${NEMLOGIN_PG_PORT:-55432}"
redis_port="${NEMLOGIN_REDIS_PORT:-56379}"
read -r -a gateway_ports <<<"${NEMLOGIN_GATEWAY_PORTS:-8081 8082}"
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

# Every process (four silos, two gateways, a seed) keeps at most pg_pool connections: together below max_connections, so a
# burst of grain-state writes waits in the pool instead of being refused by the server ("too many clients").
pg_pool=40
pg_max_connections=300

pg_connection() {
  printf 'Host=127.0.0.1;Port=%s;Username=postgres;Password=%s;Database=nemlogin;SSL Mode=VerifyFull;Root Certificate=%s;Maximum Pool Size=%s' \
    "$pg_port" "$(secret postgres-password)" "$ca" "$pg_pool"
}

redis_connection() {
  printf '127.0.0.1:%s,password=%s,ssl=true,abortConnect=false' "$redis_port" "$(secret redis-password)"
}

# psql over TLS, the password from the environment (never the command line).
psql_nemlogin() {
  PGPASSWORD="$(secret postgres-password)" "$pg_bin/psql" \
    "host=127.0.0.1 port=$pg_port user=postgres sslmode=verify-full sslrootcert=$ca dbname=$1" "${@:2}"
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

# The cluster CA and a certificate per silo, gateway and for the stores, made once with the silo's `certs` verb.
prepare_certificates() {
  [ -f "$ca" ] && return
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

start_postgres() {
  [ -x "$pg_bin/postgres" ] || fail "PostgreSQL 15 is missing: apt-get install postgresql"
  mkdir -p "$state/postgres"
  if [ ! -f "$state/postgres/data/PG_VERSION" ]; then
    # The superuser's password from a file readable by the postgres user only, deleted after initdb.
    (umask 077; secret postgres-password >"$state/postgres/password")
    # PostgreSQL reads only a key its own user owns (mode 600).
    install -m 600 "$tls/stores.key" "$state/postgres/server.key"
    install -m 644 "$tls/stores.crt" "$state/postgres/server.crt"
    [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$state/postgres"
    as_postgres "$pg_bin/initdb" -D "$state/postgres/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --pwfile="$state/postgres/password" --encoding=UTF8 --no-instructions >/dev/null
    rm -f "$state/postgres/password"
    # TCP clients must use TLS: every `host` line becomes `hostssl`.
    sed -i 's/^host /hostssl /' "$state/postgres/data/pg_hba.conf"
  fi
  as_postgres "$pg_bin/pg_ctl" -D "$state/postgres/data" -w -l "$state/postgres/postgres.log" \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$state/postgres -c ssl=on -c ssl_cert_file=$state/postgres/server.crt -c ssl_key_file=$state/postgres/server.key -c ssl_min_protocol_version=TLSv1.3 -c max_connections=$pg_max_connections" \
    start >/dev/null
  record postgres "$(head -1 "$state/postgres/data/postmaster.pid")"
  if ! psql_nemlogin postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'nemlogin'" | grep -q 1; then
    psql_nemlogin postgres -qc "CREATE DATABASE nemlogin"
  fi
  # Commits are durable in normal operation: a `seed --bulk-load` that was killed before it could reset its setting
  # (synchronous_commit off) does not outlive the next `up`.
  psql_nemlogin postgres -qc "ALTER SYSTEM RESET synchronous_commit" -c "SELECT pg_reload_conf()" >/dev/null
}

start_redis() {
  command -v redis-server >/dev/null || fail "Redis is missing: apt-get install redis-server"
  mkdir -p "$state/redis"
  # A configuration file (mode 600), so the password is on no command line; TLS only, clients authenticate by password.
  (
    umask 077
    cat >"$state/redis/redis.conf" <<CONF
port 0
tls-port $redis_port
bind 127.0.0.1
tls-cert-file $tls/stores.crt
tls-key-file $tls/stores.key
tls-ca-cert-file $ca
tls-auth-clients no
tls-protocols "TLSv1.3"
requirepass $(secret redis-password)
dir $state/redis
appendonly yes
save ""
daemonize no
CONF
  )
  redis-server "$state/redis/redis.conf" >"$state/logs/redis.log" 2>&1 &
  record redis "$!"
}

softhsm_library=/usr/lib/softhsm/libsofthsm2.so
token_label=nemlogin-local

hsm_environment() {
  export SOFTHSM2_CONF="$state/softhsm/softhsm2.conf" Signing__Provider=Pkcs11
  export Signing__Pkcs11__LibraryPath="$softhsm_library" Signing__Pkcs11__TokenLabel="$token_label"
  Signing__Pkcs11__Pin="$(cat "$state/softhsm/pin")"
  export Signing__Pkcs11__Pin
}

prepare_token() {
  [ -f "$softhsm_library" ] || fail "SoftHSM2 is missing: apt-get install softhsm2"
  [ -f "$state/softhsm/pin" ] && return
  log "creating the SoftHSM2 token $token_label with SAML and token signing keys and the SAML encryption key"
  mkdir -p "$state/softhsm/tokens"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$state/softhsm/tokens" >"$state/softhsm/softhsm2.conf"
  (umask 077; od -An -tx1 -N8 /dev/urandom | tr -d ' \n' >"$state/softhsm/pin")
  (
    hsm_environment
    Keys__SoPin="$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
    export Keys__SoPin
    dotnet "$silo_dll" keys init-token --token "$token_label" >/dev/null
    dotnet "$silo_dll" keys generate --purpose saml-signing --subject "CN=NemLogin local cluster SAML signing" >/dev/null
    dotnet "$silo_dll" keys generate --purpose token-signing --subject "CN=NemLogin local cluster token signing" >/dev/null
    dotnet "$silo_dll" keys generate --purpose saml-encryption --subject "CN=NemLogin local cluster SAML encryption" >/dev/null
  )
}

start_silo() {
  local name="$1" dc="$2" silo_port="$3" gateway_port="$4" http_port="$5"
  (
    common_environment
    export DataCenter__Name="$dc" Urls="http://127.0.0.1:$http_port"
    export Orleans__SiloPort="$silo_port" Orleans__GatewayPort="$gateway_port" Orleans__AdvertisedAddress=127.0.0.1
    tls_environment "$name"
    hsm_environment
    export Management__AdminPassword="${NEMLOGIN_ADMIN_PASSWORD:-admin-dev}"
    # The build folder as content root: the silo's appsettings.json (log levels) is read whatever the current directory.
    exec dotnet "$silo_dll" --contentRoot "$(dirname "$silo_dll")" >"$state/logs/$name.log" 2>&1
  ) &
  record "$name" "$!"
}

start_gateway() {
  local name="$1" dc="$2" port="$3"
  (
    common_environment
    export DataCenter__Name="$dc" Urls="http://127.0.0.1:$port" Broker__PublicBaseUrl="http://localhost:$port"
    export Broker__DataDirectory="$state/$name"
    tls_environment "$name"
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
  log "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port, both TLS only with passwords (data in $state)"
  start_postgres
  start_redis
  log "applying the cluster schema"
  ConnectionStrings__Orleans="$(pg_connection)" dotnet "$silo_dll" db migrate
  prepare_token
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
  start_gateway gateway-dc1 DC1 "${gateway_ports[0]}"
  start_gateway gateway-dc2 DC2 "${gateway_ports[1]}"
  wait_ready gateway-dc1 "http://127.0.0.1:${gateway_ports[0]}" "$(awk '$1 == "gateway-dc1" {print $2}' "$pids")"
  wait_ready gateway-dc2 "http://127.0.0.1:${gateway_ports[1]}" "$(awk '$1 == "gateway-dc2" {print $2}' "$pids")"
  log "ready: DC1 http://localhost:${gateway_ports[0]}/demo-sp/   DC2 http://localhost:${gateway_ports[1]}/demo-sp/"
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
    if alive "$pid"; then
      ready=""
      [ -z "$port" ] || ready=" ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)"
      printf '%-12s pid %-8s running%s\n' "$name" "$pid" "$ready"
    else
      printf '%-12s pid %-8s stopped\n' "$name" "$pid"
    fi
  done <"$pids"
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
    # Gateways, then silos (orderly: they leave the membership table), then the stores.
    for pattern in '^gateway-' '^silo-' '^redis$'; do
      while read -r name pid; do
        [[ "$name" =~ $pattern ]] && stop_pid "$name" "$pid"
      done <"$pids"
    done
    if grep -q '^postgres ' "$pids" && [ -f "$state/postgres/data/postmaster.pid" ]; then
      as_postgres "$pg_bin/pg_ctl" -D "$state/postgres/data" -m fast -w stop >/dev/null && log "stopped postgres"
    fi
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
  common_environment
  # The seed is an Orleans client like a gateway: it reaches the silos over mutual TLS with DC1's gateway certificate.
  tls_environment gateway-dc1
  # People are filed under the MitID simulator of the first gateway (its issuer): they log in there as themselves.
  # The checkpoint in the state folder lets a rerun go on after an interruption; stdout is the final JSON line.
  exec dotnet "$silo_dll" seed --mitid-authority "http://localhost:${gateway_ports[0]}/mitid-sim" \
    --checkpoint "$state/seed-checkpoint.json" "$@"
}

case "${1:-}" in
  up) up ;;
  status) status ;;
  down) shift; down "${1:-}" ;;
  seed) shift; seed "$@" ;;
  *) echo "usage: scripts/cluster.sh up|status|down [--purge]|seed --scale F" >&2; exit 2 ;;
esac
