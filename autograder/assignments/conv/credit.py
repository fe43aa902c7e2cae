"""Which class to blame when the end-to-end CNN run fails (only its message; never the points).

- Out of time: the grader's step timed every class's calls in the worker, so the verdict names
  the class that used most of the CPU time, with every class's share (a convolution with Python
  loops over output positions spends minutes where im2col spends seconds).
- Too low an accuracy, or an exception: the exact checks of the network's classes (this
  assignment's rubric for Conv2d, MaxPool2d and Flatten, assignment 1's for Linear, ReLU and
  SoftmaxCrossEntropyLoss) run on the submission's classes in the same session; the classes
  whose checks fail are named.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from ...errors import GradingError, SubmissionError
from ...toolkit.drive import Ctx
from ..mlp.end_to_end import Run, pct
from . import _session
from .config import CnnConfig


def _times(session: Any) -> dict[str, float]:
    try:
        found = session.call_function(_session.TIMES)
    except SubmissionError:
        return {}
    return {str(k): float(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _slowest(session: Any, config: CnnConfig) -> str:
    times = _times(session)
    if not times:
        return (
            f"Training ran out of its time budget of {config.budget:g} s of CPU time (the time "
            "per class could not be read)."
        )
    total = sum(times.values()) or 1.0
    ranked = sorted(times.items(), key=lambda kv: -kv[1])
    shares = ", ".join(f"{k} {v:.1f} s ({100 * v / total:.0f} %)" for k, v in ranked)
    worst = ranked[0][0]
    return (
        f"Training fails because of your {worst}: it ran out of its time budget of "
        f"{config.budget:g} s of CPU time, and your {worst} used most of it ({shares}). "
        "Vectorise it: no Python loops over images, channels or output positions (im2col "
        "turns a convolution into one matrix product; see the notebook)."
    )


def failing_checks(ctx: Ctx, seed: int) -> dict[str, list[str]]:
    """{class: names of its exact checks that fail} for the classes the CNN is built of."""
    from ..layers.contract import BY_NAME as LAYERS
    from ..layers.rubric import checks_for as layer_checks
    from .contract import BY_NAME
    from .rubric import checks_for

    out: dict[str, list[str]] = {}
    for cls in _session.CLASSES:
        unit = BY_NAME.get(cls) or LAYERS[cls]
        defs = checks_for(unit) if cls in BY_NAME else layer_checks(unit)
        for d in defs:
            if "MNIST" in d.name:
                continue
            rng = np.random.default_rng([seed, zlib.crc32(f"credit/{cls}/{d.name}".encode())])
            ctx.session.start_check(d.timeout or 20.0)
            try:
                d.run(Ctx(unit, ctx.session, rng, ctx.reveal))
            except GradingError:
                out.setdefault(cls, []).append(d.name)
            except Exception:  # noqa: BLE001 - a grader-side surprise blames no student class
                continue
    return out


def blame(ctx: Ctx, run: Run, config: CnnConfig, seed: int) -> str:
    """The first sentences of a failed run's message: whom to blame, and why."""
    if run.out_of_time:
        return _slowest(ctx.session, config)
    why = (
        f"training {run.stopped}"
        if run.stopped
        else f"its test accuracy {pct(run.accuracy)} fell short of {pct(config.threshold)}"
    )
    failing = failing_checks(ctx, seed)
    if not failing:
        return (
            f"No single class can be blamed: the run failed ({why}), yet each class passes its "
            "exact checks."
        )
    listed = "; ".join(
        f"your {c} fails {', '.join(repr(n) for n in ns)}" for c, ns in failing.items()
    )
    named = " and ".join(f"your {c}" for c in failing)
    return (
        f"Training fails because of {named} ({why}): {listed}. The points of this check stay "
        "with Conv2d, where the end-to-end run is graded."
    )
