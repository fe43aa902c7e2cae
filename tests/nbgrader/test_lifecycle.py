"""A whole course run with the real nbgrader commands and real Jupyter kernels.

In a temporary course and exchange: the instructor generates and releases assignment 1, three
students fetch it and submit (alice: correct, bob: two kinds of mistake, carol: untouched), the
instructor collects, autogrades (`python -m autograder autograde`: nbgrader's autograde with
the course secret kept out of the kernels, then the isolated regrade), generates and releases
feedback and exports the grades. A fourth student, mallory, cheats in her kernel: she redefines
`graded`, patches the kit in memory and looks for the course secret. The tests then read the
gradebook, the regrade report, the feedback pages and the exported CSV.
"""

from __future__ import annotations

import csv
import re

import nbformat
import numpy as np
import pytest

from autograder import assignments
from autograder.grading import run_class
from autograder.results import scaled_points
from autograder.runner import LocalSession
from autograder.secret import hidden_seed
from tests.nbgrader._course import (
    ROOT,
    SECRET,
    Course,
    fill_in,
    html_text,
    replace_once,
    solution_sources,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ASSIGNMENT = "01_layers"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
STUDENTS = ("alice", "bob", "carol", "mallory")
SOURCE = ROOT / "solutions" / ASSIGNMENT / NOTEBOOK

#: bob's two mistakes, each in one class: (grade id of the solution cell, old code, new code)
BUGS = {
    "Linear": ("solution_linear", "db = grad.sum(axis=0)", "db = grad.mean(axis=0)"),
    "Softmax": ("solution_softmax", "return p * (grad - weighted)", "return p * (1.0 - p) * grad"),
}
#: the test cell of each class
TEST_CELL = {"Linear": "test_linear", "Softmax": "test_softmax"}


#: mallory's only "answer": in her first solution cell, the kernel's grading is rigged (every
#: test cell returns its full points) and the course secret is looked for
CHEAT = """\
import os
import autograder.notebook

def graded(cls, points, name=None, hidden=False):
    return points

autograder.notebook.graded = graded
with open({witness!r}, "w") as f:
    f.write(repr(os.environ.get("BACKPROP_KIT_SECRET")))


class Linear:  # so the test cells run (and, in her kernel, pay out)
    def __init__(self, in_features, out_features):
        pass
"""


def correct_answers() -> dict[str, str]:
    return solution_sources(SOURCE)


def buggy_answers() -> dict[str, str]:
    answers = correct_answers()
    for grade_id, old, new in BUGS.values():
        answers[grade_id] = replace_once(answers[grade_id], old, new)
    return answers


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    """Run the lifecycle once; every test below reads its results."""
    course = Course(tmp_path_factory.mktemp("nbgrader-lifecycle"))
    # instructor: students, assignment, release
    for student in STUDENTS:
        course.instructor("db", "student", "add", student, f"--first-name={student.title()}")
    course.instructor("generate_assignment", ASSIGNMENT)
    course.instructor("release_assignment", ASSIGNMENT)
    # students: fetch, work, submit
    witness = course.base / "mallory-saw.txt"
    answers = {
        "alice": correct_answers(),
        "bob": buggy_answers(),
        "carol": {},
        "mallory": {"solution_linear": CHEAT.format(witness=str(witness))},
    }
    for student in STUDENTS:
        course.student(student, "fetch_assignment", ASSIGNMENT)
        notebook = course.student_home(student) / ASSIGNMENT / NOTEBOOK
        assert notebook.exists(), f"fetch_assignment did not deliver {notebook}"
        if answers[student]:
            fill_in(notebook, answers[student])
        course.student(student, "submit", ASSIGNMENT, f"--student={student}")
    # instructor: collect, grade, feedback, export
    course.instructor("collect", ASSIGNMENT)
    course.kit("autograde", ASSIGNMENT)
    course.instructor("generate_feedback", ASSIGNMENT)
    course.instructor("release_feedback", ASSIGNMENT)
    for student in STUDENTS:
        course.student(student, "fetch_feedback", ASSIGNMENT)
    course.instructor("export", f"--to={course.base / 'grades.csv'}")
    return course


def feedback_text(course: Course, student: str) -> str:
    return html_text(course.root / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html")


def expected_points(answers: dict[str, str], layer: str, points: float) -> float:
    """What the regrade gives the cell of `layer` for these answers: the test cell's calls
    (public seed, then the hidden seed of the course secret), run in this process."""
    namespace = {"np": np}
    exec(answers[BUGS[layer][0]], namespace)
    unit = assignments.get(ASSIGNMENT).unit(layer)
    session = LocalSession({layer: namespace[layer]})
    public = scaled_points(run_class(session, unit, 0), points)
    hidden = run_class(session, unit, hidden_seed(layer, SECRET), reveal=False)
    return min(public, scaled_points(hidden, points))


# -- the gradebook ---------------------------------------------------------------------------


def test_the_correct_submission_gets_full_marks(course):
    grades = course.grades(ASSIGNMENT, "alice")
    points = course.max_points(ASSIGNMENT)
    assert points["total"] == 100
    assert grades == points


def test_each_mistake_loses_exactly_its_cells_points(course):
    grades = course.grades(ASSIGNMENT, "bob")
    print("bob's gradebook:", grades)
    points = course.max_points(ASSIGNMENT)
    buggy = buggy_answers()
    lost = 0.0
    for layer, cell in TEST_CELL.items():
        expected = expected_points(buggy, layer, points[cell])
        # partial credit where the values are right: Linear's bp_input still earns its checks;
        # Softmax's bp_input is wrong and rules pay only for right values, so it earns nothing
        assert (expected > 0) == (layer == "Linear") and expected < points[cell], (layer, expected)
        assert grades[cell] == pytest.approx(expected), layer
        lost += points[cell] - expected
    untouched = {cell for cell in points if cell not in TEST_CELL.values() and cell != "total"}
    assert {cell: grades[cell] for cell in untouched} == {cell: points[cell] for cell in untouched}
    assert grades["total"] == pytest.approx(points["total"] - lost)


def test_the_untouched_exercise_scores_zero(course):
    grades = course.grades(ASSIGNMENT, "carol")
    assert set(grades.values()) == {0.0}
    assert len(grades) == 9  # eight test cells and the total


def test_the_exported_grades(course):
    with open(course.base / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    assert sorted(rows) == sorted(STUDENTS)
    scores = {student: float(row["score"]) for student, row in rows.items()}
    assert scores["alice"] == 100.0
    assert scores["carol"] == 0.0
    assert scores["mallory"] == 0.0
    assert scores["bob"] == pytest.approx(course.grades(ASSIGNMENT, "bob")["total"])
    assert 60 < scores["bob"] < 100
    assert {row["max_score"] for row in rows.values()} == {"100.0"}


# -- the feedback ----------------------------------------------------------------------------


def test_feedback_shows_the_scores(course):
    text = feedback_text(course, "alice")
    assert "Score: 100.0 / 100.0" in text
    assert "Linear: 15/15 points, 10/10 checks passed" in text
    assert text.count("-- all good.") >= 16  # public and hidden tests of all eight classes
    blank = feedback_text(course, "carol")
    assert "Score: 0.0 / 100.0" in blank
    assert "NotImplementedError" in blank


def test_feedback_names_each_mistake(course):
    text = feedback_text(course, "bob")
    points = course.max_points(ASSIGNMENT)
    grades = course.grades(ASSIGNMENT, "bob")
    assert f"Score: {grades['test_linear']:.1f} / 15.0" in text
    assert f"Score: {grades['test_softmax']:.1f} / 13.0" in text
    assert f"Score: {points['test_relu']:.1f} / 12.0" in text
    # the public tests explain the mistake, with values (the public seed is no secret)
    assert "divided by the batch size" in text
    assert "kept only the diagonal of the Jacobian" in text
    assert re.search(r"public tests: Linear: .*expected -?\d", text)


def _revealed_numbers(answers: dict[str, str], layer: str) -> set[str]:
    """The values the hidden tests' messages would show with values revealed: with the course
    secret, rerun the hidden checks in this process with reveal=True and collect the numbers
    after 'expected', 'got', 'slope', 'gives'."""
    from autograder.assignments.layers.contract import BY_NAME
    from autograder.grading import run_class
    from autograder.runner import LocalSession

    namespace = {"np": np}
    exec(answers[BUGS[layer][0]], namespace)
    seed = hidden_seed(layer, SECRET)
    results = run_class(LocalSession({layer: namespace[layer]}), BY_NAME[layer], seed, reveal=True)
    numbers = set()
    for r in results:
        if not r.passed:
            numbers.update(re.findall(r"(?:expected|got|slope|gives) (-?\d[\d.e+-]*)", r.message))
    return numbers


def _test_cell_output(course: Course, student: str, cell: str) -> str:
    nb = nbformat.read(course.root / "autograded" / student / ASSIGNMENT / NOTEBOOK, 4)
    (found,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == cell]
    return "".join(o.get("text", "") for o in found.outputs if o.get("name") == "stdout")


def test_feedback_never_reveals_hidden_values(course):
    text = feedback_text(course, "bob")
    answers = buggy_answers()
    for layer, cell in TEST_CELL.items():
        hidden = _test_cell_output(course, "bob", cell).split("hidden tests", 1)[1]
        # the hidden verdict says what is wrong, and the student sees it ...
        assert "relative error" in hidden and "Likely mistake" in hidden or layer == "Softmax"
        assert " ".join(hidden.split()[:8]) in text
        # ... but shows no value
        assert "expected" not in hidden and " got " not in hidden, hidden
        numbers = _revealed_numbers(answers, layer)
        assert len(numbers) >= 4, (layer, numbers)  # the hidden checks do fail with values
        shown = {n for n in numbers if n in text}
        assert not shown, f"{layer}: hidden values {shown} appear in the feedback"


def test_feedback_never_reveals_the_hidden_seed(course):
    text = feedback_text(course, "bob")
    for layer in ("Linear", "ReLU", "Softmax", "SoftmaxCrossEntropyLoss"):
        assert str(hidden_seed(layer, SECRET)) not in text, layer


# -- student code in the kernel cannot raise its own score -----------------------------------


def test_a_rigged_kernel_gets_the_isolated_score(course):
    grades = course.grades(ASSIGNMENT, "mallory")
    # her kernel gave every cell full points; the gradebook holds the isolated grader's
    assert grades == {cell: 0.0 for cell in grades}
    kernel = _test_cell_output(course, "mallory", "test_relu")
    assert "public tests" not in kernel  # her `graded` ran in the kernel, not the kit's


def test_the_regrade_flags_every_difference_and_only_those(course):
    with open(course.root / "regrade" / f"{ASSIGNMENT}.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    flagged = {(r["student"], r["grade_id"]) for r in rows if r["note"]}
    mallory = {(r["student"], r["grade_id"]) for r in rows if r["student"] == "mallory"}
    assert len(mallory) == 8 and mallory <= flagged
    assert not {s for s, _ in flagged} - {"mallory"}, flagged
    (linear,) = [r for r in rows if (r["student"], r["grade_id"]) == ("mallory", "test_linear")]
    assert (float(linear["kernel"]), float(linear["isolated"])) == (15.0, 0.0)


def test_the_course_secret_never_enters_a_kernel(course):
    assert (course.base / "mallory-saw.txt").read_text() == "None"


def test_students_fetch_their_own_feedback(course):
    for student in STUDENTS:
        pages = list((course.student_home(student) / ASSIGNMENT / "feedback").rglob("*.html"))
        assert len(pages) == 1, (student, pages)
        assert pages[0].read_text(encoding="utf-8") == (
            course.root / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html"
        ).read_text(encoding="utf-8")
