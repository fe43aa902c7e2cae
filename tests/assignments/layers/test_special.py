"""Stability at +-1000 and ReLU's kink."""

from __future__ import annotations

import pytest

from tests.conftest import define, failures, run_local

STABLE = "stable at logits of +-1000"
KINK = "any subgradient at the kink (x = 0)"


def test_an_unstable_softmax_fails_only_the_stability_check(ref):
    ns = define(
        "class Softmax(Softmax):\n    def __call__(self, X):\n"
        "        e = np.exp(X)\n        self.Y = e / e.sum(axis=1, keepdims=True)\n"
        "        return self.Y\n",
        ref,
    )
    failed = failures(run_local(ns["Softmax"], "Softmax"))
    assert list(failed) == [STABLE]
    assert "subtract each row's maximum" in failed[STABLE]


def test_an_unstable_fused_loss_fails_the_stability_check(ref):
    ns = define(
        "class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):\n"
        "    def __call__(self, prediction, target):\n"
        "        e = np.exp(prediction)\n        self.p = e / e.sum(axis=1, keepdims=True)\n"
        "        self.y = target\n"
        "        return float(-np.sum(target * np.log(self.p)) / len(prediction))\n",
        ref,
    )
    failed = failures(run_local(ns["SoftmaxCrossEntropyLoss"], "SoftmaxCrossEntropyLoss"))
    assert STABLE in failed


@pytest.mark.parametrize(
    "subgradient", ["(self.X > 0)", "(self.X >= 0)", "np.where(self.X == 0, 0.5, self.X > 0)"]
)
def test_any_subgradient_in_0_1_at_relus_kink_is_accepted(ref, subgradient):
    ns = define(
        f"class ReLU(ReLU):\n    def bp_input(self, grad):\n        return grad * {subgradient}\n",
        ref,
    )
    assert failures(run_local(ns["ReLU"], "ReLU")) == {}


def test_a_value_outside_0_1_at_the_kink_is_rejected(ref):
    ns = define(
        "class ReLU(ReLU):\n    def bp_input(self, grad):\n"
        "        return grad * np.where(self.X == 0, 2.0, self.X > 0)\n",
        ref,
    )
    failed = failures(run_local(ns["ReLU"], "ReLU"))
    assert list(failed) == [KINK]
    assert "s in [0, 1]" in failed[KINK]
