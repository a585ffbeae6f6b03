#!/usr/bin/python3
"""Validates the NumPy network reference (generate.py) against PyTorch, once; not part of the build.

usage: /usr/bin/python3 src/test/resources/reference/validate_torch.py     (from the repository root)

Needs PyTorch: on Debian `apt-get install python3-torch` (1.13.1 on bookworm) puts it in the system Python,
hence /usr/bin/python3. Everything runs in float64.

1. torch.nn.RNN / nn.LSTM with num_layers=2, bidirectional=True against generate.py's network functions on
   the same weights (the cell is the same function: tanh RNN; LSTM with gate order i, f, g, o, our W split
   into its hidden and input columns, PyTorch's two biases summing to ours): outputs, and every gradient of
   sum(out * da) by autograd.
2. Every network fixture in src/test/resources/reference (layers of different sizes, one- and
   two-directional, initial states): rebuilt layer by layer from single-layer PyTorch modules for the RNN and
   the LSTM; for the GRU, whose course form (Keras reset_after=False) nn.GRU does not compute, from a
   transcription of the cell in torch operations. The fixture's expected forward, backward and loss values
   are compared with PyTorch's outputs and autograd gradients.
"""
import json
import pathlib
import sys

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import generate as ref  # noqa: E402  (the module under validation)

torch.set_default_dtype(torch.float64)
FIXTURES = pathlib.Path(__file__).resolve().parent
TOLERANCE = 1e-10
worst = {"value": 0.0, "where": ""}


def t(v):
    return torch.tensor(np.asarray(v, dtype=float), dtype=torch.float64)


def close(name, expected, actual):
    expected, actual = np.asarray(expected, dtype=float), np.asarray(actual, dtype=float)
    assert expected.shape == actual.shape, (name, expected.shape, actual.shape)
    diff = float(np.max(np.abs(expected - actual) / np.maximum(1.0, np.abs(expected)))) if expected.size else 0.0
    if diff > worst["value"]:
        worst.update(value=diff, where=name)
    assert diff < TOLERANCE, f"{name}: differs by {diff:.3g}"


# ---------------------------------------------------------------- our parameters <-> PyTorch's

LSTM_ORDER = ("i", "f", "c", "o")  # PyTorch's gate order i, f, g, o


def torch_weights(cell, p, n_a):
    """(weight_ih, weight_hh, bias_ih, bias_hh) for PyTorch from our parameters of one direction."""
    if cell == "rnn":
        return t(p["Wax"]), t(p["Waa"]), t(p["ba"]).reshape(-1), torch.zeros(n_a)
    W = np.vstack([np.asarray(p["W" + g]) for g in LSTM_ORDER])
    b = np.vstack([ref.col(p["b" + g]) for g in LSTM_ORDER]).reshape(-1)
    return t(W[:, n_a:]), t(W[:, :n_a]), t(b), torch.zeros(4 * n_a)


def our_gradients(cell, w_ih, w_hh, b_ih, b_hh):
    """Our gradient names from the gradients of PyTorch's weights (biases: both get the same gradient)."""
    if cell == "rnn":
        return {"dWax": w_ih.grad, "dWaa": w_hh.grad, "dba": b_ih.grad.reshape(-1, 1)}
    n_a = w_hh.shape[1]
    out = {}
    for k, g in enumerate(LSTM_ORDER):
        rows = slice(k * n_a, (k + 1) * n_a)
        out["dW" + g] = torch.cat([w_hh.grad[rows], w_ih.grad[rows]], dim=1)
        out["db" + g] = b_ih.grad[rows].reshape(-1, 1)
    return out


def module(cell, n_in, n_a, layers, bidirectional):
    kind = torch.nn.RNN if cell == "rnn" else torch.nn.LSTM
    return kind(n_in, n_a, num_layers=layers, bidirectional=bidirectional).double()


# ---------------------------------------------------------------- 1. num_layers=2, bidirectional=True

