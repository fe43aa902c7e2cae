"""Grading a real notebook: only definitions run; a failing cell costs only what needs it."""

from __future__ import annotations

import time

import nbformat

from autograder.config import GradeConfig
from autograder.grading import grade
from tests.conftest import REFERENCE


def write_notebook(path, cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)


def test_training_loops_plots_and_self_checks_are_not_run(tmp_path):
    path = tmp_path / "hw.ipynb"
    write_notebook(
        path,
        [
            "%matplotlib inline\nimport numpy as np",
            REFERENCE.read_text(),
            "while True:  # a training loop that would never end\n    pass",
            "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()",
            "from autograder.notebook import check\ncheck(Linear)",
        ],
    )
    started = time.monotonic()
    result = grade(path, GradeConfig(seed=3, check_timeout=5))
    assert result.score == result.max_score
    assert time.monotonic() - started < 60
    assert result.diagnostics == ()


def test_a_cell_that_raises_costs_only_the_classes_defined_after_on_it(tmp_path):
    path = tmp_path / "hw.ipynb"
    source = REFERENCE.read_text()
    head, tail = source.split("class Tanh:")
    write_notebook(
        path,
        [
            head,
            "from missing_module import helper  # raises ModuleNotFoundError",
            "class Tanh(helper):\n    pass",  # needs the failed import
            "class Tanh_:\n    pass\nclass Softmax_:\n    pass",
            "class Tanh:" + tail.split("class Softmax:")[0],
            "class Softmax:" + tail.split("class Softmax:")[1],
        ],
    )
    result = grade(path, GradeConfig(seed=3))
    # the failed import costs nothing by itself: Tanh is defined again in a later cell
    assert result.score == result.max_score
    assert any("ModuleNotFoundError" in d and "cell 2" in d for d in result.diagnostics)
    assert any("NameError" in d and "cell 3" in d for d in result.diagnostics)


def test_a_class_whose_only_definition_failed_says_which_cell(tmp_path):
    path = tmp_path / "hw.ipynb"
    source = REFERENCE.read_text().replace("class ReLU:", "class ReLU(MissingBase):")
    write_notebook(path, [source])
    result = grade(path, GradeConfig(seed=3))
    (relu,) = result.for_unit("ReLU")
    assert relu.message.startswith(
        "class ReLU is not defined: hw.ipynb cell 1, line 27 raised NameError"
    ), relu.message
    others = [c for c in result.checks if c.unit != "ReLU"]
    assert all(c.passed for c in others)
