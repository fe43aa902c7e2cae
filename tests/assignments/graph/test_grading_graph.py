"""Grading assignment 3 end to end, in the worker process the CLI uses."""

from __future__ import annotations

import pytest

from autograder.config import GradeConfig
from autograder.grading import grade
from tests.assignments.graph._support import ROOT


def test_the_solution_gets_full_marks_through_the_worker():
    result = grade(ROOT / "solutions" / "03_graph", GradeConfig(seed=11))
    assert result.assignment == "03_graph"
    assert (result.score, result.max_score) == (100, 100), [
        c.message for c in result.checks if not c.passed
    ]
    assert result.diagnostics == ()


def test_the_released_exercise_scores_zero_with_not_implemented_messages():
    result = grade(ROOT / "exercises" / "03_graph", GradeConfig(seed=11))
    assert (result.score, result.max_score) == (0, 100)
    for check in (c for c in result.checks if c.max_score):
        assert "is not implemented yet (it raises NotImplementedError)" in check.message, check
    assert result.diagnostics == ()


def _grade_variant(tmp_path, changes: dict[str, str], seed: int = 5):
    """The solution notebook with each key replaced by its value, graded through the worker."""
    source = (ROOT / "solutions" / "03_graph" / "03_graph.ipynb").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in source, old
        source = source.replace(old, new)
    path = tmp_path / "03_graph.ipynb"
    path.write_text(source, encoding="utf-8")
    return grade(path, GradeConfig(seed=seed))


#: (solution text, broken text, the unit charged, what its message names)
BROKEN = {
    # 0-d values and gradients cross the process boundary (Sum outputs, scalars in graphs)
    "algorithm": (
        "grad_table[x] = grad_table[x] + part if x in grad_table else part",
        "grad_table[x] = part",
        "Backprop",
        "not summed over consumers",
    ),
    # the wire sends one array twice as two arrays; bprop_shared keeps them one object, so a
    # bprop that special-cases `a is b` is caught through the worker and charged to Multiply
    "same input": (
        "return grad * b if i == 0 else grad * a",
        "return 2 * grad * a if a is b else (grad * b if i == 0 else grad * a)",
        "Multiply",
        "special-cases identical inputs",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_variant_is_diagnosed_through_the_worker_and_charged_to_its_unit(tmp_path, case):
    old, new, unit, hint = BROKEN[case]
    result = _grade_variant(tmp_path, {old: new})
    lost = [c for c in result.checks if not c.passed]
    assert {c.unit for c in lost} == {unit}
    assert any(hint in c.message for c in lost)


def test_a_notebook_from_before_bprop_shared_and_labels_still_gets_full_marks(tmp_path):
    # the given entry point of the first release: no bprop_shared, run() without labels
    result = _grade_variant(
        tmp_path,
        {
            "def bprop_shared(": "def _renamed(",
            "readonly=False, labels=None):": "readonly=False):",
            "if labels is None else": "if True else",
        },
    )
    assert (result.score, result.max_score) == (100, 100), [
        c.message for c in result.checks if not c.passed
    ]
    names = next(c for c in result.checks if "names" in c.name)
    assert "not checked" in names.message
