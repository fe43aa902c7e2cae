"""Credit assignment of the end-to-end check: which of the student's classes to blame.

Runs only after the full run failed, and only shapes its message (the points are the full
run's). Two ways, best first:

- **The instructor's classes** (`_instructor.py`: the course's solution notebooks, on the
  instructor's side only): shorter runs (`TrainConfig.probe`) of the submission as it is, then
  with each of the student's classes swapped alone for the instructor's. A swap that trains
  names the culprit; when none does, each student class is tried alone among the
  instructor's, which names every class that breaks training on its own.
- **The exact checks** (always available): assignment 1's checks of the student's layers and
  assignment 2's checks of the other pieces, run on the student's classes in this session;
  the classes whose checks fail are named, and the message says that a precise blame needs
  the instructor's grader.

The message says what fell short: the accuracy, or the time (never the time when it was the
accuracy).
"""

from __future__ import annotations

import time
import zlib
from typing import Any

import numpy as np

from .._exceptions import GradingError
from ..checks._drive import Ctx
from . import _instructor
from ._probes import own
from .config import TrainConfig
from .end_to_end import COMPONENTS, LAYERS, Run, _pct, train


def shortfall(run: Run, config: TrainConfig) -> str:
    if run.out_of_time:
        return (
            f"it ran out of its time budget of {config.budget:g} s: the classes are too slow "
            "(vectorise over the batch; no Python loop over rows)"
        )
    if run.stopped:
        return f"training {run.stopped}"
    return (
        f"its test accuracy {_pct(run.accuracy)} fell short of the required "
        f"{_pct(config.threshold)}"
    )


def _result(run: Run) -> str:
    reason = run.stopped or ""
    if len(reason) > 110:
        reason = reason[:110].rstrip() + " ..."
    if run.stopped and not run.curve:
        return f"failed ({reason})"
    return f"reached {_pct(run.accuracy)}" + (f" ({reason})" if reason else "")


def swaps(
    session: Any, names: dict[str, str], config: TrainConfig, seed: int, solutions: Any
) -> tuple[str, list[str]]:
    """(what the shorter runs with the instructor's classes showed, the classes to blame)."""
    session.add_definitions(_instructor.snippet(solutions, COMPONENTS))
    theirs = {c: _instructor.instructor(c) for c in COMPONENTS}
    probe = config.probe()
    head = (
        f"Credit assignment with the instructor's classes (shorter runs: {probe.epochs} "
        f"epoch(s) of {probe.images:,} images, 'trains' = test accuracy >= "
        f"{_pct(probe.threshold)}): "
    )
    deadline = time.monotonic() + config.probe_total_budget
    as_is = train(session, names, probe, seed)
    if as_is.passed(probe):
        return head + (
            f"your classes train in the shorter run ({_pct(as_is.accuracy)}), so the failure "
            "shows only in the full run"
        ), []
    results, fixes = [f"as submitted {_result(as_is)}"], []
    for c in COMPONENTS:
        if time.monotonic() > deadline:
            results.append("(time is up for further swaps)")
            break
        run = train(session, {**names, c: theirs[c]}, probe, seed)
        results.append(f"the instructor's {c} instead of yours {_result(run)}")
        if run.passed(probe):
            fixes.append(c)
    if fixes:
        verdict = (
            f"swapping in the instructor's {' or '.join(fixes)} makes it train: the mistake is "
            f"most likely in your {' / '.join(fixes)}"
        )
        return head + verdict + ". Runs: " + "; ".join(results), fixes
    alone = []
    for c in COMPONENTS:
        if time.monotonic() > deadline:
            break
        run = train(session, {**theirs, c: names[c]}, probe, seed)
        results.append(f"only your {c} among the instructor's classes {_result(run)}")
        if not run.passed(probe):
            alone.append(c)
    verdict = "no single swap makes it train" + (
        f"; on its own among the instructor's classes, each of your {', '.join(alone)} breaks "
        "training"
        if alone
        else ""
    )
    return head + verdict + ". Runs: " + "; ".join(results), alone


class _OwnLayers:
    """The session, with assignment 1's checks building the student's layers by name."""

    def __init__(self, session: Any) -> None:
        self._session = session

    def new(self, name: str, *args: Any) -> Any:
        return self._session.new(own(name) if name in LAYERS else name, *args)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._session, attr)


def failing_checks(ctx: Ctx, seed: int) -> dict[str, list[str]]:
    """{class: names of its exact checks that fail} for the classes the network is built of."""
    from ..checks.rubric import checks_for as layer_checks
    from ..contract import BY_NAME as LAYER_SPECS
    from .contract import BY_NAME
    from .rubric import checks_for

    session = _OwnLayers(ctx.session)
    out: dict[str, list[str]] = {}
    for c in COMPONENTS:
        unit = LAYER_SPECS[c] if c in LAYERS else BY_NAME[c]
        defs = layer_checks(unit) if c in LAYERS else checks_for(unit)
        for d in defs:
            if "MNIST" in d.name:
                continue
            rng = np.random.default_rng([seed, zlib.crc32(f"credit/{c}/{d.name}".encode())])
            session.start_check(d.timeout or 20.0)
            try:
                d.run(Ctx(unit, session, rng, ctx.reveal))
            except GradingError:
                out.setdefault(c, []).append(d.name)
            except Exception:  # noqa: BLE001 - a grader-side surprise blames no student class
                continue
    return out


def by_checks(ctx: Ctx, seed: int) -> tuple[str, list[str]]:
    failing = failing_checks(ctx, seed)
    if not failing:
        return "each of your classes passes its own exact checks", []
    listed = "; ".join(
        f"your {c} fails {', '.join(repr(n) for n in ns)}" for c, ns in failing.items()
    )
    return (
        f"{listed}: the mistake is most likely in your {' / '.join(failing)}",
        list(failing),
    )


def credit_assignment(
    ctx: Ctx, names: dict[str, str], run: Run, config: TrainConfig, seed: int
) -> str:
    """One paragraph: what fell short, and which class is most likely to blame."""
    text = f"The check failed because {shortfall(run, config)}."
    solutions = _instructor.find(config.solutions)
    if _instructor.available(solutions):
        told, culprits = swaps(ctx.session, names, config, seed, solutions)
        text += f" {told}."
        if culprits:
            return text
        checks, _ = by_checks(ctx, seed)
        return text + f" By the exact checks: {checks}."
    checks, _ = by_checks(ctx, seed)
    return text + (
        f" By the exact checks: {checks}. (A precise blame, training with the instructor's "
        "classes swapped in for yours, needs the instructor's grader: the course's solutions "
        f"folder, ${_instructor.SOLUTIONS_ENV}.)"
    )
