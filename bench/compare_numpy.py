#!/usr/bin/env python3
"""Times the service's sequence backward (forward + BPTT) against the seed-style NumPy loop, interleaved.

usage: python3 bench/compare_numpy.py [BASE_URL] [--cells lstm,rnn,gru] [--sizes tiny,mid,large] [--repeats N]

For each cell and size it draws one set of inputs, then alternates: the NumPy loop of the exercise (a Python
loop over time steps calling np.dot, forward then backward, as the seed writes it) and a POST of the same
inputs to /api/v1/{cell}/sequence/backward, whose Server-Timing header gives the compute time (shape checks
and maths, without JSON). It prints the medians and the ratio service / NumPy, plus the JSON parse and write
throughput (body bytes per second of the parse and write durations).

At the mid and large sizes each timed run starts after a quarter second of idle machine (--gap): after its
multiplies NumPy's OpenBLAS threads keep spinning on the cores for a while, and without the pause they take
the cores from the service request that follows. Measured in one run at the LSTM mid size: service 55 ms
right after NumPy, 38 ms after the pause, 41 ms right after a NumPy held to one thread (OPENBLAS_NUM_THREADS=1).

Run it on an idle machine with the service started from the same machine. NumPy's speed depends on its BLAS:
where OPENBLAS_CORETYPE or OPENBLAS_L2_SIZE are set for old OpenBLAS builds they slow a current NumPy, so
unset both for this command (env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 bench/compare_numpy.py).
"""
import argparse
import json
import os
import statistics
import time
import urllib.request

import numpy as np

SIZES = {"tiny": (3, 5, 2, 10, 4), "mid": (64, 128, 10, 32, 50), "large": (256, 512, 10, 64, 100)}
TARGETS = {"tiny": 0.2, "mid": 0.5, "large": 1.0}


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


# ---- the seed-style loops: one np.dot per gate per step, caches in a list, BPTT step by step -------------

def rnn_seed(p, x, a0, da):
    n_x, m, T = x.shape
    caches, a_next = [], a0
    for t in range(T):
        a_prev = a_next
        a_next = np.tanh(np.dot(p["Wax"], x[:, :, t]) + np.dot(p["Waa"], a_prev) + p["ba"])
        caches.append((a_next, a_prev, x[:, :, t]))
    dx = np.zeros_like(x)
    dWax, dWaa, dba = np.zeros_like(p["Wax"]), np.zeros_like(p["Waa"]), np.zeros_like(p["ba"])
    da_prevt = np.zeros_like(a0)
    for t in reversed(range(T)):
        a_next, a_prev, xt = caches[t]
        dtanh = (1 - a_next ** 2) * (da[:, :, t] + da_prevt)
        dx[:, :, t] = np.dot(p["Wax"].T, dtanh)
        dWax += np.dot(dtanh, xt.T)
        da_prevt = np.dot(p["Waa"].T, dtanh)
        dWaa += np.dot(dtanh, a_prev.T)
        dba += np.sum(dtanh, axis=1, keepdims=True)
    return dx, da_prevt


