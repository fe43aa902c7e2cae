"""Finite differences: a backward that disagrees with its own forward fails; one that agrees
with a wrong forward passes here (and fails the torch check instead)."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.assignments.layers.contract import BY_NAME
from autograder.errors import ValueMismatch
from autograder.toolkit import finite_diff
from autograder.toolkit.drive import Ctx
from tests.conftest import define, failures, run_local

FD = "bp_input matches own forward (finite differences)"


def test_a_backward_that_disagrees_with_its_forward_fails(ref):
    ns = define(
        "class Softmax(Softmax):\n    def bp_input(self, grad):\n"
        "        return grad * self.Y * (1 - self.Y)\n",
        ref,
    )
    message = failures(run_local(ns["Softmax"], "Softmax"))[FD]
    assert message.startswith("Softmax.bp_input: wrong values; worst element")
    assert "disagrees with its own forward pass" in message


def test_a_mistake_shared_by_forward_and_backward_passes_consistency_but_not_torch(ref):
    # forgets the 1/N in both the loss value and its gradient
    ns = define(
        "class CrossEntropyLoss(CrossEntropyLoss):\n"
        "    def __call__(self, prediction, target):\n"
        "        self.p, self.y = prediction, target\n"
        "        return float(-np.sum(target * np.log(prediction)))\n"
        "    def bp_input(self, grad=1.0):\n"
        "        return -grad * self.y / self.p\n",
        ref,
    )
    failed = failures(run_local(ns["CrossEntropyLoss"], "CrossEntropyLoss"))
    assert FD not in failed
    assert "forgot to divide by the batch size N=6" in failed["bp_input matches torch"]
    assert "missing 1/N" in failed["mean over the batch"]


def test_bp_param_disagreeing_with_forward_names_the_parameter(ref):
    ns = define(
        "class Linear(Linear):\n    def bp_param(self, grad):\n"
        "        return {'W': self.X.T @ grad, 'b': 2 * grad.sum(0)}\n",
        ref,
    )
    message = failures(run_local(ns["Linear"], "Linear"))[
        "bp_param matches own forward (finite differences)"
    ]
    assert message.startswith("Linear.bp_param['b']")
    assert "factor of 2" in message


def test_the_check_itself_fails_with_a_step_far_too_large(ref, monkeypatch):
    # a gradient check that cannot fail proves nothing: with H = 1 the correct Tanh fails
    monkeypatch.setattr(finite_diff, "H", 1.0)
    from autograder.runner import LocalSession

    ctx = Ctx(BY_NAME["Tanh"], LocalSession({"Tanh": ref["Tanh"]}), np.random.default_rng(0))
    with pytest.raises(ValueMismatch):
        finite_diff.check_bp_input(ctx)


def test_relu_inputs_stay_away_from_the_kink(ref):
    inputs, _ = BY_NAME["ReLU"].sample(np.random.default_rng(0), (50, 40, 40))
    assert np.abs(inputs["X"]).min() >= 0.1 > 10 * finite_diff.H


_TANH32 = (
    "class Tanh(Tanh):\n    def __call__(self, X):\n"
    "        self.Y = np.tanh(X.astype(np.float32))\n        return self.Y\n"
    "    def bp_input(self, grad):\n        return grad.astype(np.float32) * ({})\n"
)


def test_a_layer_computed_in_float32_passes_every_check(ref):
    ns = define(_TANH32.format("1 - self.Y**2"), ref)
    assert failures(run_local(ns["Tanh"], "Tanh")) == {}


def test_a_wrong_layer_in_float32_still_fails_its_own_forward_and_torch(ref):
    ns = define(_TANH32.format("1 - 0.9 * self.Y**2"), ref)
    failed = failures(run_local(ns["Tanh"], "Tanh"))
    assert FD in failed and "bp_input matches torch" in failed
