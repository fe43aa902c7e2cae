"""Edited, deleted and renamed test cells are reported per student; an untouched notebook (whose
test cells differ from the source only by the hidden tests cut at release) is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from autograder.course._tamper import changes

ROOT = Path(__file__).resolve().parents[2]
RELEASED = ROOT / "exercises" / "01_layers" / "01_layers.ipynb"
SOURCE = ROOT / "solutions" / "01_layers" / "01_layers.ipynb"
GRADED = ["test_linear", "test_relu", "test_softmax"]


def _edit(tmp_path: Path, change) -> Path:  # noqa: ANN001
    path = tmp_path / "01_layers.ipynb"
    shutil.copy(RELEASED, path)
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)
    return path


def _cell(nb, grade_id: str):  # noqa: ANN001, ANN202
    (found,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    return found


def test_an_untouched_or_solved_notebook_reports_nothing(tmp_path):
    assert changes(_edit(tmp_path, lambda nb: None), RELEASED, GRADED) == {}


def test_an_edited_test_cell_is_reported(tmp_path):
    def edit(nb):  # noqa: ANN001, ANN202
        _cell(nb, "test_relu").source = "score = 12.0\nscore"

    assert changes(_edit(tmp_path, edit), RELEASED, GRADED) == {
        "test_relu": "the test cell was edited (nbgrader restored it before grading)"
    }


def test_a_deleted_test_cell_is_reported(tmp_path):
    def delete(nb):  # noqa: ANN001, ANN202
        nb.cells.remove(_cell(nb, "test_softmax"))

    assert changes(_edit(tmp_path, delete), RELEASED, GRADED) == {
        "test_softmax": "the test cell is missing (deleted, or its grade_id was changed)"
    }


@pytest.mark.parametrize("new_id", ["test_linear_2", "my_cell"])
def test_a_renamed_grade_id_is_reported_twice(tmp_path, new_id):
    def rename(nb):  # noqa: ANN001, ANN202
        _cell(nb, "test_linear").metadata["nbgrader"]["grade_id"] = new_id

    assert changes(_edit(tmp_path, rename), RELEASED, GRADED) == {
        "test_linear": "the test cell is missing (deleted, or its grade_id was changed)",
        new_id: "a grade_id the assignment does not have (a changed or copied cell)",
    }


def test_the_instructors_own_cell_is_no_edit(tmp_path):
    def source_version(nb):  # noqa: ANN001, ANN202
        _cell(nb, "test_relu").source = "score = graded(ReLU, points=12)\n# hidden tests\nscore"

    submitted = _edit(tmp_path, source_version)
    own = {"test_relu": "score = graded(ReLU, points=12)\n# hidden tests\nscore"}
    assert changes(submitted, RELEASED, GRADED, own) == {}
    assert "test_relu" in changes(submitted, RELEASED, GRADED)
