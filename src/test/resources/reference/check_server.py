#!/usr/bin/env python3
"""Compares a running server with the NumPy reference of generate.py on shapes no test uses.

usage: python3 src/test/resources/reference/check_server.py [BASE_URL] [CASES]
       (default http://localhost:8080 and 20 random shape sets; needs NumPy)

Draws (n_x, n_a, n_y, m, T_x) at random between 1 and 9 (each set from its own seed, printed on failure),
posts every endpoint's request and reports the largest difference over all outputs: absolute for
entries of order one, relative to |entry| for larger ones, as SPEC section 5 puts it. Each set also draws
a network of 1 to 3 layers (sizes 1 to 7, each one- or two-directional, initial states or not) for every
cell and posts its forward, backward, loss and training requests. Two more sets are large enough
(n_a 64 to 96, m 12 to 16, T_x 40 to 50) for the service to split a sequence's batch across cores, and
post the sequence forward (with and without gates), backward and loss requests of every cell and a bidirectional network layer's backward (whose two
directions the service runs on a core each), with weights scaled by 1/sqrt(columns) so that the gradients
stay of moderate size.
"""
import itertools
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
    if isinstance(expected, list) and expected and isinstance(expected[0], dict):
        assert len(expected) == len(actual), (path, len(expected), len(actual))
        return max(worst(e, a, f"{path}[{i}]") for i, (e, a) in enumerate(zip(expected, actual)))
    if isinstance(expected, dict):
        assert set(expected) == set(actual), (path, sorted(expected), sorted(actual))
        return max(worst(expected[k], actual[k], path + "." + k) for k in expected)
    a = np.array(actual)
    assert a.shape == np.shape(expected), (path, a.shape, np.shape(expected))
    # absolute for values of order one, relative beyond (SPEC section 5)
    return float(np.max(np.abs(a - expected) / np.maximum(1.0, np.abs(expected))))


def network_cases(r, n_x, n_y, m, T):
    spec = [(int(r.randint(1, 8)), bool(r.rand() < 0.5), bool(r.rand() < 0.5)) for _ in range(r.randint(1, 4))]
    for cell in generate.CELLS:
        layers, n_out = generate.network_of(cell, r, n_x, m, spec)
        x = r.randn(n_x, m, T)
        output = {"Wy": r.randn(n_y, n_out), "by": r.randn(n_y, 1)}
        labels = r.randint(0, n_y, size=(m, T))
        mask = (r.rand(m, T) < 0.8).astype(float)
        base = {"x": x, "layers": layers}
        yield f"/{cell}/network/forward", {**base, "output": output, "return_layers": True}
        yield f"/{cell}/network/backward", {**base, "da": r.randn(n_out, m, T)}
        yield f"/{cell}/network/loss", {**base, "output": output, "labels": labels, "mask": mask}
        yield f"/{cell}/network/train", {**base, "output": output, "labels": labels, "steps": 2, "clip_norm": 1.0,
                                         "optimizer": {"name": "adam", "learning_rate": 0.01}}


def scaled(parameters):
    """Weights divided by sqrt(columns), as an initializer draws them: at n_a of 64 or more, weights of unit
    scale make BPTT explode (gradients of 1e14, where any two correct orders of summation differ in the
    leading digits)."""
    return {k: np.asarray(v) / np.sqrt(np.shape(v)[1]) if k.startswith("W") else v for k, v in parameters.items()}


def random_sets():
    """(seed, shape, path, request) for every endpoint on CASES random shape sets."""
    for seed in range(1000, 1000 + CASES):
        r = np.random.RandomState(seed)
        shape = n_x, n_a, n_y, m, T = tuple(int(v) for v in r.randint(1, 10, size=5))
        generate.SHAPES[:] = [shape]
        cases = [(generate.path_of(name), request) for name, request in generate.random_cases()]
        for path, request in cases + list(network_cases(r, n_x, n_y, m, T)):
            yield seed, shape, path, request


def splitting_sets():
    """(seed, shape, path, request) on two sets large enough for the service to split a sequence's batch."""
    for seed in (2000, 2001):
        r = np.random.RandomState(seed)
        shape = n_x, n_a, n_y, m, T = (int(r.randint(1, 10)), int(r.randint(64, 97)), int(r.randint(2, 10)),
                                       int(r.randint(12, 17)), int(r.randint(40, 51)))
        generate.SHAPES[:] = [shape]
        for name, request in generate.random_cases():
            path = generate.path_of(name)
            if not path.endswith(("/sequence/backward", "/sequence/forward")):
                continue
            request["parameters"] = scaled(request["parameters"])
            yield seed, shape, path, request
            if path.endswith("/backward"):
                loss = {**{k: v for k, v in request.items() if k != "da"}, "labels": r.randint(0, n_y, size=(m, T))}
                yield seed, shape, path.replace("/backward", "/loss"), loss
        # a bidirectional layer of that size, whose directions the service runs on a core each
        for cell in generate.CELLS:
            layers, n_out = generate.network_of(cell, r, n_x, m, [(n_a, True, True)])
            for direction in ("forward", "backward"):
                layers[0][direction] = scaled(layers[0][direction])
            yield seed, shape, f"/{cell}/network/backward", {"x": r.randn(n_x, m, T), "layers": layers,
                                                              "da": r.randn(n_out, m, T)}


def main():
    largest, requests = 0.0, 0
    for seed, shape, path, request in itertools.chain(random_sets(), splitting_sets()):
        gap = worst(generate.to_json(generate.ENDPOINTS[path](request)), post(path, request))
        if gap > 1e-12:
            print(f"FAIL seed {seed} {path} shape {shape}: off by {gap:.3g}")
            sys.exit(1)
        largest = max(largest, gap)
        requests += 1
    print(f"{requests} requests on {CASES} random shape sets and 2 batch-splitting ones: largest difference "
          f"{largest:.3g} (limit 1e-12)")


if __name__ == "__main__":
    main()
