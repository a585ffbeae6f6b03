#!/usr/bin/env python3
"""Regenerates the reference fixtures and the OpenAPI examples from an independent NumPy implementation.

usage: python3 src/test/resources/reference/generate.py      (from the repository root; needs NumPy)

Writes
  src/test/resources/reference/<case>.json   {"path", "request", "expected"} for every endpoint: the seed's
                                              recipes (np.random.seed(1)) and random shapes with size-1 dimensions
  src/test/resources/reference/index.json    the names of those cases, which the Java test holds the folder to
  src/main/resources/examples/<endpoint>.json the seed's request for each endpoint (Swagger UI, http-requests/);
                                              the cells the exercise does not test follow its LSTM recipes
                                              and <endpoint>.response.json, the answer to it

The maths below is written from the API reference's equations in vectorised NumPy (whole-batch matmuls, einsum
for the parameter gradients) and shares no code with the Java service. A cell family is one entry of FAMILIES:
its step forward and backward, its parameters in the declaration's order and their builder, its output layer,
memory and gates; every endpoint's reference and every case are derived from those. Before writing anything it
checks itself against the values the exercise publishes, and every family's gradients against central
differences.
"""
import json
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[4]
FIXTURES = ROOT / "src/test/resources/reference"
EXAMPLES = ROOT / "src/main/resources/examples"
INDEX = "index.json"


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def col(b):
    return np.asarray(b, dtype=float).reshape(-1, 1)


# ---------------------------------------------------------------- the families
# A family is its NumPy step forward and backward, its parameters (in the declaration's order, as the Java
# CellTypes lists them), its output layer's weights, whether it has a memory, its gates, and the builders of its
# cases. A step takes the state before it, a tuple (a_prev,) or (a_prev, c_prev), and returns the state after it
# and its gates; a backward step takes the gradient of the state after it and returns dxt, the gradient of the
# state before it ("d_prev"), and every parameter's gradient. Everything else in this file is generic.


class Family:
    def __init__(self, name, parameters, output, memory, gates, step, back, params, memory_task):
        self.name, self.parameters, self.output, self.memory, self.gates = name, parameters, output, memory, gates
        self.step, self.back, self.params, self.memory_task = step, back, params, memory_task

    def gradient_names(self):
        return ["d" + p for p in self.parameters]


# ---- RNN

def rnn_step(p, xt, state):
    a_next = np.tanh(p["Wax"] @ xt + p["Waa"] @ state[0] + col(p["ba"]))
    return (a_next,), {}


def rnn_step_back(p, xt, state, d_next):
    a_prev, a_next = state[0], rnn_step(p, xt, state)[0][0]
    dz = d_next[0] * (1.0 - a_next ** 2)
    return {"dxt": p["Wax"].T @ dz, "d_prev": (p["Waa"].T @ dz,),
            "dWax": np.einsum("im,jm->ij", dz, xt), "dWaa": np.einsum("im,jm->ij", dz, a_prev),
            "dba": dz.sum(axis=1, keepdims=True)}


def rnn_params(r, n_a, n_x, n_y=None, vector_bias=False):
    p = {"Wax": r.randn(n_a, n_x), "Waa": r.randn(n_a, n_a), "ba": r.randn(n_a) if vector_bias else r.randn(n_a, 1)}
    if n_y is not None:
        p["Wya"], p["by"] = r.randn(n_y, n_a), r.randn(n_y, 1)
    return p


# ---- LSTM

def lstm_step(p, xt, state):
    a_prev, c_prev = state
    z = np.vstack([a_prev, xt])
    g = {"ft": sigmoid(p["Wf"] @ z + col(p["bf"])), "it": sigmoid(p["Wi"] @ z + col(p["bi"])),
         "cct": np.tanh(p["Wc"] @ z + col(p["bc"])), "ot": sigmoid(p["Wo"] @ z + col(p["bo"]))}
    c_next = g["ft"] * c_prev + g["it"] * g["cct"]
    a_next = g["ot"] * np.tanh(c_next)
    return (a_next, c_next), g


def lstm_step_back(p, xt, state, d_next):
    (a_prev, c_prev), (da_next, dc_next) = state, d_next
    n_a = a_prev.shape[0]
    (_, c_next), g = lstm_step(p, xt, state)
    z = np.vstack([a_prev, xt])
    th = np.tanh(c_next)
    dc = dc_next + da_next * g["ot"] * (1 - th ** 2)
    dz = {"o": da_next * th * g["ot"] * (1 - g["ot"]),
          "c": dc * g["it"] * (1 - g["cct"] ** 2),
          "i": dc * g["cct"] * g["it"] * (1 - g["it"]),
          "f": dc * c_prev * g["ft"] * (1 - g["ft"])}
    dconcat = sum(p["W" + k].T @ v for k, v in dz.items())
    out = {"dxt": dconcat[n_a:], "d_prev": (dconcat[:n_a], dc * g["ft"])}
    for k in "fico":
        out["dW" + k] = np.einsum("im,jm->ij", dz[k], z)
        out["db" + k] = dz[k].sum(axis=1, keepdims=True)
    return out


def lstm_params(r, n_a, n_x, n_y=None, vector_bias=False):
    p = {}
    for w, b in (("Wf", "bf"), ("Wi", "bi"), ("Wo", "bo"), ("Wc", "bc")):
        p[w] = r.randn(n_a, n_a + n_x)
        p[b] = r.randn(n_a) if vector_bias else r.randn(n_a, 1)
    if n_y is not None:
        p["Wy"], p["by"] = r.randn(n_y, n_a), r.randn(n_y, 1)
    return p


# ---- GRU (the course's full GRU)

def gru_step(p, xt, state):
    a_prev = state[0]
    z = np.vstack([a_prev, xt])
    r = sigmoid(p["Wr"] @ z + col(p["br"]))
    u = sigmoid(p["Wu"] @ z + col(p["bu"]))
    cc = np.tanh(p["Wc"] @ np.vstack([r * a_prev, xt]) + col(p["bc"]))
    return (u * cc + (1 - u) * a_prev,), {"rt": r, "ut": u, "cct": cc}


