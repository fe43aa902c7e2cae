"""What a long run of the student's `SGD` did differently from torch.optim.SGD -- named only
when verified.

A long run is a few phases on one network, each phase a new optimiser (`Phase`); the grader
fed the same gradients to the student's optimiser and to torch's and kept the parameters after
every step. `explain` compares the *update* of each step (the change of every parameter,
flattened into one vector of P numbers per step) and, when they differ, replays a few wrong
models in numpy on the same gradients. A model is named only when it reproduces every step of
the student's run from the first that differs:

- scaled: every update is c_k x torch's (a learning rate that decays, is squared, is missing,
  a flipped sign); the steps where c_k != 1 are listed with c_k, and a constant is named when
  it is the lr, 1/lr, -1, 2 or 1/2.
- restarted: the velocity started again from zero at some steps (reset every K steps, kept
  under a key that changes, momentum applied only after N steps).
- carried: a new SGD started with the previous optimiser's velocity (velocity kept on the
  class, a global or the layers).
- shared by name: one velocity per parameter *name*, shared by layers[0].W and layers[2].W.

Otherwise the message says where the updates first differ, by how much, and how many differ.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._net import Params

#: two updates agree when max|a - b| <= TOL * max|b| (float32 students stay far below)
TOL = 1e-4


@dataclass(frozen=True)
class Phase:
    lr: float
    momentum: float
    steps: int

    def call(self) -> str:
        extra = f", momentum={self.momentum:.3g}" if self.momentum else ""
        return f"SGD(network, lr={self.lr:.3g}{extra})"


def flat(params: Params) -> np.ndarray:
    return np.concatenate([np.ravel(v) for p in params for v in p.values()])


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return float(np.abs(a - b).max()) <= TOL * max(float(np.abs(b).max()), 1e-12)


def _ranges(steps: list[int]) -> str:
    """[3, 4, 5, 9] -> "3-5, 9" (at most 6 pieces)."""
    pieces: list[list[int]] = []
    for s in steps:
        if pieces and s == pieces[-1][1] + 1:
            pieces[-1][1] = s
        else:
            pieces.append([s, s])
    text = [f"{a}-{b}" if b > a else f"{a}" for a, b in pieces[:6]]
    return ", ".join(text) + (", ..." if len(pieces) > 6 else "")


class Run:
    """One long run: phases, gradients fed (T, P), parameters before (P,) and after each step
    (T, P) for the student and for torch."""

    def __init__(self, phases, grads, before, student, torch, layout) -> None:
        self.phases: list[Phase] = phases
        #: per step, its phase
        self.at = [p for p in phases for _ in range(p.steps)]
        self.g = np.stack([flat(g) for g in grads])
        self.ds = np.diff(np.vstack([flat(before)] + [flat(s) for s in student]), axis=0)
        self.dt = np.diff(np.vstack([flat(before)] + [flat(t) for t in torch]), axis=0)
        #: [(layer index, name, slice of the flat vector)]
        self.layout: list[tuple[int, str, slice]] = layout

    def first(self) -> int | None:
        """The first step (0-based) whose update differs from torch's, or None."""
        return next((k for k in range(len(self.ds)) if not _same(self.ds[k], self.dt[k])), None)

    def where(self, k: int) -> str:
        return Run.where_in(self.phases, k)

    @staticmethod
    def where_in(phases: list[Phase], k: int) -> str:
        """Step k (0-based) of the whole run, and of its phase's optimiser."""
        j = k
        for phase in phases:
            if j < phase.steps:
                return f"step {k + 1} (step {j + 1} of {phase.call()})"
            j -= phase.steps
        return f"step {k + 1}"

    def plan(self) -> str:
        parts, s = [], 1
        for i, p in enumerate(self.phases):
            parts.append(f"steps {s}-{s + p.steps - 1}: {'a new ' if i else ''}{p.call()}")
            s += p.steps
        return "; ".join(parts)


def _factor(c: float, phase: Phase) -> str | None:
    def near(x: float) -> bool:
        return abs(c - x) <= 1e-3 * max(abs(x), 1e-3)

    named = [
        (0.0, "the parameters stopped changing"),
        (-1.0, "the sign is flipped (param += lr * v)"),
        (phase.lr, f"that is the learning rate ({phase.lr:.4g}): lr applied twice?"),
        (1.0 / phase.lr, "that is 1 / lr: the learning rate is missing (param -= v)?"),
        (2.0, "a factor of 2"),
        (0.5, "a factor of 1/2"),
    ]
    if phase.momentum:
        named.append(
            (
                1.0 - phase.momentum,
                "that is 1 - momentum: the velocity is dampened, "
                "v = momentum * v + (1 - momentum) * g (use v = momentum * v + g)",
            )
        )
    return next((text for x, text in named if near(x)), None)


