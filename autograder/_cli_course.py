"""Command line for running a course (instructor side): parse arguments, call
`autograder.course`, print.

    python -m autograder autograde ASSIGNMENT [--course DIR] [-- NBGRADER ARGS]
    python -m autograder regrade ASSIGNMENT [--course DIR] [--student ID ...]
    python -m autograder student-repo ASSIGNMENT OUT [--course DIR] [--kit REQ | --bundle-wheel]
"""

from __future__ import annotations

import argparse
import sys

from . import course
from .config import GradeConfig
from .errors import GradingError, SubmissionUnreadable

_DEFAULTS = GradeConfig()


def add_parsers(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser(
        "regrade",
        help="regrade collected nbgrader submissions in the isolated grader; "
        "write the scores into the gradebook and flag differences",
    )
    r.add_argument("assignment")
    r.add_argument("--course", default=".", help="the nbgrader course folder (default: .)")
    r.add_argument("--student", action="append", help="only this student (repeatable)")
    r.add_argument("--timeout", type=float, default=_DEFAULTS.check_timeout)

    a = sub.add_parser(
        "autograde",
        help="nbgrader autograde without the course secret in the kernels, then regrade",
    )
    a.add_argument("assignment")
    a.add_argument("--course", default=".", help="the nbgrader course folder (default: .)")
    a.add_argument("nbgrader_args", nargs="*", help="passed to nbgrader autograde (after --)")

    s = sub.add_parser("student-repo", help="write the starting repository students receive")
    s.add_argument("assignment")
    s.add_argument("out", help="the folder to create")
    s.add_argument("--course", default=".", help="the nbgrader course folder (default: .)")
    how = s.add_mutually_exclusive_group()
    how.add_argument("--kit", default=None, help="pip requirement students install the kit with")
    how.add_argument(
        "--bundle-wheel", action="store_true", help="put the kit's wheel in the repository"
    )


def _report(rows: list[course.RegradeRow], assignment: str) -> int:
    students = {r.student for r in rows}
    flagged = [r for r in rows if r.flagged]
    for r in flagged:
        print(
            f"FLAG {r.student} {r.notebook}/{r.grade_id}: {r.note}; "
            f"recorded {r.isolated:g}/{r.max_points:g}"
        )
    print(
        f"regraded {assignment}: {len(students)} students, {len(rows)} cells, "
        f"{len(flagged)} flagged; details: regrade/{assignment}.csv"
    )
    print(
        "(nbgrader warns that the checksum of every test cell with hidden tests has changed: "
        "expected, since hidden tests are cut at release; edited, deleted or renamed test "
        "cells are flagged above)"
    )
    return 0


def _regrade(args: argparse.Namespace) -> int:
    config = GradeConfig(check_timeout=args.timeout)
    rows = course.regrade(args.course, args.assignment, args.student, config)
    return _report(rows, args.assignment)


def _autograde(args: argparse.Namespace) -> int:
    rows = course.nbgrader_autograde(args.course, args.assignment, args.nbgrader_args)
    return _report(rows, args.assignment)


def _student_repo(args: argparse.Namespace) -> int:
    kwargs = {"kit": args.kit} if args.kit else {}
    out = course.write_starter(
        args.out, args.assignment, args.course, bundle_wheel=args.bundle_wheel, **kwargs
    )
    print(f"wrote {out}: push it as the assignment's template repository")
    return 0


COMMANDS = {"regrade": _regrade, "autograde": _autograde, "student-repo": _student_repo}


def run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except SubmissionUnreadable:
        raise
    except GradingError as exc:
        print(f"backprop-kit: {exc}", file=sys.stderr)
        return 2