def gru_step_back(p, xt, state, d_next):
    a_prev, da_next = state[0], d_next[0]
    n_a = a_prev.shape[0]
    _, g = gru_step(p, xt, state)
    r, u, cc = g["rt"], g["ut"], g["cct"]
    z, zr = np.vstack([a_prev, xt]), np.vstack([r * a_prev, xt])
    dzc = da_next * u * (1 - cc ** 2)
    dzu = da_next * (cc - a_prev) * u * (1 - u)
    d_zr = p["Wc"].T @ dzc
    dzr = d_zr[:n_a] * a_prev * r * (1 - r)
    d_z = p["Wr"].T @ dzr + p["Wu"].T @ dzu
    return {"dxt": d_zr[n_a:] + d_z[n_a:], "d_prev": (da_next * (1 - u) + d_zr[:n_a] * r + d_z[:n_a],),
            "dWr": np.einsum("im,jm->ij", dzr, z), "dWu": np.einsum("im,jm->ij", dzu, z),
            "dWc": np.einsum("im,jm->ij", dzc, zr), "dbr": dzr.sum(axis=1, keepdims=True),
            "dbu": dzu.sum(axis=1, keepdims=True), "dbc": dzc.sum(axis=1, keepdims=True)}


def gru_params(r, n_a, n_x, n_y=None, vector_bias=False):
    p = {}
    for w, b in (("Wr", "br"), ("Wu", "bu"), ("Wc", "bc")):
        p[w] = r.randn(n_a, n_a + n_x)
        p[b] = r.randn(n_a) if vector_bias else r.randn(n_a, 1)
    if n_y is not None:
        p["Wy"], p["by"] = r.randn(n_y, n_a), r.randn(n_y, 1)
    return p


def gated_memory_task(names, n_a, n_x):
    """The train example's parameters: every weight (n_a, n_a + n_x) · 0.3, zero biases, in the order given."""
    def build(r):
        weights, biases = [w for w in names if w.startswith("W")], [b for b in names if b.startswith("b")]
        return {**{w: r.randn(n_a, n_a + n_x) * 0.3 for w in weights}, **{b: np.zeros((n_a, 1)) for b in biases},
                "Wy": r.randn(3, n_a) * 0.5, "by": np.zeros((3, 1))}
    return build


FAMILIES = {
    "rnn": Family("rnn", ["Wax", "Waa", "ba"], "Wya", False, [], rnn_step, rnn_step_back, rnn_params,
                  lambda r: {"Wax": r.randn(8, 3) * 0.5, "Waa": r.randn(8, 8) * 0.3, "ba": np.zeros((8, 1)),
                             "Wya": r.randn(3, 8) * 0.5, "by": np.zeros((3, 1))}),
    "lstm": Family("lstm", ["Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo"], "Wy", True, ["ft", "it", "cct", "ot"],
                   lstm_step, lstm_step_back, lstm_params,
                   gated_memory_task(["Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo"], 8, 3)),
    "gru": Family("gru", ["Wr", "Wu", "Wc", "br", "bu", "bc"], "Wy", False, ["rt", "ut", "cct"], gru_step, gru_step_back,
                  gru_params, gated_memory_task(["Wr", "Wu", "Wc", "br", "bu", "bc"], 8, 3)),
}
CELLS = list(FAMILIES)


# ---------------------------------------------------------------- cells and sequences, for every family

def initial_state(fam, q, a0, c0):
    return (q[a0], q.get(c0, np.zeros_like(q[a0]))) if fam.memory else (q[a0],)


def predict(w, b, a):
    return softmax(np.einsum("ya,amt->ymt", w, a) + col(b)[:, :, None])


def stacked_gates(per_step):
    return {k: np.stack([g[k] for g in per_step], axis=2) for k in per_step[0]}


def cell_forward(fam):
    def endpoint(q):
        p = q["parameters"]
        state, gates = fam.step(p, q["xt"], initial_state(fam, q, "a_prev", "c_prev"))
        out = {"a_next": state[0], **({"c_next": state[1]} if fam.memory else {}),
               "yt_pred": softmax(p[fam.output] @ state[0] + col(p["by"]))}
        return {**out, "gates": gates} if fam.gates else out
    return endpoint


def cell_backward(fam):
    def endpoint(q):
        d_next = (q["da_next"], q["dc_next"]) if fam.memory else (q["da_next"],)
        g = fam.back(q["parameters"], q["xt"], initial_state(fam, q, "a_prev", "c_prev"), d_next)
        out = {"dxt": g["dxt"], "da_prev": g["d_prev"][0], **({"dc_prev": g["d_prev"][1]} if fam.memory else {})}
        return {**out, **{k: v for k, v in g.items() if k not in ("dxt", "d_prev")}}
    return endpoint


def run(fam, p, x, state):
    """Every step forward from state: the states before each step (and after the last), and the gates."""
    states, gates = [state], []
    for t in range(x.shape[2]):
        state, g = fam.step(p, x[:, :, t], state)
        states.append(state)
        gates.append(g)
    return states, gates


def sequence_forward(fam):
    def endpoint(q):
        p = q["parameters"]
        states, gates = run(fam, p, q["x"], initial_state(fam, q, "a0", "c0"))
        a = np.stack([s[0] for s in states[1:]], axis=2)
        out = {"a": a, **({"c": np.stack([s[1] for s in states[1:]], axis=2)} if fam.memory else {}),
               "y_pred": predict(p[fam.output], p["by"], a)}
        return {**out, "gates": stacked_gates(gates)} if q.get("return_gates") and fam.gates else out
    return endpoint


def sequence_backward(fam):
    def endpoint(q):
        p, x, da = q["parameters"], q["x"], q["da"]
        states, _ = run(fam, p, x, initial_state(fam, q, "a0", "c0"))
        out = {"dx": np.zeros_like(x)}
        carry = tuple(np.zeros_like(q["a0"]) for _ in states[0])
        for t in reversed(range(x.shape[2])):
            g = fam.back(p, x[:, :, t], states[t], (da[:, :, t] + carry[0],) + carry[1:])
            out["dx"][:, :, t] = g["dxt"]
            carry = g["d_prev"]
            for k in fam.gradient_names():
                out[k] = out.get(k, 0) + g[k]
        out["da0"] = carry[0]
        if fam.memory:
            out["dc0"] = carry[1]
        return out
    return endpoint


