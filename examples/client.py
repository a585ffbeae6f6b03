"""The exercise's lstm_cell_forward test, computed by rnn-service (standard library and NumPy only)."""
import json
import urllib.request

import numpy as np

BASE = "http://localhost:8080/api/v1"


def post(path, body):
    """POSTs arrays (or dicts of them) as nested lists; returns the answer's arrays as np.ndarray."""
    def plain(v):
        return {k: plain(x) for k, x in v.items()} if isinstance(v, dict) else np.asarray(v).tolist()

    request = urllib.request.Request(BASE + path, data=json.dumps(plain(body)).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        answer = json.load(response)
    return {k: np.array(v) if isinstance(v, list) else v for k, v in answer.items()}


np.random.seed(1)
xt, a_prev, c_prev = np.random.randn(3, 10), np.random.randn(5, 10), np.random.randn(5, 10)
parameters = {}
for w, b in (("Wf", "bf"), ("Wi", "bi"), ("Wo", "bo"), ("Wc", "bc")):
    parameters[w], parameters[b] = np.random.randn(5, 5 + 3), np.random.randn(5, 1)
parameters["Wy"], parameters["by"] = np.random.randn(2, 5), np.random.randn(2, 1)

out = post("/lstm/cell/forward", {"xt": xt, "a_prev": a_prev, "c_prev": c_prev, "parameters": parameters})
print("a_next[4] =", out["a_next"][4])    # [-0.66408471  0.0036921   0.02088357  0.22834167 -0.85575339 ...]
print("c_next[2] =", out["c_next"][2])    # [ 0.63267805  1.00570849  0.35504474  0.20690913 -1.64566718 ...]
print("yt[1] =", out["yt_pred"][1])       # [ 0.79913913  0.15986619  0.22412122  0.15606108  0.97057211 ...]
assert np.allclose(out["a_next"][4][:2], [-0.66408471, 0.0036921], atol=1e-8)
