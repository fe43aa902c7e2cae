"""Rules pay only for right values: a stub earns nothing, a right class keeps every point.

The stubs subclass the reference class (its forward stays right) and replace the backward by
one that returns zeros, the forward's input (or the parameters themselves), the upstream
gradient, or a constant, all of the right shapes: each follows the contract's rules (shapes,
no in-place writes, caches, ...) and must still earn 0 points.
"""

from __future__ import annotations

import pytest

from autograder.assignments.layers.contract import SPECS
from autograder.results import CheckResult
from autograder.toolkit.gate import pay_only_right_values
from autograder.toolkit.rubric import CheckDef
from tests.conftest import define, run_local

#: what the stub's bp_input returns (`x` is the forward's first argument), and its bp_param
STUBS = {
    "zeros": ("np.zeros_like(x)", "np.zeros_like(p)"),
    "its input": ("x.copy()", "p.copy()"),
    "the upstream gradient": ("np.broadcast_to(grad, x.shape).copy()", "p.copy()"),
    "a constant": ("np.full_like(x, 0.5)", "np.full_like(p, 0.5)"),
}


def _stub(name: str, params: tuple[str, ...], returns: tuple[str, str]) -> str:
    dx, dp = returns
    return (
        f"class {name}({name}):\n"
        "    def __call__(self, *args):\n"
        "        self._x = np.asarray(args[0], dtype=float)\n"
        "        return super().__call__(*args)\n"
        "    def bp_input(self, grad=1.0):\n"
        "        x = self._x\n"
        f"        return {dx}\n"
        "    def bp_param(self, grad):\n"
        f"        return {{k: (lambda p: {dp})(getattr(self, k)) for k in {params!r}}}\n"
    )


@pytest.mark.parametrize("stub", list(STUBS))
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_a_stub_earns_nothing(ref, spec, stub):
    ns = define(_stub(spec.name, spec.params, STUBS[stub]), ref)
    results = run_local(ns[spec.name], spec.name)
    paid = {n: r.score for n, r in results.items() if r.score}
    assert paid == {}, f"{spec.name} returning {stub} earned points"


def test_a_right_class_keeps_every_point(ref):
    for spec in SPECS:
        results = run_local(ref[spec.name], spec.name)
        assert [n for n, r in results.items() if not r.passed] == [], spec.name


def test_right_input_gradient_and_wrong_parameter_gradient(ref):
    # bp_input's own rule (zero upstream) still pays; rules spanning both methods do not
    ns = define(
        "class Linear(Linear):\n    def bp_param(self, grad):\n"
        "        return {'W': np.zeros_like(self.W), 'b': np.zeros_like(self.b)}\n",
        ref,
    )
    results = run_local(ns["Linear"], "Linear")
    assert results["zero upstream gradient gives zeros"].score == 1
    assert results["shapes (batch 1 and > 1, non-square)"].score == 0
    assert results["bp_input matches torch"].score == 3


# -- the rule on its own ---------------------------------------------------------------------


def _def(name: str, method: str | None, role: str | None) -> CheckDef:
    return CheckDef(name, method, 1, lambda ctx: None, role=role)


def _result(d: CheckDef, passed: bool, message: str = "") -> CheckResult:
    status = "passed" if passed else "failed"
    return CheckResult(d.name, "Unit", d.method, status, int(passed), 1, message)


DEFS = [
    _def("a values", "a", "value"),
    _def("b values", "b", "value"),
    _def("a rule", "a", "property"),
    _def("b rule", "b", "property"),
    _def("class rule", None, "property"),
    _def("c rule", "c", "property"),  # a method without a value check of its own
    _def("a extra", "a", None),
]


def _run(passed: dict[str, bool], messages: dict[str, str] | None = None) -> dict[str, CheckResult]:
    messages = messages or {}
    results = [_result(d, passed.get(d.name, True), messages.get(d.name, "")) for d in DEFS]
    return {r.name: r for r in pay_only_right_values(DEFS, results)}


def test_right_values_pay_every_rule():
    assert all(r.score == 1 for r in _run({}).values())


def test_wrong_values_of_one_method_withhold_its_rules_and_the_class_wide_ones():
    out = _run({"a values": False})
    assert {n for n, r in out.items() if r.score} == {"b values", "b rule", "a extra"}
    assert out["a rule"].message == (
        "not scored: Unit.a does not pass 'a values' yet, and this rule of the contract earns "
        "its points only once the values are right"
    )
    assert out["class rule"].message.startswith("not scored: Unit does not pass 'a values'")
    assert out["c rule"].status == "failed"


def test_a_rule_that_failed_on_its_own_keeps_its_message():
    out = _run({"a values": False, "a rule": False}, {"a rule": "wrote into a read-only array"})
    assert out["a rule"].message == "wrote into a read-only array"