# ---------------------------------------------------------------- loss, training, randn

def targets_of(q, n_y):
    labels = np.asarray(q["labels"], dtype=float)
    if labels.ndim == 3:
        return labels
    m, T = labels.shape
    Y = np.zeros((n_y, m, T))
    for j in range(m):
        for t in range(T):
            Y[int(labels[j, t]), j, t] = 1.0
    return Y


def score(W, b, a, q):
    """Softmax cross-entropy of softmax(W·a⟨t⟩ + b) against q's labels: the loss, dz and the upstream da."""
    m = a.shape[1]
    z = np.einsum("ya,amt->ymt", W, a) + col(b)[:, :, None]
    zmax = z.max(axis=0, keepdims=True)
    logp = z - (zmax + np.log(np.exp(z - zmax).sum(axis=0, keepdims=True)))
    Y = targets_of(q, W.shape[0])
    w = np.asarray(q["mask"], dtype=float) if q.get("mask") is not None else np.ones(z.shape[1:])
    loss = -(w[None] * Y * logp).sum() / m
    dz = (np.exp(logp) - Y) * w[None] / m
    return loss, dz, np.einsum("ya,ymt->amt", W, dz)


def loss_and_gradients(cell, q):
    fam = FAMILIES[cell]
    out_w = fam.output
    p = q["parameters"]
    a = sequence_forward(fam)(q)["a"]
    loss, dz, da = score(p[out_w], p["by"], a, q)
    back = sequence_backward(fam)({**q, "da": da})
    grads = {k: v for k, v in back.items()}
    grads["d" + out_w] = np.einsum("ymt,amt->ya", dz, a)
    grads["dby"] = dz.sum(axis=(1, 2))[:, None]
    return loss, grads


def sequence_loss(cell):
    def endpoint(q):
        loss, grads = loss_and_gradients(cell, q)
        return {"loss": loss, "gradients": grads}
    return endpoint


def optimize(params, gradients_of, q):
    """The training loop of SPEC section 2: gradients_of(params) -> (loss, {name: gradient}); clip; sgd or adam."""
    opt = q["optimizer"]
    state = q.get("state") or {}
    step = state.get("step", 0)
    m_ = {k: np.array(v, dtype=float) for k, v in state.get("m", {}).items()}
    v_ = {k: np.array(v, dtype=float) for k, v in state.get("v", {}).items()}
    losses = []
    for _ in range(q.get("steps", 1)):
        loss, g = gradients_of(params)
        losses.append(loss)
        if q.get("clip_value") is not None:
            g = {k: np.clip(x, -q["clip_value"], q["clip_value"]) for k, x in g.items()}
        if q.get("clip_norm") is not None:  # torch.nn.utils.clip_grad_norm_: the norm of the per-tensor norms
            total = np.linalg.norm([np.linalg.norm(x) for x in g.values()])
            scale = min(1.0, q["clip_norm"] / (total + 1e-6))
            g = {k: x * scale for k, x in g.items()}
        step += 1
        lr = opt["learning_rate"]
        if opt["name"] == "sgd":
            params = {k: params[k] - g[k] * lr for k in params}
        else:
            b1, b2, eps = opt.get("beta1", 0.9), opt.get("beta2", 0.999), opt.get("epsilon", 1e-8)
            for k in params:
                m_[k] = b1 * m_.get(k, 0.0) + (1 - b1) * g[k]
                v_[k] = b2 * v_.get(k, 0.0) + (1 - b2) * g[k] * g[k]
                m_hat, v_hat = m_[k] / (1 - b1 ** step), v_[k] / (1 - b2 ** step)
                params[k] = params[k] - lr * m_hat / (np.sqrt(v_hat) + eps)
    out_state = {"step": step}
    if opt["name"] == "adam":
        out_state.update({"m": m_, "v": v_})
    return params, losses, out_state


def as_parameter(name, v):
    return col(v) if np.ndim(v) == 1 or name.startswith("b") else np.array(v, dtype=float)


def train(cell):
    def endpoint(q):
        params = {k: as_parameter(k, v) for k, v in q["parameters"].items()}

        def gradients_of(current):
            loss, grads = loss_and_gradients(cell, {**q, "parameters": current})
            return loss, {k: grads["d" + k] for k in current}

        params, losses, state = optimize(params, gradients_of, q)
        return {"parameters": params, "losses": losses, "state": state}
    return endpoint


def hidden_states(cell, q):
    fam = FAMILIES[cell]
    states, _ = run(fam, q["parameters"], q["x"], initial_state(fam, q, "a0", "c0"))
    return np.stack([state[0] for state in states[1:]], axis=2)


def gradient_check(cell):
    """The course's check, for the OpenAPI example's answer only: its digits are central-difference noise,
    which no two implementations share, so it is no fixture."""
    fam = FAMILIES[cell]

    def endpoint(q):
        eps, threshold = q.get("epsilon", 1e-7), q.get("threshold", 1e-7)
        analytic = sequence_backward(fam)(q)
        inputs = {"x": q["x"], "a0": q["a0"], **({"c0": q["c0"]} if "c0" in q else {}), **{
            k: v for k, v in q["parameters"].items() if k in fam.parameters}}
        if fam.memory and "c0" not in q:
            inputs["c0"] = np.zeros_like(q["a0"])
        loss = lambda v: float(np.sum(hidden_states(cell, {**q, "x": v["x"], "a0": v["a0"], **(
            {"c0": v["c0"]} if "c0" in v else {}), "parameters": {**q["parameters"], **v}}) * q["da"]))
        results = {}
        for name, value in inputs.items():
            value = np.array(value, dtype=float)
            numeric = np.zeros_like(value)
            for i in np.ndindex(value.shape):
                plus, minus = value.copy(), value.copy()
                plus[i] += eps
                minus[i] -= eps
                numeric[i] = (loss({**inputs, name: plus}) - loss({**inputs, name: minus})) / (2 * eps)
            g = np.asarray(analytic["d" + name], dtype=float).reshape(numeric.shape)
            denominator = np.linalg.norm(g) + np.linalg.norm(numeric)
            difference = 0.0 if denominator == 0 else float(np.linalg.norm(g - numeric) / denominator)
            results["d" + name] = {"relative_difference": difference, "passed": difference < threshold}
        return {"passed": all(r["passed"] for r in results.values()), "results": results}
    return endpoint


