#!/usr/bin/env bash
# Requests per second of the exercise's rnn cell forward request against GET /actuator/health/liveness on
# the same running server, at the same concurrency, in one run (wrk, installed from Debian if missing).
# usage: bench/throughput.sh [BASE_URL] [DURATION] [CONNECTIONS]     (defaults http://localhost:8080 15s 32)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-http://localhost:8080}
duration=${2:-15s}
connections=${3:-32}
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
script=$(mktemp --suffix=.lua)
trap 'rm -f "$script"' EXIT
cat > "$script" <<'LUA'
local f = assert(io.open("src/main/resources/examples/rnn-cell-forward.json", "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA
rps() { sed -n 's/^Requests\/sec: *//p'; }
threads=$(( connections < 4 ? connections : 4 ))
wrk -t"$threads" -c"$connections" -d5s "$base/actuator/health/liveness" >/dev/null  # warm-up
wrk -t"$threads" -c"$connections" -d5s -s "$script" "$base/api/v1/rnn/cell/forward" >/dev/null
live=$(wrk -t"$threads" -c"$connections" -d"$duration" "$base/actuator/health/liveness" | rps)
cell=$(wrk -t"$threads" -c"$connections" -d"$duration" -s "$script" "$base/api/v1/rnn/cell/forward" | rps)
echo "GET /actuator/health/liveness: $live req/s"
echo "POST /api/v1/rnn/cell/forward (the seed's request): $cell req/s"
python3 -c "print(f'ratio cell forward / liveness: {$cell / $live:.2f} (target at least 0.5)')"
