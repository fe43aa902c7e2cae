"""End to end: a small CNN built from the submission's classes trains on MNIST.

The grader builds Conv2d(1, 8, 3) -> ReLU -> MaxPool2d(2) -> Flatten -> Linear(1352, 64) ->
ReLU -> Linear(64, 10) with SoftmaxCrossEntropyLoss from the submission's classes (Linear, ReLU
and the loss are assignment 1's: pasted into the notebook or imported from the released
``layers.py``), sets seeded float32 initial weights, and for every minibatch of a seeded
shuffle calls the grader's step inside the worker (`_session.py`: forward, loss, backward,
SGD with momentum). After each epoch the grader computes the test accuracy from the
predictions. The run passes when it reaches the threshold within the budget of CPU seconds
(`config.py`, calibrated in benchmarks/calibration_conv.md); its message gives the accuracy,
the per-epoch curve and the time either way, and on a failure starts with the class to blame
(`credit.py`). A smoke test on top of the exact checks, not a replacement for them.
"""

from __future__ import annotations

import functools
import time
from typing import Any

import numpy as np

from ...errors import CheckFailed, GradingError
from ...toolkit.drive import Ctx
from ..mlp.end_to_end import (
    BUDGET_WORDS,
    GRACE,
    Epoch,
    OutOfBudget,
    Run,
    epochs_and_stop,
    mnist,
    pct,
)
from . import _session
from .config import CnnConfig, from_env

#: test images per prediction call
EVAL_CHUNK = 2500


def timeout(config: CnnConfig) -> float:
    """Wall-clock seconds for the whole check: loading MNIST, training, the blame."""
    return 60.0 + config.budget + GRACE + 60.0


def _layers(config: CnnConfig) -> list[tuple[str, tuple]]:
    flat = config.filters * 13 * 13
    return [
        ("Conv2d", (1, config.filters, 3)),
        ("ReLU", ()),
        ("MaxPool2d", (2,)),
        ("Flatten", ()),
        ("Linear", (flat, config.hidden)),
        ("ReLU", ()),
        ("Linear", (config.hidden, 10)),
    ]


def initial_weights(config: CnnConfig, seed: int) -> dict[int, dict[str, np.ndarray]]:
    """torch's default initialisation (uniform in +-1/sqrt(fan_in)), float32, seeded."""
    rng = np.random.default_rng([seed, 1])
    flat = config.filters * 13 * 13
    shapes = {
        0: ((config.filters, 1, 3, 3), config.filters, 9),
        4: ((flat, config.hidden), config.hidden, flat),
        6: ((config.hidden, 10), 10, config.hidden),
    }
    out = {}
    for i, (w_shape, b_size, fan_in) in shapes.items():
        bound = 1.0 / np.sqrt(fan_in)
        out[i] = {
            "W": rng.uniform(-bound, bound, w_shape).astype(np.float32),
            "b": rng.uniform(-bound, bound, b_size).astype(np.float32),
        }
    return out


def _images(X: np.ndarray) -> np.ndarray:
    return X.reshape(len(X), 1, 28, 28)


def train(session: Any, config: CnnConfig, seed: int) -> Run:
    X_train, Y_train, X_test, y_test = mnist()
    run = Run()
    session.start_check(config.budget + GRACE)  # wall clock, stretched for the machine's load
    t0, c0 = time.monotonic(), session.cpu_seconds()
    epoch = 0
    try:
        weights = initial_weights(config, seed)
        layers = [session.new(_session.name(cls), *args) for cls, args in _layers(config)]
        for i, params in weights.items():
            for key, value in params.items():
                layers[i].set(key, value)
        loss = session.new(_session.name("SoftmaxCrossEntropyLoss"))
        session.call_function(_session.RESET)
        rng = np.random.default_rng([seed, 2])
        for epoch in range(1, config.epochs + 1):
            lr = config.lr
            if epoch > config.epochs - config.final_epochs:
                lr *= config.final_lr_factor
            order = rng.permutation(config.images)
            losses = []
            for s in range(0, len(order), config.batch_size):
                index = order[s : s + config.batch_size]
                value = session.call_function(
                    _session.STEP,
                    layers,
                    loss,
                    _images(X_train[index]),
                    Y_train[index],
                    lr,
                    config.momentum,
                )
                losses.append(value if isinstance(value, float) else float("nan"))
                if session.cpu_seconds() - c0 > config.budget:
                    raise OutOfBudget
            correct = 0
            for s in range(0, len(X_test), EVAL_CHUNK):
                got = session.call_function(
                    _session.PREDICT, layers, _images(X_test[s : s + EVAL_CHUNK])
                )
                correct += int(np.sum(np.asarray(got) == y_test[s : s + EVAL_CHUNK]))
            accuracy = correct / len(X_test)
            run.curve.append(Epoch(epoch, float(np.mean(losses)), accuracy, time.monotonic() - t0))
    except OutOfBudget:
        run.stopped = (
            f"{BUDGET_WORDS} of {config.budget:g} s of CPU time during epoch {epoch} of "
            f"{config.epochs}"
        )
    except GradingError as exc:
        run.stopped = f"stopped in epoch {max(epoch, 1)}: {exc}"
    run.seconds, run.cpu = time.monotonic() - t0, session.cpu_seconds() - c0
    return run


def describe(run: Run, config: CnnConfig) -> str:
    net = " -> ".join(f"{cls}{args}" if args else cls for cls, args in _layers(config)).replace(
        ",)", ")"
    )
    epochs = f"{config.epochs} epoch" + ("s" if config.epochs != 1 else "")
    final = (
        f" (x{config.final_lr_factor:g} for the last {config.final_epochs})"
        if config.final_epochs
        else ""
    )
    what = (
        f"CNN {net} on MNIST ({epochs} of {config.images:,} images, batch "
        f"{config.batch_size}, lr {config.lr:g}{final}, momentum {config.momentum:g})"
    )
    text = (
        f"test accuracy {pct(run.accuracy)} after training a {what} in {run.cpu:.1f} s of CPU "
        f"time ({run.seconds:.1f} s wall clock; required: {pct(config.threshold)} within "
        f"{config.budget:g} s of CPU time)"
    )
    return text + epochs_and_stop(run)


def check_mnist(ctx: Ctx, config: CnnConfig | None = None) -> str:
    """The end-to-end check; returns the summary (the message of a passed check)."""
    from .credit import blame

    config = config or from_env()
    seed = int(ctx.rng.integers(2**31))
    _session.with_helpers(ctx.session)
    missing = _session.missing(ctx.session)
    if missing:
        raise CheckFailed(
            f"cannot build the CNN: the submission does not define {', '.join(missing)}. "
            "Linear, ReLU and SoftmaxCrossEntropyLoss are assignment 1's: paste yours into the "
            "notebook or, when your instructor released layers.py, import them from it"
        )
    mnist()  # outside the budget
    run = train(ctx.session, config, seed)
    summary = describe(run, config)
    if run.passed(config):
        return "Passed: " + summary
    verdict = blame(ctx, run, config, seed)
    raise CheckFailed(f"{verdict} {summary[0].upper()}{summary[1:]} (seed {seed})")


def with_config(config: CnnConfig):
    """The end-to-end check with fixed settings (tests, calibration)."""
    return functools.partial(check_mnist, config=config)