# ---------------------------------------------------------------- deep and bidirectional networks
# Each direction runs its own time loop here, forward (t = 0 … T−1) or backward (t = T−1 … 0), on the step
# functions above; the service instead reverses the sequence and reuses its one driver.

def layer_parameters(p):
    return {k: as_parameter(k, v) for k, v in p.items()}


def direction_forward(cell, p, inp, state, reverse):
    fam = FAMILIES[cell]
    n_a, m, T = state[0].shape[0], inp.shape[1], inp.shape[2]
    a = np.zeros((n_a, m, T))
    prev = {}
    for t in (range(T - 1, -1, -1) if reverse else range(T)):
        prev[t] = state
        state, _ = fam.step(p, inp[:, :, t], state)
        a[:, :, t] = state[0]
    return a, prev


def direction_backward(cell, p, inp, a, prev, da, reverse):
    """BPTT of one direction: the gradient flows against the direction's own time order."""
    fam = FAMILIES[cell]
    T = inp.shape[2]
    d_in, grads = np.zeros_like(inp), {}
    carry = tuple(np.zeros_like(a[:, :, 0]) for _ in prev[0])
    for t in (range(T) if reverse else range(T - 1, -1, -1)):
        g = fam.back(p, inp[:, :, t], prev[t], (da[:, :, t] + carry[0],) + carry[1:])
        d_in[:, :, t] = g["dxt"]
        carry = g["d_prev"]
        for k, v in g.items():
            if k.startswith("dW") or k.startswith("db"):
                grads[k] = grads.get(k, 0) + v
    return d_in, grads, carry[0], (carry[1] if fam.memory else None)


def network_run(cell, q):
    """Every layer forward; returns the layers' outputs and what the backward pass needs."""
    inp, runs, outputs = np.asarray(q["x"], dtype=float), [], []
    m = inp.shape[1]
    for layer in q["layers"]:
        run = {"input": inp}
        for direction, reverse in (("forward", False), ("backward", True)):
            if direction not in layer:
                continue
            p = layer_parameters(layer[direction])
            n_a = p[FAMILIES[cell].parameters[0]].shape[0]
            suffix = "_backward" if reverse else ""
            state = tuple(np.asarray(layer.get(s + suffix, np.zeros((n_a, m))), dtype=float)
                          for s in (("a0", "c0") if FAMILIES[cell].memory else ("a0",)))
            a, prev = direction_forward(cell, p, inp, state, reverse)
            run[direction] = (p, a, prev)
        out = run["forward"][1] if "backward" not in run else np.concatenate([run["forward"][1], run["backward"][1]])
        runs.append(run)
        outputs.append(out)
        inp = out
    return outputs, runs


def network_forward(cell):
    def endpoint(q):
        outputs, _ = network_run(cell, q)
        out = {"a": outputs[-1]}
        if q.get("output") is not None:
            out["y_pred"] = predict(np.asarray(q["output"]["Wy"], dtype=float), q["output"]["by"], outputs[-1])
        if q.get("return_layers"):
            out["layers"] = [{"a": a} for a in outputs]
        return out
    return endpoint


def network_gradients(cell, q, runs, da):
    layers = [None] * len(runs)
    d = da
    for l in reversed(range(len(runs))):
        run, entry = runs[l], {}
        n_a = run["forward"][1].shape[0]
        d_in = 0
        for direction, reverse, part in (("forward", False, d[:n_a]), ("backward", True, d[n_a:])):
            if direction not in run:
                continue
            p, a, prev = run[direction]
            di, grads, da0, dc0 = direction_backward(cell, p, run["input"], a, prev, part, reverse)
            d_in = d_in + di
            suffix = "_backward" if reverse else ""
            entry[direction] = grads
            entry["da0" + suffix] = da0
            if dc0 is not None:
                entry["dc0" + suffix] = dc0
        order = ["forward", "backward", "da0", "dc0", "da0_backward", "dc0_backward"]
        layers[l] = {k: entry[k] for k in order if k in entry}
        d = d_in
    return {"dx": d, "layers": layers}


def network_backward(cell):
    def endpoint(q):
        _, runs = network_run(cell, q)
        return network_gradients(cell, q, runs, np.asarray(q["da"], dtype=float))
    return endpoint


def network_loss_and_gradients(cell, q):
    outputs, runs = network_run(cell, q)
    W = np.asarray(q["output"]["Wy"], dtype=float)
    loss, dz, da = score(W, q["output"]["by"], outputs[-1], q)
    grads = network_gradients(cell, q, runs, da)
    grads["output"] = {"dWy": np.einsum("ymt,amt->ya", dz, outputs[-1]), "dby": dz.sum(axis=(1, 2))[:, None]}
    return loss, grads


def network_loss(cell):
    def endpoint(q):
        loss, grads = network_loss_and_gradients(cell, q)
        return {"loss": loss, "gradients": grads}
    return endpoint


