"""Command line: parse arguments, call the library, print, choose the exit status.

    python -m autograder grade PATH [--format table|json|gradescope|github|junit] [-o FILE] ...
    python -m autograder grade-all FOLDER [--out DIR] [--jobs N] ...   a whole class
    python -m autograder grade-all FOLDER --only ID                   regrade one student
    python -m autograder gradescope-zip ZIP [--assignment NAME] ...   Gradescope's autograder
    python -m autograder github-workflow [FILE]                       GitHub Classroom workflow
    python -m autograder release-layers [--solutions DIR] [--to DIR]  layers.py for 02_mlp
    python -m autograder demo       grade the shipped solutions and the released exercises
    python -m autograder autograde | regrade | student-repo ...   running a course (_cli_course)

Exit status: 0 when grading completed (whatever the score); 1 when --fail-under is given and
the score is below it; 2 with a one-line reason when it could not grade at all (the platform
formats then still print a document that says so: scoring 0 when the submission is unreadable;
with no score -- Gradescope -- or an error -- GitHub, JUnit -- when the grader itself failed,
e.g. its MNIST files vanished or broke mid-run, `GraderFault`); 130 when interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import _cli_course, assignments, batch
from . import demo as _demo
from .atomic import write_atomic
from .config import PUBLIC_SEED, BatchConfig, GradeConfig
from .errors import GraderFault, SubmissionUnreadable
from .grading import grade, grade_public_and_hidden
from .platforms import github_classroom, gradescope
from .progress import BatchProgress
from .reporters import (
    encode_github,
    github_error,
    gradescope_error,
    junit_error,
    render_table,
    to_github_result,
    to_gradescope,
    to_json,
    to_junit,
)
from .reporters.gradescope import VISIBILITIES, grader_error

_DEFAULTS = GradeConfig()
#: the hidden seed of Gradescope's mixed mode, from the zip's settings (never a command line)
HIDDEN_SEED_ENV = "BACKPROP_KIT_HIDDEN_SEED"


def _env_int(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    return int(value) if value else None


FORMATS = ("table", "json", "gradescope", "github", "junit")


def _grading_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--seed",
        type=int,
        default=_DEFAULTS.seed,
        help="base seed of the checks (default: $BACKPROP_KIT_SEED, else a fresh one)",
    )
    p.add_argument(
        "--assignment",
        default=_DEFAULTS.assignment,
        help="rubric to use (default: inferred from the path, else 01_layers)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=_DEFAULTS.check_timeout,
        help=f"seconds per check (default {_DEFAULTS.check_timeout:g})",
    )
    p.add_argument(
        "--memory-mb",
        type=int,
        default=_DEFAULTS.memory_mb,
        help=f"memory limit of the student process (default {_DEFAULTS.memory_mb})",
    )
    p.add_argument(
        "--budget",
        type=float,
        default=_DEFAULTS.budget,
        help="seconds of wall-clock and of CPU time for the whole submission; then the "
        f"remaining checks are scored timeout (default {_DEFAULTS.budget:g}, 0 = none)",
    )
    p.add_argument(
        "--hide-values",
        action="store_true",
        help="hidden tests: no expected values in messages, checks marked hidden",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograder", description="Grade back-propagation exercises."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade a notebook, a .py file or a folder of them")
    g.add_argument("path", help="a .ipynb notebook, a .py file, or a folder")
    g.add_argument("--format", choices=FORMATS, default="table")
    g.add_argument(
        "--output",
        "-o",
        help="also write the report to this file (the JSON report for --format table)",
    )
    _grading_options(g)
    g.add_argument(
        "--hidden-visibility",
        choices=VISIBILITIES,
        default="after_published",
        help="Gradescope visibility of hidden checks (default after_published)",
    )
    g.add_argument(
        "--hidden-seed",
        type=int,
        default=_env_int(HIDDEN_SEED_ENV),
        help="grade twice: the public seed (--seed, default 0) with values shown, and this seed "
        "hidden; a check scores when it passes both (Gradescope's mixed mode; default: "
        f"${HIDDEN_SEED_ENV})",
    )
    g.add_argument(
        "--fail-under",
        type=float,
        default=None,
        metavar="SCORE",
        help="exit 1 when the score is below SCORE (for CI)",
    )
    g.add_argument("--verbose", "-v", action="store_true", help="list passed checks too")

    a = sub.add_parser("grade-all", help="grade every submission in a folder, in parallel")
    a.add_argument("folder", help="one sub-folder, notebook or .py file per student")
    a.add_argument("--out", help="where results go (default: FOLDER-grades next to FOLDER)")
    a.add_argument("--jobs", "-j", type=int, default=None, help="parallel graders (default: cores)")
    a.add_argument(
        "--unsafe",
        action="store_true",
        help="grade even where no sandbox can be built (submissions could reach each other)",
    )
    a.add_argument(
        "--only",
        metavar="ID",
        help="grade this one submission again (its result, feedback, gradebook row, exports "
        "and the class report are rewritten)",
    )
    a.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="grade on a Dask distributed cluster (tcp://host:port) instead of this machine",
    )
    _grading_options(a)

    z = sub.add_parser("gradescope-zip", help="build the autograder zip to upload to Gradescope")
    z.add_argument("zip", help="the .zip file to write")
    z.add_argument("--assignment", default=assignments.DEFAULT, help="rubric to grade with")
    z.add_argument(
        "--mode",
        choices=gradescope.MODES,
        default="mixed",
        help="mixed (default): public checks (seed 0, values shown) at once, hidden checks (the "
        "zip's seed, no values) and the total at --hidden-visibility; hidden: every check "
        "hidden; public: every check shown, with values",
    )
    z.add_argument("--public", action="store_true", help="the same as --mode public")
    z.add_argument(
        "--hidden-visibility",
        choices=VISIBILITIES,
        default="after_published",
        help="when students see hidden checks and the total (default after_published)",
    )
    z.add_argument("--seed", type=int, default=None, help="the hidden seed (default: random)")
    z.add_argument(
        "--ship-mnist",
        action="store_true",
        help="put this machine's verified MNIST files in the zip (default: setup.sh downloads "
        "them when the assignment trains on MNIST)",
    )
    z.add_argument("--root", default=".", help="the kit's checkout (default: .)")

    w = sub.add_parser("github-workflow", help="write the GitHub Classroom workflow for students")
    w.add_argument("file", nargs="?", default=".github/workflows/classroom.yml")
    w.add_argument("--assignment", default=assignments.DEFAULT, help="rubric to grade with")
    w.add_argument(
        "--kit", default=github_classroom.DEFAULT_KIT, help="pip requirement for the grader"
    )

    r = sub.add_parser(
        "release-layers", help="write layers.py (assignment 1's solution) into 02_mlp's source"
    )
    r.add_argument("--solutions", default="solutions", help="the course's solutions folder")
    r.add_argument("--to", default=None, help="target folder (default: <solutions>/02_mlp)")

    _cli_course.add_parsers(sub)

    d = sub.add_parser("demo", help="grade the shipped solutions and the released exercises")
    d.add_argument("--root", default=".", help="the kit's checkout (default: .)")
    return parser


def _config(args: argparse.Namespace) -> GradeConfig:
    return GradeConfig(
        seed=args.seed,
        check_timeout=args.timeout,
        memory_mb=args.memory_mb,
        budget=args.budget,
        assignment=args.assignment,
        reveal=not args.hide_values,
    )


def _render(fmt: str, result, args: argparse.Namespace, elapsed: float) -> str:  # noqa: ANN001
    if fmt == "gradescope":
        doc = to_gradescope(result, args.hidden_visibility, execution_time=elapsed)
        return json.dumps(doc, indent=2)
    if fmt == "github":
        return encode_github(to_github_result(result))
    if fmt == "junit":
        return to_junit(result)
    if fmt == "json":
        return to_json(result)
    return render_table(result, args.verbose)


def _max_points(args: argparse.Namespace) -> float:
    """The assignment's points (what an ungradable submission gets 0 of), 0 when unknown."""
    try:
        a = assignments.get(args.assignment or assignments.infer(args.path))
    except SubmissionUnreadable:
        return 0
    return sum(d.points for unit in a.units for d in a.rubric(unit))


