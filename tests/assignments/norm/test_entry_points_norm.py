"""Assignment 4 in every entry point: the notebook's self-check and graded cells, the CLI's
grade and grade-all, the Gradescope zip, the GitHub Classroom workflow, the demo.

The notebook's graded cells give each class the points of its rubric; `nbgrader generate`
and the outputs are covered by tests/test_exercises_in_sync.py.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder import assignments
from autograder.loading import load_submission
from autograder.notebook import check, graded
from autograder.platforms.github_classroom import workflow
from autograder.platforms.gradescope import build_zip
from tests.assignments.norm._support import ROOT
from tests.conftest import real_mnist_dir

SOLUTION = ROOT / "solutions" / "04_norm" / "04_norm.ipynb"
EXERCISE = ROOT / "exercises" / "04_norm" / "04_norm.ipynb"


def _solution_namespace() -> dict:
    ns: dict = {"__name__": "submission"}
    for snippet in load_submission(SOLUTION).snippets:
        exec(compile(snippet.source, snippet.origin, "exec"), ns)
    return ns


def test_the_notebooks_graded_cells_give_each_class_its_rubric_points():
    rubric = assignments.get("04_norm")
    points = {u.name: sum(d.points for d in rubric.rubric(u)) for u in rubric.units}
    cells = nbformat.read(SOLUTION, as_version=4).cells
    graded_cells = {
        c.source.split("graded(")[1].split(",")[0]: c.metadata["nbgrader"]["points"]
        for c in cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }
    assert graded_cells == points


def test_the_self_check_and_a_graded_cell_work_on_the_solutions_classes(capsys):
    ns = _solution_namespace()
    check(ns["LayerNorm"])
    assert "LayerNorm" in capsys.readouterr().out
    assert graded(ns["BatchNorm1d"], points=33) == 33.0


def test_the_gradescope_zip_fetches_mnist_for_assignment_4(tmp_path):
    assert assignments.get("04_norm").needs_mnist
    path = build_zip(tmp_path / "a4.zip", ROOT, assignment="04_norm", seed=1)
    with zipfile.ZipFile(path) as zf:
        env = zf.read("backprop-kit.env").decode()
    assert "BACKPROP_KIT_NEEDS_MNIST=1" in env
    assert "04_norm" in env


def test_the_github_classroom_workflow_grades_assignment_4():
    assert "--assignment 04_norm --format github" in workflow("04_norm")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args], capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_grade_and_grade_all_take_assignment_4(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_KIT_MNIST", str(real_mnist_dir()))
    run = _cli("grade", str(EXERCISE), "--format", "json", "--seed", "1")
    result = json.loads(run.stdout)
    assert (result["assignment"], result["score"], result["max_score"]) == ("04_norm", 0, 96)
    # a class: one notebook (the exercise) and one .py holding a correct LayerNorm only
    folder = tmp_path / "class"
    (folder / "alice").mkdir(parents=True)
    shutil.copyfile(EXERCISE, folder / "alice" / "04_norm.ipynb")
    reference = (ROOT / "tests" / "assignments" / "norm" / "corpus" / "reference.py").read_text()
    layer_norm = "class LayerNorm" + reference.split("class LayerNorm")[1].split("class Dropout")[0]
    (folder / "bob.py").write_text("import numpy as np\n\n\n" + layer_norm)
    out = tmp_path / "out"
    done = _cli(
        "grade-all",
        str(folder),
        "--assignment",
        "04_norm",
        "--out",
        str(out),
        "--seed",
        "1",
        "-j",
        "1",
    )
    assert done.returncode == 0, done.stderr
    text = (out / "gradebook.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(text)))
    scores = {Path(r["id"]).stem: (r["status"], float(r["score"]), r["LayerNorm"]) for r in rows}
    assert scores == {"alice": ("graded", 0.0, "0"), "bob": ("graded", 23.0, "23")}, text
