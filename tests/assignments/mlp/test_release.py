"""The course flow of released layers: `release-layers` writes layers.py from the instructor's
assignment-1 solutions, and a notebook doing ``from layers import ...`` is graded the same in
the worker (file and folder) and in the notebook's own session."""

from __future__ import annotations

import json
import sys

import pytest

from autograder._cli import main
from autograder.assignments.mlp.contract import BY_NAME
from autograder.assignments.mlp.end_to_end import with_config
from autograder.assignments.mlp.release import layers_source
from autograder.grading import run_class
from autograder.loading import load_submission
from autograder.runner import LocalSession, RemoteSession
from autograder.toolkit.rubric import CheckDef
from tests.assignments.mlp.conftest import ROOT, SEED, SOLUTION
from tests.assignments.mlp.test_end_to_end import SHORT

IMPORT = "from layers import Linear, ReLU, SoftmaxCrossEntropyLoss"


def _student_folder(tmp_path):
    """A copy of assignment 2's source folder after `release-layers`, whose notebook imports
    the released layers instead of defining its own."""
    folder = tmp_path / "02_mlp"
    folder.mkdir()
    solutions = str(ROOT / "solutions")
    assert main(["release-layers", "--solutions", solutions, "--to", str(folder)]) == 0
    nb = json.loads(SOLUTION.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "your_layers":
            cell["source"] = IMPORT + "\n"
    (folder / SOLUTION.name).write_text(json.dumps(nb), encoding="utf-8")
    return folder


def test_layers_py_holds_the_solution_code_only():
    text = layers_source(ROOT / "solutions")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "graded(", "check(", "autograder"):
        assert marker not in text
    namespace: dict = {}
    exec(compile(text, "layers.py", "exec"), namespace)
    assert {"Linear", "ReLU", "SoftmaxCrossEntropyLoss"} <= set(namespace)


@pytest.mark.parametrize("what", ["notebook", "folder"])
def test_a_notebook_importing_released_layers_trains_in_the_worker(tmp_path, with_mnist, what):
    folder = _student_folder(tmp_path)
    path = folder / SOLUTION.name if what == "notebook" else folder
    check = CheckDef("e2e", None, 25, with_config(SHORT), timeout=300)
    with RemoteSession(load_submission(path)) as session:
        (result,) = run_class(session, BY_NAME["train_step"], SEED, defs=[check])
    assert result.passed, result.message
    assert "from layers.py: Linear, ReLU, SoftmaxCrossEntropyLoss" in result.message


def test_a_notebook_importing_released_layers_trains_in_its_own_session(
    tmp_path, with_mnist, monkeypatch
):
    folder = _student_folder(tmp_path)
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(sys.modules, "layers", raising=False)
    namespace: dict = {"__name__": "__main__"}
    for snippet in load_submission(folder / SOLUTION.name).snippets:
        exec(compile(snippet.source, snippet.origin, "exec"), namespace)
    check = CheckDef("e2e", None, 25, with_config(SHORT), timeout=300)
    session = LocalSession({"train_step": namespace["train_step"]})
    (result,) = run_class(session, BY_NAME["train_step"], SEED, defs=[check])
    assert result.passed, result.message
