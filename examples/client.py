#!/usr/bin/env python3
"""The seed's rnn_cell_forward test, computed by rnn-service.

usage: python3 examples/client.py [BASE_URL]        (default http://localhost:8080; needs NumPy)
"""
import json
import sys
import urllib.request

import numpy as np

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"


def post(path, body):
    """POSTs a dict whose values are arrays (or dicts of arrays) and returns the answer as arrays."""
    def plain(v):
        return {k: plain(x) for k, x in v.items()} if isinstance(v, dict) else np.asarray(v).tolist()

    request = urllib.request.Request(BASE + "/api/v1" + path, data=json.dumps(plain(body)).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        return {k: np.array(v) for k, v in json.load(response).items()}


np.random.seed(1)
xt, a_prev = np.random.randn(3, 10), np.random.randn(5, 10)
parameters = {"Waa": np.random.randn(5, 5), "Wax": np.random.randn(5, 3), "Wya": np.random.randn(2, 5),
              "ba": np.random.randn(5, 1), "by": np.random.randn(2, 1)}

out = post("/rnn/cell/forward", {"xt": xt, "a_prev": a_prev, "parameters": parameters})
print("a_next[4] =", out["a_next"][4])        # [ 0.59584544  0.18141802  0.61311866 ...]
print("a_next.shape =", out["a_next"].shape)  # (5, 10)
print("yt_pred[1] =", out["yt_pred"][1])      # [ 0.9888161   0.01682021  0.21140899 ...]
