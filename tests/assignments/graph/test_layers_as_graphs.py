"""Assignment 1's layers expressed as graphs give the same gradients as the layer classes.

Linear -> ReLU -> Linear -> softmax cross-entropy is built from the graph operations
(`_graphs.mlp`: MatMul + BroadcastAdd, Relu, and Exp / a product with ones / Log / Multiply /
Sum for the fused loss), run through the solution's `Backprop.run`, and compared with the
correct layer classes of tests/assignments/layers/corpus/reference.py, wired by hand as in
assignment 1.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder.assignments.graph import _graphs
from autograder.assignments.graph._torch_ref import graph_grads
from tests.assignments.graph._support import namespace
from tests.conftest import reference_namespace


def _layers(case, Y):
    ref = reference_namespace()
    v = case.values
    d, h = v["W1"].shape
    c = v["W2"].shape[1]
    lin1, relu, lin2 = ref["Linear"](d, h), ref["ReLU"](), ref["Linear"](h, c)
    lin1.W, lin1.b, lin2.W, lin2.b = v["W1"], v["b1"], v["W2"], v["b2"]
    loss_fn = ref["SoftmaxCrossEntropyLoss"]()
    Z = lin2(relu(lin1(v["X"])))
    loss = loss_fn(Z, Y)
    g = loss_fn.bp_input()
    grads = {"Z": g, **{k + "2": val for k, val in lin2.bp_param(g).items()}}
    g = relu.bp_input(lin2.bp_input(g))
    grads.update({k + "1": val for k, val in lin1.bp_param(g).items()})
    grads["X"] = lin1.bp_input(g)
    return loss, grads


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_mlp_graph_gives_the_layer_classes_gradients(seed):
    case, Y = _graphs.mlp(np.random.default_rng(seed))
    loss, expected = _layers(case, Y)
    assert case.forward()["L"] == pytest.approx(loss, rel=1e-12)
    entry = namespace()["Backprop"]()
    result = entry.run(case.spec(), case.values, case.target, list(case.wrt))
    assert set(result["grads"]) == set(expected)
    for name, want in expected.items():
        np.testing.assert_allclose(result["grads"][name], want, rtol=1e-10, atol=1e-12)
    # and torch agrees with both
    for name, want in graph_grads(case).items():
        np.testing.assert_allclose(expected[name], want, rtol=1e-10, atol=1e-12)
    # the constant parts (the row maximum, the ones, -1, 1/N, the targets) are pruned
    assert result["bprop_calls"] == case.pruned_edges() < case.all_edges()
