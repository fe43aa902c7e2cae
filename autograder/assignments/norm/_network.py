"""The end-to-end network as a chain of stages: the grader's torch layers and the student's.

784-H-H-10: Linear, BatchNorm1d, ReLU, Dropout, Linear, BatchNorm1d, ReLU, Dropout, Linear,
softmax cross-entropy. Only BatchNorm1d and Dropout are the student's (assignment 4); the
Linear layers, ReLU and the loss run in torch autograd on the grader's side, so no answer of
assignment 1 or 2 is needed in the student's hands or in the kit. Every stage has the same
interface: ``forward(x)`` and ``vjp(g)`` (the backward pass) on float32 torch tensors (the
student's code receives float64 arrays, as in every check; its answers are rounded to
float32), ``params`` (torch tensors the grader's SGD updates) and ``train(flag)``.

- `Torch`: a function of torch tensors, differentiated by autograd (the Linear layers, ReLU,
  and -- for the credit assignment -- torch's BatchNorm and a Dropout drawing its mask from
  the same seeded generator as the student's would).
- `Student`: one of the student's objects in the session; forward and backward go through
  ``__call__``, ``bp_input`` and ``bp_param``, and the grader pushes gamma and beta back after
  every step.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...errors import BadReturn
from ...runner import SeededGenerator
from ...toolkit.compare import as_array, as_param_dict


class Torch:
    """A grader-side stage: y = fn(x, *params, training) in torch autograd."""

    def __init__(self, fn, params: dict[str, Any] | None = None) -> None:
        self.fn, self.params = fn, params or {}
        self.training = True

    def train(self, flag: bool) -> None:
        self.training = flag

    def forward(self, x):
        import torch

        if not self.training:
            with torch.no_grad():
                return self.fn(x, self.params, False)
        self._x = x.detach().requires_grad_(True)
        self._y = self.fn(self._x, self.params, True)
        return self._y.detach()

    def vjp(self, g):
        import torch

        leaves = [self._x, *self.params.values()]
        grads = torch.autograd.grad(self._y, leaves, grad_outputs=g)
        for p, dp in zip(self.params.values(), grads[1:], strict=True):
            p.grad = dp
        return grads[0]


class Student:
    """The student's BatchNorm1d or Dropout in the session."""

    def __init__(self, session: Any, name: str, args: tuple, params: dict[str, Any]) -> None:
        self.name, self.params = name, params
        self.subject = session.new(name, *args)
        self.push()

    def train(self, flag: bool) -> None:
        self.subject.set("training", flag)

    def push(self) -> None:
        for key, value in self.params.items():
            self.subject.set(key, value.detach().numpy().copy())

    def _array(self, value: Any, where: str, shape) -> Any:
        import torch

        out = as_array(value, f"{self.name}.{where}", shape)
        if out.shape != tuple(shape):
            raise BadReturn(f"{self.name}.{where} returned shape {out.shape}, expected {shape}")
        return torch.from_numpy(np.ascontiguousarray(out, dtype=np.float32))

    def forward(self, x):
        self._shape = tuple(x.shape)
        return self._array(self.subject.call("__call__", x.numpy()), "__call__", self._shape)

    def vjp(self, g):
        upstream = g.numpy()
        if self.params:
            grads = as_param_dict(
                self.subject.call("bp_param", upstream),
                f"{self.name}.bp_param",
                {k: v.detach().numpy() for k, v in self.params.items()},
            )
            for key, value in self.params.items():
                value.grad = self._array(grads[key], f"bp_param[{key!r}]", tuple(value.shape))
        return self._array(self.subject.call("bp_input", upstream), "bp_input", self._shape)


def _linear(x, p, training):
    return x @ p["W"] + p["b"]


def _relu(x, p, training):
    return x.clamp(min=0)


def torch_batch_norm(hidden: int):
    """torch's BatchNorm1d (its running statistics, its eval mode) as a grader-side stage."""
    import torch

    buffers = {
        "mean": torch.zeros(hidden, dtype=torch.float32),
        "var": torch.ones(hidden, dtype=torch.float32),
    }

    def fn(x, p, training):
        return torch.nn.functional.batch_norm(
            x, buffers["mean"], buffers["var"], p["gamma"], p["beta"], training, 0.1, 1e-5
        )

    return fn


def torch_dropout(p: float, seed: int):
    """Inverted dropout whose masks come from ``default_rng(seed)``, as the student's do."""
    import torch

    rng = np.random.default_rng(seed)

    def fn(x, params, training):
        if not training:
            return x
        mask = torch.from_numpy((rng.random(tuple(x.shape)) >= p).astype(np.float32))
        return x * mask / (1.0 - p)

    return fn


def _leaf(value: np.ndarray):
    import torch

    return torch.tensor(value, dtype=torch.float32, requires_grad=True)


def build(session: Any, theirs: dict[str, bool], hidden: int, p: float, seed: int) -> list[Any]:
    """The stages of one run. ``theirs[name]``: the student's class (True) or torch's."""
    rng = np.random.default_rng([seed, 1])
    stages: list[Any] = []
    sizes = (784, hidden, hidden, 10)
    for i, (d_in, d_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        bound = 1.0 / np.sqrt(d_in)  # torch's default initialisation
        weights = {
            "W": _leaf(rng.uniform(-bound, bound, (d_in, d_out))),
            "b": _leaf(rng.uniform(-bound, bound, d_out)),
        }
        stages.append(Torch(_linear, weights))
        if i == 2:
            break
        norm = {"gamma": _leaf(np.ones(d_out)), "beta": _leaf(np.zeros(d_out))}
        if theirs["BatchNorm1d"]:
            stages.append(Student(session, "BatchNorm1d", (d_out,), norm))
        else:
            stages.append(Torch(torch_batch_norm(d_out), norm))
        stages.append(Torch(_relu))
        mask_seed = int(rng.integers(2**62))
        if theirs["Dropout"]:
            dropout = Student(session, "Dropout", (p,), {})
            dropout.subject.set("rng", SeededGenerator(mask_seed))
            stages.append(dropout)
        else:
            stages.append(Torch(torch_dropout(p, mask_seed)))
    return stages


def parameters(stages: list[Any]) -> list[Any]:
    return [v for s in stages for v in s.params.values()]


def forward(stages: list[Any], x):
    for stage in stages:
        x = stage.forward(x)
    return x


def backward(stages: list[Any], g) -> None:
    for stage in reversed(stages):
        g = stage.vjp(g)


def set_training(stages: list[Any], flag: bool) -> None:
    for stage in stages:
        stage.train(flag)


def push(stages: list[Any]) -> None:
    """Send the updated gamma and beta to the student's objects."""
    for stage in stages:
        if isinstance(stage, Student):
            stage.push()
