"""The repository students receive (`python -m autograder student-repo`): what it holds, what it
never holds, and its README's commands run as a student would run them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENT = "01_layers"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

#: what must never reach a student: solution regions, hidden tests, the grader's secrets
FORBIDDEN = (
    "BEGIN SOLUTION",
    "END SOLUTION",
    "BEGIN HIDDEN TESTS",
    "hidden=True",
    "BACKPROP_KIT_SECRET=",
)


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("starter") / "repo"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "autograder",
            "student-repo",
            ASSIGNMENT,
            str(out),
            "--course",
            str(ROOT),
            "--bundle-wheel",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_it_holds_the_exercise_the_workflow_and_the_kit(starter):
    names = {str(p.relative_to(starter)) for p in _files(starter)}
    wheels = [n for n in names if n.startswith("vendor/") and n.endswith(".whl")]
    assert len(wheels) == 1
    assert names == {
        "README.md",
        "requirements.txt",
        ".gitignore",
        ".github/workflows/classroom.yml",
        f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb",
        *wheels,
    }
    released = ROOT / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert (starter / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_bytes() == released.read_bytes()
    assert "requirements.txt" in (starter / ".github/workflows/classroom.yml").read_text()


def test_it_holds_no_solution_and_no_hidden_test(starter):
    for path in _files(starter):
        if path.suffix == ".whl":
            continue  # the wheel is graded as a submission by tests/test_no_answers.py
        text = path.read_text(encoding="utf-8")
        found = [f for f in FORBIDDEN if f in text]
        assert not found, (path, found)
    nb = nbformat.read(starter / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def _readme_commands(starter: Path) -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (starter / "README.md").read_text(), re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_its_readme_commands_work(starter, tmp_path):
    commands = _readme_commands(starter)
    assert commands[0] == "python -m pip install -r requirements.txt"
    assert commands[1].startswith("jupyter lab ")  # interactive: not run here
    # install exactly the bundled kit (its dependencies are this environment's: no network)
    site = tmp_path / "site"
    install = commands[0].replace("pip install", f"pip install --no-deps --target {site}")
    env = {**os.environ, "PYTHONPATH": str(site)}
    for command in (install, commands[2]):
        proc = subprocess.run(
            command.replace("python", sys.executable, 1),
            shell=True,
            cwd=starter,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, (command, proc.stdout[-2000:], proc.stderr[-2000:])
    # the grade ran the installed wheel, on the untouched exercise
    assert "total                      0/100" in proc.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import autograder; print(autograder.__file__)"],
        cwd=starter,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(site)), where