def lstm_seed(p, x, a0, da):
    n_x, m, T = x.shape
    n_a = a0.shape[0]
    caches, a_next, c_next = [], a0, np.zeros_like(a0)
    for t in range(T):
        a_prev, c_prev, xt = a_next, c_next, x[:, :, t]
        concat = np.zeros((n_a + n_x, m))
        concat[:n_a, :] = a_prev
        concat[n_a:, :] = xt
        ft = sigmoid(np.dot(p["Wf"], concat) + p["bf"])
        it = sigmoid(np.dot(p["Wi"], concat) + p["bi"])
        cct = np.tanh(np.dot(p["Wc"], concat) + p["bc"])
        c_next = ft * c_prev + it * cct
        ot = sigmoid(np.dot(p["Wo"], concat) + p["bo"])
        a_next = ot * np.tanh(c_next)
        caches.append((a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt))
    dx = np.zeros_like(x)
    grads = {k: np.zeros_like(p[k]) for k in ("Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo")}
    da_prevt, dc_prevt = np.zeros_like(a0), np.zeros_like(a0)
    for t in reversed(range(T)):
        a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt = caches[t]
        da_next = da[:, :, t] + da_prevt
        tc = np.tanh(c_next)
        dot = da_next * tc * ot * (1 - ot)
        dc = dc_prevt + da_next * ot * (1 - tc ** 2)
        dcct = dc * it * (1 - cct ** 2)
        dit = dc * cct * it * (1 - it)
        dft = dc * c_prev * ft * (1 - ft)
        concat = np.concatenate((a_prev, xt), axis=0)
        for g, d in (("f", dft), ("i", dit), ("c", dcct), ("o", dot)):
            grads["W" + g] += np.dot(d, concat.T)
            grads["b" + g] += np.sum(d, axis=1, keepdims=True)
        dconcat = (np.dot(p["Wf"].T, dft) + np.dot(p["Wi"].T, dit) + np.dot(p["Wc"].T, dcct) + np.dot(p["Wo"].T, dot))
        da_prevt = dconcat[:a0.shape[0]]
        dx[:, :, t] = dconcat[a0.shape[0]:]
        dc_prevt = dc * ft
    return dx, da_prevt


def gru_seed(p, x, a0, da):
    n_x, m, T = x.shape
    n_a = a0.shape[0]
    caches, a_next = [], a0
    for t in range(T):
        a_prev, xt = a_next, x[:, :, t]
        concat = np.concatenate((a_prev, xt), axis=0)
        rt = sigmoid(np.dot(p["Wr"], concat) + p["br"])
        ut = sigmoid(np.dot(p["Wu"], concat) + p["bu"])
        gated = np.concatenate((rt * a_prev, xt), axis=0)
        cct = np.tanh(np.dot(p["Wc"], gated) + p["bc"])
        a_next = ut * cct + (1 - ut) * a_prev
        caches.append((a_prev, xt, concat, gated, rt, ut, cct))
    dx = np.zeros_like(x)
    grads = {k: np.zeros_like(p[k]) for k in ("Wr", "Wu", "Wc", "br", "bu", "bc")}
    da_prevt = np.zeros_like(a0)
    for t in reversed(range(T)):
        a_prev, xt, concat, gated, rt, ut, cct = caches[t]
        dan = da[:, :, t] + da_prevt
        dzc = dan * ut * (1 - cct ** 2)
        dzu = dan * (cct - a_prev) * ut * (1 - ut)
        dg = np.dot(p["Wc"].T, dzc)
        dzr = dg[:n_a] * a_prev * rt * (1 - rt)
        dconcat = np.dot(p["Wr"].T, dzr) + np.dot(p["Wu"].T, dzu)
        grads["Wc"] += np.dot(dzc, gated.T)
        grads["Wr"] += np.dot(dzr, concat.T)
        grads["Wu"] += np.dot(dzu, concat.T)
        for g, d in (("r", dzr), ("u", dzu), ("c", dzc)):
            grads["b" + g] += np.sum(d, axis=1, keepdims=True)
        da_prevt = dan * (1 - ut) + dg[:n_a] * rt + dconcat[:n_a]
        dx[:, :, t] = dg[n_a:] + dconcat[n_a:]
    return dx, da_prevt


SEED = {"rnn": rnn_seed, "lstm": lstm_seed, "gru": gru_seed}


