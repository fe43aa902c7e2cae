"""What the notebooks call: the self-check and the nbgrader autograded cells.

    check(Linear)                       self-check: prints a verdict with the public seed
    graded(Linear, points=10)           test cell: prints the verdict, returns the points
    graded(Linear, 10, hidden=True)     hidden test: a seed the student cannot see, no values
    check_all(globals())                every class of the assignment, one summary

Runs in the student's kernel, but grades in the isolated worker, as the command line does: what
the kernel has run (its input history, `_kernel.py`) is loaded and each check runs in the
sandbox, so a class scores the same here as from `python -m autograder grade`, whatever the
kernel's thread settings or the machine's load. Outside IPython the class object is checked in
this process. Never writes to stderr, because nbgrader scores a test cell with stderr output as
zero; what the student's code prints while graded is shown on stdout.
"""

from __future__ import annotations

import secrets
import warnings

from . import assignments
from ._kernel import kernel_submission
from .config import PUBLIC_SEED
from .grading import run_class
from .reporters.verdict import render_verdict
from .results import CheckResult, scaled_points
from .runner import LocalSession, RemoteSession

__all__ = ["check", "check_all", "graded", "hidden_seed"]


def hidden_seed(unit: str) -> int:
    """A seed students never see, drawn afresh on every run.

    Never derived from the course secret: this runs in a kernel that runs student code, which
    could read the secret and with it every hidden seed. The course's reproducible hidden
    grades come from the isolated regrade (`autograder.course.regrade`), which alone holds
    the secret. `unit` is unused; it is kept so the call reads like the grader-side one."""
    del unit
    return secrets.randbelow(2**31 - 1) + 1


def _run(
    cls: type, name: str | None, seed: int, reveal: bool, assignment: str | None = None
) -> tuple[str, list[CheckResult]]:
    unit_name = name or getattr(cls, "__name__", str(cls))
    try:
        _, unit = assignments.find_unit(unit_name, assignment)
    except KeyError:
        scope = [assignments.get(assignment)] if assignment else assignments.all_assignments()
        known = ", ".join(u.name for a in scope for u in a.units)
        raise ValueError(
            f"no checks for a class named {unit_name!r}; pass name=... (one of {known})"
        ) from None
    with kernel_submission() as submission:
        if submission is None:  # not in a kernel: the class object itself, in this process
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return unit_name, run_class(
                    LocalSession({unit_name: cls}), unit, seed, reveal=reveal
                )
        with RemoteSession(submission) as session:
            results = run_class(session, unit, seed, reveal=reveal)
        _show_output(session.output())
    return unit_name, results


def _show_output(text: str, lines: int = 20) -> None:
    """What the student's code printed while graded: on stdout, never stderr."""
    if not text.strip():
        return
    shown = text.splitlines()
    more = f"\n  ... ({len(shown) - lines} more lines)" if len(shown) > lines else ""
    print("your code printed, while graded:\n  " + "\n  ".join(shown[:lines]) + more)


def check(
    cls: type, name: str | None = None, seed: int = PUBLIC_SEED, assignment: str | None = None
) -> None:
    """Run every check on `cls` with the public seed and print what passed and what did not.
    `assignment` is needed only for a class name that several assignments grade."""
    unit_name, results = _run(cls, name, seed, reveal=True, assignment=assignment)
    print(render_verdict(unit_name, results, seed))


def graded(
    cls: type,
    points: float,
    name: str | None = None,
    hidden: bool = False,
    assignment: str | None = None,
) -> float:
    """An autograded cell: print the verdict, return the points earned (the cell's last value).

    The rubric's score is scaled to `points`. Hidden tests use `hidden_seed` and show no values.
    """
    seed = hidden_seed(name or cls.__name__) if hidden else PUBLIC_SEED
    unit_name, results = _run(cls, name, seed, reveal=not hidden, assignment=assignment)
    label = (
        "hidden tests (random seed; the course's isolated regrade is final)"
        if hidden
        else ("public tests")
    )
    # the hidden seed is not printed: with it, check(cls, seed=N) would show the hidden values
    print(f"{label}: " + render_verdict(unit_name, results, "hidden" if hidden else seed))
    return scaled_points(results, points)


def check_all(
    namespace: dict, assignment: str = assignments.DEFAULT, seed: int = PUBLIC_SEED
) -> None:
    """Check every class of the assignment found in `namespace` (pass `globals()`)."""
    for spec in assignments.get(assignment).units:
        if spec.name not in namespace:
            print(f"{spec.name}: not defined yet")
            continue
        check(namespace[spec.name], spec.name, seed, assignment)
