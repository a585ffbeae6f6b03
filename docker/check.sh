#!/usr/bin/env bash
# Checks the container files with real tools on a machine without a Docker engine (.ci/run calls it after
# ./mvnw verify, which built target/rnn-service.jar):
#   1. docker-compose config -q (Debian's docker-compose) on docker-compose.yml
#   2. nginx -t (Debian's nginx) on nginx/nginx.conf, with the compose service name resolving locally
#   3. dockerfilelint (npm) on the Dockerfile
#   4. the Dockerfile's own commands on this machine: the wrapper build, the layer extraction and CDS
#      training run, and the ENTRYPOINT started from the extracted layers until it is ready
# Installs what is missing from Debian's packages and the npm registry. Prints the start-up times.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

need_apt=()
command -v docker-compose >/dev/null 2>&1 || need_apt+=(docker-compose)
command -v nginx >/dev/null 2>&1 || need_apt+=(nginx)
if ((${#need_apt[@]})); then
  echo "installing ${need_apt[*]} from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "== docker-compose config"
docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml is valid"

echo "== nginx -t"
{ echo "127.0.0.1 rnn-service"; cat /etc/hosts; } > "$work/hosts"
unshare -m sh -c "mount --bind '$work/hosts' /etc/hosts && nginx -t -p '$work' -c '$PWD/nginx/nginx.conf' -g 'pid $work/nginx.pid;'"

echo "== dockerfilelint"
(cd "$work" && npm install --silent --no-audit --no-fund dockerfilelint@1.8.0 >/dev/null 2>&1)
"$work/node_modules/.bin/dockerfilelint" Dockerfile

echo "== the Dockerfile's commands"
context="$work/context"
mkdir -p "$context"
cp -r mvnw pom.xml .mvn src "$context/"
mkdir -p "$context/docker" && cp docker/extract-layers.sh "$context/docker/"
# the RUN lines of the build stage, as written in the Dockerfile
(cd "$context" && ./mvnw -B -q dependency:go-offline && ./mvnw -B -q package -DskipTests \
  && docker/extract-layers.sh target/rnn-service.jar "$context/extracted") | grep -v '^platform_log' || true
test -s "$context/extracted/app/app.jsa" && echo "layers extracted, CDS archive $(du -h "$context/extracted/app/app.jsa" | cut -f1)"
entrypoint=$(python3 -c "import json,re,sys; print(' '.join(json.loads(re.search(r'^ENTRYPOINT (\[.*\])', open('Dockerfile').read(), re.M).group(1))))")
echo "ENTRYPOINT: $entrypoint"

start() {  # start COMMAND...: runs it in the extracted layers, prints seconds until readiness, stops it
  local port=18090
  (cd "$context/extracted/app" && exec "$@" --server.port=$port --logging.level.root=WARN) > "$work/start.log" 2>&1 &
  local pid=$! t0=$(date +%s.%N)
  for _ in $(seq 1 600); do
    if curl -fsS "http://localhost:$port/actuator/health/readiness" >/dev/null 2>&1; then
      python3 -c "print(f'{$(date +%s.%N) - $t0:.2f}')"
      kill "$pid"; wait "$pid" 2>/dev/null || true
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/start.log"; return 1; }
    sleep 0.1
  done
  kill "$pid"; return 1
}
# shellcheck disable=SC2086
with_cds=$(start $entrypoint)
without_cds=$(start java -jar rnn-service.jar)
echo "started and ready: ${with_cds} s with the CDS archive, ${without_cds} s without (ratio $(python3 -c "print(f'{$with_cds / $without_cds:.2f}')"))"