def network_train(cell):
    """Trains every parameter by path (layers[l].forward.Wf, output.Wy), as the optimizer state keys them."""
    def endpoint(q):
        params = {}
        for l, layer in enumerate(q["layers"]):
            for direction in ("forward", "backward"):
                for k, v in layer.get(direction, {}).items():
                    params[f"layers[{l}].{direction}.{k}"] = as_parameter(k, v)
        params["output.Wy"] = as_parameter("Wy", q["output"]["Wy"])
        params["output.by"] = as_parameter("by", q["output"]["by"])

        def rebuild(current):
            layers = []
            for l, layer in enumerate(q["layers"]):
                rebuilt = {k: v for k, v in layer.items() if k not in ("forward", "backward")}
                for direction in ("forward", "backward"):
                    if direction in layer:
                        rebuilt[direction] = {k: current[f"layers[{l}].{direction}.{k}"] for k in layer[direction]}
                layers.append(rebuilt)
            return {**q, "layers": layers, "output": {"Wy": current["output.Wy"], "by": current["output.by"]}}

        def gradients_of(current):
            loss, grads = network_loss_and_gradients(cell, rebuild(current))
            g = {}
            for l, layer in enumerate(grads["layers"]):
                for direction in ("forward", "backward"):
                    for k, v in layer.get(direction, {}).items():
                        g[f"layers[{l}].{direction}.{k[1:]}"] = v
            g["output.Wy"], g["output.by"] = grads["output"]["dWy"], grads["output"]["dby"]
            return loss, {k: g[k] for k in current}

        params, losses, state = optimize(params, gradients_of, q)
        trained = rebuild(params)
        return {"layers": [{k: v for k, v in layer.items()} for layer in trained["layers"]],
                "output": trained["output"], "losses": losses, "state": state}
    return endpoint


def randn(q):
    np.random.seed(q["seed"])
    return {"arrays": [np.random.randn(*shape) if shape else np.random.randn() for shape in q["shapes"]]}


ENDPOINTS = {"/random/randn": randn}
for _cell, _family in FAMILIES.items():
    ENDPOINTS[f"/{_cell}/cell/forward"] = cell_forward(_family)
    ENDPOINTS[f"/{_cell}/cell/backward"] = cell_backward(_family)
    ENDPOINTS[f"/{_cell}/sequence/forward"] = sequence_forward(_family)
    ENDPOINTS[f"/{_cell}/sequence/backward"] = sequence_backward(_family)
    ENDPOINTS[f"/{_cell}/network/forward"] = network_forward(_cell)
    ENDPOINTS[f"/{_cell}/network/backward"] = network_backward(_cell)
    ENDPOINTS[f"/{_cell}/network/loss"] = network_loss(_cell)
    ENDPOINTS[f"/{_cell}/network/train"] = network_train(_cell)
    ENDPOINTS[f"/{_cell}/sequence/loss"] = sequence_loss(_cell)
    ENDPOINTS[f"/{_cell}/train"] = train(_cell)
    ENDPOINTS[f"/{_cell}/gradient-check"] = gradient_check(_cell)


# ---------------------------------------------------------------- the cases

def seed_cases():
    """The exercise's test recipes, drawn in its order (the RNN cell backward one with ba, not b)."""
    R = np.random.RandomState
    r = R(1)
    xt, ap = r.randn(3, 10), r.randn(5, 10)
    p = {"Waa": r.randn(5, 5), "Wax": r.randn(5, 3), "Wya": r.randn(2, 5), "ba": r.randn(5, 1), "by": r.randn(2, 1)}
    yield "rnn-cell-forward", {"xt": xt, "a_prev": ap, "parameters": p}
    r = R(1)
    x, a0 = r.randn(3, 10, 4), r.randn(5, 10)
    p = {"Waa": r.randn(5, 5), "Wax": r.randn(5, 3), "Wya": r.randn(2, 5), "ba": r.randn(5, 1), "by": r.randn(2, 1)}
    yield "rnn-sequence-forward", {"x": x, "a0": a0, "parameters": p}
    r = R(1)
    xt, ap = r.randn(3, 10), r.randn(5, 10)
    p = {"Wax": r.randn(5, 3), "Waa": r.randn(5, 5), "Wya": r.randn(2, 5), "ba": r.randn(5, 1), "by": r.randn(2, 1)}
    yield "rnn-cell-backward", {"xt": xt, "a_prev": ap, "parameters": p, "da_next": r.randn(5, 10)}
    r = R(1)
    x, a0 = r.randn(3, 10, 4), r.randn(5, 10)
    p = {"Wax": r.randn(5, 3), "Waa": r.randn(5, 5), "Wya": r.randn(2, 5), "ba": r.randn(5, 1), "by": r.randn(2, 1)}
    yield "rnn-sequence-backward", {"x": x, "a0": a0, "parameters": p, "da": r.randn(5, 10, 4)}
    r = R(1)
    xt, ap, cp = r.randn(3, 10), r.randn(5, 10), r.randn(5, 10)
    p = lstm_params(r, 5, 3, 2)
    yield "lstm-cell-forward", {"xt": xt, "a_prev": ap, "c_prev": cp, "parameters": p}
    dan, dcn = r.randn(5, 10), r.randn(5, 10)
    yield "lstm-cell-backward", {"xt": xt, "a_prev": ap, "c_prev": cp, "parameters": p, "da_next": dan, "dc_next": dcn}
    r = R(1)
    x, a0 = r.randn(3, 10, 7), r.randn(5, 10)
    yield "lstm-sequence-forward", {"x": x, "a0": a0, "parameters": lstm_params(r, 5, 3, 2)}
    # the exercise backpropagates the first 4 of its 7 steps: x holds those 4 so that da matches a
    r = R(1)
    x, a0 = r.randn(3, 10, 7), r.randn(5, 10)
    p = lstm_params(r, 5, 3)
    yield "lstm-sequence-backward", {"x": x[:, :, :4], "a0": a0, "parameters": p, "da": r.randn(5, 10, 4)}
    # the exercise tests no other cell: theirs follow its LSTM recipes, drawing each family's parameters as its
    # params() lists them (for the GRU: Wr, br, Wu, bu, Wc, bc, Wy, by)
    for fam in FAMILIES.values():
        if fam.name in ("rnn", "lstm"):
            continue
        r = R(1)
        xt, ap = r.randn(3, 10), r.randn(5, 10)
        states = {"a_prev": ap, **({"c_prev": r.randn(5, 10)} if fam.memory else {})}
        p = fam.params(r, 5, 3, 2)
        yield f"{fam.name}-cell-forward", {"xt": xt, **states, "parameters": p}
        d_next = {"da_next": r.randn(5, 10), **({"dc_next": r.randn(5, 10)} if fam.memory else {})}
        yield f"{fam.name}-cell-backward", {"xt": xt, **states, "parameters": p, **d_next}
        r = R(1)
        x, a0 = r.randn(3, 10, 4), r.randn(5, 10)
        p = fam.params(r, 5, 3, 2)
        yield f"{fam.name}-sequence-forward", {"x": x, "a0": a0, "parameters": p}
        yield f"{fam.name}-sequence-backward", {"x": x, "a0": a0, "parameters": p, "da": r.randn(5, 10, 4)}


