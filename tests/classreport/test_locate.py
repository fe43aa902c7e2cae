"""Where a class is defined: a notebook's cell, a .py file's line."""

from __future__ import annotations

import json

from autograder.classreport.locate import class_locations, where


def test_a_notebook_gives_the_cell_and_a_module_the_line():
    assert where("a.ipynb cell 7, line 3") == "a.ipynb, cell 7"
    assert where("sub/a.py, line 12") == "sub/a.py, line 12"


def notebook(cells: list[tuple[str, str]]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": kind,
                    "source": src,
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                }
                if kind == "code"
                else {"cell_type": kind, "source": src, "metadata": {}}
                for kind, src in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_the_last_definition_wins_as_when_the_notebook_runs(tmp_path):
    path = tmp_path / "01_layers.ipynb"
    path.write_text(
        notebook(
            [
                ("markdown", "# Layers"),
                ("code", "import numpy as np"),
                ("code", "class Linear:\n    pass"),
                ("markdown", "try again"),
                ("code", "x = 1\n\nclass Linear:\n    pass"),
            ]
        )
    )
    assert class_locations(path, "01_layers")["Linear"] == "01_layers.ipynb, cell 5"


def test_a_py_file_gives_the_line_of_the_class(tmp_path):
    path = tmp_path / "alice.py"
    path.write_text("import numpy as np\n\n\nclass ReLU:\n    pass\n")
    assert class_locations(path, "01_layers")["ReLU"] == "alice.py, line 4"


def test_an_unreadable_submission_has_no_locations(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{not json")
    assert class_locations(path, "01_layers") == {}
