"""Credit assignment of the end-to-end check: which of the student's classes to blame.

Runs only after the full run failed, and only shapes its message (the points are the full
run's). Two ways, best first:

- **The instructor's classes** (`_instructor.py`: the course's solution notebooks, on the
  instructor's side only): shorter runs (`TrainConfig.probe`) of the instructor's classes, of
  the submission as it is, then with each of the student's classes swapped alone for the
  instructor's. Blame goes by a margin between paired runs, not a cut-off (`swaps`): the swaps
  that gain the most, all within `MARGIN` of each other, are named together; when none gains
  `MARGIN`, each student class is tried alone among the instructor's, which names every class
  that loses `MARGIN` on its own.
- **The exact checks** (always available): assignment 1's checks of the student's layers and
  assignment 2's checks of the other pieces, run on the student's classes in this session;
  the classes whose checks fail are named, and the message says that a precise blame needs
  the instructor's grader.

The message starts with the verdict ("Training fails because of your SGD (see its checks)"),
then says what fell short: the accuracy, or the time (never the time when it was the
accuracy), then the evidence.
"""

from __future__ import annotations

import time
import zlib
from typing import Any

import numpy as np

from ...errors import GradingError
from ...toolkit.drive import Ctx
from . import _instructor
from ._probes import own
from .config import TrainConfig
from .end_to_end import COMPONENTS, LAYERS, Run, pct, train

#: how much test accuracy (a fraction) a swap must change in the shorter run to be blamed
MARGIN = 0.01


def shortfall(run: Run, config: TrainConfig) -> str:
    if run.out_of_time:
        return (
            f"it ran out of its time budget of {config.budget:g} s: the classes are too slow "
            "(vectorise over the batch; no Python loop over rows)"
        )
    if run.stopped:
        return f"training {run.stopped}"
    return (
        f"its test accuracy {pct(run.accuracy)} fell short of the required {pct(config.threshold)}"
    )


def run_result(run: Run) -> str:
    reason = run.stopped or ""
    if len(reason) > 110:
        reason = reason[:110].rstrip() + " ..."
    if run.stopped and not run.curve:
        return f"failed ({reason})"
    return f"reached {pct(run.accuracy)}" + (f" ({reason})" if reason else "")


def run_accuracy(run: Run) -> float:
    """A run's final accuracy; a run that stopped before its first epoch counts as 0."""
    return run.accuracy or 0.0


def _within(scores: dict[str, float], margin: float) -> list[str]:
    """The classes whose score is at least `margin` and within `margin` of the best."""
    best = max(scores.values(), default=0.0)
    return [c for c, v in scores.items() if v >= margin and v >= best - margin]


def swaps(
    session: Any, names: dict[str, str], config: TrainConfig, seed: int, solutions: Any
) -> tuple[str, list[str]]:
    """(what the shorter runs with the instructor's classes showed, the classes to blame).

    The rule compares accuracies of paired runs (same seed, same batches, same initial
    weights), never one run with a fixed cut-off: a swap is blamed when it gains at least
    `MARGIN` over the run as submitted, and every swap within `MARGIN` of the best gain is
    named with it. When no single swap gains that much, each student class is run alone among
    the instructor's and blamed when it loses at least `MARGIN` against the instructor's
    classes. Paired runs of two correct sets of classes differ by float rounding only (< 0.2
    points), so a class near any threshold cannot flip the verdict."""
    session.add_definitions(_instructor.snippet(solutions, COMPONENTS))
    theirs = {c: _instructor.instructor(c) for c in COMPONENTS}
    probe = config.probe()
    head = (
        f"Credit assignment with the instructor's classes (shorter runs: {probe.epochs} "
        f"epoch(s) of {probe.images:,} images; a class is blamed when swapping it changes the "
        f"test accuracy by at least {100 * MARGIN:g} points): "
    )
    deadline = time.monotonic() + config.probe_total_budget
    reference = train(session, theirs, probe, seed)
    as_is = train(session, names, probe, seed)
    results = [
        f"the instructor's classes {run_result(reference)}",
        f"as submitted {run_result(as_is)}",
    ]
    if run_accuracy(reference) - run_accuracy(as_is) < MARGIN and not as_is.stopped:
        return head + (
            f"your classes train as well as the instructor's in the shorter run "
            f"({pct(as_is.accuracy)} against {pct(reference.accuracy)}), so the failure "
            "shows only in the full run"
        ), []
    gains = {}
    for c in COMPONENTS:
        if time.monotonic() > deadline:
            results.append("(time is up for further swaps)")
            break
        run = train(session, {**names, c: theirs[c]}, probe, seed)
        results.append(f"the instructor's {c} instead of yours {run_result(run)}")
        gains[c] = run_accuracy(run) - run_accuracy(as_is)
    fixes = _within(gains, MARGIN)
    if fixes:
        verdict = (
            f"swapping in the instructor's {' or '.join(fixes)} makes it train "
            f"(+{100 * max(gains.values()):.1f} points): the mistake is most likely in your "
            f"{' / '.join(fixes)}"
        )
        return head + verdict + ". Runs: " + "; ".join(results), fixes
    losses = {}
    for c in COMPONENTS:
        if time.monotonic() > deadline:
            break
        run = train(session, {**theirs, c: names[c]}, probe, seed)
        results.append(f"only your {c} among the instructor's classes {run_result(run)}")
        losses[c] = run_accuracy(reference) - run_accuracy(run)
    alone = [c for c, v in losses.items() if v >= MARGIN]
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
    from ..layers.contract import BY_NAME as LAYER_SPECS
    from ..layers.rubric import checks_for as layer_checks
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


def verdict(culprits: list[str]) -> str:
    """The first sentence of the message: whom the credit assignment blames."""
    if not culprits:
        return (
            "No single class can be blamed: each passes its exact checks and the instructor's "
            "classes do not single one out."
        )
    if culprits == ["train_step"]:
        return "Training fails because of your train_step (see its checks)."
    named = " and ".join(f"your {c}" for c in culprits)
    see = "its checks" if len(culprits) == 1 else "their checks"
    where = " (assignment 1)" if set(culprits) <= set(LAYERS) else ""
    return (
        f"Training fails because of {named} (see {see}{where}); the points of this check stay "
        "with train_step, where the end-to-end run is graded."
    )


def credit_assignment(
    ctx: Ctx, names: dict[str, str], run: Run, config: TrainConfig, seed: int
) -> tuple[str, str]:
    """(the verdict: whom to blame, in one sentence; what fell short and the evidence)."""
    text = f"The check failed because {shortfall(run, config)}."
    solutions = _instructor.find(config.solutions)
    if _instructor.available(solutions):
        told, culprits = swaps(ctx.session, names, config, seed, solutions)
        text += f" {told}."
        if not culprits:
            checks, culprits = by_checks(ctx, seed)
            text += f" By the exact checks: {checks}."
        return verdict(culprits), text
    checks, culprits = by_checks(ctx, seed)
    return verdict(culprits), text + (
        f" By the exact checks: {checks}. (A precise blame, training with the instructor's "
        "classes swapped in for yours, needs the instructor's grader: the course's solutions "
        f"folder, ${_instructor.SOLUTIONS_ENV}.)"
    )
