"""Command line: parse arguments, call the library, print, choose the exit status.

    python -m autograder grade PATH [--format table|json] [--seed N] [--fail-under SCORE] ...
    python -m autograder demo       grade the shipped solutions and the released exercises

Exit status: 0 when grading completed (whatever the score); 1 when --fail-under is given and
the score is below it; 2 with a one-line reason when it could not grade at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import demo as _demo
from ._config import GradeConfig
from ._exceptions import SubmissionUnreadable
from .grading import grade
from .reporters import render_table, to_json

_DEFAULTS = GradeConfig()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograder", description="Grade back-propagation exercises."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade a notebook, a .py file or a folder of them")
    g.add_argument("path", help="a .ipynb notebook, a .py file, or a folder")
    g.add_argument("--format", choices=("table", "json"), default="table")
    g.add_argument("--output", "-o", help="also write the JSON result to this file")
    g.add_argument(
        "--seed",
        type=int,
        default=_DEFAULTS.seed,
        help="base seed of the checks (default: $BACKPROP_KIT_SEED, else a fresh one)",
    )
    g.add_argument(
        "--assignment",
        default=_DEFAULTS.assignment,
        help="rubric to use (default: inferred from the path, else 01_layers)",
    )
    g.add_argument(
        "--timeout",
        type=float,
        default=_DEFAULTS.check_timeout,
        help=f"seconds per check (default {_DEFAULTS.check_timeout:g})",
    )
    g.add_argument(
        "--memory-mb",
        type=int,
        default=_DEFAULTS.memory_mb,
        help=f"memory limit of the student process (default {_DEFAULTS.memory_mb})",
    )
    g.add_argument(
        "--hide-values",
        action="store_true",
        help="do not show expected values in messages (hidden tests)",
    )
    g.add_argument(
        "--fail-under",
        type=float,
        default=None,
        metavar="SCORE",
        help="exit 1 when the score is below SCORE (for CI)",
    )
    g.add_argument("--verbose", "-v", action="store_true", help="list passed checks too")
    d = sub.add_parser("demo", help="grade the shipped solutions and the released exercises")
    d.add_argument("--root", default=".", help="the kit's checkout (default: .)")
    return parser


def _grade(args: argparse.Namespace) -> int:
    config = GradeConfig(
        seed=args.seed,
        check_timeout=args.timeout,
        memory_mb=args.memory_mb,
        assignment=args.assignment,
        reveal=not args.hide_values,
    )
    result = grade(args.path, config)
    if args.output:
        Path(args.output).write_text(to_json(result) + "\n")
    print(to_json(result) if args.format == "json" else render_table(result, args.verbose))
    if args.fail_under is not None and result.score < args.fail_under:
        print(f"score {result.score:g} is below --fail-under {args.fail_under:g}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "grade":
            return _grade(args)
        return _demo.run(Path(args.root))
    except SubmissionUnreadable as exc:
        print(f"backprop-kit: cannot grade: {exc}", file=sys.stderr)
        return 2
