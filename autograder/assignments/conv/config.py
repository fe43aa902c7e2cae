"""The end-to-end CNN check's settings, in one place.

Calibrated on the reference solution on the course's 2-core machine, one BLAS thread, over
several seeds: see benchmarks/calibration_conv.md (with the command that reproduces it). A
course overrides the threshold and the budget with the environment variables below, read when
the check runs.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from ..mlp.config import TrainConfig, as_fraction

#: required test accuracy: a fraction (0.98) or a percentage (98)
THRESHOLD_ENV = "BACKPROP_KIT_CONV_THRESHOLD"
#: CPU seconds for the training (and its per-epoch evaluation)
BUDGET_ENV = "BACKPROP_KIT_CONV_BUDGET"


@dataclass(frozen=True)
class CnnConfig(TrainConfig):
    """02_mlp's settings (batch size, momentum, the final epochs at a lower learning rate, ...)
    with the CNN's: Conv2d(1, filters, 3) -> ReLU -> MaxPool2d(2) -> Flatten ->
    Linear(filters * 13 * 13, hidden) -> ReLU -> Linear(hidden, 10). The SGD step is the
    grader's (inside the worker). The credit assignment's probe settings are not used."""

    hidden: int = 64
    epochs: int = 3
    #: output channels of the convolution
    filters: int = 8
    #: required accuracy on the 10,000 test images (calibration: benchmarks/calibration_conv.md)
    threshold: float = 0.98
    #: CPU seconds for training + per-epoch evaluation (not wall clock: a busy machine does not
    #: count against the student); loading MNIST and starting the worker are not counted
    budget: float = 150.0


def from_env(base: CnnConfig | None = None) -> CnnConfig:
    """`base` (default: CnnConfig()) with the course's overrides from the environment."""
    threshold, budget = os.environ.get(THRESHOLD_ENV), os.environ.get(BUDGET_ENV)
    changes = {"threshold": as_fraction(threshold)} if threshold else {}
    changes |= {"budget": float(budget)} if budget else {}
    return dataclasses.replace(base or CnnConfig(), **changes)
