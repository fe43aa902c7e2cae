"""The torch-reference checks: catch wrong values, accept correct ones, name the mistake."""

from __future__ import annotations

import pytest

from tests.conftest import define, failures, run_local


@pytest.mark.parametrize(
    "name",
    [
        "Linear",
        "ReLU",
        "Sigmoid",
        "Tanh",
        "Softmax",
        "MSELoss",
        "CrossEntropyLoss",
        "SoftmaxCrossEntropyLoss",
    ],
)
def test_the_reference_implementation_passes_every_check(ref, name):
    assert failures(run_local(ref[name], name)) == {}


def test_a_flipped_sign_in_linear_bp_input_is_named(ref):
    ns = define(
        "class Linear(Linear):\n    def bp_input(self, grad):\n        return -(grad @ self.W.T)\n",
        ref,
    )
    failed = failures(run_local(ns["Linear"], "Linear"))
    assert "sign flipped" in failed["bp_input matches torch"]
    assert "bp_param matches torch" not in failed


def test_a_mean_instead_of_sum_for_the_bias_gradient_is_named(ref):
    ns = define(
        "class Linear(Linear):\n    def bp_param(self, grad):\n"
        "        return {'W': self.X.T @ grad, 'b': grad.mean(axis=0)}\n",
        ref,
    )
    message = failures(run_local(ns["Linear"], "Linear"))["bp_param matches torch"]
    assert "bp_param['b']" in message
    assert "once too often" in message


def test_the_message_shows_the_worst_element_expected_got_and_relative_error(ref):
    ns = define(
        "class Tanh(Tanh):\n    def bp_input(self, grad):\n        return grad * (1 - self.Y)\n",
        ref,
    )
    message = failures(run_local(ns["Tanh"], "Tanh"))["bp_input matches torch"]
    assert message.startswith("Tanh.bp_input: wrong values; worst element at index (")
    assert "expected" in message and "got" in message and "relative error" in message
    assert "1 - tanh(x) instead of 1 - tanh(x)**2" in message


def test_hidden_mode_shows_no_expected_values(ref):
    ns = define(
        "class Tanh(Tanh):\n    def bp_input(self, grad):\n        return grad * (1 - self.Y)\n",
        ref,
    )
    message = failures(run_local(ns["Tanh"], "Tanh", reveal=False))["bp_input matches torch"]
    assert "expected" not in message and "got " not in message
    assert "relative error" in message


def test_an_ignored_upstream_gradient_is_named(ref):
    ns = define(
        "class Sigmoid(Sigmoid):\n    def bp_input(self, grad):\n"
        "        return self.Y * (1 - self.Y)\n",
        ref,
    )
    message = failures(run_local(ns["Sigmoid"], "Sigmoid"))["bp_input matches torch"]
    assert "ignored the upstream gradient" in message


def test_a_wrong_forward_fails_the_forward_check_and_finite_differences(ref):
    ns = define(
        "class Sigmoid(Sigmoid):\n    def __call__(self, X):\n"
        "        self.Y = 1 / (1 + np.exp(X))\n        return self.Y\n",
        ref,
    )
    failed = failures(run_local(ns["Sigmoid"], "Sigmoid"))
    assert "forward matches torch" in failed
    assert "bp_input matches own forward (finite differences)" in failed


def test_bp_param_of_a_parameterless_layer_must_return_an_empty_dict(ref):
    ns = define("class ReLU(ReLU):\n    def bp_param(self, grad):\n        return None\n", ref)
    message = failures(run_local(ns["ReLU"], "ReLU"))["bp_param returns {}"]
    assert (
        message
        == "ReLU.bp_param returned None, expected a dict (layers without parameters return {})"
    )


def test_wrong_keys_in_bp_param_are_named(ref):
    ns = define(
        "class Linear(Linear):\n    def bp_param(self, grad):\n"
        "        return {'dW': self.X.T @ grad, 'db': grad.sum(0)}\n",
        ref,
    )
    message = failures(run_local(ns["Linear"], "Linear"))["bp_param matches torch"]
    assert "missing 'W', 'b'" in message and "unexpected 'dW', 'db'" in message


def test_relu_backward_through_a_boolean_index_is_named(ref):
    ns = define(
        "class ReLU(ReLU):\n    def bp_input(self, grad):\n        return grad[self.X > 0]\n", ref
    )
    failed = failures(run_local(ns["ReLU"], "ReLU"))
    assert "boolean mask (grad[X > 0])" in failed["bp_input matches torch"]
    assert "ReLU.bp_input returned shape (" in failed["any subgradient at the kink (x = 0)"]


def test_every_wrong_parameter_gradient_is_named_not_only_the_first(ref):
    ns = define(
        "class Linear(Linear):\n    def bp_param(self, grad):\n"
        "        return {'W': self.X.T @ grad / len(grad), 'b': 3 * grad.sum(axis=0)}\n",
        ref,
    )
    failed = failures(run_local(ns["Linear"], "Linear"))
    for check in ("bp_param matches torch", "bp_param matches own forward (finite differences)"):
        assert "bp_param['W']" in failed[check] and "bp_param['b']" in failed[check]