def _unreadable(fmt: str, reason: str, args: argparse.Namespace) -> str | None:
    """The platform document for a submission that could not be graded (None: just exit 2)."""
    if fmt == "gradescope":
        return json.dumps(gradescope_error(reason), indent=2)
    if fmt == "github":
        return encode_github(github_error(reason, _max_points(args)))
    if fmt == "junit":
        return junit_error(reason)
    return None


def _grader_failed(fmt: str, reason: str, args: argparse.Namespace) -> str | None:
    """The platform document when the grader itself failed: no score where the platform allows
    it (Gradescope), else an error that says whose fault it is (None: just exit 2)."""
    if fmt == "gradescope":
        return json.dumps(grader_error(reason), indent=2)
    text = f"the autograder failed, through no fault of the submission: {reason}"
    if fmt == "github":
        return encode_github(github_error(text, _max_points(args)))
    if fmt == "junit":
        return junit_error(text)
    return None


def _grade(args: argparse.Namespace) -> int:
    started = time.monotonic()
    try:
        if args.hidden_seed is None:
            result = grade(args.path, _config(args))
        else:  # mixed: public checks shown at once, hidden ones later; each check scores once
            public = PUBLIC_SEED if args.seed is None else args.seed
            result = grade_public_and_hidden(args.path, _config(args), args.hidden_seed, public)
    except (SubmissionUnreadable, GraderFault) as exc:
        make = _unreadable if isinstance(exc, SubmissionUnreadable) else _grader_failed
        document = make(args.format, str(exc), args)
        if document is not None:
            if args.output:
                write_atomic(Path(args.output), document + "\n")
            print(document)
        raise
    elapsed = time.monotonic() - started
    text = _render(args.format, result, args, elapsed)
    if args.output:
        saved = to_json(result) if args.format == "table" else text
        write_atomic(Path(args.output), saved + "\n")
    print(text)
    if args.fail_under is not None and result.score < args.fail_under:
        print(f"score {result.score:g} is below --fail-under {args.fail_under:g}", file=sys.stderr)
        return 1
    return 0


