"""Generate the student notebooks in exercises/ from the source notebooks in solutions/.

    python tools/generate_exercises.py                  every assignment in solutions/
    python tools/generate_exercises.py 01_layers        only the named ones
    python tools/generate_exercises.py --output-dir D   write to D/<assignment>/ instead

Runs the real `nbgrader generate_assignment` in a temporary copy of the course (this repo's
nbgrader_config.py and the requested folders of solutions/), so nbgrader's gradebook, log and
intermediate files never land in the repository. Then replaces <output-dir>/<assignment>/ with
nbgrader's result. tests/test_exercises_in_sync.py calls `generate` the same way to check that
the committed exercises are up to date.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = "solutions"
RELEASE = "exercises"
CONFIG = "nbgrader_config.py"
#: copied along with the notebooks but never part of an assignment
_IGNORED = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc", ".*")


def assignments(repo: Path = REPO) -> list[str]:
    """Every assignment of the course: the folders of solutions/, sorted."""
    source = repo / SOURCE
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))


def _run_nbgrader(course: Path, assignment: str) -> None:
    # --no-db: nothing is recorded in (or needed from) a gradebook; --force: overwrite.
    # CourseDirectory.root is also given explicitly, so a user-level nbgrader config cannot
    # point the run back at the repository.
    cmd = [
        sys.executable,
        "-m",
        "nbgrader",
        "generate_assignment",
        assignment,
        "--force",
        "--no-db",
        f"--CourseDirectory.root={course}",
    ]
    proc = subprocess.run(cmd, cwd=course, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(
            f"nbgrader generate_assignment {assignment} failed (exit {proc.returncode}):\n"
            f"{proc.stdout}{proc.stderr}"
        )


def generate(
    names: Iterable[str] | None = None, output_dir: Path | None = None, repo: Path = REPO
) -> list[Path]:
    """Generate the named assignments (default: all) into output_dir/<name>/ (default: the
    repo's exercises/). Returns the notebooks written."""
    names = list(names) if names is not None else assignments(repo)
    output_dir = Path(output_dir) if output_dir is not None else repo / RELEASE
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="backprop-kit-nbgrader-") as tmp:
        course = Path(tmp)
        shutil.copy2(repo / CONFIG, course / CONFIG)
        for name in names:
            source = repo / SOURCE / name
            if not source.is_dir():
                raise FileNotFoundError(f"no assignment {name!r}: {source} is not a folder")
            shutil.copytree(source, course / SOURCE / name, ignore=_IGNORED)
            _run_nbgrader(course, name)
            target = output_dir / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(course / RELEASE / name, target, ignore=_IGNORED)
            written.extend(sorted(target.rglob("*.ipynb")))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", help="assignment names (default: all)")
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=None,
        help=f"where to write <assignment>/ (default: {RELEASE}/)",
    )
    args = parser.parse_args(argv)
    for notebook in generate(args.assignments or None, args.output_dir):
        print(f"wrote {notebook}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
