"""End to end: the submission's own classes train a 784-H-10 network on MNIST.

The grader builds ``Sequential([Linear(784, H), ReLU(), Linear(H, 10)])`` with
``SoftmaxCrossEntropyLoss`` and ``SGD(network, lr, momentum)`` from the submission's classes
(its own, pasted, or imported from the ``layers.py`` an instructor released: whatever its
names are bound to), sets seeded initial weights, and drives the training itself: for every
minibatch of a seeded shuffle it calls the submission's
``train_step(network, loss, optimizer, X, Y)``. Only the batch crosses into the worker and one
number comes back, so the loop costs little beyond the student's arithmetic. After each epoch
the grader runs ``network(X_test)`` and computes the test accuracy itself. A class the
submission does not define fails the check with a message saying how to bring it in.

The settings (`config.TrainConfig`, calibrated in benchmarks/calibration_mlp.md) fix the
width, epochs, batch size, learning rate and momentum, the threshold and the time budget.
The check passes when the final test accuracy reaches the threshold within the budget; its
message gives the accuracy, the per-epoch curve and the time either way. On a failure
`credit.py` says which class is to blame, first thing in the message ("Training fails because
of your SGD (see its checks)").

Its points stay with `train_step`, whoever is blamed. Moving them to the blamed class was
considered and rejected: the precise blame needs the instructor's solutions, which the
student's "check my work" cell and CI do not have, and one submission must get one number in
every entry point; a blame computed from exact checks alone would in turn charge the class
twice (its exact checks already cost it). So the score depends on this run only, and the
message, not the points, says where the mistake is.

This is a smoke test on top of the exact checks, not a replacement for them.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...errors import CheckFailed, GraderFault, GradingError
from ...progress import bar
from ...toolkit.compare import as_array
from ...toolkit.drive import Ctx
from ._common import start
from ._probes import origin, own
from .config import TrainConfig, from_env

#: the pieces of the network, in the order the credit assignment tries them
COMPONENTS = ("Linear", "ReLU", "SoftmaxCrossEntropyLoss", "Sequential", "SGD", "train_step")
#: assignment 1's classes among them
LAYERS = COMPONENTS[:3]
#: test images per forward call of the evaluation
EVAL_CHUNK = 2500
#: seconds allowed past the budget for the call running when the budget ran out
GRACE = 10.0


@functools.lru_cache(maxsize=1)
def mnist() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(train images float32 (60000, 784), one-hot train labels float32, test images, test
    labels int64), loaded once per process. GraderFault when the grader's MNIST is missing,
    corrupt or unreadable: the grader's failure, never the submission's lost points."""
    from ...data import MnistNotFound, load_mnist

    try:
        X_train, y_train = load_mnist("train")
        X_test, y_test = load_mnist("test")
    except (MnistNotFound, OSError, EOFError, ValueError) as exc:
        raise GraderFault(
            f"the grader's MNIST data is not available, so the network cannot be trained: {exc}"
        ) from None
    one_hot = np.eye(10, dtype=np.float32)[y_train]
    return X_train, one_hot, X_test, y_test


@dataclass
class Epoch:
    epoch: int
    #: mean of the values train_step returned (nan when they were not numbers)
    loss: float
    #: test accuracy computed by the grader (fraction)
    accuracy: float
    #: seconds since the start of training
    seconds: float


@dataclass
class Run:
    curve: list[Epoch] = field(default_factory=list)
    seconds: float = 0.0
    #: CPU seconds the submission's processes spent training: what the budget measures, so a
    #: busy machine (other graders, unpinned BLAS elsewhere) is not the student's loss
    cpu: float = 0.0
    #: why training stopped early (an exception, the budget), or None
    stopped: str | None = None

    @property
    def accuracy(self) -> float | None:
        return self.curve[-1].accuracy if self.curve else None

    def passed(self, config: TrainConfig) -> bool:
        return self.stopped is None and (self.accuracy or 0.0) >= config.threshold

    @property
    def out_of_time(self) -> bool:
        return bool(self.stopped) and BUDGET_WORDS in (self.stopped or "")


class OutOfBudget(Exception):
    pass


BUDGET_WORDS = "ran out of its time budget"


def initial_weights(config: TrainConfig, seed: int) -> list[dict[str, np.ndarray]]:
    """torch's default initialisation: uniform in +-1/sqrt(fan_in), seeded."""
    rng = np.random.default_rng([seed, 1])
    out = []
    for d_in, d_out in ((784, config.hidden), (config.hidden, 10)):
        bound = 1.0 / np.sqrt(d_in)
        out.append(
            {"W": rng.uniform(-bound, bound, (d_in, d_out)), "b": rng.uniform(-bound, bound, d_out)}
        )
    return out


def batch_order(config: TrainConfig, seed: int) -> list[np.ndarray]:
    """The shuffled image indices of every epoch."""
    rng = np.random.default_rng([seed, 2])
    return [rng.permutation(config.images) for _ in range(config.epochs)]


def _accuracy(network: Any, X_test: np.ndarray, y_test: np.ndarray) -> float:
    correct = 0
    for s in range(0, len(X_test), EVAL_CHUNK):
        scores = as_array(network.call("__call__", X_test[s : s + EVAL_CHUNK]), "network(X)")
        if scores.shape != (len(X_test[s : s + EVAL_CHUNK]), 10):
            raise CheckFailed(f"network(X_test) returned shape {scores.shape}, expected (N, 10)")
        correct += int(np.sum(np.argmax(scores, axis=1) == y_test[s : s + EVAL_CHUNK]))
    return correct / len(X_test)


