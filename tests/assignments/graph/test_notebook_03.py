"""The source notebook of assignment 3 is laid out the way nbgrader and the grader need it.

Every unit has an answer cell with a solution region, a self-check and an autograded test cell
worth the rubric's points whose hidden block gives nothing away; the given code (graph API,
entry point, helpers, drawing) is in locked cells; the generated exercise keeps only
`raise NotImplementedError()` stubs; the solution passes every check.
"""

from __future__ import annotations

import io
import re
import tokenize

import pytest

from autograder.assignments.graph.rubric import UNITS, checks_for
from tests._notebooks import cells as _cells
from tests._notebooks import defines as _defines
from tests._notebooks import index_of as _index
from tests._notebooks import nbgrader_meta as _meta
from tests.assignments.graph._support import EXERCISE, SOURCE, failures, grade_unit, namespace

POINTS = {u.name: sum(d.points for d in checks_for(u)) for u in UNITS}
#: unit -> (what the answer cell defines, the snake-case grade-id suffix)
CELLS = {
    "Add": ("Add", "add"),
    "Multiply": ("Multiply", "multiply"),
    "Sum": ("Sum", "sum"),
    "Exp": ("Exp", "exp"),
    "Log": ("Log", "log"),
    "Relu": ("Relu", "relu"),
    "MatMul": ("MatMul", "mat_mul"),
    "BroadcastAdd": ("BroadcastAdd", "broadcast_add"),
    "Backprop": ("build_grad", "build_grad"),
}
GIVEN = ("helpers", "graph_api", "entry_point", "draw_helper")
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.DOTALL)
STUB = "raise NotImplementedError()"


@pytest.fixture(scope="module")
def source() -> list[dict]:
    return _cells(SOURCE)


@pytest.fixture(scope="module")
def exercise() -> list[dict]:
    return _cells(EXERCISE)


@pytest.mark.parametrize("unit", CELLS)
def test_each_unit_has_a_solution_cell_a_self_check_and_a_test_cell_in_that_order(source, unit):
    defined, snake = CELLS[unit]
    answer = _index(source, lambda c: _defines(c, defined), f"cell defining {defined}")
    meta = _meta(source[answer])
    kind = (meta.get("solution"), meta.get("grade"), meta.get("locked"), meta.get("grade_id"))
    assert kind == (True, False, False, f"solution_{snake}")
    text = source[answer]["source"]
    assert text.count("### BEGIN SOLUTION") == text.count("### END SOLUTION") >= 1
    check = _index(
        source, lambda c: c["source"].strip().endswith(f"check({unit})"), f"self-check of {unit}"
    )
    test = _index(source, lambda c: _meta(c).get("grade_id") == f"test_{snake}", "test cell")
    assert answer < check < test


@pytest.mark.parametrize("unit", CELLS)
def test_each_test_cell_is_autograded_worth_the_rubric_points_with_hidden_tests(source, unit):
    snake = CELLS[unit][1]
    cell = source[_index(source, lambda c: _meta(c).get("grade_id") == f"test_{snake}", "test")]
    meta = _meta(cell)
    kind = (meta.get("grade"), meta.get("solution"), meta.get("locked"), meta.get("points"))
    assert kind == (True, False, True, POINTS[unit])
    assert f"score = graded({unit}, points={POINTS[unit]})" in cell["source"]
    assert cell["source"].rstrip().endswith("\nscore")
    blocks = HIDDEN.findall(cell["source"])
    assert len(blocks) == 1
    assert f"graded({unit}, points={POINTS[unit]}, hidden=True)" in blocks[0]
    numbers = [
        tok.string
        for tok in tokenize.generate_tokens(io.StringIO(blocks[0]).readline)
        if tok.type == tokenize.NUMBER
    ]
    assert [n for n in numbers if float(n) != POINTS[unit]] == []
    assert "seed" not in blocks[0]


def test_the_given_code_is_locked_and_the_grade_ids_are_unique(source):
    ids = [_meta(c)["grade_id"] for c in source if _meta(c)]
    assert sorted(set(ids)) == sorted(ids)
    for grade_id in GIVEN:
        cell = source[_index(source, lambda c, g=grade_id: _meta(c).get("grade_id") == g, grade_id)]
        assert _meta(cell)["locked"] is True
        assert "BEGIN SOLUTION" not in cell["source"]


def test_the_points_table_matches_the_rubric(source):
    intro = source[0]["source"]
    for unit, points in POINTS.items():
        shown = unit if unit != "Backprop" else "build_grad"
        assert re.search(rf"\| `{shown}`[^|]*\| {points:g} \|", intro), unit


def test_the_exercise_has_no_solutions_and_a_stub_per_region(source, exercise):
    for index, cell in enumerate(exercise, start=1):
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN"):
            assert marker not in cell["source"], f"exercise cell {index} contains {marker!r}"
    for defined, _ in CELLS.values():
        answer = next(c for c in source if _defines(c, defined))
        stubbed = next(c for c in exercise if _defines(c, defined))
        assert answer["source"].count("### BEGIN SOLUTION") == stubbed["source"].count(STUB)


def test_the_exercise_keeps_the_given_code(source, exercise):
    for grade_id in GIVEN:
        given = [c["source"] for c in source if _meta(c).get("grade_id") == grade_id]
        released = [c["source"] for c in exercise if _meta(c).get("grade_id") == grade_id]
        assert given == released


@pytest.mark.parametrize("unit", CELLS)
def test_the_solution_passes_every_check(unit):
    assert failures(grade_unit(namespace(), unit)) == {}


@pytest.mark.parametrize("unit", CELLS)
def test_the_exercise_scores_zero_saying_what_is_not_implemented(unit):
    results = grade_unit(namespace(path=EXERCISE), unit)
    what = "build_grad" if unit == "Backprop" else f"{unit}.bprop"
    for r in results:
        if r.max_score:
            assert r.score == 0
            assert f"{what} is not implemented yet" in r.message, r.message
