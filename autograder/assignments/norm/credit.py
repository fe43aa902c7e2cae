"""Credit assignment of the end-to-end check: which of the student's classes to blame.

Runs only after the full run failed, and only shapes its message (the points are the full
run's). The grader has a reference for each of the student's classes on its own side --
torch's BatchNorm (``torch.nn.functional.batch_norm``) and a Dropout drawing its masks from
the same seeded generator as the student's -- so the blame never needs the instructor's
solutions and is the same in every entry point. Shorter paired runs (`NormTrainConfig.probe`:
the same seed, batches, initial weights and masks) train with torch's classes, with the
student's as submitted, and with each student class swapped alone for torch's. A swap that
gains at least `MARGIN` in test accuracy over the run as submitted is blamed (every swap
within `MARGIN` of the best gain with it); when none does, each student class is run alone
among torch's and blamed when it loses `MARGIN`. Paired runs of two correct sets of classes
differ by float rounding only.
"""

from __future__ import annotations

import time
from typing import Any

from ..mlp.credit import run_accuracy, run_result, shortfall
from ..mlp.end_to_end import Run, pct
from .config import NormTrainConfig
from .end_to_end import CLASSES, train

#: how much test accuracy (a fraction) a swap must change in the shorter run to be blamed
MARGIN = 0.01


def swaps(session: Any, config: NormTrainConfig, seed: int) -> tuple[str, list[str]]:
    """(what the shorter runs showed, the classes to blame)."""
    probe = config.probe()
    deadline = time.monotonic() + config.probe_total_budget
    yours = dict.fromkeys(CLASSES, True)
    reference = train(session, dict.fromkeys(CLASSES, False), probe, seed)
    as_is = train(session, yours, probe, seed)
    head = (
        f"Credit assignment (shorter paired runs: 1 epoch of {probe.images:,} images, the "
        "grader's torch BatchNorm1d / Dropout swapped in for yours; a class is blamed when "
        f"the swap changes the test accuracy by at least {100 * MARGIN:g} points): "
    )
    results = [f"torch's classes {run_result(reference)}", f"yours {run_result(as_is)}"]
    if run_accuracy(reference) - run_accuracy(as_is) < MARGIN and not as_is.stopped:
        return head + (
            f"your classes train as well as torch's in the shorter run ({pct(as_is.accuracy)} "
            f"against {pct(reference.accuracy)}), so the failure shows only in the full run"
        ), []
    gains, losses = {}, {}
    for c in CLASSES:
        if time.monotonic() > deadline:
            results.append("(time is up for further runs)")
            break
        run = train(session, {**yours, c: False}, probe, seed)
        results.append(f"torch's {c} instead of yours {run_result(run)}")
        gains[c] = run_accuracy(run) - run_accuracy(as_is)
    best = max(gains.values(), default=0.0)
    fixes = [c for c, v in gains.items() if v >= MARGIN and v >= best - MARGIN]
    if not fixes:
        for c in CLASSES:
            if time.monotonic() > deadline:
                break
            run = train(session, {**dict.fromkeys(CLASSES, False), c: True}, probe, seed)
            results.append(f"only your {c} among torch's classes {run_result(run)}")
            losses[c] = run_accuracy(reference) - run_accuracy(run)
        fixes = [c for c, v in losses.items() if v >= MARGIN]
    return head + "runs: " + "; ".join(results), fixes


def verdict(culprits: list[str]) -> str:
    """The first sentence of the message: whom the credit assignment blames."""
    if not culprits:
        return "No single class can be blamed: swapping in torch's classes does not single one out."
    named = " and ".join(f"your {c}" for c in culprits)
    their = "its" if len(culprits) == 1 else "their"
    return f"Training fails because of {named} (see {their} checks)."


def credit_assignment(
    session: Any, run: Run, config: NormTrainConfig, seed: int
) -> tuple[str, str]:
    """(the verdict, what fell short and the evidence)."""
    told, culprits = swaps(session, config, seed)
    return verdict(culprits), f"The check failed because {shortfall(run, config)}. {told}."
