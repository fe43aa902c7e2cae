"""Which checks each class gets, and their points: the rubric of assignment 1.

Forward passes are given in the notebook, so the forward check earns no points: it is there
because every other check relies on it, and its message explains a wrong forward. Every point
is earned by the student's backward code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..contract import Spec
from . import finite_diff, losses, reference, shapes, special, state
from ._drive import Ctx


@dataclass(frozen=True)
class CheckDef:
    #: short name shown to students, e.g. "bp_input matches torch"
    name: str
    #: "__call__", "bp_input", "bp_param", or None when the check spans methods
    method: str | None
    points: float
    run: Callable[[Ctx], None]
    #: wall-clock seconds for this check, when it needs more than the configured default
    timeout: float | None = None


def checks_for(spec: Spec) -> list[CheckDef]:
    defs = [
        CheckDef("forward matches torch", "__call__", 0, reference.check_forward),
        CheckDef("bp_input matches torch", "bp_input", 3, reference.check_bp_input),
        CheckDef(
            "bp_input matches own forward (finite differences)",
            "bp_input",
            2,
            finite_diff.check_bp_input,
        ),
    ]
    if spec.params:
        defs += [
            CheckDef("bp_param matches torch", "bp_param", 3, reference.check_bp_param),
            CheckDef(
                "bp_param matches own forward (finite differences)",
                "bp_param",
                2,
                finite_diff.check_bp_param,
            ),
        ]
    elif not spec.is_loss:
        defs.append(CheckDef("bp_param returns {}", "bp_param", 1, reference.check_bp_param_empty))
    defs += [
        CheckDef("shapes (batch 1 and > 1, non-square)", None, 1, shapes.check_shapes),
        CheckDef("no in-place modification", None, 1, state.check_no_mutation),
        CheckDef("backward uses the latest forward", None, 1, state.check_latest_forward),
        CheckDef("same answer in any order, called twice", None, 1, state.check_call_order),
        CheckDef("zero upstream gradient gives zeros", "bp_input", 1, state.check_zero_upstream),
    ]
    if spec.is_loss:
        defs += [
            CheckDef(
                "upstream scale (grad != 1) honoured", "bp_input", 1, losses.check_upstream_scale
            ),
            CheckDef("mean over the batch", None, 1, losses.check_batch_mean),
        ]
    if spec.extreme_logits:
        defs.append(CheckDef("stable at logits of +-1000", None, 2, special.check_stability))
    if spec.kink_at_zero:
        defs.append(
            CheckDef("any subgradient at the kink (x = 0)", "bp_input", 1, special.check_kink)
        )
    return defs
