"""The repository a course hands to students for one assignment (a GitHub Classroom template).

    <out>/
      README.md                      what to do, the commands students need
      <assignment>/<notebook>.ipynb  the released exercise (nbgrader's release folder), unchanged
      requirements.txt               the kit, from the course's requirement or a bundled wheel
      vendor/backprop_kit-*.whl      with ``bundle_wheel``: the kit exactly as students install it
      .github/workflows/classroom.yml  grading on every push (GitHub Classroom's reporter)
      .gitignore

What it never holds: the course's source notebooks (solutions, hidden tests), other
assignments, the course secret. The kit itself holds no answer (tests/test_no_answers.py
grades everything in its wheel as a submission).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import SubmissionUnreadable
from ..platforms.github_classroom import DEFAULT_KIT, workflow
from ._nbgrader import Course

README = """\
# {assignment}

Your work for this assignment is `{assignment}/{notebook}`: fill in every cell marked
`# YOUR CODE HERE`, in plain numpy (no torch, jax or other autodiff library: the grader runs
your code where they cannot be imported).

## Set up (once)

```bash
python -m pip install -r requirements.txt
```

## Work and check

```bash
jupyter lab {assignment}/{notebook}
```

Each class has a self-check cell (`check(Linear)`, ...): it names what is wrong and where. Grade
the whole assignment the way the course will, from this folder:

```bash
python -m autograder grade {assignment} --assignment {assignment}
```

Push your commits: GitHub runs the same grader (`.github/workflows/classroom.yml`) and shows the
result under *Actions*. The course may also run hidden checks on inputs you never see, so make
your code right, not just right on the visible checks.
"""

GITIGNORE = ".ipynb_checkpoints/\n__pycache__/\n*.pyc\n.venv/\n"


def _kit_root() -> Path:
    """The kit's source tree (where its pyproject.toml is), to build its wheel."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file():
        raise SubmissionUnreadable(
            "bundle_wheel needs the kit's source tree (run from a clone of the kit); "
            "pass a published requirement with --kit instead"
        )
    return root


def build_wheel(dest: Path) -> Path:
    """The kit's wheel, exactly as pip builds it for students, in `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    root = _kit_root()
    with tempfile.TemporaryDirectory() as tmp:
        # built from a copy: setuptools leaves build/ and *.egg-info beside the sources
        source = Path(tmp) / "src"
        source.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(root / name, source / name)
        shutil.copytree(
            root / "autograder",
            source / "autograder",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "--quiet",
                "-w",
                tmp,
                str(source),
            ],
            check=True,
            stdin=subprocess.DEVNULL,
            capture_output=True,
        )
        (wheel,) = Path(tmp).glob("backprop_kit-*.whl")
        return Path(shutil.copy2(wheel, dest / wheel.name))


def write_starter(
    out: str | Path,
    assignment: str,
    course_root: str | Path = ".",
    kit: str = DEFAULT_KIT,
    bundle_wheel: bool = False,
) -> Path:
    """Write the student repository for `assignment` into `out` (which must not exist)."""
    out = Path(out)
    if out.exists():
        raise SubmissionUnreadable(f"{out} already exists: choose a new folder")
    course = Course(course_root)
    released = course.folder("release", ".", assignment)
    notebooks = sorted(released.glob("*.ipynb"))
    if not notebooks:
        raise SubmissionUnreadable(
            f"{released} holds no released notebook: run `nbgrader generate_assignment "
            f"{assignment}` first"
        )
    target = out / assignment
    # the release folder as nbgrader wrote it (notebooks and the files released beside them)
    shutil.copytree(
        released,
        target,
        ignore=shutil.ignore_patterns(
            ".ipynb_checkpoints", "__pycache__", "*.pyc", "gradebook.db", ".*"
        ),
    )
    if bundle_wheel:
        wheel = build_wheel(out / "vendor")
        kit = f"./vendor/{wheel.name}"
    (out / "requirements.txt").write_text(kit + "\n")
    (out / "README.md").write_text(README.format(assignment=assignment, notebook=notebooks[0].name))
    (out / ".gitignore").write_text(GITIGNORE)
    flow = out / ".github" / "workflows" / "classroom.yml"
    flow.parent.mkdir(parents=True)
    flow.write_text(workflow(assignment, requirements="requirements.txt"))
    return out
