"""The nbgrader convention: a test cell's last expression is its partial score."""

from __future__ import annotations

import ast

from autograder.notebook import graded
from autograder.reporters import autograded_cell, class_scores, partial_score
from tests.conftest import define
from tests.reporters._sample import sample


def test_partial_scores_scale_the_rubric_to_the_cells_points():
    result = sample()
    assert partial_score(result.for_unit("Linear"), 15) == 7.5
    assert class_scores(result, {"Linear": 15, "ReLU": 10, "Tanh": 5}) == {
        "Linear": 7.5,
        "ReLU": 2.5,
        "Tanh": 0.0,
    }


def _last_value(source: str, namespace: dict):
    tree = ast.parse(source)
    last = tree.body.pop()
    exec(compile(tree, "<cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


def test_an_autograded_cell_ends_with_its_partial_score(ref, capsys):
    # right values, but the upstream gradient is modified in place: some checks fail
    broken = define(
        "class Sigmoid(Sigmoid):\n    def bp_input(self, grad):\n"
        "        grad *= self.Y * (1 - self.Y)\n        return grad\n",
        ref,
    )
    cell = autograded_cell("Sigmoid", 10)
    assert cell.strip().endswith("graded(Sigmoid, points=10)")
    value = _last_value(cell, dict(broken))
    assert 0 < value < 10
    assert value == graded(broken["Sigmoid"], 10)  # the notebook API's own convention
    assert "hidden=True" in autograded_cell("Sigmoid", 10, hidden=True)
