#!/usr/bin/env python3
"""Compares two builds of the service on the sequence-backward request: one server at a time, A B A B ...

usage: python3 bench/ab_builds.py OLD_JAR NEW_JAR [--cells rnn,lstm] [--size tiny] [--cycles 3]
                                  [--warmup 10000] [--requests 8000] [--port 18090]

Each cycle starts OLD_JAR alone on --port (java -XX:+UseParallelGC -jar ...), sends --warmup requests per cell,
then --requests more, and takes the trimmed mean (the middle 80%) of their Server-Timing `compute`
durations; then stops it and does the same with NEW_JAR. It prints every server's figures and, per
cell, the mean over cycles of each build and in how many of the adjacent pairs (old then new, new then
next old, ...) the new build's figure was the lower one.

Why one server at a time: two servers running side by side, requests alternating between them, did not
agree with it. For one pair of builds the server on port 8082 came out 5-10% ahead in five runs of 20
rounds, whichever way round the rounds went, while the same two builds taking turns here were level.
Taking turns on one port leaves nothing to differ but the build; the machine's drift between turns (tens
of per cent over minutes at the tiny size) is why the builds alternate over several cycles and adjacent
pairs are counted. The script refuses a port on which something already answers.
"""
import argparse
import http.client
import statistics
import subprocess
import time

from compare_numpy import inputs, request_body, server_timing


def compute_times(port, cell, data, count):
    conn = http.client.HTTPConnection("localhost", port, timeout=600)
    times = []
    for _ in range(count):
        conn.request("POST", f"/api/v1/{cell}/sequence/backward", body=data,
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"port {port} answered {response.status}")
        times.append(server_timing(response.getheader("Server-Timing"))["compute"])
    conn.close()
    return times


def trimmed_mean(values):
    values = sorted(values)
    cut = len(values) // 10
    return statistics.fmean(values[cut:len(values) - cut])


def port_answers(port):
    try:
        conn = http.client.HTTPConnection("localhost", port, timeout=5)
        conn.request("GET", "/actuator/health/liveness")
        return conn.getresponse().status == 200
    except OSError:
        return False


def measure(jar, port, cells, bodies, warmup, requests):
    if port_answers(port):
        raise SystemExit(f"something already answers on port {port}: stop it, or choose another --port")
    server = subprocess.Popen(["java", "-XX:+UseParallelGC", "-jar", jar, f"--server.port={port}",
                               "--logging.level.root=WARN"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while not port_answers(port):
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit(f"{jar} did not start on port {port}")
            time.sleep(0.5)
        for cell in cells:
            compute_times(port, cell, bodies[cell], warmup)
        return {cell: trimmed_mean(compute_times(port, cell, bodies[cell], requests)) for cell in cells}
    finally:
        server.terminate()
        server.wait(timeout=60)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--cells", default="rnn,lstm")
    ap.add_argument("--size", default="tiny", choices=["tiny", "mid", "large"])
    ap.add_argument("--cycles", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=10000)
    ap.add_argument("--requests", type=int, default=8000)
    ap.add_argument("--port", type=int, default=18090)
    args = ap.parse_args()
    cells = args.cells.split(",")
    bodies = {cell: request_body(*inputs(cell, args.size)) for cell in cells}
    turns = []
    for _ in range(args.cycles):
        for name, jar in (("old", args.old), ("new", args.new)):
            figures = measure(jar, args.port, cells, bodies, args.warmup, args.requests)
            turns.append((name, figures))
            print(f"{name}: " + ", ".join(f"{cell} {1e6 * figures[cell]:.1f} us" for cell in cells), flush=True)
    for cell in cells:
        old = [f[cell] for name, f in turns if name == "old"]
        new = [f[cell] for name, f in turns if name == "new"]
        pairs = list(zip(turns, turns[1:]))
        wins = sum(1 for (a, fa), (b, fb) in pairs
                   if (fb[cell] < fa[cell]) == (b == "new"))
        print(f"{cell} {args.size}: compute, mean of {args.cycles} turns each: old {1e6 * statistics.fmean(old):.1f} us, "
              f"new {1e6 * statistics.fmean(new):.1f} us; new lower in {wins} of {len(pairs)} adjacent pairs")


if __name__ == "__main__":
    main()