def inputs(cell, size):
    n_x, n_a, n_y, m, T = SIZES[size]
    r = np.random.RandomState(7)
    names = {"rnn": [("Wax", n_x), ("Waa", n_a)], "lstm": [(w, n_a + n_x) for w in ("Wf", "Wi", "Wc", "Wo")],
             "gru": [(w, n_a + n_x) for w in ("Wr", "Wu", "Wc")]}[cell]
    p = {w: r.randn(n_a, cols) / np.sqrt(cols) for w, cols in names}
    for w, _ in names:
        p["b" + w[1:] if cell != "rnn" else "ba"] = r.randn(n_a, 1) * 0.1
    return p, r.randn(n_x, m, T), r.randn(n_a, m) * 0.5, r.randn(n_a, m, T)


def request_body(p, x, a0, da):
    """The sequence-backward request for these inputs, as JSON bytes."""
    return json.dumps({"x": x.tolist(), "a0": a0.tolist(), "parameters": {k: v.tolist() for k, v in p.items()},
                       "da": da.tolist()}).encode()


def server_timing(header):
    out = {}
    for part in header.split(","):
        name, _, dur = part.strip().partition(";dur=")
        out[name] = float(dur) / 1000 if dur else None
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base", nargs="?", default="http://localhost:8080")
    ap.add_argument("--cells", default="lstm,rnn,gru")
    ap.add_argument("--sizes", default="tiny,mid,large")
    ap.add_argument("--repeats", type=int, default=0, help="per size; default 50 tiny, 10 mid, 3 large")
    ap.add_argument("--warmup", type=int, default=-1, help="service-only requests first; default 500 tiny, 20 mid, 1 large")
    ap.add_argument("--gap", type=float, default=-1,
                    help="seconds of idle machine before each timed run; default 0 tiny, 0.25 mid and large: after a "
                         "multiply NumPy's OpenBLAS threads spin on the cores for a while and slow whatever runs next")
    args = ap.parse_args()
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if os.environ.get(var):
            print(f"note: {var} is set; it slows a current NumPy (see the docstring)")
    print(f"{'cell':5} {'size':6} {'numpy s':>10} {'service s':>10} {'ratio':>7} {'target':>7} {'parse MB/s':>11} {'write MB/s':>11}")
    for cell in args.cells.split(","):
        for size in args.sizes.split(","):
            p, x, a0, da = inputs(cell, size)
            body = request_body(p, x, a0, da)
            repeats = args.repeats or {"tiny": 50, "mid": 10, "large": 3}[size]
            warmup = args.warmup if args.warmup >= 0 else {"tiny": 500, "mid": 20, "large": 1}[size]
            gap = args.gap if args.gap >= 0 else {"tiny": 0.0, "mid": 0.25, "large": 0.25}[size]
            for _ in range(warmup):  # let the JIT compile the service's hot paths, as in a long-running server
                req = urllib.request.Request(f"{args.base}/api/v1/{cell}/sequence/backward", data=body,
                                             headers={"Content-Type": "application/json"})
                urllib.request.urlopen(req, timeout=600).read()
            numpy_times, service_times, parse_rates, write_rates = [], [], [], []
            for i in range(repeats + 1):
                time.sleep(gap)
                t0 = time.perf_counter()
                SEED[cell](p, x, a0, da)
                numpy_s = time.perf_counter() - t0
                time.sleep(gap)
                req = urllib.request.Request(f"{args.base}/api/v1/{cell}/sequence/backward", data=body,
                                             headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(req, timeout=600) as r:
                    answer = r.read()
                    timing = server_timing(r.headers["Server-Timing"])
                if i == 0:
                    continue  # warm-up of both
                numpy_times.append(numpy_s)
                service_times.append(timing["compute"])
                parse_rates.append(len(body) / timing["parse"] / 1e6)
                write_rates.append(len(answer) / timing["write"] / 1e6)
            n, s = statistics.median(numpy_times), statistics.median(service_times)
            print(f"{cell:5} {size:6} {n:10.5f} {s:10.5f} {s / n:7.3f} {TARGETS[size]:7.1f} "
                  f"{statistics.median(parse_rates):11.1f} {statistics.median(write_rates):11.1f}", flush=True)


if __name__ == "__main__":
    main()
