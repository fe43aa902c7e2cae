"""Which file of a folder is graded, and which assignment it is (autograder/choose.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.choose import choose
from autograder.config import GradeConfig
from autograder.errors import SubmissionUnreadable
from autograder.grading import grade

ROOT = Path(__file__).resolve().parents[1]


def _solution(assignment: str) -> Path:
    return ROOT / "solutions" / assignment / f"{assignment}.ipynb"


def _exercise(assignment: str) -> Path:
    return ROOT / "exercises" / assignment / f"{assignment}.ipynb"


def _grade(path: Path, **config) -> tuple[float, tuple[str, ...], str]:
    result = grade(path, GradeConfig(seed=3, **config))
    return result.score, result.diagnostics, result.assignment


def test_a_stray_untitled_copy_of_the_stubs_is_skipped_and_named(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(_solution("01_layers"), repo / "01_layers.ipynb")
    shutil.copy(_exercise("01_layers"), repo / "Untitled.ipynb")
    score, notes, assignment = _grade(repo)
    assert (score, assignment) == (100, "01_layers")
    assert "graded 01_layers.ipynb" in notes and "Untitled.ipynb: skipped (a copy)" in notes


@pytest.mark.parametrize("copy", ["Untitled3.ipynb", "work-Copy1.ipynb", "work (1).ipynb"])
def test_copies_are_never_graded_beside_the_work(tmp_path, copy):
    shutil.copy(_solution("01_layers"), tmp_path / "work.ipynb")
    shutil.copy(_exercise("01_layers"), tmp_path / copy)
    choice = choose(tmp_path, "01_layers")
    assert [f.name for f in choice.files] == ["work.ipynb"]
    assert f"{copy}: skipped (a copy)" in choice.notes


def test_a_file_not_named_after_its_assignment_is_recognised_by_what_it_defines(tmp_path):
    path = tmp_path / "homework.ipynb"
    shutil.copy(_solution("03_graph"), path)
    score, notes, assignment = _grade(path)
    assert (assignment, score) == ("03_graph", 100)


def test_a_folder_named_otherwise_is_recognised_too(tmp_path):
    folder = tmp_path / "student-42"
    folder.mkdir()
    shutil.copy(_exercise("03_graph"), folder / "my work.ipynb")
    choice = choose(folder)
    assert choice.assignment == "03_graph"
    assert "recognised as 03_graph from the names it defines" in choice.notes


def test_two_candidate_notebooks_are_a_one_line_error(tmp_path):
    for name in ("a.ipynb", "b.ipynb"):
        shutil.copy(_solution("01_layers"), tmp_path / name)
    with pytest.raises(SubmissionUnreadable, match=r"holds 2 notebooks \(a.ipynb, b.ipynb\)"):
        choose(tmp_path, "01_layers")


def test_nothing_recognisable_is_a_one_line_error_not_an_assignment_1_grade(tmp_path):
    path = tmp_path / "notes.py"
    path.write_text("import numpy as np\n\n\ndef helper(x):\n    return x\n")
    with pytest.raises(SubmissionUnreadable, match="cannot tell which assignment"):
        choose(path)


def test_a_tie_between_assignments_is_a_one_line_error(tmp_path):
    path = tmp_path / "mixed.py"
    # one name of assignment 1 and one of assignment 3
    path.write_text("class Linear:\n    pass\n\n\nclass MatMul:\n    pass\n")
    with pytest.raises(SubmissionUnreadable, match="01_layers or 03_graph"):
        choose(path)


def test_the_named_assignment_wins_over_the_content(tmp_path):
    path = tmp_path / "mixed.py"
    path.write_text("class Linear:\n    pass\n\n\nclass MatMul:\n    pass\n")
    assert choose(path, "03_graph").assignment == "03_graph"


def test_modules_beside_the_notebook_are_kept(tmp_path):
    shutil.copy(_solution("01_layers"), tmp_path / "01_layers.ipynb")
    (tmp_path / "helpers.py").write_text("SCALE = 1.0\n")
    assert sorted(f.name for f in choose(tmp_path).files) == ["01_layers.ipynb", "helpers.py"]


def test_names_an_assignment_only_also_defines_are_context_not_evidence(tmp_path):
    # 05_conv's notebook also holds assignment 1's Linear, ReLU and loss: a submission of
    # Linear alone is assignment 1's; Conv2d beside the same three classes is assignment 5's
    layers = tmp_path / "layers.py"
    layers.write_text("class Linear:\n    pass\n")
    assert choose(layers).assignment == "01_layers"
    cnn = tmp_path / "cnn" / "work.py"
    cnn.parent.mkdir()
    cnn.write_text(
        "".join(
            f"class {c}:\n    pass\n"
            for c in ("Conv2d", "MaxPool2d", "Flatten", "Linear", "ReLU", "SoftmaxCrossEntropyLoss")
        )
    )
    assert choose(cnn).assignment == "05_conv"