# (n_x, n_a, n_y, m, T_x): every dimension at 1 somewhere, and the first case all ones
SHAPES = [(1, 1, 1, 1, 1), (2, 3, 4, 1, 5), (4, 1, 2, 3, 2), (1, 4, 1, 2, 3), (3, 2, 3, 5, 1)]


def random_cases():
    """Every family on every shape of SHAPES: one stream of draws per shape, each family's after the one before."""
    for k, (n_x, n_a, n_y, m, T) in enumerate(SHAPES):
        r = np.random.RandomState(100 + k)
        vec = k % 2 == 1  # every other case sends its biases as 1-D arrays
        bias = (lambda n: r.randn(n)) if vec else (lambda n: r.randn(n, 1))
        tag = f"{n_x}x{n_a}x{n_y}x{m}x{T}"
        for fam in FAMILIES.values():
            p = fam.params(r, n_a, n_x, vector_bias=vec)
            p[fam.output], p["by"] = r.randn(n_y, n_a), bias(n_y)
            no_output = {name: v for name, v in p.items() if name in fam.parameters}
            xt, ap, x, a0, dan, da = r.randn(n_x, m), r.randn(n_a, m), r.randn(n_x, m, T), r.randn(n_a, m), \
                r.randn(n_a, m), r.randn(n_a, m, T)
            prev, d_next, start = {"a_prev": ap}, {"da_next": dan}, {"x": x, "a0": a0}
            if fam.memory:
                prev["c_prev"], d_next["dc_next"] = r.randn(n_a, m), r.randn(n_a, m)
                if k % 2 == 0:  # c0 given in some cases, zeros in the others
                    start["c0"] = r.randn(n_a, m)
            name = fam.name
            yield f"{name}-cell-forward-{tag}", {"xt": xt, **prev, "parameters": p}
            yield f"{name}-cell-backward-{tag}", {"xt": xt, **prev, "parameters": no_output, **d_next}
            yield f"{name}-sequence-forward-{tag}", {**start, "parameters": p}
            yield f"{name}-sequence-backward-{tag}", {**start, "parameters": p, "da": da}
            # return_gates on every cell's sequence forward (a cell without gates answers none); false gives the
            # plain answer
            yield f"{name}-sequence-forward-gates-{tag}", {**start, "parameters": p, "return_gates": True}
            yield f"{name}-sequence-forward-nogates-{tag}", {**start, "parameters": p, "return_gates": False}


