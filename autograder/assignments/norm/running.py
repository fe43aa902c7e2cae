"""BatchNorm1d's running statistics over several training steps, against torch.nn.BatchNorm1d.

Three training forwards (batches of 6, 5 and 2), at the default momentum 0.1 and at 0.3, then
`running_mean` and `running_var` are read back and compared with those of a float64
``torch.nn.BatchNorm1d`` that saw the same batches; then one eval forward (after setting
``training = False``) is compared with torch's eval output. The classic mistakes are named
when the values match their replay in torch: the biased batch variance in the running
update, the momentum on the wrong side, the batch statistics in eval mode.
"""

from __future__ import annotations

import numpy as np

from ...toolkit.compare import as_array, assert_close
from ...toolkit.drive import Ctx
from .contract import EPS, batch_norm

#: batch sizes of the training steps, and the features
BATCHES, FEATURES = (6, 5, 2), 4
MOMENTA = (None, 0.3)


def _replay(batches: list[np.ndarray], momentum: float, *, unbiased: bool, swapped: bool):
    """Running statistics replayed in torch with a changed update (the mistakes)."""
    import torch

    mean, var = (
        torch.zeros(FEATURES, dtype=torch.float64),
        torch.ones(FEATURES, dtype=torch.float64),
    )
    m = 1.0 - momentum if swapped else momentum
    for X in batches:
        x = torch.tensor(X)
        mean = (1 - m) * mean + m * x.mean(0)
        var = (1 - m) * var + m * x.var(0, correction=1 if unbiased else 0)
    return mean.numpy(), var.numpy()


def _torch_module(momentum: float, gamma: np.ndarray, beta: np.ndarray):
    import torch

    module = torch.nn.BatchNorm1d(FEATURES, eps=EPS, momentum=momentum, dtype=torch.float64)
    with torch.no_grad():
        module.weight.copy_(torch.tensor(gamma))
        module.bias.copy_(torch.tensor(beta))
    return module


def _with_batch_statistics(X: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    import torch

    with torch.no_grad():
        return batch_norm(torch, *(torch.tensor(a) for a in (X, gamma, beta))).numpy()


def check_running_statistics(ctx: Ctx) -> None:
    import torch

    for momentum in MOMENTA:
        m = 0.1 if momentum is None else momentum
        args = (FEATURES,) if momentum is None else (FEATURES, EPS, momentum)
        gamma, beta = ctx.rng.uniform(0.5, 2.0, FEATURES), ctx.rng.standard_normal(FEATURES)
        subject = ctx.session.new("BatchNorm1d", *args)
        subject.set("gamma", gamma)
        subject.set("beta", beta)
        module = _torch_module(m, gamma, beta)
        batches = [
            ctx.rng.standard_normal((n, FEATURES)) * 2.0 + ctx.rng.uniform(-1, 1, FEATURES)
            for n in BATCHES
        ]
        for X in batches:
            subject.call("__call__", X)
            with torch.no_grad():
                module(torch.tensor(X))
        call = f"BatchNorm1d{args}"
        biased = _replay(batches, m, unbiased=False, swapped=False)
        swapped = _replay(batches, m, unbiased=True, swapped=True)
        for i, name in enumerate(("running_mean", "running_var")):
            got = as_array(subject.get(name), f"{call}.{name}", (FEATURES,))
            alternatives = {
                "momentum on the wrong side: (1 - momentum) * batch + momentum * running "
                "(torch: (1 - momentum) * running + momentum * batch)": swapped[i],
            }
            if name == "running_var":
                alternatives = {
                    "used the biased batch variance in the running update (torch uses the "
                    "unbiased one, divided by N - 1, there)": biased[1],
                    **alternatives,
                }
            assert_close(
                f"{call}.__call__ updates {name}: after {len(batches)} training forwards",
                getattr(module, name).numpy(),
                got,
                reveal=ctx.reveal,
                alternatives=alternatives,
            )
        X = batches[0]
        subject.set("training", False)
        module.eval()
        with torch.no_grad():
            expected = module(torch.tensor(X)).numpy()
        got = as_array(subject.call("__call__", X), f"{call}.__call__ in eval mode", X.shape)
        assert_close(
            f"{call}.__call__ in eval mode after training",
            expected,
            got,
            reveal=ctx.reveal,
            alternatives={
                "used the batch statistics in eval mode (eval uses the running statistics)": (
                    _with_batch_statistics(X, gamma, beta)
                )
            },
        )
