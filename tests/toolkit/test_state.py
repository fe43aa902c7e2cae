"""State rules: no in-place writes, latest forward wins, repeatable calls, zero upstream."""

from __future__ import annotations

from autograder.toolkit import state
from tests.conftest import define, failures, run_check, run_local


def test_a_forward_that_modifies_its_input_in_place_is_caught(ref):
    ns = define(
        "class ReLU(ReLU):\n    def __call__(self, X):\n"
        "        X[X < 0] = 0\n        self.X = X\n        return X\n",
        ref,
    )
    failed = failures(run_local(ns["ReLU"], "ReLU"))
    assert list(failed) == ["no in-place modification"]
    assert "input modified in place" in failed["no in-place modification"]
    assert "ReLU.__call__" in failed["no in-place modification"]


def test_a_backward_that_modifies_the_upstream_gradient_is_caught(ref):
    ns = define(
        "class Softmax(Softmax):\n    def bp_input(self, grad):\n"
        "        grad -= (grad * self.Y).sum(axis=1, keepdims=True)\n"
        "        return self.Y * grad\n",
        ref,
    )
    failed = failures(run_local(ns["Softmax"], "Softmax"))
    assert "Softmax.bp_input wrote into a read-only array" in failed["no in-place modification"]


def test_a_defensive_copy_is_accepted(ref):
    ns = define(
        "class ReLU(ReLU):\n    def __call__(self, X):\n"
        "        X = X.copy()\n        self.X = X.copy()\n        X[X < 0] = 0\n"
        "        return X\n",
        ref,
    )
    assert failures(run_local(ns["ReLU"], "ReLU")) == {}


def test_a_cache_filled_only_by_the_first_forward_is_caught(ref):
    ns = define(
        "class Linear(Linear):\n    def __call__(self, X):\n"
        "        if not hasattr(self, 'X'):\n            self.X = X\n"
        "        return X @ self.W + self.b\n",
        ref,
    )
    failed = failures(run_local(ns["Linear"], "Linear"))
    assert "first forward call" in failed["backward uses the latest forward"]


def test_a_backward_that_changes_its_own_state_is_caught_on_the_second_call(ref):
    # multiplies the cached output in place: the second call sees different numbers
    ns = define(
        "class Sigmoid(Sigmoid):\n    def __call__(self, X):\n"
        "        self.Y = 1 / (1 + np.exp(-X))\n        return self.Y.copy()\n"
        "    def bp_input(self, grad):\n        self.Y *= 1 - self.Y\n"
        "        return grad * self.Y\n",
        ref,
    )
    failed = failures(run_local(ns["Sigmoid"], "Sigmoid"))
    assert "second call" in failed["same answer in any order, called twice"]


def test_a_gradient_with_a_constant_offset_fails_the_zero_upstream_check(ref):
    ns = define(
        "class Tanh(Tanh):\n    def bp_input(self, grad):\n"
        "        return (grad + 1e-3) * (1 - self.Y**2)\n",
        ref,
    )
    failed = failures(run_local(ns["Tanh"], "Tanh"))
    assert "all-zero upstream gradient" in failed["zero upstream gradient gives zeros"]


def test_a_wrong_formula_fails_only_the_value_checks_and_earns_no_rule(ref):
    ns = define(
        "class Tanh(Tanh):\n    def bp_input(self, grad):\n        return grad * (1 - self.Y)\n",
        ref,
    )
    for check in (state.check_latest_forward, state.check_call_order, state.check_no_mutation):
        run_check(check, ns["Tanh"], "Tanh")  # the state checks themselves pass
    results = run_local(ns["Tanh"], "Tanh")
    own = {n: m for n, m in failures(results).items() if not m.startswith("not scored")}
    assert set(own) == {
        "bp_input matches torch",
        "bp_input matches own forward (finite differences)",
    }
    assert sum(r.score for r in results.values()) == 0  # every rule waits for right values
