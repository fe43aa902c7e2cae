"""numpy shape errors from student code: a cause is named only when a square run verifies it."""

from __future__ import annotations

from tests.conftest import define, failures, run_local

TORCH = "bp_input matches torch"


def _linear_bp_input(expr: str, ref) -> str:
    source = f"class Linear(Linear):\n    def bp_input(self, grad):\n        return {expr}\n"
    return failures(run_local(define(source, ref)["Linear"], "Linear"))[TORCH]


def test_w_instead_of_w_transposed_is_named_after_a_square_run_matches_it(ref):
    message = _linear_bp_input("grad @ self.W", ref)
    assert message.startswith("Linear.bp_input raised ValueError: matmul")
    assert "used W instead of W.T (grad @ W) (verified: at square shapes" in message


def test_an_elementwise_product_is_not_called_a_transpose(ref):
    message = _linear_bp_input("grad * self.W.T", ref)
    assert "multiplied elementwise (*) where a matrix product (@) is needed" in message
    assert "W instead of W.T" not in message and "transpose" not in message


def test_a_broadcast_error_in_a_loss_gets_numpys_message_and_no_guess(ref):
    source = (
        "class MSELoss(MSELoss):\n    def bp_input(self, grad=1.0):\n"
        "        return grad * 2 * self.diff / self.diff.sum(axis=0)[:, None]\n"
    )
    message = failures(run_local(define(source, ref)["MSELoss"], "MSELoss"))[TORCH]
    assert message.startswith("MSELoss.bp_input raised ValueError: operands could not be")
    assert "transpose" not in message and "Likely mistake" not in message


def test_a_shape_error_from_an_unrecognised_product_says_what_numpy_said(ref):
    message = _linear_bp_input("grad @ self.X", ref)
    assert message.startswith("Linear.bp_input raised ValueError: matmul")
    assert "transpose" not in message and "W.T" not in message.partition("matmul")[2]
