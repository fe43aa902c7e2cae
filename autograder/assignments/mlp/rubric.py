"""Which checks each unit of assignment 2 gets, and their points (100 in total).

    Sequential   30  forward 4, backward dL/dX 8, every layer's grads 8, grads structure 4,
                     replaced each round 4, read-only 2
    SGD          15  plain step 4, momentum vs torch.optim.SGD 4, current gradients 3,
                     420 steps vs torch.optim.SGD (state across calls, new optimiser) 4
    minibatches  10  every row once 4, batch sizes 2, pairs 2, shuffled with rng 2
    evaluate      5  accuracy 3, default / large batch sizes 2
    train_step   40  K steps in the contract's order 10, returns the loss 3, read-only 2,
                     MNIST end to end 25

The end-to-end check belongs to `train_step` because a unit must be a name the submission
defines (grading asks the session whether it exists); it trains with all of the submission's
classes (see `end_to_end.py`), and its points are the same in every entry point. Its time
limit is the training budget plus the credit assignment (`credit.py`).
"""

from __future__ import annotations

import dataclasses

from ...toolkit.rubric import CheckDef
from . import batches, end_to_end, evaluate, sequential, sgd, train_step
from ._common import plain_errors
from .config import TrainConfig, from_env
from .contract import Unit


def end_to_end_timeout(config: TrainConfig) -> float:
    """Seconds for the whole end-to-end check: loading MNIST, training, credit assignment."""
    return 30.0 + config.budget + end_to_end.GRACE + config.probe_total_budget + 30.0


def checks_for(unit: Unit) -> list[CheckDef]:
    """The unit's checks; a student exception none of them explains is retold without a
    guessed cause (`_common.plain_errors`)."""
    return [dataclasses.replace(d, run=plain_errors(d.run)) for d in _checks_for(unit)]


def _checks_for(unit: Unit) -> list[CheckDef]:
    return _RUBRICS[unit.name]()


def _sequential() -> list[CheckDef]:
    return [
        CheckDef("forward chains the layers", "__call__", 4, sequential.check_forward),
        CheckDef(
            "backward returns dL/dX through every layer",
            "backward",
            8,
            sequential.check_backward_input,
        ),
        CheckDef(
            "grads hold every layer's bp_param",
            "backward",
            8,
            sequential.check_backward_grads,
        ),
        CheckDef("grads: one dict per layer, in order", "backward", 4, sequential.check_structure),
        CheckDef(
            "each backward replaces grads (latest forward, not accumulated)",
            None,
            4,
            sequential.check_replaced,
        ),
        CheckDef("no in-place modification", None, 2, sequential.check_read_only),
    ]


def _sgd() -> list[CheckDef]:
    return [
        CheckDef("one step matches the update rule", "step", 4, sgd.check_plain_step),
        CheckDef("momentum matches torch.optim.SGD", "step", 4, sgd.check_momentum),
        CheckDef("uses the current gradients at every step", "step", 3, sgd.check_current_grads),
        CheckDef(
            "hundreds of steps match torch.optim.SGD (state kept, new optimiser)",
            "step",
            4,
            sgd.check_long_run,
        ),
    ]


def _minibatches() -> list[CheckDef]:
    return [
        CheckDef("every row exactly once per epoch", None, 4, batches.check_every_row_once),
        CheckDef("batch sizes (last batch the remainder)", None, 2, batches.check_batch_sizes),
        CheckDef("X and y stay paired", None, 2, batches.check_pairs),
        CheckDef("shuffled with rng (seeded)", None, 2, batches.check_shuffled),
    ]


def _evaluate() -> list[CheckDef]:
    return [
        CheckDef("accuracy matches", None, 3, evaluate.check_accuracy),
        CheckDef(
            "any batch size (default 1000, larger than N)", None, 2, evaluate.check_batch_sizes
        ),
    ]


def _train_step() -> list[CheckDef]:
    config = from_env()
    return [
        CheckDef("K steps: forward, loss, backward, step", None, 10, train_step.check_tracks_twin),
        CheckDef("returns the loss before the update", None, 3, train_step.check_returns_loss),
        CheckDef("no in-place modification", None, 2, train_step.check_read_only),
        CheckDef(
            f"trains 784-{config.hidden}-10 on MNIST to >= {100 * config.threshold:g} % "
            "test accuracy",
            None,
            25,
            end_to_end.with_config(config),
            timeout=end_to_end_timeout(config),
        ),
    ]


_RUBRICS = {
    "Sequential": _sequential,
    "SGD": _sgd,
    "minibatches": _minibatches,
    "evaluate": _evaluate,
    "train_step": _train_step,
}
