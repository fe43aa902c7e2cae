"""Values at extreme logits (+-1000): the check of Softmax and SoftmaxCrossEntropyLoss.

What is compared: the forward value and bp_input with torch autograd (float64) on rows of
logits of +-1000. For the fused loss every row is paired with *every* target class, including
the classes whose softmax probability underflows to 0 in float64 (exp(-1000) == 0.0): the
loss there is finite (about 1000 or 2000) and a loss written as log(softmax) gives inf, and
one written as log(p + eps) or log(clip(p, eps, 1)) gives -log(eps) instead. A check whose
targets never sit on such a class cannot see either mistake.

When a value is wrong the message names the row and target class, expected and got, and then
only the causes that `_probes` verified by running the student's code on contrasting inputs.
"""

from __future__ import annotations

import numpy as np

from ...errors import ValueMismatch
from ...toolkit.compare import assert_close, tolerance
from ...toolkit.drive import Ctx, bp_input, build, forward, upstream_for
from ...toolkit.torch_ref import reference
from ._probes import explain_loss_row, overflow

#: (3 rows, 4 classes): a large spread, a constant row, ties at the maximum
_EXTREME = np.array(
    [
        [1000.0, 0.0, -1000.0, 999.0],
        [-1000.0, -1000.0, -1000.0, -1000.0],
        [1000.0, 1000.0, 1000.0, -3.0],
    ]
)


def _grid() -> tuple[np.ndarray, np.ndarray]:
    """Every row of `_EXTREME` with every target class: logits (12, 4), one-hot (12, 4)."""
    rows, classes = _EXTREME.shape
    logits = np.repeat(_EXTREME, classes, axis=0)
    target = np.tile(np.eye(classes), (rows, 1))
    return logits, target


def _row(values: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


def _loss_rows(ctx: Ctx, logits: np.ndarray, target: np.ndarray) -> None:
    """Each (row, target class) alone: raise on the first that is wrong, explained."""
    name = ctx.unit.name
    for z, y in zip(logits, target, strict=True):
        inputs = {"prediction": z[None], "target": y[None]}
        got = forward(ctx, build(ctx, (1, z.size), {}), inputs)
        expected = reference(ctx.unit, inputs, {}, 1.0)["out"]
        rtol, atol = tolerance(got)
        if np.isfinite(got) and abs(got - expected) <= rtol * abs(expected) + atol:
            continue
        c = int(np.argmax(y))
        p = np.exp(z[c] - z.max()) / np.exp(z - z.max()).sum()
        note = " (its probability underflows to 0 in float64)" if p == 0 else ""
        rel = abs(got - expected) / abs(expected) if np.isfinite(got) else float("inf")
        values = f"expected {expected:.6g}, got {got:.6g} " if ctx.reveal else ""
        text = (
            f"{name}.__call__ at logits {_row(z)} with target class {c}{note}: "
            f"{values}(relative error {rel:.1e})"
        )
        causes = explain_loss_row(ctx, z, c, got)
        raise ValueMismatch(text + (". " + " ".join(causes) if causes else "."))


def _check_loss(ctx: Ctx) -> None:
    name = ctx.unit.name
    logits, target = _grid()
    inputs = {"prediction": logits, "target": target}
    subject = build(ctx, logits.shape, {})
    out = forward(ctx, subject, inputs)
    ref_out = reference(ctx.unit, inputs, {}, 1.0)["out"]
    rtol, atol = tolerance(out)
    if not (np.isfinite(out) and abs(out - ref_out) <= rtol * abs(ref_out) + atol):
        _loss_rows(ctx, logits, target)
        # every row alone is right, the batch is not: say what was compared
        assert_close(f"{name}.__call__ at logits of +-1000", ref_out, out, reveal=ctx.reveal)
    upstream = upstream_for(ctx, ())
    ref = reference(ctx.unit, inputs, {}, upstream)
    got = bp_input(ctx, subject, upstream)
    where = f"{name}.bp_input at logits of +-1000 (rows of {_row(_EXTREME[0])} ..., every class)"
    _check_gradient(ctx, where, ref["input"], got)


def _check_gradient(ctx: Ctx, where: str, expected, got) -> None:
    if got.shape == expected.shape and not np.all(np.isfinite(got)):
        cause = overflow(ctx, "bp_input")
        bad = np.argwhere(~np.isfinite(got))[0]
        at = "(" + ", ".join(str(int(i)) for i in bad) + ")"
        raise ValueMismatch(
            f"{where} returned nan or inf ({int((~np.isfinite(got)).sum())} of {got.size} "
            f"elements, the first at index {at})" + (f". {cause}" if cause else ".")
        )
    assert_close(where, expected, got, reveal=ctx.reveal, batch=len(expected))


def _check_layer(ctx: Ctx) -> None:
    name = ctx.unit.name
    inputs = {"X": _EXTREME}
    subject = build(ctx, _EXTREME.shape, {})
    out = forward(ctx, subject, inputs)
    ref = reference(ctx.unit, inputs, {}, np.ones(_EXTREME.shape))
    where = f"{name}.__call__ at logits of +-1000"
    if out.shape == _EXTREME.shape and not np.all(np.isfinite(out)):
        cause = overflow(ctx, "__call__")
        bad = np.argwhere(~np.isfinite(out))[0]
        raise ValueMismatch(
            f"{where} returned nan or inf (first at index ({bad[0]}, {bad[1]}), row "
            f"{_row(_EXTREME[bad[0]])})" + (f". {cause}" if cause else ".")
        )
    assert_close(where, ref["out"], out, reveal=ctx.reveal, batch=len(_EXTREME))
    upstream = upstream_for(ctx, out.shape)
    ref = reference(ctx.unit, inputs, {}, upstream)
    got = bp_input(ctx, subject, upstream)
    _check_gradient(ctx, f"{name}.bp_input at logits of +-1000", ref["input"], got)


def check_stability(ctx: Ctx) -> None:
    if ctx.unit.is_loss:
        _check_loss(ctx)
    else:
        _check_layer(ctx)
