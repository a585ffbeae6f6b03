#!/usr/bin/env python3
"""Compares two running builds of the service on one request: alternating rounds, a sign count.

usage: python3 bench/ab_servers.py OLD_URL NEW_URL [--cell rnn] [--size tiny] [--rounds 20] [--batch 1500]

Sends the sequence-backward request of bench/compare_numpy.py (same inputs) to the two servers in
alternating rounds (OLD then NEW, then NEW then OLD, ...), `--batch` requests a round, and takes each
round's median of the Server-Timing `compute` duration. It prints the median of those medians for each
server and in how many rounds NEW's median was below OLD's. On this noisy machine a difference of a few
per cent between two single runs means nothing; one server faster in 18 or more of 20 rounds does.

Start the two builds side by side first, for example:
    java -XX:+UseParallelGC -jar old.jar --server.port=8081 &
    java -XX:+UseParallelGC -jar new.jar --server.port=8082 &
and warm both (a round of --batch requests to each is sent before the measured rounds).
"""
import argparse
import json
import statistics
import urllib.parse
import http.client

from compare_numpy import inputs, server_timing


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--cell", default="rnn", choices=["rnn", "lstm", "gru"])
    ap.add_argument("--size", default="tiny", choices=["tiny", "mid", "large"])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--batch", type=int, default=1500)
    args = ap.parse_args()
    p, x, a0, da = inputs(args.cell, args.size)
    body = json.dumps({"x": x.tolist(), "a0": a0.tolist(), "parameters": {k: v.tolist() for k, v in p.items()},
                       "da": da.tolist()}).encode()
    servers = {}
    for name, url in (("old", args.old), ("new", args.new)):
        parts = urllib.parse.urlsplit(url)
        servers[name] = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=600)

    def round_median(name):
        times = []
        for _ in range(args.batch):
            conn = servers[name]
            conn.request("POST", f"/api/v1/{args.cell}/sequence/backward", body=body,
                         headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{name} answered {response.status}")
            times.append(server_timing(response.getheader("Server-Timing"))["compute"])
        return statistics.median(times)

    round_median("old")
    round_median("new")
    old, new = [], []
    for i in range(args.rounds):
        order = ("old", "new") if i % 2 == 0 else ("new", "old")
        medians = {name: round_median(name) for name in order}
        old.append(medians["old"])
        new.append(medians["new"])
    faster = sum(1 for o, n in zip(old, new) if n < o)
    print(f"{args.cell} {args.size}: compute, median of {args.rounds} rounds' medians: old "
          f"{1e3 * statistics.median(old):.3f} ms, new {1e3 * statistics.median(new):.3f} ms; "
          f"new faster in {faster} of {args.rounds} rounds")


if __name__ == "__main__":
    main()
