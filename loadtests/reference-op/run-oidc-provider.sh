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

# The server and every process below it (node starts none today; counted all the same, like the PHP workers).
tree() {
  local pid
  for pid in "$@"; do
    echo "$pid"
    tree $(pgrep -P "$pid" || true)
  done
}

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill $(tree "$server_pid") 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ -n "${NEMLOGIN_OP_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js and npm are needed: apt-get install -y --no-install-recommends nodejs npm" >&2
  exit 2
fi

# CPU time (user + system, clock ticks of 1/100 s; proc(5) fields 14 and 15) of the server's process tree.
op_ticks() {
  local total=0 pid
  for pid in $(tree "$server_pid"); do
    if [ -r "/proc/$pid/stat" ]; then
      total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    fi
  done
  echo "$total"
}

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release "$repo/loadtests/NemLogin.LoadTests" -v quiet -nologo >/dev/null
runner=("dotnet" "$repo/loadtests/NemLogin.LoadTests/bin/Release/net10.0/NemLogin.LoadTests.dll")

# Production mode; the server logs only errors (and oidc-provider's start-up notices).
(cd "$work" && exec env NODE_ENV=production REFERENCE_OP_PORT="$port" node "$here/server.mjs" >"$work/server.log" 2>&1) &
server_pid=$!

for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/.well-known/openid-configuration" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "The reference OP stopped while starting:" >&2
    cat "$work/server.log" >&2
    exit 2
  fi
  sleep 0.5
done

common=(--target "http://127.0.0.1:$port" --scenarios oidc-login-ref --broker-pid "$server_pid")
# The warm-up is a run of its own (V8's JIT, the key's first signatures), so the CPU read below covers the measured run only.
"${runner[@]}" run "${common[@]}" --profile peak --rate 50 --duration 5s --warm-up 0s --report-dir "$work/warm-up" >"$work/warm-up.log" || { echo "The warm-up run failed:" >&2; tail -20 "$work/warm-up.log" >&2; exit 2; }

before="$(op_ticks)"
status=0
"${runner[@]}" run "${common[@]}" "$@" --warm-up 0s || status=$?
after="$(op_ticks)"

report_dir=""
previous=""
for arg in "$@"; do
  if [ "$previous" = "--report-dir" ]; then report_dir="$arg"; fi
  previous="$arg"
done
if [ -n "$report_dir" ] && [ -f "$report_dir/report.json" ]; then
  # Every OK iteration is one login; the run's pre-flight adds one more.
  logins=$(( $(jq '[.scenarios[].ok] | add' "$report_dir/report.json") + 1 ))
  cpu_ms=$(( (after - before) * 10 ))
  summary="oidc-provider $(node -p "require('$here/node_modules/oidc-provider/package.json').version") on Node.js $(node --version): $cpu_ms ms CPU over $logins logins = $(awk "BEGIN { printf \"%.2f\", $cpu_ms / $logins }") ms per login"
  echo "$summary" | tee "$report_dir/oidc-provider-cpu.txt"
else
  echo "The reference OP's processes used $(( (after - before) * 10 )) ms CPU (pass --report-dir to get it per login)."
fi
exit "$status"
