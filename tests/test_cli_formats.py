"""The platform formats end to end: the CLI run as a real subprocess, its documents validated
against the documented schemas, and the Gradescope zip's run_autograder run for real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from autograder.reporters.github_classroom import RUNNERS
from autograder.reporters.github_classroom import decode as decode_github
from tests.conftest import REFERENCE
from tests.reporters._sample import validate

ROOT = Path(__file__).resolve().parents[1]
#: Linear.bp_input off by a factor 2: only Linear loses points
BROKEN = REFERENCE.read_text().replace("return grad @ self.W.T", "return grad @ self.W.T * 2")


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture
def broken(tmp_path) -> Path:
    path = tmp_path / "sub.py"
    path.write_text(BROKEN)
    return path


def test_gradescope_hidden_run_validates_and_hides_hidden_checks(broken, tmp_path):
    out = tmp_path / "results" / "results.json"
    run = cli(
        "grade",
        str(broken),
        "--format",
        "gradescope",
        "--hide-values",
        "--seed",
        "4",
        "-o",
        str(out),
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert json.loads(out.read_text()) == doc
    validate(doc, "gradescope_results.schema.json")
    assert {t["visibility"] for t in doc["tests"]} == {"after_published"}
    failed = [t for t in doc["tests"] if t["status"] == "failed"]
    assert failed and all(t["name"].startswith("Linear:") for t in failed)
    assert not any("expected" in t["output"] for t in failed)  # hidden: no values shown
    assert doc["score"] == sum(t["score"] for t in doc["tests"]) < 100


def test_github_result_decodes_to_the_documented_fields(broken):
    run = cli("grade", str(broken), "--format", "github", "--seed", "4")
    assert run.returncode == 0, run.stderr
    docs = decode_github(run.stdout)
    for doc in docs.values():
        validate(doc, "github_classroom_result.schema.json")
    passed, failed = docs["passed"], docs["failed"]
    assert failed["status"] == "fail" and passed["max_score"] + failed["max_score"] == 100
    assert {t["name"].split(":")[0] for t in failed["tests"]} == {"Linear"}
    assert 0 < sum(t["score"] for t in passed["tests"]) == passed["max_score"] < 100


def test_junit_xml_parses_with_one_suite_per_class(broken):
    run = cli("grade", str(broken), "--format", "junit", "--seed", "4")
    assert run.returncode == 0, run.stderr
    root = ET.fromstring(run.stdout)
    assert len(root.findall("testsuite")) == 8
    assert {
        s.get("name") for s in root.findall("testsuite") if s.find("testcase/failure") is not None
    } == {"Linear"}


@pytest.mark.parametrize("fmt", ["gradescope", "github", "junit"])
def test_an_ungradable_path_still_gets_a_platform_document(tmp_path, fmt):
    run = cli("grade", str(tmp_path / "missing.ipynb"), "--format", fmt)
    assert run.returncode == 2 and "cannot grade" in run.stderr
    if fmt == "gradescope":
        validate(json.loads(run.stdout), "gradescope_results.schema.json")
    elif fmt == "github":
        docs = decode_github(run.stdout)
        for doc in docs.values():
            validate(doc, "github_classroom_result.schema.json")
        assert docs["failed"]["status"] == "error" and docs["failed"]["max_score"] == 100
    else:
        assert ET.fromstring(run.stdout).get("errors") == "1"


def test_the_gradescope_zip_grades_a_submission_with_its_own_run_autograder(tmp_path, broken):
    zip_path = tmp_path / "autograder.zip"
    # the all-hidden mode (the mixed default: tests/platforms/test_gradescope.py)
    run = cli(
        "gradescope-zip", str(zip_path), "--root", str(ROOT), "--seed", "123", "--mode", "hidden"
    )
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        assert {"setup.sh", "run_autograder", "backprop-kit.env"} <= set(names)
        assert "kit/pyproject.toml" in names and "kit/autograder/__init__.py" in names
        assert not any(n.startswith(("kit/solutions", "kit/tests")) for n in names)
        assert zf.getinfo("run_autograder").external_attr >> 16 & 0o111
        zf.extractall(tmp_path / "gs" / "source")
    for script in ("setup.sh", "run_autograder"):
        assert subprocess.run(["bash", "-n", tmp_path / "gs" / "source" / script]).returncode == 0
    # Gradescope's layout, with this checkout's Python standing in for the image's venv
    gs = tmp_path / "gs"
    (gs / "submission").mkdir()
    (gs / "submission" / "layers.py").write_text(BROKEN)
    runner = gs / "run_autograder"
    runner.write_bytes((gs / "source" / "run_autograder").read_bytes())
    runner.chmod(0o755)
    env = {**os.environ, "AUTOGRADER_ROOT": str(gs), "BACKPROP_KIT_PYTHON": sys.executable}
    run = subprocess.run([str(runner)], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    doc = json.loads((gs / "results" / "results.json").read_text())
    validate(doc, "gradescope_results.schema.json")
    assert doc["extra_data"]["seed"] == 123 and 0 < doc["score"] < 100
    assert {t["visibility"] for t in doc["tests"]} == {"after_published"}
    # the hidden seed reaches the grader through its environment, never a command line
    assert "--seed" not in runner.read_text()


def test_the_github_workflow_wires_the_result_to_the_reporter(tmp_path):
    path = tmp_path / ".github" / "workflows" / "classroom.yml"
    run = cli("github-workflow", str(path), "--assignment", "01_layers")
    assert run.returncode == 0, run.stderr
    steps = yaml.safe_load(path.read_text())["jobs"]["run-autograding-tests"]["steps"]
    grade = next(s for s in steps if s.get("id") == "backprop")
    assert "--format github" in grade["run"] and "$GITHUB_OUTPUT" in grade["run"]
    reporter = next(s for s in steps if "autograding-grading-reporter" in s.get("uses", ""))
    runners = reporter["with"]["runners"].split(",")
    assert runners == list(RUNNERS)
    # the reporter reads process.env[`${runner.toUpperCase()}_RESULTS`]
    assert reporter["env"] == {
        f"{r.upper()}_RESULTS": f"${{{{ steps.backprop.outputs.{r} }}}}" for r in runners
    }
