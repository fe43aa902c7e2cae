"""End to end: a 784-256-256-10 network with the student's BatchNorm1d and Dropout trains on
MNIST.

The grader builds the network of `_network` (its own Linear layers, ReLU and loss in torch on
the grader's side; the student's BatchNorm1d after each hidden Linear and Dropout after each
ReLU, in the session) with seeded initial weights and seeded Dropout generators, and trains
it with torch.optim.SGD for `NormTrainConfig.epochs` epochs of a seeded shuffle. After each
epoch every student object is switched to eval mode (``training = False``), the grader
computes the test accuracy, and switches them back.

The budget is CPU seconds of the submission's processes (where only the student's classes
run): a busy machine stretches the wall clock, not the CPU time. The check passes when the
final test accuracy reaches the threshold within the budget; its message gives the accuracy,
the per-epoch curve and the time either way. On a failure `credit.py` names the class to
blame. A smoke test on top of the exact checks, not a replacement for them.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ...errors import CheckFailed, GradingError, StudentException
from ...toolkit.drive import Ctx
from ..mlp.end_to_end import BUDGET_WORDS, Epoch, Run, epochs_and_stop, pct
from . import _network
from .config import NormTrainConfig, from_env

#: the student's classes in the network, in the order the credit assignment tries them
CLASSES = ("BatchNorm1d", "Dropout")
#: test images per forward call of the evaluation
EVAL_CHUNK = 2500
#: seconds of wall clock allowed past the budget
GRACE = 10.0


class OutOfBudget(Exception):
    pass


def _accuracy(stages: list[Any], X_test: np.ndarray, y_test: np.ndarray) -> float:
    import torch

    _network.set_training(stages, False)
    correct = 0
    for s in range(0, len(X_test), EVAL_CHUNK):
        scores = _network.forward(stages, torch.from_numpy(X_test[s : s + EVAL_CHUNK]))
        correct += int((scores.argmax(1).numpy() == y_test[s : s + EVAL_CHUNK]).sum())
    _network.set_training(stages, True)
    return correct / len(X_test)


def train(session: Any, theirs: dict[str, bool], config: NormTrainConfig, seed: int) -> Run:
    """One run; ``theirs[c]``: the student's class c (True) or torch's (False)."""
    import torch

    from ..mlp.end_to_end import mnist

    X_train, Y_train, X_test, y_test = mnist()
    labels = Y_train.argmax(1)
    run = Run()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # the grader's share of a shared machine: one core
    session.start_check(config.budget * config.wall_factor + GRACE)
    t0, c0 = time.monotonic(), session.cpu_seconds()
    epoch = 0
    try:
        stages = _network.build(session, theirs, config.hidden, config.p, seed)
        params = _network.parameters(stages)
        optimizer = torch.optim.SGD(params, lr=config.lr, momentum=config.momentum)
        order = np.random.default_rng([seed, 2])
        for epoch in range(1, config.epochs + 1):
            if epoch == config.epochs - config.final_epochs + 1:  # a slower end, as in 02_mlp
                for group in optimizer.param_groups:
                    group["lr"] = config.lr * config.final_lr_factor
            batches = order.permutation(config.images)
            losses = []
            for s in range(0, len(batches), config.batch_size):
                index = batches[s : s + config.batch_size]
                logits = _network.forward(stages, torch.from_numpy(X_train[index]))
                logits.requires_grad_(True)
                loss = torch.nn.functional.cross_entropy(logits, torch.from_numpy(labels[index]))
                (g,) = torch.autograd.grad(loss, logits)
                _network.backward(stages, g)
                optimizer.step()
                _network.push(stages)
                losses.append(float(loss.detach()))
                if session.cpu_seconds() - c0 > config.budget:
                    raise OutOfBudget
            seconds = time.monotonic() - t0
            mean_loss = float(np.mean(losses))
            run.curve.append(Epoch(epoch, mean_loss, _accuracy(stages, X_test, y_test), seconds))
    except (OutOfBudget, GradingError) as exc:
        run.stopped = (
            f"stopped in epoch {max(epoch, 1)}: {exc}"
            if isinstance(exc, GradingError)
            else f"{BUDGET_WORDS} of {config.budget:g} s of CPU time in epoch {epoch}"
        )
    finally:
        torch.set_num_threads(threads)
    run.seconds, run.cpu = time.monotonic() - t0, session.cpu_seconds() - c0
    return run


def describe(run: Run, config: NormTrainConfig) -> str:
    h, c = config.hidden, config
    slower = f"; the last {c.final_epochs} at lr x{c.final_lr_factor:g}" if c.final_epochs else ""
    what = (
        f"784-{h}-{h}-10 network (Linear, your BatchNorm1d, ReLU, your Dropout(p={c.p:g}), "
        "twice, then Linear; the grader's torch for the Linear layers, ReLU and the loss) on "
        f"MNIST ({c.epochs} epoch(s) of {c.images:,} images{slower}; batch {c.batch_size}, "
        f"SGD lr {c.lr:g}, momentum {c.momentum:g})"
    )
    text = (
        f"test accuracy {pct(run.accuracy)} after training a {what}; your classes used "
        f"{run.cpu:.1f} s of CPU time ({run.seconds:.1f} s wall clock; required: "
        f"{pct(config.threshold)} within {config.budget:g} s of CPU time)"
    )
    return text + epochs_and_stop(run)


def check_mnist(ctx: Ctx, config: NormTrainConfig | None = None) -> str:
    """The end-to-end check; returns the summary (the message of a passed check)."""
    from ..mlp.end_to_end import mnist
    from .credit import credit_assignment

    config = config or from_env()
    seed = int(ctx.rng.integers(2**31))
    for name, args in (("BatchNorm1d", (config.hidden,)), ("Dropout", (config.p,))):
        try:  # a class that cannot even be built: say so, without a training run
            ctx.session.new(name, *args)
        except StudentException as exc:
            raise CheckFailed(f"cannot train the network: {exc}") from None
    mnist()  # loaded outside the budget
    run = train(ctx.session, dict.fromkeys(CLASSES, True), config, seed)
    summary = describe(run, config)
    if run.passed(config):
        return "Passed: " + summary
    verdict, evidence = credit_assignment(ctx.session, run, config, seed)
    raise CheckFailed(f"{verdict} {summary[0].upper()}{summary[1:]}. {evidence} (seed {seed})")


def with_config(config: NormTrainConfig):
    """The end-to-end check with fixed settings (tests, calibration)."""

    def run(ctx: Ctx) -> str:
        return check_mnist(ctx, config)

    return run
