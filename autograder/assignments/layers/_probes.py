"""Verified causes of a wrong value at extreme logits: run the student's code on two inputs that
differ only in the suspected cause, and name the cause only when the two behave differently.

Each probe is one row of 4 logits whose torch answer is known:

- overflow: [1000, 999, 998, 997] against the same row minus 1000 (the softmax, the loss and
  its gradient do not change): wrong only at the first means exp(1000) overflowed.
- log(0): [2, 1, 0, -1000] with target class 3 (loss 1002.4) against -10 instead of -1000:
  the target's probability exp(-1002.4) is 0 in float64 only in the first; inf there means
  log(0); a finite -log(eps) means an epsilon or clip at eps.
- 0 * log(0): the same rows with target class 0: only a class with target 0 underflows, so
  nan only at the first means 0 * log(0).

Nothing here decides a score; the check has already failed when these run.
"""

from __future__ import annotations

import math

import numpy as np

from ...errors import SubmissionError
from ...toolkit.compare import tolerance
from ...toolkit.drive import Ctx, bp_input, build, forward
from ...toolkit.torch_ref import reference

_OVERFLOW = np.array([1000.0, 999.0, 998.0, 997.0])
_UNDERFLOW = np.array([2.0, 1.0, 0.0, -1000.0])
_HARMLESS = np.array([2.0, 1.0, 0.0, -10.0])


def _row(values: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


def _run(ctx: Ctx, z: np.ndarray, c: int | None, method: str):
    """(student's value, torch's value) of `method` on the one row z (target class c for a
    loss); None when the student's code raised."""
    inputs = {"prediction": z[None], "target": np.eye(z.size)[[c]]} if ctx.unit.is_loss else {}
    inputs = inputs or {"X": z[None]}
    upstream = 1.0 if ctx.unit.is_loss else np.ones((1, z.size))
    ref = reference(ctx.unit, inputs, {}, upstream)
    try:
        subject = build(ctx, (1, z.size), {})
        got = forward(ctx, subject, inputs)
        if method == "bp_input":
            return bp_input(ctx, subject, upstream), ref["input"]
        return got, ref["out"]
    except SubmissionError:
        return None


def _right(pair) -> bool:
    if pair is None:
        return False
    got, expected = np.asarray(pair[0], dtype=float), np.asarray(pair[1], dtype=float)
    if got.shape != expected.shape or not np.all(np.isfinite(got)):
        return False
    rtol, atol = tolerance(got)
    return float(np.abs(got - expected).max()) <= rtol * float(np.abs(expected).max()) + atol


def _nonfinite(pair) -> bool:
    return pair is not None and not np.all(np.isfinite(pair[0]))


def overflow(ctx: Ctx, method: str) -> str | None:
    """The verified overflow sentence, or None."""
    high = _run(ctx, _OVERFLOW, 1, method)
    shifted = _run(ctx, _OVERFLOW - 1000.0, 1, method)
    if _nonfinite(high) and _right(shifted):
        return (
            f"Verified cause: overflow in exp -- {ctx.unit.name}.{method} gives nan or inf at "
            f"logits {_row(_OVERFLOW)} but the right values at the same logits minus 1000 (the "
            "same softmax); exp(1000) is inf in float64: subtract each row's maximum before "
            "exponentiating."
        )
    return None


def explain_loss_row(ctx: Ctx, z: np.ndarray, c: int, got: float) -> list[str]:
    """Verified causes of a wrong loss value `got` at logits z with target class c."""
    causes = []
    if not math.isfinite(got):
        causes.append(overflow(ctx, "__call__"))
    at_target = _run(ctx, _UNDERFLOW, 3, "__call__")
    if _right(_run(ctx, _HARMLESS, 3, "__call__")) and at_target and not _right(at_target):
        value = float(at_target[0])
        if value == math.inf:
            causes.append(
                f"Verified cause: log of a probability that underflowed to 0 -- at logits "
                f"{_row(_UNDERFLOW)} with target class 3 the loss is inf (torch: "
                f"{at_target[1]:.6g}), and right when -1000 is -10; exp(-1002.4) is 0 in "
                "float64 and log(0) = -inf: compute the log-softmax directly, "
                "z - max(z) - log(sum(exp(z - max(z)))), instead of log(softmax(z))."
            )
        elif math.isfinite(value) and value > 0:
            k = value / math.log(10.0)
            if abs(k - round(k)) < 1e-3:
                causes.append(
                    f"Verified cause: the loss is capped at -log(1e-{round(k)}) = {value:.4g} "
                    f"(torch: {at_target[1]:.6g} at logits {_row(_UNDERFLOW)}, target class 3): "
                    f"a probability that underflowed to 0 got an epsilon or a clip, "
                    f"log(p + 1e-{round(k)}) or clip(p, 1e-{round(k)}, 1); the log-softmax "
                    "z - max(z) - log(sum(exp(z - max(z)))) needs neither."
                )
    at_zero_target = _run(ctx, _UNDERFLOW, 0, "__call__")
    if _nonfinite(at_zero_target) and _right(_run(ctx, _HARMLESS, 0, "__call__")):
        causes.append(
            f"Verified cause: 0 * log(0) = nan -- at logits {_row(_UNDERFLOW)} with target "
            "class 0 the loss is nan, and right when -1000 is -10: class 3's probability "
            "underflows to 0, its target is 0, and 0 * log(0) is nan in numpy (the row "
            "maximum is already subtracted there, so this is not an overflow): take the "
            "log-softmax at the target class only, or multiply the target by a log-softmax "
            "computed without log(p)."
        )
    return [c for c in causes if c]
