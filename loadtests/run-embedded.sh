#!/usr/bin/env bash
# One command for a load test of the embedded broker on this machine: builds both in Release, creates the virtual
# service providers, starts the broker with them registered (metadata folder) and the admin API on, runs the load
# runner with the arguments given here, and stops the broker it started. Example:
#   loadtests/run-embedded.sh --profile peak --duration 60s --report-dir load-reports/peak
# Environment: NEMLOGIN_LOAD_PORT (5099). NEMLOGIN_SIMULATOR_PORT=5096 runs the MitID simulator in a process of its own
# on that port (a second embedded host, silo port NEMLOGIN_SIMULATOR_SILO_PORT, 11112) and points the broker's
# Upstream:MitId at it, so the broker's CPU figure holds the broker's work only (the simulator's login page, token
# endpoint and ID token signature are upstream work a real deployment does not pay).
# NEMLOGIN_BROKER_ENV="NAME=value ..." sets runtime settings for the broker's process only (not the runner's or the
# simulator's), e.g. NEMLOGIN_BROKER_ENV="DOTNET_gcServer=0 DOTNET_gcConcurrent=0" to measure workstation GC.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${NEMLOGIN_LOAD_PORT:-5099}"
work="$(mktemp -d -t nemlogin-load-XXXXXX)"
broker_pid=""
simulator_pid=""
simulator_port="${NEMLOGIN_SIMULATOR_PORT:-}"

cleanup() {
  local pid
  for pid in "$broker_pid" "$simulator_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=common.sh
. "$repo/loadtests/common.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release "$repo/silos/NemLogin.Embedded" -v quiet -nologo >/dev/null
dotnet build -c Release "$repo/loadtests/NemLogin.LoadTests" -v quiet -nologo >/dev/null
runner=("dotnet" "$repo/loadtests/NemLogin.LoadTests/bin/Release/net10.0/NemLogin.LoadTests.dll")

"${runner[@]}" prepare --sp-dir "$work/sps" >/dev/null
admin_key="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

upstream=()
broker_env=()
# Word-split on purpose: a list of NAME=value settings.
# shellcheck disable=SC2206
[ -z "${NEMLOGIN_BROKER_ENV:-}" ] || broker_env=(${NEMLOGIN_BROKER_ENV})
if [ -n "$simulator_port" ]; then
  # The simulator's host is a second embedded broker (its own silo and data folder) whose only traffic is the
  # simulator's; it knows the broker as a client with the broker's callback as redirect URI.
  simulator_secret="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  mkdir -p "$work/simulator"
  (cd "$work/simulator" && exec env \
    DOTNET_ENVIRONMENT=Development \
    Orleans__SiloPort="${NEMLOGIN_SIMULATOR_SILO_PORT:-11112}" \
    Broker__DataDirectory="$work/simulator/data" \
    Signing__SoftwareKeyDirectory="$work/simulator/data/keys" \
    MitIdSimulator__Clients__0__ClientId=nemlogin-broker \
    MitIdSimulator__Clients__0__ClientSecret="$simulator_secret" \
    MitIdSimulator__Clients__0__RedirectUris__0="http://127.0.0.1:$port/upstream/mitid/callback" \
    Logging__LogLevel__Default=Warning \
    dotnet "$repo/silos/NemLogin.Embedded/bin/Release/net10.0/NemLogin.Embedded.dll" --urls "http://127.0.0.1:$simulator_port" \
    --contentRoot "$repo/silos/NemLogin.Embedded" \
    >"$work/simulator.log" 2>&1) &
  simulator_pid=$!
  await_ready "http://127.0.0.1:$simulator_port/mitid-sim/.well-known/openid-configuration" "$simulator_pid" "$work/simulator.log" "The MitID simulator's host"
  upstream=(Upstream__MitId__Authority="http://127.0.0.1:$simulator_port/mitid-sim" Upstream__MitId__ClientSecret="$simulator_secret")
fi

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
  "${upstream[@]}" \
  "${broker_env[@]}" \
  dotnet "$repo/silos/NemLogin.Embedded/bin/Release/net10.0/NemLogin.Embedded.dll" --urls "http://127.0.0.1:$port" \
  --contentRoot "$repo/silos/NemLogin.Embedded" \
  >"$work/broker.log" 2>&1) &
broker_pid=$!
await_ready "http://127.0.0.1:$port/health/ready" "$broker_pid" "$work/broker.log" "The broker"

simulator_before=0
[ -z "$simulator_pid" ] || simulator_before="$(tree_cpu_ms "$simulator_pid")"
status=0
NEMLOGIN_ADMIN_KEY="$admin_key" "${runner[@]}" run --target "http://127.0.0.1:$port" --sp-dir "$work/sps" \
  --broker-pid "$broker_pid" "$@" || status=$?
if [ -n "$simulator_pid" ]; then
  echo "MitID simulator's own process: $(( $(tree_cpu_ms "$simulator_pid") - simulator_before )) ms CPU during the run (warm-up and pre-flight included)"
fi
exit "$status"
