"""The contract of assignment 3 and the grader's own numpy forwards.

The numpy forwards (used to build test graphs and probe operations) must agree with torch,
every classic mistake must actually differ from the right answer (or its hint would never
fire, or fire on correct code), and the rubric must add up.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder import assignments
from autograder.assignments.graph import _forward
from autograder.assignments.graph._diagnose import broadcast_axes, broadcast_hint
from autograder.assignments.graph._torch_ref import (
    broadcast_mistakes,
    op_forward,
    op_mistakes,
    op_vjps,
)
from autograder.assignments.graph.contract import OPS, sample
from autograder.assignments.graph.rubric import checks_for

CASES = [
    pytest.param(spec, shapes, id=f"{spec.name}{list(shapes)}")
    for spec in OPS
    for shapes in (*spec.cases, *spec.broadcast_cases)
]


@pytest.mark.parametrize(("spec", "shapes"), CASES)
def test_the_numpy_forward_agrees_with_torch(spec, shapes):
    rng = np.random.default_rng(5)
    inputs = [sample(rng, s, spec.domain) for s in shapes]
    np.testing.assert_allclose(
        _forward.forward(spec.name, *inputs), op_forward(spec, inputs), rtol=1e-12
    )


@pytest.mark.parametrize(("spec", "shapes"), CASES)
def test_every_classic_mistake_differs_from_the_right_gradient(spec, shapes):
    rng = np.random.default_rng(6)
    inputs = [sample(rng, s, spec.domain) for s in shapes]
    out = op_forward(spec, inputs)
    upstream = rng.standard_normal(out.shape)
    right = op_vjps(spec, inputs, upstream)
    for i in range(spec.arity):
        for name, value in op_mistakes(spec, inputs, out, upstream, i).items():
            if np.shape(value) == right[i].shape:
                assert not np.allclose(value, right[i]), (name, i)


def test_broadcast_axes_and_hints():
    assert broadcast_axes((5, 3), (3,)) == (0,)
    assert broadcast_axes((5, 3), (5, 1)) == (1,)
    assert broadcast_axes((2, 3, 4), (3, 1)) == (0, 2)
    assert broadcast_axes((5, 3), ()) == (0, 1)
    assert "not reduced" in broadcast_hint((5, 3), (5, 1), (5, 3))
    assert "wrong axes: over 0" in broadcast_hint((5, 3), (5, 1), (3,))
    g = np.arange(16.0).reshape(4, 4)
    alts = broadcast_mistakes(g, (4, 4), (4,))
    assert any("mean" in k for k in alts)
    np.testing.assert_allclose(alts["summed over axis 1 instead of 0"], g.sum(axis=1))


def test_the_rubric_totals_100_points_half_for_the_algorithm():
    units = assignments.get("03_graph").units
    points = {u.name: sum(d.points for d in checks_for(u)) for u in units}
    assert sum(points.values()) == 100
    assert points["Backprop"] == 50
    assert points["BroadcastAdd"] == 8


def test_a_path_named_after_the_assignment_selects_it():
    assert assignments.infer("solutions/03_graph") == "03_graph"


def test_every_mistake_of_an_operation_applies_somewhere():
    # a mistake whose torch expression never runs (a typo, a wrong signature) would never hint
    rng = np.random.default_rng(7)
    for spec in OPS:
        named = set()
        for shapes in spec.cases:
            inputs = [sample(rng, s, spec.domain) for s in shapes]
            out = op_forward(spec, inputs)
            upstream = rng.standard_normal(out.shape)
            for i in range(spec.arity):
                named |= set(op_mistakes(spec, inputs, out, upstream, i))
        assert named == set(spec.mistakes), spec.name


class _NoAutograd(Exception):
    pass


def _no_vjp(*args, **kwargs):
    raise _NoAutograd


#: mistakes that are minus the answer, the answer at swapped, transposed or other inputs, or
#: grad minus it: they must need autograd's vjp
NEAR_ANSWERS = {
    "Add": "*",
    "Multiply": "*",
    "MatMul": "*",
    "Log": "divided by log(a)",
    "Relu": "*",
}


@pytest.mark.parametrize(("op", "which"), NEAR_ANSWERS.items())
def test_a_near_answer_mistake_cannot_be_computed_without_autograd(op, which):
    # students install the package: with numpy and no vjp, these mistakes must not run
    spec = next(s for s in OPS if s.name == op)
    rng = np.random.default_rng(0)
    inputs = [sample(rng, s, spec.domain) for s in ((4, 4),) * spec.arity]
    out = op_forward(spec, inputs)
    names = [n for n in spec.mistakes if which == "*" or n.startswith(which)]
    assert names
    for name in names:
        for i in range(spec.arity):
            try:
                value = spec.mistakes[name](np, _no_vjp, inputs, out, np.ones_like(out), i)
            except _NoAutograd:
                continue
            assert value is None, (name, i)  # the mistake does not apply to input i
