"""The source notebook of assignment 2 is laid out the way nbgrader and the grader need it.

Every graded piece has an answer cell with a solution region, a self-check, and an
autograded test cell worth the rubric's points whose hidden block gives nothing away; the
generated exercise keeps only `raise NotImplementedError()` stubs; the solution passes every
exact check in-process (the end-to-end run is tested in test_end_to_end.py).
"""

from __future__ import annotations

import io
import re
import tokenize

import pytest

from autograder.assignments.mlp import UNITS, checks_for
from autograder.grading import run_class
from autograder.loading import load_submission
from autograder.runner import LocalSession
from tests._notebooks import cells as _cells
from tests._notebooks import defines as _defines
from tests._notebooks import index_of as _index
from tests._notebooks import nbgrader_meta as _nbgrader
from tests.assignments.mlp.conftest import EXERCISE, SEED, SOLUTION, exact_defs

NAMES = [u.name for u in UNITS]
POINTS = {u.name: sum(d.points for d in checks_for(u)) for u in UNITS}
SNAKE = {
    "Sequential": "sequential",
    "SGD": "sgd",
    "minibatches": "minibatches",
    "evaluate": "evaluate",
    "train_step": "train_step",
}
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.DOTALL)
STUB = "raise NotImplementedError()"


def _test_cell(cells, name):
    grade_id = f"test_{SNAKE[name]}"
    return cells[_index(cells, lambda c: _nbgrader(c).get("grade_id") == grade_id, grade_id)]


@pytest.fixture(scope="module")
def source() -> list[dict]:
    return _cells(SOLUTION)


@pytest.fixture(scope="module")
def exercise() -> list[dict]:
    return _cells(EXERCISE)


def test_the_rubric_totals_100_points():
    assert sum(POINTS.values()) == 100


@pytest.mark.parametrize("name", NAMES)
def test_each_piece_has_a_solution_cell_a_self_check_and_a_test_cell_in_that_order(source, name):
    answer = _index(source, lambda c: _defines(c, name), f"cell defining {name}")
    meta = _nbgrader(source[answer])
    kind = (meta.get("solution"), meta.get("grade"), meta.get("locked"), meta.get("schema_version"))
    assert kind == (True, False, False, 3), f"the {name} cell must be an 'autograded answer' cell"
    text = source[answer]["source"]
    assert text.count("### BEGIN SOLUTION") == text.count("### END SOLUTION") >= 1
    check = _index(
        source,
        lambda c: c["source"].strip().endswith(f"check({name})"),
        f"self-check cell for {name}",
    )
    test = source.index(_test_cell(source, name))
    assert answer < check < test


@pytest.mark.parametrize("name", NAMES)
def test_each_test_cell_is_autograded_worth_the_rubric_points_with_clean_hidden_tests(source, name):
    cell = _test_cell(source, name)
    meta = _nbgrader(cell)
    kind = (meta.get("grade"), meta.get("solution"), meta.get("locked"), meta.get("points"))
    assert kind == (True, False, True, POINTS[name])
    assert f"score = graded({name}, points={POINTS[name]})" in cell["source"]
    assert cell["source"].rstrip().endswith("\nscore")
    (hidden,) = HIDDEN.findall(cell["source"])
    assert f"graded({name}, points={POINTS[name]}, hidden=True)" in hidden
    numbers = [
        t.string
        for t in tokenize.generate_tokens(io.StringIO(hidden).readline)
        if t.type == tokenize.NUMBER
    ]
    assert [n for n in numbers if float(n) != POINTS[name]] == []
    assert "seed" not in hidden


def test_grade_ids_are_unique_and_no_outputs_are_committed(source):
    ids = [_nbgrader(c)["grade_id"] for c in source if _nbgrader(c)]
    assert sorted(set(ids)) == sorted(ids)


def test_the_exercise_has_stubs_and_no_solutions(source, exercise):
    for index, cell in enumerate(exercise, start=1):
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN"):
            assert marker not in cell["source"], f"exercise cell {index} still has {marker!r}"
    regions = sum(c["source"].count("### BEGIN SOLUTION") for c in source)
    stubs = sum(c["source"].count(STUB) for c in exercise if c["cell_type"] == "code")
    assert regions == stubs


def test_grading_never_runs_the_training_cells():
    """Loading keeps definitions only, and they load without errors or data."""
    submission = load_submission(SOLUTION)
    assert submission.diagnostics == ()
    kept = "\n".join(s.source for s in submission.snippets)
    assert "= load_data()" not in kept and "= train(network" not in kept
    namespace: dict = {"__name__": "solution"}
    exec(compile(kept, "solution", "exec"), namespace)
    assert {"Sequential", "SGD", "minibatches", "evaluate", "train_step", "train"} <= set(namespace)


@pytest.mark.parametrize("unit", UNITS, ids=NAMES)
def test_the_solution_passes_every_exact_check_in_process(unit):
    namespace: dict = {"__name__": "solution"}
    for snippet in load_submission(SOLUTION).snippets:
        exec(compile(snippet.source, snippet.origin, "exec"), namespace)
    session = LocalSession({unit.name: namespace[unit.name]})
    results = run_class(session, unit, SEED, defs=exact_defs(unit))
    assert {r.name: r.message for r in results if not r.passed} == {}
