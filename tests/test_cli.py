"""The command line, run as a real subprocess: output formats and exit statuses."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.conftest import REFERENCE

#: "layer" is "unit" under its name of release 0.1, kept for one release (README)
KEYS = {"name", "unit", "layer", "method", "status", "score", "max_score", "message"}


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def test_json_output_is_one_object_with_the_documented_fields(tmp_path):
    path = tmp_path / "sub.py"
    path.write_text(
        REFERENCE.read_text().replace("return grad @ self.W.T", "return grad @ self.W.T * 2")
    )
    run = cli("grade", str(path), "--format", "json", "--seed", "5")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["max_score"] == 100 and report["score"] < 100 and report["seed"] == 5
    assert all(set(c) == KEYS for c in report["checks"])
    assert {c["status"] for c in report["checks"]} <= {"passed", "failed", "error", "timeout"}
    assert {c["method"] for c in report["checks"]} <= {"__call__", "bp_input", "bp_param", None}
    lost = {c["unit"] for c in report["checks"] if c["score"] < c["max_score"]}
    assert lost == {"Linear"}


def test_the_table_shows_each_class_and_the_failed_checks(tmp_path):
    path = tmp_path / "sub.py"
    path.write_text(
        REFERENCE.read_text().replace(
            "return grad * (1 - self.Y**2)", "raise NotImplementedError()"
        )
    )
    run = cli("grade", str(path), "--seed", "5")
    assert run.returncode == 0
    # only bp_input is stubbed, yet bp_param's "returns {}" earns nothing: rules of the
    # contract pay only once the values are right
    assert re.search(r"^  Tanh +0/11  ", run.stdout, re.M), run.stdout
    assert "Tanh.bp_input is not implemented yet (it raises NotImplementedError)" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_fail_under_exits_1_below_the_threshold_and_0_above(tmp_path):
    path = tmp_path / "sub.py"
    path.write_text(REFERENCE.read_text().replace("class ReLU:", "class NotReLU:"))
    assert cli("grade", str(path), "--seed", "1", "--fail-under", "100").returncode == 1
    assert cli("grade", str(path), "--seed", "1", "--fail-under", "80").returncode == 0


def test_an_ungradable_path_exits_2_with_one_line(tmp_path):
    run = cli("grade", str(tmp_path / "missing.ipynb"))
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0
    assert "cannot grade: no such file or folder" in run.stderr
    (tmp_path / "bad.ipynb").write_text("{")
    run = cli("grade", str(tmp_path / "bad.ipynb"))
    assert run.returncode == 2 and "is not a readable notebook" in run.stderr


def test_output_writes_the_json_file_too(tmp_path):
    out = tmp_path / "result.json"
    run = cli("grade", str(REFERENCE), "--seed", "2", "-o", str(out))
    assert run.returncode == 0
    assert json.loads(out.read_text())["score"] == 100
