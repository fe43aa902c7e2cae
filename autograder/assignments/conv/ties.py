"""MaxPool2d on inputs with tied maxima: the gradient of each window goes, whole, to exactly
one of its maxima -- any one.

torch picks one tied maximum; a student's argmax may pick another, and both are right, so
this check does not compare with torch's values. It draws integer-valued inputs (most windows
hold ties) with windows that do not overlap (the default stride, also on sizes the kernel does
not divide), and checks every window of what ``bp_input`` returned: the upstream gradient of the
window at exactly one position, a maximum of that window, and zeros elsewhere (also at the
rows and columns no window covers). Sending it to every tied maximum, or splitting it among
them, fails and is named when the values match that mistake (`contract.TIE_MISTAKES`, torch).
The windows are read with torch (grader side), like every reference.
"""

from __future__ import annotations

import numpy as np

from ...errors import ShapeMismatch, ValueMismatch
from ...toolkit.compare import RTOL
from ...toolkit.diagnose import values_match
from ...toolkit.drive import Ctx, bp_input, build, forward, upstream_for
from ._torch_ref import tie_mistakes

#: (N, C, H, W, kH, kW, sH, sW): windows that do not overlap, sizes the kernel does not divide
TIE_SHAPES = ((2, 3, 7, 6, 2, 2, 2, 2), (1, 2, 5, 7, 2, 3, 2, 3))


def _tied(rng: np.random.Generator, shape: tuple[int, ...]) -> dict[str, np.ndarray]:
    n, c, h, w, kh, kw, sh, sw = shape
    X = rng.integers(0, 3, size=(n, c, h, w)).astype(np.float64)  # most windows tie
    return {"X": X, "kernel": np.array([kh, kw]), "stride": np.array([sh, sw])}


def _windows(a: np.ndarray, kernel: tuple[int, int]):
    """(N, C, kH * kW, H_out, W_out) of non-overlapping windows, read with torch's unfold."""
    import torch

    t = torch.tensor(a, dtype=torch.float64)
    cols = torch.nn.functional.unfold(t, kernel, stride=kernel)
    n, c = a.shape[:2]
    h, w = a.shape[2] // kernel[0], a.shape[3] // kernel[1]
    return cols.reshape(n, c, kernel[0] * kernel[1], h, w).numpy()


def _first_bad(X, dX, g, kernel) -> str | None:
    """Where `dX` breaks the rule, in words, or None when every window follows it."""
    wx, wd = _windows(X, kernel), _windows(dX, kernel)
    scale = RTOL * max(float(np.abs(g).max(initial=0.0)), 1e-12)
    covered = np.abs(wd).sum()
    if abs(float(np.abs(dX).sum()) - float(covered)) > scale * dX.size:
        return "nonzero values outside every window (rows or columns no window covers)"
    kh, kw = kernel
    for n, c, y, x in np.ndindex(g.shape):
        values, grads = wx[n, c, :, y, x], wd[n, c, :, y, x]
        maxima = np.flatnonzero(values == values.max())
        hit = np.flatnonzero(np.abs(grads) > scale)
        window = (
            f"window ({n}, {c}, rows {y * kh}-{y * kh + kh - 1}, cols {x * kw}-{x * kw + kw - 1})"
        )
        ok = len(hit) == 1 and hit[0] in maxima and abs(grads[hit[0]] - g[n, c, y, x]) <= scale
        if not ok:
            return (
                f"{window} has {len(maxima)} tied maxima and upstream gradient "
                f"{g[n, c, y, x]:.6g}: expected it at exactly one of them, got nonzero values at "
                f"{len(hit)} position(s) (values {np.round(grads[hit], 6).tolist()})"
            )
    return None


def check_ties(ctx: Ctx) -> None:
    for shape in TIE_SHAPES:
        inputs = _tied(ctx.rng, shape)
        subject = build(ctx, shape, {})
        out = forward(ctx, subject, inputs)
        upstream = upstream_for(ctx, np.shape(out))
        got = bp_input(ctx, subject, upstream)
        where = f"{ctx.unit.name}.bp_input on an input with tied maxima"
        alternatives = tie_mistakes(ctx.unit, inputs, upstream)
        if np.shape(got) != inputs["X"].shape:
            raise ShapeMismatch(
                f"{where} returned shape {np.shape(got)}, expected {inputs['X'].shape}"
            )
        bad = _first_bad(inputs["X"], got, upstream, tuple(int(k) for k in inputs["kernel"]))
        if bad is None:
            continue
        named = next((k for k, v in alternatives.items() if values_match(got, v)), None)
        detail = bad if ctx.reveal else "a window's gradient is not at exactly one of its maxima"
        raise ValueMismatch(
            f"{where}: wrong values; {detail}" + (f". Likely mistake: {named}." if named else ".")
        )
