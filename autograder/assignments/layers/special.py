"""ReLU's kink (the extreme-logits check of Softmax and the fused loss is `stability`).

At x = 0 exactly, ReLU's bp_input may use any subgradient s in [0, 1], so each element there
must lie between 0 and the upstream gradient.
"""

from __future__ import annotations

import numpy as np

from ...errors import ValueMismatch
from ...toolkit.compare import assert_close
from ...toolkit.drive import Ctx, bp_input, build, forward, upstream_for
from ...toolkit.torch_ref import reference


def check_kink(ctx: Ctx) -> None:
    name = ctx.unit.name
    X = ctx.rng.standard_normal((4, 5))
    X[ctx.rng.random(X.shape) < 0.4] = 0.0
    X[0, 0] = 0.0
    subject = build(ctx, X.shape, {})
    out = forward(ctx, subject, {"X": X})
    G = upstream_for(ctx, X.shape)
    ref = reference(ctx.unit, {"X": X}, {}, G)
    assert_close(f"{name}.__call__ with inputs exactly 0", ref["out"], out, reveal=ctx.reveal)
    got = bp_input(ctx, subject, G)
    if got.shape != X.shape:  # before indexing with the (4, 5) mask
        assert_close(f"{name}.bp_input", ref["input"], got, reveal=ctx.reveal, batch=len(X))
    zero = X == 0
    # away from the kink torch's gradient is exact; at it, anything between 0 and G is valid
    assert_close(f"{name}.bp_input away from 0", ref["input"][~zero], got[~zero], reveal=ctx.reveal)
    lo, hi = np.minimum(0.0, G[zero]), np.maximum(0.0, G[zero])
    bad = (got[zero] < lo - 1e-12) | (got[zero] > hi + 1e-12) | ~np.isfinite(got[zero])
    if bad.any():
        raise ValueMismatch(
            f"{name}.bp_input at x = 0: got {got[zero][bad][0]:.6g} for upstream "
            f"{G[zero][bad][0]:.6g}; a valid subgradient gives s * grad with s in [0, 1]"
        )
