"""Which checks each class gets, and their points: the rubric of assignment 1.

Forward passes are given in the notebook, so the forward check earns no points: it is there
because every other check relies on it, and its message explains a wrong forward. Every point
is earned by the student's backward code.

Rules pay only for right values (`_gate`): the property checks -- shapes, no in-place
modification, the latest forward, call order, zero upstream, `bp_param` returning {} -- earn
their points only when the torch value checks of their method pass (of every method, for a
check that spans methods or a method without a value check: `bp_param` of a layer without
parameters). A stub that returns zeros, its input or a constant follows those rules and earns
nothing from them.
"""

from __future__ import annotations

from dataclasses import replace

from ...toolkit import finite_diff, reference, shapes, state
from ...toolkit.rubric import CheckDef, rule
from ...toolkit.shape_errors import explain_shape_errors
from ...toolkit.spec import Spec
from . import losses, special, stability


def checks_for(unit: Spec) -> list[CheckDef]:
    defs = [
        CheckDef("forward matches torch", "__call__", 0, reference.check_forward, role="value"),
        CheckDef("bp_input matches torch", "bp_input", 3, reference.check_bp_input, role="value"),
        CheckDef(
            "bp_input matches own forward (finite differences)",
            "bp_input",
            2,
            finite_diff.check_bp_input,
        ),
    ]
    if unit.params:
        defs += [
            CheckDef(
                "bp_param matches torch", "bp_param", 3, reference.check_bp_param, role="value"
            ),
            CheckDef(
                "bp_param matches own forward (finite differences)",
                "bp_param",
                2,
                finite_diff.check_bp_param,
            ),
        ]
    elif not unit.is_loss:
        defs.append(rule("bp_param returns {}", "bp_param", reference.check_bp_param_empty))
    defs += [
        rule("shapes (batch 1 and > 1, non-square)", None, shapes.check_shapes),
        rule("no in-place modification", None, state.check_no_mutation),
        rule("backward uses the latest forward", None, state.check_latest_forward),
        rule("same answer in any order, called twice", None, state.check_call_order),
        rule("zero upstream gradient gives zeros", "bp_input", state.check_zero_upstream),
    ]
    if unit.is_loss:
        defs += [
            CheckDef(
                "upstream scale (grad != 1) honoured", "bp_input", 1, losses.check_upstream_scale
            ),
            CheckDef("mean over the batch", None, 1, losses.check_batch_mean),
        ]
    if unit.extreme_logits:
        defs.append(CheckDef("stable at logits of +-1000", None, 2, stability.check_stability))
    if unit.kink_at_zero:
        defs.append(
            CheckDef("any subgradient at the kink (x = 0)", "bp_input", 1, special.check_kink)
        )
    # a numpy shape error from the student's code is explained only by a verified cause
    return [replace(d, run=explain_shape_errors(d.run)) for d in defs]