def training_cases():
    """Loss with both label forms, with and without a mask; SGD and Adam with each clipping mode; randn."""
    for cell, fam in FAMILIES.items():
        for k, (n_x, n_a, n_y, m, T) in enumerate([(2, 3, 4, 3, 4), (1, 1, 2, 1, 1), (3, 2, 3, 4, 2)]):
            r = np.random.RandomState(500 + 10 * k + len(cell))
            q = {"x": r.randn(n_x, m, T), "a0": r.randn(n_a, m), "parameters": fam.params(r, n_a, n_x, n_y)}
            if fam.memory and k != 1:
                q["c0"] = r.randn(n_a, m)
            indices = r.randint(0, n_y, size=(m, T))
            one_hot = np.zeros((n_y, m, T))
            for j in range(m):
                for t in range(T):
                    one_hot[indices[j, t], j, t] = 1.0
            mask = (r.rand(m, T) < 0.7).astype(float)
            mask[0, 0] = 1.0
            padded = one_hot * mask[None]  # padding steps as all-zero targets, which the mask leaves out
            tag = f"{n_x}x{n_a}x{n_y}x{m}x{T}"
            yield f"{cell}-sequence-loss-indices-{tag}", {**q, "labels": indices}
            yield f"{cell}-sequence-loss-onehot-{tag}", {**q, "labels": one_hot}
            yield f"{cell}-sequence-loss-indices-mask-{tag}", {**q, "labels": indices, "mask": mask}
            yield f"{cell}-sequence-loss-onehot-mask-{tag}", {**q, "labels": padded, "mask": mask}
            if k == 0:
                base = {**q, "labels": indices}
                yield f"{cell}-train-sgd-{tag}", {**base, "steps": 3, "optimizer": {"name": "sgd", "learning_rate": 0.1}}
                yield f"{cell}-train-sgd-clip-value-{tag}", {**base, "steps": 3, "clip_value": 0.05,
                                                             "optimizer": {"name": "sgd", "learning_rate": 0.5}}
                yield f"{cell}-train-adam-{tag}", {**base, "steps": 4, "optimizer": {"name": "adam", "learning_rate": 0.01}}
                yield f"{cell}-train-adam-clip-norm-{tag}", {**base, "steps": 4, "clip_norm": 0.1, "optimizer": {
                    "name": "adam", "learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6}}
                yield f"{cell}-train-adam-both-clips-mask-{tag}", {**base, "mask": mask, "steps": 3, "clip_value": 0.02,
                                                                   "clip_norm": 0.05, "optimizer": {"name": "adam", "learning_rate": 0.03}}
                first = {**base, "steps": 2, "optimizer": {"name": "adam", "learning_rate": 0.01}}
                done = train(cell)(first)
                yield f"{cell}-train-adam-continued-{tag}", {**first, "parameters": done["parameters"], "steps": 2,
                                                              "state": done["state"]}
    for seed, shapes in ((0, [[3], [2, 5]]), (1, [[3, 10], [5, 10], [5, 5], [5, 3], [2, 5], [5, 1], [2, 1]]),
                         (2 ** 32 - 1, [[1], [3, 3], [], [2, 0], [1, 1, 3]]), (12345, [[7], [7], [101]]),
                         (42, [[2, 3, 4], [999]])):
        yield f"random-randn-seed-{seed}", {"seed": seed, "shapes": shapes}


def layer_of(cell, r, n_a, n_in, scale=1.0):
    return {k: v * scale for k, v in FAMILIES[cell].params(r, n_a, n_in).items()}


def network_of(cell, r, n_x, m, layers):
    """layers: (n_a, bidirectional, with initial states) bottom first."""
    built, n_in = [], n_x
    for n_a, bidirectional, states in layers:
        layer = {"forward": layer_of(cell, r, n_a, n_in)}
        if bidirectional:
            layer["backward"] = layer_of(cell, r, n_a, n_in)
        if states:
            for suffix in ("", "_backward") if bidirectional else ("",):
                layer["a0" + suffix] = r.randn(n_a, m)
                if FAMILIES[cell].memory:
                    layer["c0" + suffix] = r.randn(n_a, m)
        built.append(layer)
        n_in = n_a * (2 if bidirectional else 1)
    return built, n_in


# (n_x, m, T_x, n_y, layers): one bidirectional layer; two one-directional layers of different sizes; two
# bidirectional layers with given initial states
NETWORKS = {"bi1": (3, 2, 4, 3, [(4, True, False)]),
            "uni2": (2, 3, 3, 2, [(4, False, False), (2, False, False)]),
            "bi2-states": (3, 2, 3, 4, [(3, True, True), (2, True, True)])}


def network_cases():
    for cell in CELLS:
        for k, (tag, (n_x, m, T, n_y, spec)) in enumerate(NETWORKS.items()):
            r = np.random.RandomState(900 + 10 * k + len(cell))
            layers, n_out = network_of(cell, r, n_x, m, spec)
            x = r.randn(n_x, m, T)
            output = {"Wy": r.randn(n_y, n_out), "by": r.randn(n_y, 1)}
            yield f"{cell}-network-forward-{tag}", {"x": x, "layers": layers}
            yield f"{cell}-network-forward-output-{tag}", {"x": x, "layers": layers, "output": output,
                                                            "return_layers": True}
            yield f"{cell}-network-backward-{tag}", {"x": x, "layers": layers, "da": r.randn(n_out, m, T)}
            indices = r.randint(0, n_y, size=(m, T))
            mask = (r.rand(m, T) < 0.7).astype(float)
            mask[0, 0] = 1.0
            one_hot = np.zeros((n_y, m, T))
            for j in range(m):
                for t in range(T):
                    one_hot[indices[j, t], j, t] = 1.0
            base = {"x": x, "layers": layers, "output": output}
            yield f"{cell}-network-loss-indices-{tag}", {**base, "labels": indices}
            yield f"{cell}-network-loss-onehot-mask-{tag}", {**base, "labels": one_hot * mask[None], "mask": mask}
            yield f"{cell}-network-train-sgd-clip-value-{tag}", {**base, "labels": indices, "steps": 3, "clip_value": 0.05,
                                                                  "optimizer": {"name": "sgd", "learning_rate": 0.3}}
            first = {**base, "labels": indices, "mask": mask, "steps": 2, "clip_norm": 0.5,
                     "optimizer": {"name": "adam", "learning_rate": 0.02}}
            yield f"{cell}-network-train-adam-clip-norm-{tag}", first
            done = network_train(cell)(first)
            yield f"{cell}-network-train-adam-continued-{tag}", {**first, "layers": done["layers"],
                                                                  "output": done["output"], "state": done["state"]}


def network_examples():
    """A 2-layer bidirectional network of each cell on small tensors, for the OpenAPI examples."""
    for cell in CELLS:
        r = np.random.RandomState(11)
        layers, n_out = network_of(cell, r, 3, 2, [(4, True, False), (3, True, False)])
        x = r.randn(3, 2, 5)
        output = {"Wy": r.randn(2, n_out), "by": r.randn(2, 1)}
        yield f"{cell}-network-forward", {"x": x, "layers": layers, "output": output}
        yield f"{cell}-network-backward", {"x": x, "layers": layers, "da": r.randn(n_out, 2, 5)}
        labels = r.randint(0, 2, size=(2, 5))
        yield f"{cell}-network-loss", {"x": x, "layers": layers, "output": output, "labels": labels}
        yield f"{cell}-network-train", {"x": x, "layers": layers, "output": output, "labels": labels, "steps": 5,
                                        "optimizer": {"name": "adam", "learning_rate": 0.05}}


def path_of(name):
    if name.startswith("random-randn"):
        return "/random/randn"
    family, kind = name.split("-")[:2]
    if kind in ("train", "gradient"):
        return f"/{family}/{'train' if kind == 'train' else 'gradient-check'}"
    return f"/{family}/{kind}/{name.split('-')[2]}"


def to_json(v):
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    return v


def example_cases():
    """The OpenAPI examples of the training endpoints: the exercise's tensors with labels, a task that learns, randn."""
    seeds = dict(seed_cases())
    for cell in FAMILIES:
        q = dict(seeds[f"{cell}-sequence-forward"])
        q["labels"] = np.random.RandomState(3).randint(0, 2, size=(10, q["x"].shape[2]))
        yield f"{cell}-sequence-loss", q
    # a task that needs memory: read a sequence of symbols 0..2 (one-hot) and, at every step, name the one before
    r = np.random.RandomState(7)
    symbols = r.randint(0, 3, size=(6, 5))
    x = np.zeros((3, 6, 5))
    for j in range(6):
        for t in range(5):
            x[symbols[j, t], j, t] = 1.0
    previous = np.concatenate([np.zeros((6, 1), dtype=int), symbols[:, :-1]], axis=1)
    for cell, fam in FAMILIES.items():
        yield f"{cell}-train", {"x": x, "a0": np.zeros((8, 6)), "parameters": fam.memory_task(r), "labels": previous,
                                "steps": 30, "optimizer": {"name": "adam", "learning_rate": 0.05}, "clip_norm": 5.0}
    for cell in FAMILIES:
        yield f"{cell}-gradient-check", dict(seeds[f"{cell}-sequence-backward"])
    yield "random-randn", {"seed": 1, "shapes": [[3, 10], [5, 10], [5, 5], [5, 3], [2, 5], [5, 1], [2, 1]]}


def pretty(v, depth=0):
    """JSON with each innermost row of numbers on one line, for examples a person reads."""
    pad = "  " * (depth + 1)
    if isinstance(v, dict):
        items = [f'{pad}{json.dumps(k)}: {pretty(x, depth + 1)}' for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    if isinstance(v, list) and v and isinstance(v[0], list):
        return "[\n" + ",\n".join(pad + pretty(x, depth + 1) for x in v) + "\n" + "  " * depth + "]"
    return json.dumps(v)


def check_against_exercise():
    """The values the exercise prints, which this implementation must reproduce."""
    got = {name: ENDPOINTS[path_of(name)](q) for name, q in seed_cases()}
    expect = [("rnn-cell-forward", "a_next", (4, 0), 0.59584544), ("rnn-cell-forward", "yt_pred", (1, 0), 0.9888161),
              ("rnn-sequence-forward", "a", (4, 1, 0), -0.99999375),
              ("rnn-sequence-forward", "y_pred", (1, 3, 0), 0.79560373),
              ("rnn-cell-backward", "dxt", (1, 2), -1.3872130506), ("rnn-cell-backward", "dba", (4, 0), 0.20023491),
              ("rnn-sequence-backward", "dx", (1, 2, 0), -2.07101689),
              ("rnn-sequence-backward", "dWax", (3, 1), 11.2641044965),
              ("lstm-cell-forward", "a_next", (4, 0), -0.66408471), ("lstm-cell-forward", "c_next", (2, 0), 0.63267805),
              ("lstm-cell-backward", "dxt", (1, 2), 3.23055911511),
              ("lstm-cell-backward", "dc_prev", (2, 3), 0.797522038797),
              ("lstm-sequence-forward", "a", (4, 3, 6), 0.172117767533),
              ("lstm-sequence-forward", "c", (1, 2, 1), -0.855544916718),
              ("lstm-sequence-backward", "dx", (1, 2, 0), 0.00218254),
              ("lstm-sequence-backward", "da0", (2, 3), 0.312770310257),
              ("lstm-sequence-backward", "dbo", (4, 0), -0.17958196)]
    for name, field, index, value in expect:
        assert abs(got[name][field][index] - value) < 5e-8, (name, field, got[name][field][index], value)
    for fam in FAMILIES.values():
        check_by_differences(fam)


def check_by_differences(fam):
    """The exercise publishes values for the RNN and LSTM only: check every family's gradients against central
    differences too."""
    r = np.random.RandomState(7)
    q = {"x": r.randn(2, 3, 3), "a0": r.randn(4, 3), "parameters": fam.params(r, 4, 2), "da": r.randn(4, 3, 3)}
    if fam.memory:
        q["c0"] = r.randn(4, 3)
    grads = sequence_backward(fam)(q)
    loss = lambda: float(np.sum(hidden_states(fam.name, q) * q["da"]))
    variables = [("x", q["x"]), ("a0", q["a0"])] + ([("c0", q["c0"])] if fam.memory else [])
    for name, value in variables + [(k, v) for k, v in q["parameters"].items()]:
        numeric = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            old = value[i]
            value[i] = old + 1e-6
            up = loss()
            value[i] = old - 1e-6
            numeric[i] = (up - loss()) / 2e-6
            value[i] = old
        assert np.allclose(grads["d" + name], numeric, rtol=1e-6, atol=1e-7), (fam.name, name)


def same(a, b, tolerance=1e-12):
    """Whether two JSON trees agree: the same fields and shapes, numbers within the fixtures' tolerance."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k], tolerance) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same(x, y, tolerance) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and not isinstance(a, bool) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return abs(a - b) <= tolerance * max(1.0, abs(a))
    return a == b


def write_example(path, tree):
    """Writes an OpenAPI example unless the file holds it already: NumPy's BLAS rounds the last bits differently on
    another processor, and an example that agrees within 1e-12 stays as it is, not churned. 1 if written."""
    # a gradient check's relative differences are central-difference noise, which no two runs need share
    tolerance = float("inf") if "gradient-check" in path.name else 1e-12
    if path.exists() and same(json.loads(path.read_text()), tree, tolerance):
        return 0
    path.write_text(pretty(tree) + "\n")
    return 1


def main():
    check_against_exercise()
    for f in FIXTURES.glob("*.json"):
        f.unlink()
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    count = examples = 0
    names = []
    for seeded, cases in ((True, seed_cases()), (False, random_cases()), (False, training_cases()),
                          (True, example_cases()), (False, network_cases()), (True, network_examples())):
        for name, request in cases:
            path = path_of(name)
            expected = ENDPOINTS[path](request)
            if not path.endswith("/gradient-check"):
                fixture = {"path": path, "request": to_json(request), "expected": to_json(expected)}
                (FIXTURES / f"{name}.json").write_text(json.dumps(fixture) + "\n")
                names.append(name)
                count += 1
            if seeded:
                examples += write_example(EXAMPLES / f"{name}.json", to_json(request))
                examples += write_example(EXAMPLES / f"{name}.response.json", to_json(expected))
    # the list the Java test holds the directory to, exactly: a fixture lost or left over fails it
    (FIXTURES / INDEX).write_text(json.dumps(sorted(names), indent=1) + "\n")
    print(f"wrote {count} fixtures to {FIXTURES.relative_to(ROOT)}, and {examples} examples or answers to "
          f"{EXAMPLES.relative_to(ROOT)} that were new or changed")


if __name__ == "__main__":
    main()
