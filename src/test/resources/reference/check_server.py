#!/usr/bin/env python3
"""Compares a running server with the NumPy reference of generate.py on shapes no test uses.

usage: python3 src/test/resources/reference/check_server.py [BASE_URL] [CASES]
       (default http://localhost:8080 and 20 random shape sets; needs NumPy)

Draws (n_x, n_a, n_y, m, T_x) at random between 1 and 9 (each set from its own seed, printed on failure),
posts every endpoint's request and reports the largest difference over all outputs: absolute for
entries of order one, relative to |entry| for larger ones, as SPEC section 5 puts it.
"""
import json
import sys
import urllib.request

import numpy as np

import generate

BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080").rstrip("/")
CASES = int(sys.argv[2]) if len(sys.argv) > 2 else 20


def post(path, body):
    req = urllib.request.Request(BASE + "/api/v1" + path, data=json.dumps(generate.to_json(body)).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)


def worst(expected, actual, path=""):
    if isinstance(expected, dict):
        assert set(expected) == set(actual), (path, sorted(expected), sorted(actual))
        return max(worst(expected[k], actual[k], path + "." + k) for k in expected)
    a = np.array(actual)
    assert a.shape == np.shape(expected), (path, a.shape, np.shape(expected))
    # absolute for values of order one, relative beyond (SPEC section 5)
    return float(np.max(np.abs(a - expected) / np.maximum(1.0, np.abs(expected))))


def main():
    largest, requests = 0.0, 0
    for seed in range(1000, 1000 + CASES):
        r = np.random.RandomState(seed)
        n_x, n_a, n_y, m, T = (int(v) for v in r.randint(1, 10, size=5))
        generate.SHAPES[:] = [(n_x, n_a, n_y, m, T)]
        for name, request in generate.random_cases():
            path = generate.path_of(name)
            gap = worst(generate.ENDPOINTS[path](request), post(path, request))
            if gap > 1e-12:
                print(f"FAIL seed {seed} {path} shape {(n_x, n_a, n_y, m, T)}: off by {gap:.3g}")
                sys.exit(1)
            largest = max(largest, gap)
            requests += 1
    print(f"{requests} requests on {CASES} random shape sets: largest difference {largest:.3g} (limit 1e-12)")


if __name__ == "__main__":
    main()
