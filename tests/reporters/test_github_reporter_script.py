"""GitHub Classroom's real grading reporter, run by node on what the kit's workflow hands it.

The workflow's own grade step runs (bash, as GitHub runs it) in a repository holding a
submission; its outputs go to the reporter's environment as the workflow's ``env:`` maps them;
then the reporter's released script runs, as the action runner runs it: inputs as ``INPUT_*``,
``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY`` pointing at scratch files, its log on stdout.
Points Classroom records are in its ``::notice`` "Autograding report"; what students read is
each runner's "Total points for ..." line and the summary table's "Total:" row.

The script is clients/github-classroom-reporter-v1/main.js (vendored): the reporter's release v1
(commit d13b591), the same release the workflow pins (`github_classroom.REPORTER`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from autograder.platforms.github_classroom import REPORTER, workflow
from autograder.reporters.github_classroom import decode
from tests.conftest import REFERENCE

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).parent / "clients" / "github-classroom-reporter-v1" / "main.js"
NODE = shutil.which("node")
#: the release the script is (clients/README.md) and the commit it was built at
RELEASE, COMMIT = "v1", "d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca"
#: Linear.bp_input off by a factor 2: only Linear loses points
BROKEN = REFERENCE.read_text().replace("return grad @ self.W.T", "return grad @ self.W.T * 2")

pytestmark = [
    pytest.mark.skipif(NODE is None, reason="node is not installed: cannot run the reporter"),
    pytest.mark.skipif(
        not SCRIPT.is_file(), reason=f"the reporter's released script is not at {SCRIPT}"
    ),
]


@dataclass
class Run:
    log: str
    #: what Classroom records: (totalPoints, maxPoints) from the "Autograding report" notice
    recorded: tuple[float, float] | None
    #: the grade step's outputs, decoded
    documents: dict[str, dict]
    reporter_status: int


def _steps() -> tuple[dict, dict]:
    flow = yaml.safe_load(workflow("01_layers"))
    steps = flow["jobs"]["run-autograding-tests"]["steps"]
    grade = next(s for s in steps if s.get("id") == "backprop")
    reporter = next(s for s in steps if "autograding-grading-reporter" in s.get("uses", ""))
    return grade, reporter


def run_workflow(repo: Path, tmp: Path) -> Run:
    grade, reporter = _steps()
    outputs_file = tmp / "grade_output"
    outputs_file.write_text("")
    python_bin = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{python_bin}:{os.environ['PATH']}"}
    env["GITHUB_OUTPUT"] = str(outputs_file)
    # GitHub's default shell for `run:`
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", grade["run"]],
        cwd=repo,
        env=env,
        check=True,
        timeout=600,
    )
    outputs = dict(
        line.split("=", 1) for line in outputs_file.read_text().splitlines() if "=" in line
    )

    def expand(value: str) -> str:
        return re.sub(
            r"\$\{\{\s*steps\.backprop\.outputs\.(\w+)\s*\}\}",
            lambda m: outputs.get(m.group(1), ""),
            value,
        )

    node_env = {"PATH": os.environ["PATH"], "HOME": str(tmp)}
    node_env |= {k: expand(v) for k, v in reporter["env"].items()}
    node_env |= {f"INPUT_{k.upper()}": str(v) for k, v in reporter["with"].items()}
    for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_STATE"):
        node_env[name] = str(tmp / name.lower())
        (tmp / name.lower()).write_text("")
    done = subprocess.run(
        [NODE, str(SCRIPT)], env=node_env, capture_output=True, text=True, timeout=120
    )
    log = done.stdout + done.stderr
    report = re.search(r"^::notice title=Autograding report::(\{.*\})$", log, re.M)
    recorded = None
    if report:
        points = json.loads(report.group(1))
        recorded = (points["totalPoints"], points["maxPoints"])
    return Run(log, recorded, decode(outputs_file.read_text()), done.returncode)


def shown_totals(log: str) -> tuple[float, float]:
    """The summary table's "Total:" row (score, max)."""
    row = re.search(r"│ Total:\s*│ (\S+)\s*│ (\S+)\s*│", log)
    assert row, log
    return float(row.group(1)), float(row.group(2))


def runner_totals(log: str) -> tuple[float, float]:
    """The "Total points for <runner>: a/b" lines, added up."""
    lines = re.findall(r"Total points for \w+: ([\d.]+)/([\d.]+)", log)
    return sum(float(a) for a, _ in lines), sum(float(b) for _, b in lines)


def kit_score(path: Path) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "BACKPROP_KIT_SEED": "4"},
    )
    doc = json.loads(done.stdout)
    return doc["score"], doc["max_score"]


def assert_no_garbage(log: str) -> None:
    for bad in ("NaN", "line null", "line undefined", "undefined"):
        assert bad not in log, log


def submission(tmp_path: Path, name: str, text: str | None) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    if text is not None:
        (repo / name).write_text(text)
    return repo


def test_the_workflow_pins_the_release_these_tests_run():
    _, reporter = _steps()
    assert reporter["uses"] == REPORTER
    assert f"classroom-resources/autograding-grading-reporter@{COMMIT}" == REPORTER
    action = (SCRIPT.parent / "action.yml").read_text()
    assert "node20" in action and "dist/main.js" in action


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("layers.py", REFERENCE.read_text(), (100, 100)),
        (
            "01_layers.ipynb",
            (ROOT / "exercises" / "01_layers" / "01_layers.ipynb").read_text(),
            (0, 100),
        ),
    ],
    ids=["correct", "untouched"],
)
def test_the_reporter_shows_and_records_the_kits_score(tmp_path, monkeypatch, name, text, expected):
    monkeypatch.setenv("BACKPROP_KIT_SEED", "4")
    run = run_workflow(submission(tmp_path, name, text), tmp_path)
    assert_no_garbage(run.log)
    assert run.recorded == expected
    assert shown_totals(run.log) == expected
    assert runner_totals(run.log) == expected
    assert run.reporter_status == (0 if expected[0] == expected[1] else 1)


def test_a_partly_broken_submission_shows_what_it_records_and_why_it_lost(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_KIT_SEED", "4")
    repo = submission(tmp_path, "layers.py", BROKEN)
    score, max_score = kit_score(repo / "layers.py")
    assert 0 < score < max_score
    run = run_workflow(repo, tmp_path)
    assert_no_garbage(run.log)
    assert run.recorded == (score, max_score)
    assert shown_totals(run.log) == (score, max_score)
    assert runner_totals(run.log) == (score, max_score)
    # every check that lost points is in the log with its explanation
    failed = run.documents["failed"]["tests"]
    assert failed and all(t["status"] != "pass" for t in failed)
    for test in failed:
        assert test["name"] in run.log and " -- " in test["name"]
    assert "Likely mistake: off by a factor of 2" in run.log
    assert run.reporter_status == 1 and "::error::Some tests failed." in run.log


def test_an_ungradable_submission_records_0_with_its_reason(tmp_path):
    run = run_workflow(submission(tmp_path, "notes.txt", "no code here"), tmp_path)
    assert_no_garbage(run.log)
    assert run.recorded == (0, 100)
    assert shown_totals(run.log) == (0, 100)
    assert "Error: the submission could not be graded: " in run.log
    assert run.reporter_status == 1
