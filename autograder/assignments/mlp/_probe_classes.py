"""Probe objects: deterministic stand-ins for the layers, loss, network and optimiser around the
piece under test. They are not answers: each backward rule is deliberately *not* the
derivative of its forward, and the network and optimiser apply their own made-up rules.

A check of `Sequential` chains probe layers; the expected result is the same chain computed
in the grader with the same rules, so a `Sequential` that delegates to its layers passes and
one that computes gradients itself fails. `SGD`, `evaluate` and `train_step` get a probe
network, loss and optimiser the same way.

Probes take one extra argument, ``rule`` (a dict of the arrays and numbers of their rule), so
none of them can be built with the contract's constructors: graded as a submission, they earn
nothing. Probe layers and the probe loss derive from the submission's own class of that name
when it defines one (a `Sequential` may dispatch on ``isinstance(layer, Linear)``); `define`
falls back to ``object`` when a student class refuses to be subclassed or to hold attributes.

This file is plain numpy: it runs in the grader (``define(lambda name: None)``) and, sent as
source text by `_probes.py`, in the process running the submission.
"""

import numpy as np


def define(resolve):
    """{"Linear" | "ReLU" | "Sigmoid" | "Tanh" | "SoftmaxCrossEntropyLoss" | "network" |
    "optimizer": probe class}; `resolve(name)` is the submission's class of that name or None."""

    def derive(name, body, trial_attrs):
        parent = resolve(name)
        for base in (parent, object) if isinstance(parent, type) else (object,):
            try:
                cls = type(name, (base,), dict(body))
                cls.__qualname__ = name
                trial = object.__new__(cls) if base is object else cls.__new__(cls)
                for attr in trial_attrs:  # a student __slots__ / property / __setattr__ may refuse
                    setattr(trial, attr, None)
                return cls
            except Exception:  # noqa: BLE001 - any refusal: use a plain base instead
                continue
        raise RuntimeError(f"cannot define the probe {name}")

    def dense_init(self, rule):
        self.W, self.b = rule["W"], rule["b"]  # (in, out), (out,)
        self._rule_B = rule["B"]  # (out, in), unrelated to W

    def dense_call(self, X):
        self._input = X
        return np.tanh(X @ self.W + self.b)

    def dense_bp_input(self, grad):
        return (grad @ self._rule_B) * (1.5 + np.cos(self._input))

    def dense_bp_param(self, grad):
        return {"W": np.sin(self._input).T @ grad, "b": (grad + grad * grad).sum(axis=0)}

    def act_init(self, rule):
        self._rule_a, self._rule_k = rule["a"], rule["k"]  # two unrelated numbers

    def act_call(self, X):
        self._input = X
        return self._rule_a * X + np.sin(X)

    def act_bp_input(self, grad):
        return grad * (self._rule_k + np.cos(2.0 * self._input))

    def no_params(self, grad):
        return {}

    def loss_init(self, rule):
        self._rule_M = rule["M"]  # (classes, classes)

    def loss_call(self, prediction, target):
        self._seen = (prediction, target)
        return float(np.mean(np.sum((np.tanh(prediction) - target) ** 2, axis=1)))

    def loss_bp_input(self, grad=1.0):
        prediction, target = self._seen
        return grad * ((prediction - target) @ self._rule_M) / len(prediction)

    def net_init(self, layers, rule):
        self.layers = list(layers)
        self.grads = [{} for _ in self.layers]
        self._rule_shift, self._rule_damping = rule["shift"], rule["damping"]

    def net_call(self, X):
        self._input = X
        for layer in self.layers:
            X = layer(X)
        return X + self._rule_shift

    def net_backward(self, grad):
        # made up, and deliberately not back-propagation (no layer's backward is called): each
        # parameter's "gradient" is a fixed pattern scaled by a number read off `grad`, so what
        # the optimiser and train_step do with it is still traceable, but nothing here chains
        # layers the way a Sequential must
        scale = self._rule_damping * float(np.sum(np.sin(grad)))
        grads = []
        for i, layer in enumerate(self.layers):
            own = {}
            for name in ("W", "b"):
                value = getattr(layer, name, None)
                if isinstance(value, np.ndarray):
                    pattern = np.cos(np.arange(value.size, dtype=float) + i).reshape(value.shape)
                    own[name] = scale * pattern
            grads.append(own)
        self.grads = grads
        return scale * np.cos(self._input)

    def opt_init(self, network, rule):
        self._network, self._rule_lr, self._rule_decay = network, rule["lr"], rule["decay"]

    def opt_step(self):
        for layer, grads in zip(self._network.layers, self._network.grads, strict=True):
            for name, g in grads.items():
                value = getattr(layer, name)
                setattr(layer, name, value - self._rule_lr * (g + self._rule_decay * value))

    dense = {
        "__init__": dense_init,
        "__call__": dense_call,
        "bp_input": dense_bp_input,
        "bp_param": dense_bp_param,
    }
    act = {
        "__init__": act_init,
        "__call__": act_call,
        "bp_input": act_bp_input,
        "bp_param": no_params,
    }
    out = {"Linear": derive("Linear", dense, ("W", "b", "_rule_B", "_input"))}
    for name in ("ReLU", "Sigmoid", "Tanh"):
        out[name] = derive(name, act, ("_rule_a", "_rule_k", "_input"))
    out["SoftmaxCrossEntropyLoss"] = derive(
        "SoftmaxCrossEntropyLoss",
        {"__init__": loss_init, "__call__": loss_call, "bp_input": loss_bp_input},
        ("_rule_M", "_seen"),
    )
    out["network"] = type(
        "Network", (), {"__init__": net_init, "__call__": net_call, "backward": net_backward}
    )
    out["optimizer"] = type("Optimizer", (), {"__init__": opt_init, "step": opt_step})
    return out
