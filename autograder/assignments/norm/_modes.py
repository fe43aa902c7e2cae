"""Training and eval mode for assignment 1's generic checks: the state the grader sets.

Assignment 1's checks build a layer, set its parameters, call it and compare with a torch
forward. A normalisation layer has state besides its parameters, so each check of this
assignment runs through `in_mode`, which hands the generic check

- a `NormSpec` whose torch forward is closed over that state: in eval mode the running
  statistics (drawn per check and per feature count from the check's seeded rng), for Dropout
  the keep-mask the grader's generator draws (``default_rng(seed).random(shape) >= p``, one
  seed per check and per input shape), and the mistakes of that mode;
- a session that sets the same state on every object it builds: ``training = False`` and the
  running statistics in eval mode; for Dropout ``rng = default_rng(seed)`` (a
  `SeededGenerator`, built in the worker) before every forward call, so repeated forwards on
  one shape draw the same mask (finite differences need a deterministic forward) while a
  bp_input that draws again gets other numbers.

A failure in eval mode (or at another p) says so first: "eval mode: BatchNorm1d.bp_input: ...".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ...errors import CheckFailed
from ...runner import SeededGenerator
from ...toolkit.drive import Ctx
from .contract import P, batch_norm, normalise


@dataclass(frozen=True)
class Mode:
    """How a check runs a class: in training or eval mode, Dropout at which p."""

    training: bool = True
    #: Dropout's p (None: the class's default, `contract.P`)
    p: float | None = None

    @property
    def label(self) -> str:
        parts = [] if self.training else ["eval mode"]
        if self.p is not None:
            parts.append(f"p = {self.p:g}")
        return ", ".join(parts)


TRAIN, EVAL = Mode(), Mode(training=False)


class State:
    """The state of one check run: running statistics per feature count, generator seeds
    per input shape, all drawn lazily from the check's rng."""

    def __init__(self, rng: np.random.Generator, mode: Mode) -> None:
        self.rng, self.mode = rng, mode
        self.p = P if mode.p is None else mode.p
        self._buffers: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._seeds: dict[tuple[int, ...], int] = {}

    def buffers(self, f: int) -> tuple[np.ndarray, np.ndarray]:
        """(running_mean, running_var) for F = f features."""
        if f not in self._buffers:
            mean = self.rng.standard_normal(f)
            self._buffers[f] = (mean, self.rng.uniform(0.3, 3.0, f))
        return self._buffers[f]

    def seed(self, shape: tuple[int, ...]) -> int:
        shape = tuple(int(n) for n in shape)
        if shape not in self._seeds:
            self._seeds[shape] = int(self.rng.integers(2**62))
        return self._seeds[shape]

    def mask(self, shape: tuple[int, ...], draw: int = 0) -> np.ndarray:
        """The keep-mask (float 0 / 1) of the `draw`-th draw of the generator for `shape`."""
        gen = np.random.default_rng(self.seed(shape))
        for _ in range(draw):
            gen.random(shape)
        return (gen.random(shape) >= self.p).astype(np.float64)


@dataclass(frozen=True)
class NormSpec:
    """A `contract.Spec` in one mode, with what assignment 1's Spec has no room for."""

    #: the class's Spec with this mode's forward and bp_input mistakes
    base: Any
    mode: Mode = TRAIN
    #: named mistakes of bp_param: name -> f(t, X, gamma, beta) -> (wrong output, {param:
    #: leaf}); the mistake's gradients are autograd's of <grad, wrong output> w.r.t. the leaves
    param_mistakes: dict[str, Callable[..., Any]] = field(default_factory=dict)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.base, attr)


def _batchnorm(spec, state: State) -> tuple[Any, dict]:
    from .contract import WRONG_AXIS, rows_instead_of_columns

    if state.mode.training:
        forward = spec.forward
        mistakes = spec.mistakes
        extra: dict = {}
    else:

        def forward(t, X, gamma, beta):
            mean, var = (t.as_tensor(b, dtype=X.dtype) for b in state.buffers(X.shape[1]))
            return normalise(t, X, mean, var, gamma, beta)

        batch = "used the batch statistics in eval mode (eval mode uses the running statistics)"
        mistakes = {batch: lambda t, vjp, i, p, g: vjp(g, forward=batch_norm)}
        # dbeta (the sum of grad) is the same in both modes: only dgamma shows this mistake
        extra = {batch: lambda t, X, gamma, beta: (batch_norm(t, X, gamma, beta), {"gamma": gamma})}
        spec = replace(spec, shapes=((6, 4, 4), (1, 5, 5), (4, 4, 4)))
    params = {
        WRONG_AXIS: lambda t, X, gamma, beta: rows_instead_of_columns(t, X, gamma, beta, forward),
        **extra,
    }
    return replace(spec, forward=forward, mistakes=mistakes), params