def _scaled(run: Run, first: int) -> str | None:
    c = np.array([float(d @ t) / float(t @ t) for d, t in zip(run.ds, run.dt, strict=True)])
    if not all(_same(run.ds[k], c[k] * run.dt[k]) for k in range(first, len(c))):
        return None
    off = [k for k in range(len(c)) if abs(c[k] - 1.0) > TOL]
    segments: list[list[int]] = []  # [first step, last step] of runs of one factor
    for k in off:
        if segments and segments[-1][1] == k - 1 and abs(c[k] - c[segments[-1][0]]) <= TOL:
            segments[-1][1] = k
        else:
            segments.append([k, k])
    shown = [f"steps {a + 1}-{b + 1}: {c[a]:.4g} x" for a, b in segments[:5]]
    text = (
        f"from {run.where(first)} on your updates are {c[first]:.4g} x torch's "
        f"({'; '.join(shown)}{'; ...' if len(segments) > 5 else ''}; every other step as torch)"
    )
    factors = {round(float(c[k]), 6) for k in off}
    named = _factor(c[first], run.at[first]) if len(factors) == 1 else None
    if named:
        return text + f": {named}"
    if len(factors) == 1 and first == 0 and len(off) == len(c):
        return text + ": the same factor on every update"
    return text + (
        ": the learning rate changed during training? (SGD keeps lr fixed for its whole life; "
        "the course lowers it by building a new SGD)"
    )


def _restarted(run: Run) -> list[int] | None:
    """The steps (0-based) where the velocity must have restarted from zero, or None."""
    restarts, k = [], 0
    for phase in run.phases:
        v = np.zeros(run.g.shape[1])
        for _ in range(phase.steps):
            g, d = run.g[k], run.ds[k]
            if _same(d, -phase.lr * (phase.momentum * v + g)):
                v = phase.momentum * v + g
            elif phase.momentum and _same(d, -phase.lr * g):
                restarts.append(k)
                v = g
            else:
                return None
            k += 1
    return restarts or None


def _describe_restarts(run: Run, restarts: list[int]) -> str:
    steps = _ranges([k + 1 for k in restarts])
    text = f"your velocity started again from zero at steps {steps}"
    starts = np.cumsum([0] + [p.steps for p in run.phases])
    for i, p in enumerate(run.phases):
        if not p.momentum:
            continue
        inside = [k for k in restarts if starts[i] < k < starts[i + 1]]
        if not inside:
            continue
        if inside == list(range(starts[i] + 1, starts[i + 1])):
            return text + (
                ": the velocity never carries over to the next step (is it reset in step(), or "
                "kept under a key that changes every step, such as id(param) or id(grad)?)"
            )
        if inside == list(range(starts[i] + 1, inside[-1] + 1)):
            n = inside[-1] - starts[i] + 1
            return text + (
                f": momentum was not applied during the first {n} steps of {p.call()} (the "
                "velocity must be used from the first step on)"
            )
        gaps = set(np.diff([starts[i], *inside]).tolist())
        if len(gaps) == 1:
            return text + f": the velocity was reset every {gaps.pop()} steps (keep it)"
    return text + ": the velocity must be kept from one step to the next"


def _replay(run: Run, key, reset: bool) -> bool:
    """The torch rule with one velocity per `key(layer, name)`, reset for a new optimiser or
    not: does it reproduce every update?"""
    velocity: dict = {}
    k = 0
    for phase in run.phases:
        if reset:
            velocity = {}
        for _ in range(phase.steps):
            predicted = np.zeros_like(run.g[k])
            for i, name, part in run.layout:
                g = run.g[k][part]
                v = phase.momentum * velocity.get(key(i, name), 0.0) + g
                if np.shape(v) != g.shape:
                    return False
                velocity[key(i, name)] = v
                predicted[part] = -phase.lr * v
            if not _same(run.ds[k], predicted):
                return False
            k += 1
    return True


def _generic(run: Run, first: int, reveal: bool) -> str:
    n = sum(not _same(run.ds[k], run.dt[k]) for k in range(first, len(run.ds)))
    worst = []
    for i, name, part in run.layout:
        d, t = run.ds[first][part], run.dt[first][part]
        err = np.abs(d - t)
        if float(err.max()) > TOL * max(float(np.abs(run.dt[first]).max()), 1e-12):
            j = int(np.argmax(err))
            values = f": torch's {t[j]:.6g}, yours {d[j]:.6g}" if reveal else ""
            worst.append(f"layers[{i}].{name} (element {j}{values})")
    return (
        f"from {run.where(first)} on your updates differ from torch.optim.SGD's ({n} of the "
        f"{len(run.ds) - first} steps from there differ); at that step: {', '.join(worst)}"
    )


def explain(run: Run, reveal: bool = True) -> str | None:
    """None when every update matches torch's, else one sentence on what differs."""
    first = run.first()
    if first is None:
        return None
    text = _scaled(run, first)
    if text:
        return text
    restarts = _restarted(run)
    if restarts:
        return _describe_restarts(run, restarts)
    if _replay(run, lambda i, name: (i, name), reset=False):
        return (
            f"from {run.where(first)} on your updates differ: a new SGD started with the previous "
            "optimiser's velocity. Keep the velocity in the optimiser object (self.velocity = {} "
            "in __init__), not in the class, a global or the layers"
        )
    if _replay(run, lambda i, name: name, reset=True):
        return (
            f"from {run.where(first)} on your updates differ: the velocity is keyed by the "
            "parameter's name only, so layers with a parameter of the same name share one "
            "velocity. Key it by layer and name, e.g. (i, name)"
        )
    return _generic(run, first, reveal)
