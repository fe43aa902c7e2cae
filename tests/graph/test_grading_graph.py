"""Grading assignment 3 end to end, in the worker process the CLI uses."""

from __future__ import annotations

from autograder._config import GradeConfig
from autograder.grading import grade
from tests.graph._support import ROOT


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


def test_a_broken_algorithm_is_diagnosed_through_the_worker(tmp_path):
    # 0-d values and gradients cross the process boundary (Sum outputs, scalars in graphs)
    source = (ROOT / "solutions" / "03_graph" / "03_graph.ipynb").read_text(encoding="utf-8")
    broken = source.replace(
        "grad_table[x] = grad_table[x] + part if x in grad_table else part",
        "grad_table[x] = part",
    )
    assert broken != source
    path = tmp_path / "03_graph.ipynb"
    path.write_text(broken, encoding="utf-8")
    result = grade(path, GradeConfig(seed=5))
    lost = [c for c in result.checks if not c.passed]
    assert {c.layer for c in lost} == {"Backprop"}
    assert any("not summed over consumers" in c.message for c in lost)
