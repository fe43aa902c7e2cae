"""The source notebook of assignment 1 is laid out the way nbgrader and the grader need it.

Every class has an answer cell with a solution region, a self-check, and an autograded test
cell worth the rubric's points, whose hidden block gives nothing away; the generated exercise
keeps only `raise NotImplementedError()` stubs.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from autograder.assignments.layers.contract import SPECS
from autograder.assignments.layers.rubric import checks_for
from autograder.loading import load_submission
from tests._notebooks import cells as _cells
from tests._notebooks import defines as _defines
from tests._notebooks import index_of as _index
from tests._notebooks import nbgrader_meta as _nbgrader
from tests.conftest import SEED, run_local

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "solutions" / "01_layers" / "01_layers.ipynb"
EXERCISE = ROOT / "exercises" / "01_layers" / "01_layers.ipynb"
CLASSES = [spec.name for spec in SPECS]
POINTS = {spec.name: sum(d.points for d in checks_for(spec)) for spec in SPECS}
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.DOTALL)
STUB = "raise NotImplementedError()"
#: the class names in snake case, as in the test cells' grade ids ("test_mse_loss")
SNAKE = {
    "Linear": "linear",
    "ReLU": "relu",
    "Sigmoid": "sigmoid",
    "Tanh": "tanh",
    "Softmax": "softmax",
    "MSELoss": "mse_loss",
    "CrossEntropyLoss": "cross_entropy_loss",
    "SoftmaxCrossEntropyLoss": "softmax_cross_entropy_loss",
}


def _test_id(name: str) -> str:
    return f"test_{SNAKE[name]}"


def _test_cell(cells: list[dict], name: str) -> dict:
    return cells[
        _index(
            cells,
            lambda c: _nbgrader(c).get("grade_id") == _test_id(name),
            f"test cell {_test_id(name)}",
        )
    ]


@pytest.fixture(scope="module")
def source() -> list[dict]:
    return _cells(SOURCE)


@pytest.fixture(scope="module")
def exercise() -> list[dict]:
    return _cells(EXERCISE)


def test_the_rubric_totals_100_points():
    assert sum(POINTS.values()) == 100


@pytest.mark.parametrize("name", CLASSES)
def test_each_class_has_a_solution_cell_a_self_check_and_a_test_cell_in_that_order(source, name):
    answer = _index(source, lambda c: _defines(c, name), f"cell defining class {name}")
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
    test = _index(
        source,
        lambda c: _nbgrader(c).get("grade_id") == _test_id(name),
        f"test cell {_test_id(name)}",
    )
    assert answer < check < test


@pytest.mark.parametrize("name", CLASSES)
def test_each_test_cell_is_autograded_and_worth_the_rubric_points(source, name):
    cell = _test_cell(source, name)
    meta = _nbgrader(cell)
    kind = (meta.get("grade"), meta.get("solution"), meta.get("locked"), meta.get("points"))
    assert kind == (True, False, True, POINTS[name]), f"{_test_id(name)} is not a test cell"
    assert f"score = graded({name}, points={POINTS[name]})" in cell["source"]
    assert cell["source"].rstrip().endswith("\nscore"), "the cell's last value must be the score"


@pytest.mark.parametrize("name", CLASSES)
def test_hidden_tests_exist_and_hold_no_reference_values(source, name):
    cell = _test_cell(source, name)
    blocks = HIDDEN.findall(cell["source"])
    assert len(blocks) == 1, f"{_test_id(name)} needs one hidden-tests block"
    hidden = blocks[0]
    assert f"graded({name}, points={POINTS[name]}, hidden=True)" in hidden
    # The only number allowed is the cell's points; a hidden seed comes from the environment.
    numbers = [
        tok.string
        for tok in tokenize.generate_tokens(io.StringIO(hidden).readline)
        if tok.type == tokenize.NUMBER
    ]
    unexpected = [n for n in numbers if float(n) != POINTS[name]]
    assert unexpected == [], f"{_test_id(name)}: literal numbers in the hidden tests"
    assert "seed" not in hidden


def test_grade_ids_are_unique(source):
    ids = [_nbgrader(c)["grade_id"] for c in source if _nbgrader(c)]
    assert sorted(set(ids)) == sorted(ids)


def test_the_exercise_has_no_solutions_and_no_hidden_tests(exercise):
    for index, cell in enumerate(exercise, start=1):
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN"):
            assert marker not in cell["source"], f"exercise cell {index} still contains {marker!r}"


@pytest.mark.parametrize("name", CLASSES)
def test_the_exercise_has_a_stub_for_every_solution_region(source, exercise, name):
    answer = next(c for c in source if _defines(c, name))
    stubbed = next(c for c in exercise if _defines(c, name))
    regions = answer["source"].count("### BEGIN SOLUTION")
    assert regions == stubbed["source"].count(STUB), f"{name}: one `{STUB}` per solution region"


@pytest.mark.parametrize("name", CLASSES)
def test_the_solution_passes_every_check(name):
    namespace: dict = {"__name__": "solution"}
    for snippet in load_submission(SOURCE).snippets:
        exec(compile(snippet.source, snippet.origin, "exec"), namespace)
    results = run_local(namespace[name], name, SEED)
    assert {k: r.message for k, r in results.items() if not r.passed} == {}
