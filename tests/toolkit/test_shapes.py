"""The shape check: exact shapes, with the likely mistake named."""

from __future__ import annotations

from autograder.toolkit import shapes
from tests.conftest import define, failures, run_check, run_local

SHAPES = "shapes (batch 1 and > 1, non-square)"


def test_a_transposed_weight_gradient_is_named(ref):
    ns = define(
        "class Linear(Linear):\n    def bp_param(self, grad):\n"
        "        return {'W': grad.T @ self.X, 'b': grad.sum(0)}\n",
        ref,
    )
    failed = failures(run_local(ns["Linear"], "Linear"))
    assert failed[SHAPES] == (
        "Linear.bp_param['W'] returned shape (3, 4), expected (4, 3). "
        "Likely mistake: transposed (the transpose of what came back is the expected array)."
    )


def test_a_bias_gradient_not_summed_over_the_batch_is_named(ref):
    ns = define(
        "class Linear(Linear):\n    def bp_param(self, grad):\n"
        "        return {'W': self.X.T @ grad, 'b': grad}\n",
        ref,
    )
    assert "did not sum over the batch axis" in failures(run_local(ns["Linear"], "Linear"))[SHAPES]


def test_right_shapes_with_wrong_values_pass_the_shape_check_but_earn_nothing(ref):
    ns = define(
        "class Sigmoid(Sigmoid):\n    def bp_input(self, grad):\n        return grad * self.Y\n",
        ref,
    )
    run_check(shapes.check_shapes, ns["Sigmoid"], "Sigmoid")  # the check itself passes
    results = run_local(ns["Sigmoid"], "Sigmoid")
    assert "bp_input matches torch" in failures(results)
    assert results[SHAPES].score == 0  # the rubric pays rules only with right values
    assert (
        "not scored: Sigmoid does not pass 'forward matches torch'" not in results[SHAPES].message
    )
    assert "not scored: Sigmoid does not pass 'bp_input matches torch'" in results[SHAPES].message
