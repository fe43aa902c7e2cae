"""One submission, one number: the same score from every entry point.

Four submissions of assignment 1 -- correct, broken in two classes, correct but printing to
stderr and through logging while graded, and untouched -- are each graded through:

- the command line (``grade --format json``),
- ``grade-all`` (its gradebook.csv),
- the notebook itself, executed in a real Jupyter kernel (the sum of its autograded cells'
  values: what nbgrader records from the kernel),
- Gradescope's results.json (``--format gradescope``, the sum of its tests),
- GitHub Classroom (the workflow's grade step, then the real reporter's released script under
  node: the points it records).

Every number must be the same. (nbgrader's gradebook after the isolated regrade is compared with
the same grading in tests/nbgrader/test_lifecycle.py.)
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from tests.nbgrader._course import fill_in, replace_once, solution_sources

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "01_layers"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
SEED = "0"  # the public seed: what the notebook's cells use


def _answers(kind: str) -> dict[str, str]:
    answers = solution_sources(ROOT / "solutions" / ASSIGNMENT / NOTEBOOK)
    if kind == "broken":
        answers["solution_linear"] = replace_once(
            answers["solution_linear"], "db = grad.sum(axis=0)", "db = grad.mean(axis=0)"
        )
        answers["solution_softmax"] = replace_once(
            answers["solution_softmax"],
            "return p * (grad - weighted)",
            "return p * (1.0 - p) * grad",
        )
    if kind == "noisy":
        answers["solution_tanh"] = "import logging\nimport sys\n\n" + answers[
            "solution_tanh"
        ].replace(
            "    def bp_input(self, grad):\n",
            "    def bp_input(self, grad):\n"
            "        print('debugging Tanh', file=sys.stderr)\n"
            "        logging.warning('still debugging')\n",
            1,
        )
        assert "debugging Tanh" in answers["solution_tanh"]
    return answers


@pytest.fixture(scope="module")
def submissions(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("class")
    for kind in ("correct", "broken", "noisy", "untouched"):
        folder = root / kind
        folder.mkdir()
        shutil.copy(ROOT / "exercises" / ASSIGNMENT / NOTEBOOK, folder / NOTEBOOK)
        if kind != "untouched":
            fill_in(folder / NOTEBOOK, _answers(kind))
    return root


def _kit(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=cwd,
        env={**os.environ, "BACKPROP_KIT_SEED": SEED},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def cli(folder: Path) -> float:
    return json.loads(_kit("grade", str(folder / NOTEBOOK), "--format", "json"))["score"]


def gradescope(folder: Path) -> float:
    doc = json.loads(_kit("grade", str(folder / NOTEBOOK), "--format", "gradescope"))
    return sum(t["score"] for t in doc["tests"])


def notebook(folder: Path, tmp: Path) -> float:
    """Execute the notebook in a real kernel; the sum of its autograded cells' values."""
    from nbclient import NotebookClient

    work = tmp / f"kernel-{folder.name}"
    shutil.copytree(folder, work)
    nb = nbformat.read(work / NOTEBOOK, as_version=4)
    NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(work)}},
    ).execute()
    total = 0.0
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
            values = [o for o in cell.outputs if o.get("output_type") == "execute_result"]
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            stderr = [o for o in cell.outputs if o.get("name") == "stderr"]
            # nbgrader gives a cell 0 when it raised or wrote to stderr
            if values and not errors and not stderr:
                total += float(values[0]["data"]["text/plain"])
    return total


def github(folder: Path, tmp: Path) -> float:
    from tests.reporters.test_github_reporter_script import NODE, SCRIPT, run_workflow

    if NODE is None or not SCRIPT.is_file():
        pytest.skip("node or the GitHub Classroom reporter's script is not available")
    (tmp / f"gh-{folder.name}").mkdir()
    run = run_workflow(folder, tmp / f"gh-{folder.name}")
    assert run.recorded is not None, run.log[-2000:]
    return run.recorded[0]


def test_every_entry_point_gives_the_same_number(submissions, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_KIT_SEED", SEED)  # the workflow's grade step reads it
    out = tmp_path / "grades"
    _kit(
        "grade-all", str(submissions), "--assignment", ASSIGNMENT, "--seed", SEED, "--out", str(out)
    )
    with open(out / "gradebook.csv", newline="") as f:
        batch = {row["id"]: float(row["score"]) for row in csv.DictReader(f)}

    def every_entry_point(kind: str) -> dict[str, float]:
        folder = submissions / kind
        return {
            "cli": cli(folder),
            "grade-all": batch[kind],
            "notebook": notebook(folder, tmp_path),
            "gradescope": gradescope(folder),
            "github": github(folder, tmp_path),
        }

    kinds = ("correct", "broken", "noisy", "untouched")
    # two submissions at a time (each entry point starts its own processes): the suite's time
    with ThreadPoolExecutor(2) as pool:
        table = dict(zip(kinds, pool.map(every_entry_point, kinds), strict=True))
    print(json.dumps(table, indent=1))
    for kind, scores in table.items():
        assert len(set(scores.values())) == 1, (kind, scores)
    assert table["correct"]["cli"] == table["noisy"]["cli"] == 100
    assert 0 < table["broken"]["cli"] < 100
    assert table["untouched"]["cli"] == 0
