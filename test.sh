#!/usr/bin/env bash
# Runs every test in the repository. Installs what the tests need when it is missing, so the
# same command works on a fresh Debian 12 machine (CI) and stays fast on a prepared one.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
interop="$repo/tests/interop"

log() { printf '==> %s\n' "$*"; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

compose_available() {
  { command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; } ||
    command -v docker-compose >/dev/null 2>&1
}

install_debian_packages() {
  # xmlsec1: independent XML-DSig verifier; chromium: browser suites; softhsm2 + opensc: PKCS#11
  # HSM and its tool; postgresql + redis-server: cluster-mode stores; nginx: the reverse proxy the
  # forwarded-header tests put in front of the broker; haproxy: the front balancer of the cluster tests and
  # scripts/cluster.sh (both started by the tests or the script, never as a service);
  # postgresql-15-auto-failover: pg_auto_failover's monitor and keeper for the PostgreSQL failover test;
  # redis-sentinel: the Redis failover of scripts/cluster.sh and the Sentinel fault test.
  local wanted=(xmlsec1 chromium softhsm2 opensc postgresql postgresql-15-auto-failover redis-server redis-sentinel nginx haproxy) missing=()
  local pkg
  for pkg in "${wanted[@]}"; do
    installed "$pkg" || missing+=("$pkg")
  done
  # The compose plugin cannot be downloaded here; Debian's docker-compose renders `config` offline.
  compose_available || missing+=(docker-compose)
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_node_packages() {
  # npm ci wipes node_modules; skip it when the installed tree came from this very lock file.
  local stamp="$interop/node_modules/.nemlogin-lock.sha256" want
  want="$(sha256sum "$interop/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  log "installing node packages in tests/interop"
  (cd "$interop" && npm ci --include=dev --no-audit --no-fund)
  printf '%s\n' "$want" >"$stamp"
}

install_debian_packages
install_node_packages

export CHROMIUM_PATH=/usr/bin/chromium
export NEMLOGIN_INTEROP_DIR="$interop"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

log "node tests (tests/interop)"
node_rc=0
(cd "$interop" && node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/node.tap" \
  test/*.test.mjs) || node_rc=$?

log "dotnet test NemLogin.Orleans.sln"
# Microsoft.Testing.Platform mode (global.json "test.runner"): xunit.v3 4 has no VSTest bridge on
# the .NET 10 SDK. --timeout bounds each test module so a hang cannot eat CI's budget;
# --long-running names the tests still running after 120 s. One test module at a time: the cluster
# suite's silos detect failures by timed probes, and a second suite competing for the 2 cores would
# make healthy silos look dead.
dotnet_rc=0
dotnet test --solution "$repo/NemLogin.Orleans.sln" -c Release --output Normal \
  --max-parallel-test-modules 1 \
  --results-directory "$results/trx" --report-xunit-trx \
  --timeout 15m --long-running 120 || dotnet_rc=$?

# One closing line over both runners, so a run that executed nothing is visible as such.
count_tap() {
  { grep -hE "^# $1 [0-9]+$" "$results/node.tap" 2>/dev/null || true; } | awk '{s+=$3} END {print s+0}'
}
count_trx() {
  { find "$results/trx" -name '*.trx' -exec grep -ho "<Counters [^>]*" {} + 2>/dev/null || true; } |
    sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p" | awk '{s+=$1} END {print s+0}'
}
# The failed tests' names and first message lines, last, so a log cut to its tail still shows them.
list_failed() {
  node - "$results" <<'JS'
const fs = require('fs'), path = require('path');
const walk = d => fs.readdirSync(d, { withFileTypes: true })
  .flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
const dir = process.argv[2];
const decode = s => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const out = [];
for (const f of walk(dir).filter(f => f.endsWith('.trx'))) {
  const x = fs.readFileSync(f, 'utf8');
  for (const m of x.matchAll(/<UnitTestResult\b[^>]*outcome="Failed"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
    const name = (m[0].match(/testName="([^"]*)"/) || [])[1] || '?';
    const msg = (m[1].match(/<Message>([\s\S]*?)<\/Message>/) || [])[1] || '';
    out.push(`FAILED ${decode(name)}\n  ${decode(msg).split('\n').slice(0, 6).join('\n  ')}`);
  }
}
const tap = path.join(dir, 'node.tap');
if (fs.existsSync(tap)) {
  for (const l of fs.readFileSync(tap, 'utf8').split('\n')) if (/^\s*not ok /.test(l)) out.push(`FAILED (node) ${l.trim()}`);
}
if (out.length) console.log(out.join('\n'));
JS
}
list_failed || true
passed=$(($(count_tap pass) + $(count_trx passed)))
failed=$(($(count_tap fail) + $(count_trx failed)))
echo "Tests: $passed passed, $failed failed"

if [ "$dotnet_rc" -ne 0 ]; then
  exit "$dotnet_rc"
fi
exit "$node_rc"
