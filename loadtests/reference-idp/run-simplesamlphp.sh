#!/usr/bin/env bash
# The reference-IdP benchmark: sets up SimpleSAMLphp 1.19 (Debian package `simplesamlphp`, PHP 8.2) as a SAML 2.0 IdP
# in a temp folder of its own (config, IdP key, sessions, logs), registers the load runner's virtual SPs, serves it
# with PHP's built-in server on loopback with N worker processes, runs the load runner's `saml-login-ssp` scenario
# with the arguments given here, prints the PHP processes' CPU per login, and stops the server. Example:
#   loadtests/reference-idp/run-simplesamlphp.sh --profile peak --duration 30s --report-dir load-reports/ssp-peak
# Environment: NEMLOGIN_SSP_PORT (5098), NEMLOGIN_SSP_WORKERS (2: PHP_CLI_SERVER_WORKERS; the built-in server
# otherwise handles one request at a time).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
port="${NEMLOGIN_SSP_PORT:-5098}"
workers="${NEMLOGIN_SSP_WORKERS:-2}"
ssp=/usr/share/simplesamlphp
work="$(mktemp -d -t nemlogin-ssp-XXXXXX)"
server_pid=""
# shellcheck source=../common.sh
. "$repo/loadtests/common.sh"

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    # The built-in server's workers outlive their parent: stop them by id first.
    local workers_now
    workers_now="$(pgrep -P "$server_pid" || true)"
    if [ -n "$workers_now" ]; then kill $workers_now 2>/dev/null || true; fi
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  [ -n "${NEMLOGIN_SSP_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

if [ ! -d "$ssp/www" ] || ! php -r "exit(class_exists(\"DOMDocument\") && function_exists(\"mb_strlen\") ? 0 : 1);" 2>/dev/null; then
  echo "SimpleSAMLphp is not installed: apt-get install -y --no-install-recommends simplesamlphp php-cli php-xml php-mbstring" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release "$repo/loadtests/NemLogin.LoadTests" -v quiet -nologo >/dev/null
runner=("dotnet" "$repo/loadtests/NemLogin.LoadTests/bin/Release/net10.0/NemLogin.LoadTests.dll")
"${runner[@]}" prepare --sp-dir "$work/sps" >/dev/null

mkdir -p "$work/config/metadata" "$work/cert" "$work/log" "$work/data" "$work/tmp" "$work/sessions"
fill() {
  sed -e "s|@PORT@|$port|g" -e "s|@WORK@|$work|g" -e "s|@SALT@|$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')|g" \
    -e "s|@ADMIN@|$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')|g" "$1"
}
fill "$here/templates/config.php" >"$work/config/config.php"
fill "$here/templates/authsources.php" >"$work/config/authsources.php"
fill "$here/templates/saml20-idp-hosted.php" >"$work/config/metadata/saml20-idp-hosted.php"
php "$here/sp-remote.php" "$work/sps" >"$work/config/metadata/saml20-sp-remote.php"
openssl req -x509 -newkey rsa:2048 -sha256 -nodes -days 730 -subj "/CN=SimpleSAMLphp reference IdP" \
  -keyout "$work/cert/idp.key" -out "$work/cert/idp.crt" 2>/dev/null

# OPcache on, as any production PHP runs (the CLI turns it off by default); the workers share it.
(cd "$work" && exec env SIMPLESAMLPHP_CONFIG_DIR="$work/config" PHP_CLI_SERVER_WORKERS="$workers" \
  php -d opcache.enable_cli=1 -d opcache.validate_timestamps=0 -d display_errors=0 -d log_errors=1 \
  -d error_log="$work/log/php.log" -S "127.0.0.1:$port" -t "$ssp/www" "$here/router.php" \
  >"$work/log/server.log" 2>&1) &
server_pid=$!

await_ready "http://127.0.0.1:$port/saml/metadata" "$server_pid" "$work/log/server.log" "PHP's built-in server"

common=(--target "http://127.0.0.1:$port" --sp-dir "$work/sps" --scenarios saml-login-ssp --broker-pid "$server_pid")
# The warm-up is a run of its own (OPcache, session folder), so the measured run's CPU figure covers it only.
"${runner[@]}" run "${common[@]}" --profile peak --rate 50 --duration 5s --warm-up 0s --report-dir "$work/warm-up" >"$work/log/warm-up.log" || { echo "The warm-up run failed:" >&2; tail -20 "$work/log/warm-up.log" >&2; exit 2; }

# The runner's "broker CPU" counts the server and its worker processes (--broker-pid: the whole process tree) over the
# measured part. No warm-up of its own unless the arguments ask for one (`--warm-up 60s`, as the broker's runs get).
echo "SimpleSAMLphp (PHP built-in server, $workers workers)"
"${runner[@]}" run "${common[@]}" --warm-up 0s "$@"
