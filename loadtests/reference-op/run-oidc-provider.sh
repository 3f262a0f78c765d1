#!/usr/bin/env bash
# The reference-OP benchmark: installs oidc-provider (the version pinned in package.json / package-lock.json, `npm ci`)
# beside this script, starts server.mjs with Node.js on loopback, warms it up, runs the load runner's `oidc-login-ref`
# scenario with the arguments given here, prints the CPU per login of the node process tree (from /proc, before and
# after the measured run), and stops the server. Example:
#   loadtests/reference-op/run-oidc-provider.sh --profile peak --rate 100 --duration 30s --report-dir load-reports/op-100
# Environment: NEMLOGIN_OP_PORT (5095), NEMLOGIN_OP_KEEP=1 keeps the temp folder (server log, warm-up report).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
port="${NEMLOGIN_OP_PORT:-5095}"
work="$(mktemp -d -t nemlogin-op-XXXXXX)"
server_pid=""
# shellcheck source=../common.sh
. "$repo/loadtests/common.sh"

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill $(process_tree "$server_pid") 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ -n "${NEMLOGIN_OP_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js and npm are needed: apt-get install -y --no-install-recommends nodejs npm" >&2
  exit 2
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release "$repo/loadtests/NemLogin.LoadTests" -v quiet -nologo >/dev/null
runner=("dotnet" "$repo/loadtests/NemLogin.LoadTests/bin/Release/net10.0/NemLogin.LoadTests.dll")

# Production mode; the server logs only errors (and oidc-provider's start-up notices).
(cd "$work" && exec env NODE_ENV=production REFERENCE_OP_PORT="$port" node "$here/server.mjs" >"$work/server.log" 2>&1) &
server_pid=$!

await_ready "http://127.0.0.1:$port/.well-known/openid-configuration" "$server_pid" "$work/server.log" "The reference OP"

common=(--target "http://127.0.0.1:$port" --scenarios oidc-login-ref --broker-pid "$server_pid")
# The warm-up is a run of its own (V8's JIT, the key's first signatures), so the measured run's CPU figure covers it only.
"${runner[@]}" run "${common[@]}" --profile peak --rate 50 --duration 5s --warm-up 0s --report-dir "$work/warm-up" >"$work/warm-up.log" || { echo "The warm-up run failed:" >&2; tail -20 "$work/warm-up.log" >&2; exit 2; }

# The runner's "broker CPU" counts the server and every process below it (--broker-pid) over the measured part: the
# OP's CPU per login. No warm-up of its own unless the arguments ask for one (`--warm-up 60s` after the 5 s above gives
# V8 and the runner the same minute of warm-up the broker's runs get).
echo "oidc-provider $(node -p "require('$here/node_modules/oidc-provider/package.json').version") on Node.js $(node --version)"
"${runner[@]}" run "${common[@]}" --warm-up 0s "$@"