def check_two_layer_bidirectional(cell):
    r = np.random.RandomState(2024 + len(cell))
    n_x, n_a, m, T = 3, 4, 2, 5
    layers, n_out = ref.network_of(cell, r, n_x, m, [(n_a, True, True), (n_a, True, True)])
    q = {"x": r.randn(n_x, m, T), "layers": layers, "da": r.randn(n_out, m, T)}
    expected = ref.network_forward(cell)(q)["a"]
    grads = ref.network_backward(cell)(q)

    net = module(cell, n_x, n_a, 2, True)
    params = {}
    for l, layer in enumerate(layers):
        for direction, suffix in (("forward", ""), ("backward", "_reverse")):
            names = [f"{w}_l{l}{suffix}" for w in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
            for name, value in zip(names, torch_weights(cell, layer[direction], n_a)):
                getattr(net, name).data.copy_(value)
            params[(l, direction)] = [getattr(net, name) for name in names]
    # initial states in PyTorch's order: layer 0 forward, layer 0 reverse, layer 1 forward, ...
    h0 = t(np.stack([layer[k].T for layer in layers for k in ("a0", "a0_backward")])).requires_grad_()
    x = t(np.transpose(q["x"], (2, 1, 0))).requires_grad_()
    if cell == "lstm":
        c0 = t(np.stack([layer[k].T for layer in layers for k in ("c0", "c0_backward")])).requires_grad_()
        out, _ = net(x, (h0, c0))
    else:
        out, _ = net(x, h0)
    out.backward(t(np.transpose(q["da"], (2, 1, 0))))
    where = f"{cell} num_layers=2 bidirectional"
    close(where + " a", expected, np.transpose(out.detach().numpy(), (2, 1, 0)))
    close(where + " dx", grads["dx"], np.transpose(x.grad.numpy(), (2, 1, 0)))
    for l in range(2):
        for k, (direction, state) in enumerate((("forward", ""), ("backward", "_backward"))):
            got = our_gradients(cell, *params[(l, direction)])
            for name, value in grads["layers"][l][direction].items():
                close(f"{where} layers[{l}].{direction}.{name}", value, got[name].numpy())
            close(f"{where} layers[{l}].da0{state}", grads["layers"][l]["da0" + state], h0.grad[2 * l + k].numpy().T)
            if cell == "lstm":
                close(f"{where} layers[{l}].dc0{state}", grads["layers"][l]["dc0" + state], c0.grad[2 * l + k].numpy().T)


# ---------------------------------------------------------------- 2. every network fixture

def gru_direction(p, inp, a0, reverse):
    """The course's GRU in torch operations, for autograd: inp (T, m, n_in), a0 (n_a, m)."""
    W = {k: p[k] for k in ("Wr", "Wu", "Wc")}
    b = {k: p[k] for k in ("br", "bu", "bc")}
    a, out = a0, [None] * inp.shape[0]
    for step in (reversed(range(inp.shape[0])) if reverse else range(inp.shape[0])):
        xt = inp[step].T
        z = torch.cat([a, xt])
        rt = torch.sigmoid(W["Wr"] @ z + b["br"])
        ut = torch.sigmoid(W["Wu"] @ z + b["bu"])
        cc = torch.tanh(W["Wc"] @ torch.cat([rt * a, xt]) + b["bc"])
        a = ut * cc + (1 - ut) * a
        out[step] = a.T
    return torch.stack(out)


def rebuild(cell, q):
    """The fixture's network in PyTorch, layer by layer; returns x, the top output and every leaf by our name."""
    m = np.asarray(q["x"]).shape[1]
    x = t(np.transpose(np.asarray(q["x"], dtype=float), (2, 1, 0))).requires_grad_()
    leaves, inp = {"dx": x}, x
    for l, layer in enumerate(q["layers"]):
        outputs = []
        for direction, suffix in (("forward", ""), ("backward", "_backward")):
            if direction not in layer:
                continue
            p = layer[direction]
            n_a = ref.col(p["ba" if cell == "rnn" else "bc"]).shape[0]
            h0 = t(layer.get("a0" + suffix, np.zeros((n_a, m)))).requires_grad_()
            leaves[f"layers[{l}].da0{suffix}"] = h0
            if cell == "gru":
                weights = {k: (t(ref.col(v)) if k.startswith("b") else t(v)).requires_grad_() for k, v in p.items()}
                for k, v in weights.items():
                    leaves[f"layers[{l}].{direction}.d{k}"] = v
                outputs.append(gru_direction(weights, inp, h0, direction == "backward"))
                continue
            net = module(cell, inp.shape[2], n_a, 1, False)
            names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
            for name, value in zip(names, torch_weights(cell, p, n_a)):
                getattr(net, name).data.copy_(value)
            leaves[f"layers[{l}].{direction}"] = (net, names)
            seq = torch.flip(inp, [0]) if direction == "backward" else inp
            if cell == "lstm":
                c0 = t(layer.get("c0" + suffix, np.zeros((n_a, m)))).requires_grad_()
                leaves[f"layers[{l}].dc0{suffix}"] = c0
                out, _ = net(seq, (h0.T.unsqueeze(0), c0.T.unsqueeze(0)))
            else:
                out, _ = net(seq, h0.T.unsqueeze(0))
            outputs.append(torch.flip(out, [0]) if direction == "backward" else out)
        inp = torch.cat(outputs, dim=2)
    return x, inp, leaves


def compare_gradients(cell, name, expected, leaves):
    def to_ours(v):
        return np.transpose(v.grad.numpy(), (2, 1, 0)) if v.dim() == 3 else v.grad.numpy()
    close(f"{name} dx", expected["dx"], to_ours(leaves["dx"]))
    for l, layer in enumerate(expected["layers"]):
        for key, value in layer.items():
            path = f"layers[{l}].{key}"
            if key in ("forward", "backward"):
                if cell == "gru":
                    for g, v in value.items():
                        close(f"{name} {path}.{g}", v, leaves[f"{path}.{g}"].grad.numpy())
                else:
                    net, names = leaves[path]
                    got = our_gradients(cell, *[getattr(net, n) for n in names])
                    for g, v in value.items():
                        close(f"{name} {path}.{g}", v, got[g].numpy())
            else:
                close(f"{name} {path}", value, leaves[path].grad.numpy())


def check_fixture(path):
    fixture = json.loads(path.read_text())
    cell, kind = fixture["path"].split("/")[1], fixture["path"].split("/")[3]
    q, expected, name = fixture["request"], fixture["expected"], path.stem
    if kind == "train":
        return False
    x, top, leaves = rebuild(cell, q)
    if kind == "forward":
        close(name + " a", expected["a"], np.transpose(top.detach().numpy(), (2, 1, 0)))
        return True
    if kind == "backward":
        top.backward(t(np.transpose(np.asarray(q["da"], dtype=float), (2, 1, 0))))
        compare_gradients(cell, name, expected, leaves)
        return True
    # loss: softmax cross-entropy with the optional mask, the divisor m
    Wy = t(q["output"]["Wy"]).requires_grad_()
    by = t(ref.col(q["output"]["by"])).requires_grad_()
    logits = torch.einsum("ya,tma->ymt", Wy, top) + by[:, :, None]
    labels = np.asarray(q["labels"], dtype=float)
    m, T = labels.shape[-2], labels.shape[-1]
    targets = t(ref.targets_of(q, Wy.shape[0]))
    mask = t(q["mask"]) if q.get("mask") is not None else torch.ones(m, T)
    loss = -(mask[None] * targets * torch.log_softmax(logits, dim=0)).sum() / m
    loss.backward()
    close(name + " loss", expected["loss"], loss.item())
    compare_gradients(cell, name, expected["gradients"], leaves)
    close(name + " dWy", expected["gradients"]["output"]["dWy"], Wy.grad.numpy())
    close(name + " dby", expected["gradients"]["output"]["dby"], by.grad.numpy())
    return True


def main():
    for cell in ("rnn", "lstm"):
        check_two_layer_bidirectional(cell)
    checked = sum(check_fixture(p) for p in sorted(FIXTURES.glob("*-network-*.json")))
    print(f"PyTorch {torch.__version__}: nn.RNN and nn.LSTM (num_layers=2, bidirectional=True) and {checked} network "
          f"fixtures (forward, backward, loss; all three cells) agree; largest relative difference "
          f"{worst['value']:.2g} ({worst['where']})")


if __name__ == "__main__":
    main()