def _grade_all(args: argparse.Namespace) -> int:
    folder = Path(args.folder).resolve()
    out = Path(args.out) if args.out else folder.with_name(folder.name + "-grades")
    progress = BatchProgress()
    try:
        run = BatchConfig(only=args.only, scheduler=args.scheduler)
        summary = batch.grade_all(
            folder, out, _config(args), args.jobs, progress, unsafe=args.unsafe, run=run
        )
    except KeyboardInterrupt:
        progress.close()
        print(
            f"interrupted: finished results are in {out}; run the same command to resume",
            file=sys.stderr,
        )
        return 130
    progress.close()
    print(
        f"{summary.total} submissions: {summary.graded} graded now, {summary.skipped} already "
        f"graded; gradebook: {summary.gradebook}; class report: {summary.report}"
    )
    return 0


def _gradescope_zip(args: argparse.Namespace) -> int:
    path = gradescope.build_zip(
        Path(args.zip),
        Path(args.root),
        assignment=args.assignment,
        mode="public" if args.public else args.mode,
        hidden_visibility=args.hidden_visibility,
        seed=args.seed,
        ship_mnist=args.ship_mnist,
    )
    print(f"wrote {path}: upload it as the autograder of a Gradescope programming assignment")
    return 0


def _github_workflow(args: argparse.Namespace) -> int:
    path = github_classroom.write_workflow(Path(args.file), args.assignment, args.kit)
    print(f"wrote {path}: commit it to the assignment's template repository")
    return 0


def _release_layers(args: argparse.Namespace) -> int:
    from .assignments.mlp.release import write_layers

    path = write_layers(args.solutions, args.to)
    print(f"wrote {path}: `nbgrader generate_assignment 02_mlp` releases it with the notebook")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    commands = {
        "grade": _grade,
        "grade-all": _grade_all,
        "gradescope-zip": _gradescope_zip,
        "github-workflow": _github_workflow,
        "release-layers": _release_layers,
    }
    try:
        if getattr(args, "assignment", None):  # every command: an unknown name is one line
            assignments.get(args.assignment)
        if args.command in commands:
            return commands[args.command](args)
        if args.command in _cli_course.COMMANDS:
            return _cli_course.run(args)
        return _demo.run(Path(args.root))
    except SubmissionUnreadable as exc:
        print(f"backprop-kit: cannot grade: {exc}", file=sys.stderr)
        return 2
    except GraderFault as exc:
        print(f"backprop-kit: grader error (not the submission's fault): {exc}", file=sys.stderr)
        return 2
