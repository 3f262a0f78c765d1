#!/usr/bin/env bash
# One command for a load test of the embedded broker on this machine: builds both in Release, creates the virtual
# service providers, starts the broker with them registered (metadata folder) and the admin API on, runs the load
# runner with the arguments given here, and stops the broker it started. Example:
#   loadtests/run-embedded.sh --profile peak --duration 60s --report-dir load-reports/peak
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${NEMLOGIN_LOAD_PORT:-5099}"
work="$(mktemp -d -t nemlogin-load-XXXXXX)"
broker_pid=""

cleanup() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid"
    wait "$broker_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release "$repo/silos/NemLogin.Embedded" -v quiet -nologo >/dev/null
dotnet build -c Release "$repo/loadtests/NemLogin.LoadTests" -v quiet -nologo >/dev/null
runner=("dotnet" "$repo/loadtests/NemLogin.LoadTests/bin/Release/net10.0/NemLogin.LoadTests.dll")

"${runner[@]}" prepare --sp-dir "$work/sps" >/dev/null
admin_key="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# The broker's log stays out of the runner's console; Warning level keeps console logging off the hot path.
# Its own appsettings.json is read from the project (content root); its keys and data live in the temp folder.
# Development: the embedded broker carries the MitID simulator and demo SP, which it refuses to run elsewhere.
(cd "$work" && exec env \
  DOTNET_ENVIRONMENT=Development \
  ServiceProviders__MetadataDirectory="$work/sps" \
  Admin__ApiKey="$admin_key" \
  Broker__DataDirectory="$work/data" \
  Signing__SoftwareKeyDirectory="$work/data/keys" \
  Logging__LogLevel__Default=Warning \
  dotnet "$repo/silos/NemLogin.Embedded/bin/Release/net10.0/NemLogin.Embedded.dll" --urls "http://127.0.0.1:$port" \
  --contentRoot "$repo/silos/NemLogin.Embedded" \
  >"$work/broker.log" 2>&1) &
broker_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$broker_pid" 2>/dev/null; then
    echo "The broker stopped while starting:" >&2
    cat "$work/broker.log" >&2
    exit 2
  fi
  sleep 0.5
done

NEMLOGIN_ADMIN_KEY="$admin_key" "${runner[@]}" run --target "http://127.0.0.1:$port" --sp-dir "$work/sps" \
  --broker-pid "$broker_pid" "$@"
