"""Which checks each class of assignment 4 gets, and their points.

Assignment 1's generic checks (torch values, finite differences, shapes, state) run through
`_modes.in_mode` in training and in eval mode; this folder adds bp_param with its named
mistakes (`params`), the running statistics (`running`), stability at a variance of ~0
(`stability`), Dropout's mask (`dropout`) and the MNIST run (`end_to_end`, on `Dropout`, the
last class: it trains both classes).

Forward passes are given in the notebook, so the forward checks earn no points; the running
statistics' update is the student's (a solution region of the forward). Rules pay only for
right values (`checks._gate`), as in assignment 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...toolkit import finite_diff, reference, shapes, state
from ...toolkit.rubric import CheckDef
from ...toolkit.shape_errors import explain_shape_errors
from . import dropout, params, running, stability
from ._modes import EVAL, TRAIN, Mode, in_mode
from .contract import UNITS

__all__ = ["UNITS", "checks_for"]

_EVAL = " (eval mode)"


def _run(check: Callable, mode: Mode = TRAIN) -> Callable:
    # the shape-error explainer inside the mode: it reruns the class in the same mode
    return in_mode(explain_shape_errors(check), mode)


def _value(name: str, method: str, points: float, check: Callable, mode: Mode) -> CheckDef:
    return CheckDef(name, method, points, _run(check, mode), role="value")


def _values(with_params: bool, eval_mode: bool, points: dict[str, float]) -> list[CheckDef]:
    modes = [("", TRAIN)] + ([(_EVAL, EVAL)] if eval_mode else [])
    defs = [
        _value(f"forward matches torch{label}", "__call__", 0, reference.check_forward, mode)
        for label, mode in modes
    ]
    for label, mode in modes:
        defs.append(
            _value(
                f"bp_input matches torch{label}",
                "bp_input",
                points["bp_input" + label],
                reference.check_bp_input,
                mode,
            )
        )
        if with_params:
            defs.append(
                _value(
                    f"bp_param matches torch{label}",
                    "bp_param",
                    points["bp_param" + label],
                    params.check_bp_param,
                    mode,
                )
            )
    fd = [("bp_input", finite_diff.check_bp_input, TRAIN, "")]
    if with_params:
        fd.append(("bp_param", finite_diff.check_bp_param, TRAIN, ""))
    if eval_mode:
        fd.append(("bp_input", finite_diff.check_bp_input, EVAL, _EVAL))
    for method, check, mode, label in fd:
        defs.append(
            CheckDef(
                f"{method} matches own forward (finite differences){label}",
                method,
                points[f"fd_{method}{label}"],
                _run(check, mode),
            )
        )
    return defs


def _rules(with_params: bool) -> list[CheckDef]:
    defs = (
        []
        if with_params
        else [_rule("bp_param returns {}", "bp_param", reference.check_bp_param_empty)]
    )
    return defs + [
        _rule("shapes (batch 2 and larger, F != N)", None, shapes.check_shapes),
        _rule("no in-place modification", None, state.check_no_mutation),
        _rule("backward uses the latest forward", None, state.check_latest_forward),
        _rule("same answer in any order, called twice", None, state.check_call_order),
        _rule("zero upstream gradient gives zeros", "bp_input", state.check_zero_upstream),
    ]


def _rule(name: str, method: str | None, check: Callable) -> CheckDef:
    return CheckDef(name, method, 1, _run(check), role="property")


def _batchnorm() -> list[CheckDef]:
    points = {"bp_input": 8, "bp_input" + _EVAL: 3, "bp_param": 4, "bp_param" + _EVAL: 2}
    fd = {"fd_bp_input": 3, "fd_bp_param": 2, "fd_bp_input" + _EVAL: 1}
    return [
        *_values(True, True, {**points, **fd}),
        CheckDef(
            "running statistics over several steps match torch",
            "__call__",
            3,
            running.check_running_statistics,
        ),
        CheckDef(
            "stable with a near-constant feature (variance ~ 0)",
            None,
            2,
            in_mode(stability.check_near_constant),
        ),
        *_rules(True),
    ]


def _layernorm() -> list[CheckDef]:
    points = {"bp_input": 7, "bp_param": 4, "fd_bp_input": 3, "fd_bp_param": 2}
    return [
        *_values(True, False, points),
        CheckDef(
            "stable with a near-constant row (variance ~ 0)",
            None,
            2,
            in_mode(stability.check_near_constant),
        ),
        *_rules(True),
    ]


def _dropout() -> list[CheckDef]:
    from .end_to_end import check_mnist

    points = {"bp_input": 5, "bp_input" + _EVAL: 2, "fd_bp_input": 2, "fd_bp_input" + _EVAL: 1}
    return [
        *_values(False, True, points),
        CheckDef(
            "mask and scaling at p = 0 and p = 0.9",
            "bp_input",
            3,
            dropout.check_mask_and_scaling,
            role="value",
        ),
        CheckDef(
            "bp_input uses the mask of the latest forward",
            "bp_input",
            1,
            dropout.check_latest_mask,
            role="property",
        ),
        *_rules(False),
        CheckDef(
            "a network with your BatchNorm1d and Dropout trains on MNIST",
            None,
            20,
            check_mnist,
            timeout=600.0,
        ),
    ]


_RUBRICS: dict[str, Callable[[], list[CheckDef]]] = {
    "BatchNorm1d": _batchnorm,
    "LayerNorm": _layernorm,
    "Dropout": _dropout,
}


def checks_for(unit: Any) -> list[CheckDef]:
    return _RUBRICS[unit.name]()
