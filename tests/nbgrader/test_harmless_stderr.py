"""Under `nbgrader autograde` with the course's configuration, a warning cannot zero a correct
test cell, while a real failure (an exception, text written to stderr on purpose) still does.

The course's nbgrader_config.py makes the kernels nbgrader starts print Python warnings on
stdout (autograder/nbgrader_support.py). The control run starts the kernels with nbgrader's
default arguments instead and shows what the configuration prevents.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder import nbgrader_support
from tests.nbgrader._course import ROOT, Course

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ASSIGNMENT = "00_warnings"
NOTEBOOK = "warnings.ipynb"

#: grade id -> (points, code of the test cell, points it must earn)
CELLS = {
    "user_and_deprecation_warning": (
        3,
        (
            "warnings.warn('a harmless warning', UserWarning)\n"
            "warnings.warn('an old API\\nover two lines', DeprecationWarning)\n"
            "print('checks passed')\n"
            "3.0"
        ),
        3.0,
    ),
    "numpy_runtime_warning": (2, "np.log(np.zeros(2))  # RuntimeWarning: divide by zero\n2", 2.0),
    "warning_from_a_library_call": (
        2,
        (
            "import types\n"
            "lib = types.ModuleType('oldlib')\n"
            'exec(\'import warnings\\ndef f():\\n    warnings.warn("f is deprecated", '
            "FutureWarning, stacklevel=2)\\n    return 2', lib.__dict__)\n"
            "lib.f()"
        ),
        2.0,
    ),
    "recorded_warnings_still_work": (
        1,
        (
            "with warnings.catch_warnings(record=True) as caught:\n"
            "    warnings.simplefilter('always')\n"
            "    warnings.warn('recorded')\n"
            "assert [str(w.message) for w in caught] == ['recorded']\n"
            "1"
        ),
        1.0,
    ),
    "stderr_on_purpose": (2, "print('this test failed', file=sys.stderr)\n2", 0.0),
    "exception": (2, "raise AssertionError('wrong')", 0.0),
}


def _source_notebook() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells.append(new_code_cell("import sys\nimport warnings\n\nimport numpy as np"))
    for grade_id, (points, code, _) in CELLS.items():
        cell = new_code_cell(code)
        cell.metadata["nbgrader"] = {
            "grade": True,
            "grade_id": grade_id,
            "locked": True,
            "points": points,
            "schema_version": 3,
            "solution": False,
            "task": False,
        }
        nb.cells.append(cell)
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    course = Course(tmp_path_factory.mktemp("nbgrader-stderr"), assignments=())
    course.add_source(ASSIGNMENT, NOTEBOOK, _source_notebook())
    course.instructor("generate_assignment", ASSIGNMENT)
    for student in ("configured", "control"):
        target = course.root / "submitted" / student / ASSIGNMENT
        target.mkdir(parents=True)
        shutil.copy(course.root / "exercises" / ASSIGNMENT / NOTEBOOK, target / NOTEBOOK)
    course.instructor("autograde", ASSIGNMENT, "--student=configured")
    # nbgrader's own default kernel arguments, without the course's KERNEL_ARGUMENT
    course.instructor(
        "autograde",
        ASSIGNMENT,
        "--student=control",
        "--Execute.extra_arguments=--HistoryManager.hist_file=:memory:",
    )
    return course


def _outputs(course: Course, student: str) -> dict[str, list]:
    nb = nbformat.read(course.root / "autograded" / student / ASSIGNMENT / NOTEBOOK, 4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c.outputs
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }


def test_the_course_config_passes_the_kernel_argument():
    config = (ROOT / "nbgrader_config.py").read_text()
    assert "c.Execute.extra_arguments = [KERNEL_ARGUMENT]" in config
    assert nbgrader_support.KERNEL_ARGUMENT.startswith("--IPKernelApp.exec_lines=")


def test_warnings_do_not_zero_a_correct_cell(course):
    grades = course.grades(ASSIGNMENT, "configured")
    assert {cell: grades[cell] for cell in CELLS} == {
        cell: earned for cell, (_, _, earned) in CELLS.items()
    }


def test_the_warnings_are_still_shown_on_stdout(course):
    outputs = _outputs(course, "configured")
    streams = {
        cell: {o.name: o.text for o in outs if o.output_type == "stream"}
        for cell, outs in outputs.items()
    }
    first = streams["user_and_deprecation_warning"]
    assert set(first) == {"stdout"}
    assert "UserWarning: a harmless warning" in first["stdout"]
    assert "DeprecationWarning: an old API\nover two lines" in first["stdout"]
    assert "RuntimeWarning: divide by zero" in streams["numpy_runtime_warning"]["stdout"]
    assert "FutureWarning: f is deprecated" in streams["warning_from_a_library_call"]["stdout"]
    assert streams["stderr_on_purpose"] == {"stderr": "this test failed\n"}


def test_without_the_configuration_the_warnings_would_zero_the_cells(course):
    grades = course.grades(ASSIGNMENT, "control")
    for cell in (
        "user_and_deprecation_warning",
        "numpy_runtime_warning",
        "warning_from_a_library_call",
    ):
        assert grades[cell] == 0.0, cell
    assert grades["recorded_warnings_still_work"] == 1.0
