"""The test graphs: their structure (edges on paths, pruning), validity and reproducibility,
and the mistake simulations."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.assignments.graph import _graphs, _simulate
from autograder.assignments.graph._graphs import GraphCase
from autograder.assignments.graph._torch_ref import graph_grads
from autograder.assignments.graph.contract import OP_BY_NAME

ALL = frozenset(OP_BY_NAME)
MINIMAL = frozenset({"Sum", "Add"})


def _hand_made() -> GraphCase:
    # a = x * x; b = exp(a); c = a + b; z = sum(c); k = W * W (a constant branch), d = c + k
    values = {"x": np.array([0.3, -0.2]), "W": np.array([1.0, 2.0])}
    nodes = (
        ("a", "Multiply", ("x", "x")),
        ("b", "Exp", ("a",)),
        ("k", "Multiply", ("W", "W")),
        ("c", "Add", ("a", "b")),
        ("d", "Add", ("c", "k")),
        ("z", "Sum", ("d",)),
        ("u", "Exp", ("x",)),  # computed from x, unused by z
    )
    return GraphCase(nodes, values, "z", ("x",))


def test_edges_on_paths_count_every_input_slot_and_skip_what_leads_to_no_wrt_node():
    case = _hand_made()
    assert case.ancestors("z") == {"z", "d", "c", "k", "b", "a", "x", "W"}
    assert case.on_path() == {"x", "a", "b", "c", "d", "z"}
    # x->a twice, a->b, a->c, b->c, c->d, d->z
    assert case.pruned_edges() == 7
    assert case.all_edges() == 7 + 3  # plus W->k twice and k->d
    assert not case.reaches_target("u")


@pytest.mark.parametrize("mistake", list(_simulate.MISTAKES))
def test_every_simulated_mistake_is_harmless_without_sharing(mistake):
    # a chain has one consumer per node and one order: each mistaken sweep is then right,
    # which checks the simulation's machinery (torch VJPs on every edge) against torch
    for seed in range(4):
        for ops in (ALL, MINIMAL):
            case = _graphs.chain(np.random.default_rng(seed), ops)
            want = graph_grads(case)
            for name, value in _simulate.simulate(case, mistake).items():
                np.testing.assert_allclose(value, want[name], rtol=1e-9, atol=1e-12)


def test_the_package_cannot_simulate_the_correct_algorithm():
    # only mistakes: a correct sweep (reverse topological order, summed) would be the answer
    assert ("reverse_topological", "sum") not in _simulate.MISTAKES.values()
    with pytest.raises(KeyError):
        _simulate.simulate(_hand_made(), "correct")


@pytest.mark.parametrize("ops", [ALL, MINIMAL, frozenset({"Sum", "Multiply"})], ids=len)
@pytest.mark.parametrize("seed", range(8))
def test_random_graphs_are_valid(ops, seed):
    rng = np.random.default_rng(seed)
    for case in _graphs.random_cases(rng, ops, graphs=2):
        assert {op for _, op, _ in case.nodes} <= ops
        values = case.forward()
        assert np.shape(values[case.target]) == ()
        for name, value in values.items():
            assert np.all(np.isfinite(value)), name
        for _, op, inputs in case.nodes:
            if op == "Log":
                assert values[inputs[0]].min() > 0
            if op == "Relu":
                assert np.abs(values[inputs[0]]).min() > 0  # never at the kink
        assert set(graph_grads(case)) == set(case.wrt)


def test_the_torch_gradients_of_a_hand_made_graph():
    case = _hand_made()
    x = case.values["x"]
    a = x * x
    np.testing.assert_allclose(graph_grads(case)["x"], 2 * x * (1 + np.exp(a)))


def test_graphs_are_reproducible_from_the_seed():
    one = _graphs.random_cases(np.random.default_rng(3), ALL)
    two = _graphs.random_cases(np.random.default_rng(3), ALL)
    assert [c.describe() for c in one] == [c.describe() for c in two]


def test_the_ladder_has_exponentially_many_paths_but_few_edges():
    case = _graphs.ladder(np.random.default_rng(0), ALL, depth=8)
    assert case.pruned_edges() <= 4 * 8 + 1


def test_the_mistakes_change_the_answer_on_their_graphs():
    rng = np.random.default_rng(1)
    consumers = _graphs.consumers(rng, ALL)
    uneven = _graphs.uneven_paths(rng, ALL)
    right = graph_grads(consumers)["x"]
    for hint, (how, _) in _simulate.MISTAKES.items():
        if how == "reverse_topological":  # not summed over consumers
            assert not np.allclose(_simulate.simulate(consumers, hint)["x"], right), hint
    right = graph_grads(uneven)["x"]
    for hint, (how, _) in _simulate.MISTAKES.items():
        if how != "reverse_topological":  # a wrong visiting order
            assert not np.allclose(_simulate.simulate(uneven, hint)["x"], right), hint
