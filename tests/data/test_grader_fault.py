"""A data problem is an autograder error, never a lower score (issue 10).

The MNIST files are verified when grading starts (find_mnist checks size and SHA-256), then
one of them is truncated -- for real, in a private copy of the folder -- before the data layer
reads it. Assignment 2's end-to-end check must not lose its points for that: `grade()` raises
`GraderFault`, and every entry point reports a grading failure instead of a score.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import autograder.data.mnist as mnist_module
from autograder import batch
from autograder._cli import main
from autograder.assignments.mlp import end_to_end
from autograder.config import GradeConfig
from autograder.data import MNIST_ENV
from autograder.errors import GraderFault, GradingError
from autograder.grading import grade
from autograder.reporters.github_classroom import decode as decode_github
from tests.conftest import real_mnist_dir
from tests.reporters._sample import validate

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = ROOT / "solutions" / "02_mlp" / "02_mlp.ipynb"
CONFIG = GradeConfig(seed=1, assignment="02_mlp")


@pytest.fixture()
def breaking_mnist(request, tmp_path, monkeypatch):
    """A verified copy of MNIST whose second file read is truncated (or deleted: parameter
    "vanished") just before it is read."""
    source, folder = real_mnist_dir(), tmp_path / "mnist"
    shutil.copytree(source, folder)
    monkeypatch.setenv(MNIST_ENV, str(folder))
    real = mnist_module.read_idx
    reads: list[Path] = []

    def read_then_break(path):
        reads.append(Path(path))
        if len(reads) > 1:  # the files were found and verified; now one breaks mid-run
            data = Path(path).read_bytes()
            if getattr(request, "param", "truncated") == "vanished":
                Path(path).unlink()
            else:
                Path(path).write_bytes(data[: len(data) // 2])
        return real(path)

    monkeypatch.setattr(mnist_module, "read_idx", read_then_break)

    def rearm() -> None:  # whole files again, and the next grading breaks the same way
        shutil.rmtree(folder)
        shutil.copytree(source, folder)
        reads.clear()
        end_to_end.mnist.cache_clear()  # the grader loads MNIST once per process

    rearm()
    yield reads, rearm
    end_to_end.mnist.cache_clear()


def test_a_file_truncated_after_verification_is_unreadable_not_a_crash(breaking_mnist):
    with pytest.raises(OSError, match="cannot be read"):  # gzip alone raises EOFError
        mnist_module.load_mnist("train")
    assert len(breaking_mnist[0]) == 2


@pytest.mark.parametrize("breaking_mnist", ["truncated", "vanished"], indirect=True)
def test_grading_raises_a_grader_fault_instead_of_failing_the_check(breaking_mnist):
    with pytest.raises(GraderFault, match="MNIST") as info:
        grade(SOLUTION, CONFIG)
    assert not isinstance(info.value, GradingError)  # run_class never makes it a check result
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("fmt", ["table", "gradescope", "github"])
def test_every_cli_format_reports_a_grading_failure_not_a_score(breaking_mnist, capsys, fmt):
    status = main(
        ["grade", str(SOLUTION), "--assignment", "02_mlp", "--seed", "1", "--format", fmt]
    )
    out, err = capsys.readouterr()
    assert status == 2
    [line] = err.strip().splitlines()
    assert line.startswith("backprop-kit: grader error (not the submission's fault)")
    assert "MNIST" in line
    if fmt == "gradescope":
        doc = json.loads(out)
        validate(doc, "gradescope_results.schema.json")
        assert "score" not in doc and doc["tests"] == []
        assert "through no fault of yours" in doc["output"] and "MNIST" in doc["output"]
    elif fmt == "github":
        docs = decode_github(out)
        for doc in docs.values():
            validate(doc, "github_classroom_result.schema.json")
        assert docs["failed"]["status"] == "error"
        assert "through no fault of the submission" in docs["failed"]["message"]
    else:
        assert out == ""


def test_grade_all_records_a_grader_error_and_grades_it_again(breaking_mnist, tmp_path):
    folder = tmp_path / "class"
    (folder / "alice").mkdir(parents=True)
    shutil.copyfile(SOLUTION, folder / "alice" / "02_mlp.ipynb")
    out = tmp_path / "grades"
    summary = batch.grade_all(folder, out, CONFIG, jobs=1, unsafe=True)
    assert (summary.graded, summary.skipped) == (1, 0)
    record = json.loads((out / "results" / "alice.json").read_text())
    assert record["status"] == "grader error" and record["score"] is None
    assert "MNIST" in record["error"] and record["max_score"] == 100
    [header, row] = (out / "gradebook.csv").read_text().splitlines()
    assert header.startswith("id,status,score,max_score")
    assert row.startswith("alice,grader error,,100,")  # no score, not 0
    breaking_mnist[1]()
    again = batch.grade_all(folder, out, CONFIG, jobs=1, unsafe=True)
    assert (again.graded, again.skipped) == (1, 0)  # a grader error is graded again
