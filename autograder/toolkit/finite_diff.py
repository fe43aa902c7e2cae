"""Consistency with the student's own forward: central finite differences in float64.

The scalar f(theta) = <G, forward(theta)> is differentiated numerically along random unit
directions V and compared with <analytic gradient, V>. A backward that disagrees with its own
forward fails here; a forward and backward that share one mistake pass here and fail the torch
check instead, which is why the two are reported separately.

When a direction disagrees, the full numerical gradient (one coordinate at a time; the shapes
are small) is computed so the message can show the worst element.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..errors import ValueMismatch
from .compare import Every, assert_close, is_float32
from .drive import Ctx, batch_of, bp_input, bp_param, build, forward, known_mistakes, upstream_for
from .reference import IGNORED_UPSTREAM

#: step of the central difference: truncation ~ H**2, rounding ~ 1e-16 / H
H = 1e-5
#: random directions per array
DIRECTIONS = 3
#: |numeric - analytic| <= TOL * (|numeric| + ||gradient||) + 1e-8
TOL = 1e-5
#: for a forward computed in float32 (every value it returns is a float32 number): rounding
#: ~6e-8 * |f| / H needs a larger step, and the comparison a looser tolerance; a wrong formula
#: (off by a factor, a missing term) is still far outside 2e-3
H32, TOL32 = 1e-2, 2e-3


def _numeric(f: Callable[[np.ndarray], float], x: np.ndarray, v: np.ndarray) -> float:
    h = getattr(f, "h", H)
    return (f(x + h * v) - f(x - h * v)) / (2 * h)


def _numeric_gradient(f: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = 1.0
        grad[i] = _numeric(f, x, e)
    return grad


def _compare(
    ctx: Ctx,
    where: str,
    f,
    x: np.ndarray,
    analytic: np.ndarray,
    batch: int,
    alternatives: dict[str, np.ndarray] | None = None,
    loss_scale: float | None = None,
) -> None:
    """Raise unless `analytic` is the gradient of f at x. For a loss, `loss_scale` is the
    upstream number, so "ignored the grad argument" can be recognised."""
    if analytic.shape != x.shape:  # raises ShapeMismatch, a cause verified on the slopes
        assert_close(where, _numeric_gradient(f, x), analytic, reveal=ctx.reveal, batch=batch)
    for _ in range(DIRECTIONS):
        v = ctx.rng.standard_normal(x.shape)
        v /= np.linalg.norm(v)
        numeric = _numeric(f, x, v)
        exact = float((analytic * v).sum())
        tol = getattr(f, "tol", TOL)
        if abs(numeric - exact) > tol * (abs(numeric) + np.linalg.norm(analytic)) + 1e-8:
            break
    else:
        return
    numeric_gradient = _numeric_gradient(f, x)
    alternatives = dict(alternatives or {})
    if loss_scale:
        alternatives[IGNORED_UPSTREAM] = numeric_gradient / loss_scale
    try:
        assert_close(
            where,
            numeric_gradient,
            analytic,
            reveal=ctx.reveal,
            batch=batch,
            alternatives=alternatives,
            labels=("the forward's slope", "backward gives"),
            rtol=getattr(f, "tol", TOL),
        )
    except ValueMismatch as exc:
        raise ValueMismatch(f"{exc} (disagrees with its own forward pass)") from None
    # The coordinate-wise check passed where a direction failed: report the direction.
    raise ValueMismatch(
        f"{where}: disagrees with its own forward pass along a random direction "
        f"(slope {numeric:.6g}, backward gives {exact:.6g})"
    )


def _setup(ctx: Ctx):
    shape = ctx.unit.shapes[0]
    inputs, params = ctx.unit.sample(ctx.rng, shape)
    subject = build(ctx, shape, params)
    out = forward(ctx, subject, inputs)
    # the forward's own precision sets the step and tolerance (H, TOL or H32, TOL32)
    return inputs, params, subject, upstream_for(ctx, np.shape(out)), is_float32(out)


def _objective(ctx: Ctx, subject, inputs, params, upstream, key: str, single: bool = False):
    """f(x) = <upstream, forward(...)> with `key` (an input or a parameter) replaced by x."""

    def f(x: np.ndarray) -> float:
        if key in params:
            subject.set(key, x)
            out = forward(ctx, subject, inputs)
            subject.set(key, params[key])
        else:
            out = forward(ctx, subject, {**inputs, key: x})
        return float(np.sum(np.asarray(upstream) * out))

    f.h, f.tol = (H32, TOL32) if single else (H, TOL)  # type: ignore[attr-defined]
    return f


def check_bp_input(ctx: Ctx) -> None:
    inputs, params, subject, upstream, single = _setup(ctx)
    analytic = bp_input(ctx, subject, upstream)
    f = _objective(ctx, subject, inputs, params, upstream, ctx.unit.wrt, single)
    _compare(
        ctx,
        f"{ctx.unit.name}.bp_input",
        f,
        inputs[ctx.unit.wrt],
        analytic,
        batch_of(inputs),
        alternatives=known_mistakes(ctx, inputs, params, upstream),
        loss_scale=upstream if ctx.unit.is_loss else None,
    )


def check_bp_param(ctx: Ctx) -> None:
    inputs, params, subject, upstream, single = _setup(ctx)
    analytic = bp_param(ctx, subject, upstream, params)

    every = Every()
    for name, value in params.items():
        f = _objective(ctx, subject, inputs, params, upstream, name, single)
        with every:
            _compare(
                ctx,
                f"{ctx.unit.name}.bp_param[{name!r}]",
                f,
                value,
                analytic[name],
                batch_of(inputs),
            )
    every.raise_any()
