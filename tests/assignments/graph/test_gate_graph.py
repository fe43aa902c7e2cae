"""Rules pay only for right values, in assignment 3: an operation whose bprop returns zeros,
its input or a constant earns nothing from its shape and in-place checks, and a build_grad
that fills the table with such values earns nothing from the bprop counts or in-place check.
"""

from __future__ import annotations

import pytest

from autograder.assignments.graph.contract import OPS
from tests.assignments.graph._support import grade_unit, namespace, score

#: what the stub's bprop returns for input i (all of the right shape)
OP_STUBS = {
    "zeros": "np.zeros_like(np.asarray(inputs[i], dtype=float))",
    "its input": "np.array(inputs[i], dtype=float)",
    "a constant": "np.full_like(np.asarray(inputs[i], dtype=float), 0.5)",
}

#: what the stub build_grad puts in the table for a wrt node `n`; it calls bprop on every edge
#: into the target's ancestors once, so the counting checks alone cannot tell it apart
GRAD_STUBS = {
    "zeros": "np.zeros_like(np.asarray(n.value, dtype=float))",
    "its value": "np.array(n.value, dtype=float)",
    "a constant": "np.full_like(np.asarray(n.value, dtype=float), 0.5)",
}


@pytest.mark.parametrize("stub", list(OP_STUBS))
@pytest.mark.parametrize("op", [spec.name for spec in OPS])
def test_an_operation_stub_earns_nothing(op, stub):
    extra = (
        f"class {op}({op}):\n"
        "    def bprop(self, inputs, output, grad, i):\n"
        f"        return {OP_STUBS[stub]}\n"
    )
    results = grade_unit(namespace(extra), op)
    assert score(results)[0] == 0, {r.name: r.score for r in results if r.score}


@pytest.mark.parametrize("stub", list(GRAD_STUBS))
def test_a_build_grad_stub_earns_nothing(stub):
    extra = (
        "def build_grad(target, wrt):\n"
        "    seen, stack = set(), [target]\n"
        "    while stack:\n"
        "        node = stack.pop()\n"
        "        if id(node) in seen:\n"
        "            continue\n"
        "        seen.add(id(node))\n"
        "        if node.op is not None:\n"
        "            values = [x.value for x in node.inputs]\n"
        "            for i in range(len(node.inputs)):\n"
        "                node.op.bprop(values, node.value, np.ones(np.shape(node.value)), i)\n"
        "        stack.extend(node.inputs)\n"
        f"    return {{n: {GRAD_STUBS[stub]} for n in wrt}}\n"
    )
    results = grade_unit(namespace(extra), "Backprop")
    assert score(results)[0] == 0, {r.name: r.score for r in results if r.score}