def train(session: Any, names: dict[str, str], config: TrainConfig, seed: int) -> Run:
    """Train in `session` with the classes `names` (component -> name in the session)."""
    X_train, Y_train, X_test, y_test = mnist()
    run = Run()
    steps = config.epochs * -(-config.images // config.batch_size)
    # a minute of training: its progress on a terminal or in the notebook (`autograder.progress`)
    progress = bar(steps, "training on MNIST", unit="batch")
    session.start_check(config.budget + GRACE)  # wall clock, stretched for the machine's load
    t0, c0 = time.monotonic(), session.cpu_seconds()
    epoch = 0
    try:
        weights = initial_weights(config, seed)
        layers = [
            session.new(names["Linear"], 784, config.hidden),
            session.new(names["ReLU"]),
            session.new(names["Linear"], config.hidden, 10),
        ]
        for layer, params in zip((layers[0], layers[2]), weights, strict=True):
            for name, value in params.items():
                layer.set(name, value)
        network = session.new(names["Sequential"], layers)
        loss = session.new(names["SoftmaxCrossEntropyLoss"])
        optimizer = session.new(names["SGD"], network, config.lr, config.momentum)
        for epoch, order in enumerate(batch_order(config, seed), start=1):
            if epoch == config.epochs - config.final_epochs + 1:
                lr = config.lr * config.final_lr_factor
                optimizer = session.new(names["SGD"], network, lr, config.momentum)
            losses = []
            for s in range(0, len(order), config.batch_size):
                index = order[s : s + config.batch_size]
                value = session.call_function(
                    names["train_step"], network, loss, optimizer, X_train[index], Y_train[index]
                )
                losses.append(value if isinstance(value, float) else float("nan"))
                progress.update(1)
                if session.cpu_seconds() - c0 > config.budget:
                    raise OutOfBudget
            accuracy = _accuracy(network, X_test, y_test)
            run.curve.append(Epoch(epoch, float(np.mean(losses)), accuracy, time.monotonic() - t0))
    except OutOfBudget:
        run.stopped = (
            f"{BUDGET_WORDS} of {config.budget:g} s of CPU time during epoch {epoch} of "
            f"{config.epochs}"
        )
    except GradingError as exc:
        run.stopped = f"stopped in epoch {max(epoch, 1)}: {exc}"
    finally:
        progress.close()
    run.seconds, run.cpu = time.monotonic() - t0, session.cpu_seconds() - c0
    return run


def resolve(session: Any) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(component -> session name that builds it, component -> whose it is, components the
    submission does not define)."""
    names, who, missing = {}, {}, []
    for c in COMPONENTS:
        module = origin(session, c)
        names[c] = own(c)
        if module is None:
            missing.append(c)
        who[c] = "from layers.py" if module == "layers" else "yours"
    return names, who, missing


def missing_message(missing: list[str]) -> str:
    text = f"cannot train: the submission does not define {', '.join(missing)}"
    if set(missing) & set(LAYERS):
        text += (
            ". The network is built from your assignment-1 layers: paste your Linear, ReLU and "
            "SoftmaxCrossEntropyLoss into the notebook, or, when your instructor released "
            "layers.py, run `from layers import Linear, ReLU, SoftmaxCrossEntropyLoss`"
        )
    return text


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.2f} %"


def epochs_and_stop(run: Run) -> str:
    """The tail of every end-to-end summary: the per-epoch curve, and why training stopped."""
    curve = "; ".join(
        f"{e.epoch}: loss {e.loss:.4f}, test {pct(e.accuracy)}, {e.seconds:.1f} s"
        for e in run.curve
    )
    text = f". Per epoch: {curve}" if curve else ""
    return text + (f". Training {run.stopped}" if run.stopped else "")


def describe(run: Run, config: TrainConfig, who: dict[str, str] | None = None) -> str:
    epochs = f"{config.epochs} epoch" + ("s" if config.epochs != 1 else "")
    what = (
        f"784-{config.hidden}-10 network on MNIST ({epochs} of "
        f"{config.images:,} images, batch {config.batch_size}, lr {config.lr:g}"
        + (
            f" (x{config.final_lr_factor:g} for the last {config.final_epochs})"
            if config.final_epochs
            else ""
        )
        + f", momentum {config.momentum:g})"
    )
    head = (
        f"test accuracy {pct(run.accuracy)} after training a {what} in {run.cpu:.1f} s of CPU "
        f"time ({run.seconds:.1f} s wall clock; required: {pct(config.threshold)} within "
        f"{config.budget:g} s of CPU time)"
    )
    text = head + epochs_and_stop(run)
    if who:
        groups: dict[str, list[str]] = {}
        for c, w in who.items():
            groups.setdefault(w, []).append(c)
        text += ". Classes: " + "; ".join(f"{w}: {', '.join(cs)}" for w, cs in groups.items())
    return text


def check_mnist(ctx: Ctx, config: TrainConfig | None = None) -> str:
    """The end-to-end check; returns the summary (the message of a passed check)."""
    from .credit import credit_assignment

    start(ctx)
    config = config or from_env()
    seed = int(ctx.rng.integers(2**31))
    names, who, missing = resolve(ctx.session)
    if missing:
        raise CheckFailed(missing_message(missing))
    mnist()  # outside the budget
    run = train(ctx.session, names, config, seed)
    summary = describe(run, config, who)
    if run.passed(config):
        return "Passed: " + summary
    blamed, evidence = credit_assignment(ctx, names, run, config, seed)
    raise CheckFailed(f"{blamed} {summary[0].upper()}{summary[1:]}. {evidence} (seed {seed})")


def with_config(config: TrainConfig):
    """The end-to-end check with fixed settings (tests, calibration)."""
    return functools.partial(check_mnist, config=config)


__all__ = ["Run", "check_mnist", "describe", "train", "with_config"]
