"""The grader's torch twin of SGD follows the contract's update rule (written out here)."""

from __future__ import annotations

import numpy as np

from autograder.assignments.mlp._torch_ref import sgd_steps


def test_sgd_steps_follow_heavy_ball_momentum_without_dampening():
    rng = np.random.default_rng(1)
    params = [{"W": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}, {}]
    steps = [
        [{k: rng.standard_normal(v.shape) for k, v in p.items()} for p in params] for _ in range(3)
    ]
    lr, momentum = 0.1, 0.9
    expected, velocity = [], [{k: np.zeros_like(v) for k, v in p.items()} for p in params]
    current = [{k: v.copy() for k, v in p.items()} for p in params]
    for grads in steps:
        for p, v, g in zip(current, velocity, grads, strict=True):
            for k in p:
                v[k] = momentum * v[k] + g[k]
                p[k] = p[k] - lr * v[k]
        expected.append([{k: v.copy() for k, v in p.items()} for p in current])
    got = sgd_steps(params, steps, lr, momentum)
    for want, have in zip(expected, got, strict=True):
        assert all(np.allclose(w[k], h[k]) for w, h in zip(want, have, strict=True) for k in w)
