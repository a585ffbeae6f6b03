#!/usr/bin/env bash
# Drives a running rnn-service with a mix of valid and invalid requests and reports throughput, latency
# percentiles and any 5xx or connection errors. Installs wrk from Debian's packages if it is missing.
#
# usage: load/run.sh [BASE_URL] [DURATION] [CONNECTIONS]     (defaults http://localhost:8080 30s 32)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-http://localhost:8080}
duration=${2:-30s}
connections=${3:-32}

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk from Debian's packages"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
curl -fsS "$base/actuator/health/readiness" >/dev/null || { echo "no service answers at $base"; exit 1; }

threads=$(( connections < 4 ? connections : 4 ))
EXAMPLES=src/main/resources/examples wrk -t"$threads" -c"$connections" -d"$duration" --latency -s load/mix.lua "$base" \
  | sed -n '/^------------------------------$/,$p'
