#!/usr/bin/env bash
# Scale-out smoke test without Docker: two instances of the built jar behind Debian's nginx, run with the
# compose file's own nginx/nginx.conf (upstream servers and listen port substituted), a stream of requests
# from four clients, and one instance stopped in the middle. Reports how many requests failed; the target,
# and the exit status, is none.
#   KILL (default): a crash. nginx retries on the other instance every request that had not yet got an
#         answer; one whose answer the instance was writing at the moment of the kill reaches the client cut
#         short, and no proxy can retry it then (rare: 1 of 2037 in one run, 0 of 3013 in another).
#   TERM: a stop or scale-down. In-flight computations finish, new requests get 503 and are retried on the
#         other instance: deterministic, so .ci/run uses it.
# usage: docker/scale-smoke.sh [SECONDS] [KILL|TERM]   (default 12 KILL; needs target/rnn-service.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-12}
signal=${2:-KILL}
jar=target/rnn-service.jar
[[ -f "$jar" ]] || { echo "no $jar: run ./mvnw -B package first"; exit 1; }
if ! command -v nginx >/dev/null 2>&1; then
  echo "installing nginx from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
work=$(mktemp -d)
pids=()
cleanup() {
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null  # TERM: the master stops its workers
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT

for port in 18081 18082; do
  java -jar "$jar" --server.port=$port --logging.level.root=WARN > "$work/instance-$port.log" 2>&1 &
  pids+=($!)
done
for port in 18081 18082; do
  for _ in $(seq 1 300); do
    curl -fsS "http://localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 0.2
  done
done

python3 - "$work/nginx.conf" <<'PY'
import re, sys
conf = open("nginx/nginx.conf").read()
conf = re.sub(r"server rnn-service:8080([^;]*);",
              r"server 127.0.0.1:18081\1;\n        server 127.0.0.1:18082\1;", conf)
conf = conf.replace("listen 8080;", "listen 18080;")
open(sys.argv[1], "w").write(conf)
PY
nginx -p "$work" -c "$work/nginx.conf" -g "daemon off; pid $work/nginx.pid;" > "$work/nginx.log" 2>&1 &
for _ in $(seq 1 50); do curl -fsS http://localhost:18080/actuator/health >/dev/null 2>&1 && break; sleep 0.1; done

python3 - "$seconds" "${pids[0]}" "$signal" <<'PY'
import json, os, signal, sys, threading, time, urllib.request, urllib.error
seconds, victim, how = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
bodies = []
for name, path in (("rnn-cell-forward", "/api/v1/rnn/cell/forward"), ("lstm-sequence-backward", "/api/v1/lstm/sequence/backward"),
                   ("gru-train", "/api/v1/gru/train")):
    body = open(f"src/main/resources/examples/{name}.json", "rb").read()
    bodies.append((path, body))
expected = {}
counts = {"sent": 0, "failed": 0}
lock = threading.Lock()
stop = time.time() + seconds

def client(k):
    i = k
    while time.time() < stop:
        path, body = bodies[i % len(bodies)]
        i += 1
        try:
            req = urllib.request.Request("http://localhost:18080" + path, data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=30) as r:
                answer = r.read()
            ok = expected.setdefault(path, answer) == answer
        except Exception as e:  # an HTTP error or a broken connection
            ok = False
            print(f"failed: {path}: {e}", flush=True)
        with lock:
            counts["sent"] += 1
            counts["failed"] += 0 if ok else 1

threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
time.sleep(seconds / 2)
os.kill(victim, signal.SIGKILL if how == "KILL" else signal.SIGTERM)
killed_at = counts["sent"]
print(f"sent SIG{how} to the instance on port 18081 (pid {victim}) after {killed_at} requests", flush=True)
for t in threads:
    t.join()
print(f"{counts['sent']} requests through nginx, {counts['failed']} failed, one of two instances stopped (SIG{how}) midway")
sys.exit(1 if counts["failed"] else 0)
PY