def _layernorm(spec, state: State) -> tuple[Any, dict]:
    from .contract import WRONG_AXIS, rows_instead_of_columns

    params = {
        WRONG_AXIS: lambda t, X, gamma, beta: rows_instead_of_columns(
            t, X, gamma, beta, spec.forward
        )
    }
    return spec, params


def _dropout(spec, state: State) -> tuple[Any, dict]:
    p = state.p
    if not state.mode.training:
        return replace(spec, ctor=lambda s: (p,), forward=lambda t, X: X, mistakes={}), {}

    def with_mask(scale: float, draw: int = 0):
        def forward(t, X):
            return X * t.as_tensor(state.mask(tuple(X.shape), draw), dtype=X.dtype) * scale

        return forward

    def changed(forward):
        return lambda t, vjp, i, params, g: vjp(g, forward=forward)

    keep = 1.0 / (1.0 - p)
    mistakes = {
        "did not rescale by 1 / (1 - p) in bp_input": changed(with_mask(1.0)),
        "rescaled by 1 / (1 - p) twice": changed(with_mask(keep * keep)),
        "drew a fresh mask in bp_input (it must reuse the mask of the forward)": changed(
            with_mask(keep, draw=1)
        ),
        "ignored the mask in bp_input (returned grad / (1 - p) everywhere)": changed(
            lambda t, X: X * keep
        ),
    }
    return replace(spec, ctor=lambda s: (p,), forward=with_mask(keep), mistakes=mistakes), {}


_VARIANTS = {"BatchNorm1d": _batchnorm, "LayerNorm": _layernorm, "Dropout": _dropout}


def variant(spec: Any, state: State) -> NormSpec:
    base = spec.base if isinstance(spec, NormSpec) else spec
    changed, params = _VARIANTS[base.name](base, state)
    return NormSpec(changed, state.mode, params)


class ModeSubject:
    """A student object whose forward calls first get the grader's generator (Dropout)."""

    def __init__(self, subject: Any, state: State, dropout: bool) -> None:
        self._subject, self._state, self._dropout = subject, state, dropout

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        if method == "__call__" and self._dropout and self._state.mode.training and args:
            seed = self._state.seed(np.shape(args[0]))
            self._subject.set("rng", SeededGenerator(seed))
        return self._subject.call(method, *args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._subject, attr)


class ModeSession:
    """The check's session, building objects in the mode of `state`."""

    def __init__(self, session: Any, state: State, name: str) -> None:
        self._session, self._state, self._name = session, state, name

    def new(self, name: str, *args: Any) -> Any:
        subject = self._session.new(name, *args)
        if not self._state.mode.training and name == self._name:
            subject.set("training", False)
            if name == "BatchNorm1d":
                mean, var = self._state.buffers(int(args[0]))
                subject.set("running_mean", mean)
                subject.set("running_var", var)
        return ModeSubject(subject, self._state, name == "Dropout" == self._name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._session, attr)


def mode_ctx(ctx: Ctx, mode: Mode) -> Ctx:
    """`ctx` with the spec and the session of `mode`."""
    state = State(ctx.rng, mode)
    spec = variant(ctx.unit, state)
    return replace(ctx, unit=spec, session=ModeSession(ctx.session, state, spec.name))


def in_mode(check: Callable[[Ctx], Any], mode: Mode = TRAIN) -> Callable[[Ctx], Any]:
    """Assignment 1's `check`, run in `mode`; its failures say which mode."""

    def run(ctx: Ctx) -> Any:
        try:
            return check(mode_ctx(ctx, mode))
        except CheckFailed as exc:
            if mode.label:
                raise type(exc)(f"{mode.label}: {exc}") from None
            raise

    run.__name__ = getattr(check, "__name__", "check")
    return run
