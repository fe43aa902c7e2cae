"""Values at extreme logits, for every target class, with causes named only when verified."""

from __future__ import annotations

import pytest

from tests.conftest import define, failures, run_local

STABLE = "stable at logits of +-1000"
SCE = "SoftmaxCrossEntropyLoss"

_STABLE_P = (
    "        z = prediction - prediction.max(axis=1, keepdims=True)\n"
    "        e = np.exp(z)\n        self.p = e / e.sum(axis=1, keepdims=True)\n"
    "        self.y = target\n"
)


def _fused_loss(value: str) -> str:
    """A fused loss with a stable softmax whose loss value is `value` (of self.p, target)."""
    return (
        f"class {SCE}({SCE}):\n    def __call__(self, prediction, target):\n"
        + _STABLE_P
        + f"        return float({value}) / len(prediction)\n"
    )


@pytest.mark.parametrize(
    ("value", "cause"),
    [
        ("-np.sum(target * np.log(self.p + 1e-15))", "capped at -log(1e-15)"),
        ("-np.sum(target * np.log(np.clip(self.p, 1e-7, 1)))", "capped at -log(1e-7)"),
        ("-np.sum(np.log(self.p[target == 1]))", "log of a probability that underflowed"),
        ("-np.sum(target * np.log(self.p))", "0 * log(0) = nan"),
    ],
)
def test_a_fused_loss_wrong_where_a_probability_underflows_fails_with_its_cause(ref, value, cause):
    failed = failures(run_local(define(_fused_loss(value), ref)[SCE], SCE))
    assert list(failed) == [STABLE]
    assert "underflows to 0" in failed[STABLE] or "got nan" in failed[STABLE]
    assert cause in failed[STABLE]
    assert "overflow in exp" not in failed[STABLE]


def test_nan_from_0_log_0_is_not_called_an_overflow(ref):
    failed = failures(
        run_local(define(_fused_loss("-np.sum(target * np.log(self.p))"), ref)[SCE], SCE)
    )
    assert "subtract each row's maximum" not in failed[STABLE]


def test_an_overflowing_fused_loss_is_called_an_overflow_because_it_was_observed(ref):
    ns = define(
        f"class {SCE}({SCE}):\n    def __call__(self, prediction, target):\n"
        "        e = np.exp(prediction)\n        self.p = e / e.sum(axis=1, keepdims=True)\n"
        "        self.y = target\n"
        "        logp = np.log(e) - np.log(e.sum(axis=1, keepdims=True))\n"
        "        return float(-np.sum(target * logp) / len(prediction))\n",
        ref,
    )
    message = failures(run_local(ns[SCE], SCE))[STABLE]
    assert "Verified cause: overflow in exp" in message
    assert "at the same logits minus 1000" in message


def _softmax_message(ref, exponentials: str) -> str:
    """The stability message of a Softmax whose forward uses e = `exponentials`."""
    source = (
        "class Softmax(Softmax):\n    def __call__(self, X):\n"
        f"        e = {exponentials}\n        self.Y = e / e.sum(axis=1, keepdims=True)\n"
        "        return self.Y\n"
    )
    return failures(run_local(define(source, ref)["Softmax"], "Softmax"))[STABLE]


def test_an_overflowing_softmax_is_called_an_overflow(ref):
    message = _softmax_message(ref, "np.exp(X)")
    assert "returned nan or inf" in message and "Verified cause: overflow in exp" in message


def test_a_softmax_wrong_at_extreme_logits_without_nan_gets_no_guessed_cause(ref):
    message = _softmax_message(ref, "np.exp(np.clip(X - X.max(axis=1, keepdims=True), -5, 0))")
    assert "worst element at index" in message and "overflow" not in message


def test_a_fused_loss_through_log_sum_exp_passes(ref):
    assert failures(run_local(ref[SCE], SCE)) == {}


CE = "CrossEntropyLoss"


def _ce(value: str, grad: str) -> str:
    return (
        f"class {CE}:\n    def __call__(self, prediction, target):\n"
        "        self.p, self.y = prediction, target\n"
        f"        return float({value}) / len(prediction)\n"
        f"    def bp_input(self, grad=1.0):\n        return grad * ({grad}) / len(self.p)\n"
    )


@pytest.mark.parametrize("eps", ["1e-7", "1e-12"])
def test_cross_entropy_clipped_below_the_contracts_smallest_probability_passes(ref, eps):
    clipped = f"np.clip(self.p, {eps}, 1)"
    source = _ce(f"-np.sum(target * np.log(np.clip(prediction, {eps}, 1)))", f"-self.y / {clipped}")
    assert failures(run_local(define(source, ref)[CE], CE)) == {}


def test_cross_entropy_clipped_above_the_contracts_smallest_probability_fails(ref):
    clipped = "np.clip(self.p, 1e-5, 1)"
    source = _ce(f"-np.sum(target * np.log({clipped}))", f"-self.y / {clipped}")
    failed = failures(run_local(define(source, ref)[CE], CE))
    assert "forward matches torch" in failed and "bp_input matches torch" in failed
