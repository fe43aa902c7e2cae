"""The registry: assignments are found by looking, and their unit names are their own."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder import assignments
from autograder.assignments import Assignment
from autograder.errors import SubmissionUnreadable
from autograder.notebook import check

ROOT = Path(__file__).resolve().parents[2]


def test_every_assignment_folder_is_found_and_named_like_its_notebooks():
    assert assignments.names() == sorted(p.name for p in (ROOT / "solutions").iterdir())
    for a in assignments.all_assignments():
        assert a.units and all(a.rubric(u) for u in a.units), a.name


def test_an_unknown_name_is_one_line_that_lists_them_in_order():
    with pytest.raises(SubmissionUnreadable) as info:
        assignments.get("04_conv")
    message = str(info.value)
    assert "\n" not in message
    assert message.endswith(f"(known: {', '.join(sorted(assignments.names()))})")


@pytest.fixture
def second_relu(tmp_path, monkeypatch):
    """A made-up assignment in a folder of its own that also grades a class named ReLU."""
    package = tmp_path / "zz_dup"
    package.mkdir()
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            from dataclasses import dataclass
            from autograder.assignments import Assignment

            @dataclass(frozen=True)
            class Unit:
                name: str

            ASSIGNMENT = Assignment("99_dup", (Unit("ReLU"),), lambda unit: [])
            """
        )
    )
    monkeypatch.setattr(assignments, "__path__", [*assignments.__path__, str(tmp_path)])
    assignments._discovered.cache_clear()
    yield assignments.get("99_dup")
    monkeypatch.undo()
    assignments._discovered.cache_clear()
    sys.modules.pop("autograder.assignments.zz_dup", None)


def test_a_new_folder_is_an_assignment_without_registering_it(second_relu):
    assert isinstance(second_relu, Assignment)
    assert "99_dup" in assignments.names()


def test_two_assignments_may_grade_classes_of_the_same_name(second_relu):
    layers_relu = assignments.get("01_layers").unit("ReLU")
    assert assignments.find_unit("ReLU", "01_layers") == (assignments.get("01_layers"), layers_relu)
    assert assignments.find_unit("ReLU", "99_dup")[1] is second_relu.units[0]
    # each unit is graded by its own assignment's rubric, found by the object, not the name
    assert assignments.owner(layers_relu).name == "01_layers"
    assert assignments.owner(second_relu.units[0]).name == "99_dup"
    with pytest.raises(ValueError, match="graded in 01_layers, 99_dup"):
        assignments.find_unit("ReLU")


def test_the_notebook_asks_which_assignment_when_a_name_is_ambiguous(second_relu, ref):
    with pytest.raises(ValueError, match="say which with assignment="):
        check(ref["ReLU"])
    check(ref["ReLU"], assignment="01_layers")  # named: graded as before


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.parametrize(
    "command",
    [
        ["grade", "{sub}", "--assignment", "04_conv"],
        ["grade", "{sub}", "--format", "json", "--assignment", "04_conv"],
        ["grade-all", "{folder}", "--out", "{out}", "--unsafe", "--assignment", "04_conv"],
        ["gradescope-zip", "{out}/a.zip", "--assignment", "04_conv"],
        ["github-workflow", "{out}/classroom.yml", "--assignment", "04_conv"],
        ["regrade", "04_conv", "--course", "{folder}"],
        ["autograde", "04_conv", "--course", "{folder}"],
        ["student-repo", "04_conv", "{out}/repo"],
    ],
)
def test_every_command_refuses_an_unknown_assignment_with_one_line_and_status_2(command, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    sub = folder / "alice.py"
    sub.write_text("class Linear:\n    pass\n")
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(sub=sub, folder=folder, out=out) for a in command]
    done = _cli(*args, cwd=tmp_path)
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown assignment '04_conv'" in lines[0], done.stderr
    assert sorted(p.name for p in out.iterdir()) == []  # nothing written
