"""Which checks each class of assignment 5 gets, and their points.

Each class gets assignment 1's rubric (`checks.rubric.checks_for`: forward 0, bp_input and
bp_param vs torch, finite differences, shapes, no in-place writes, latest forward, call order,
zero upstream; the rules pay only for right values), with the torch comparisons replaced by
this folder's (`reference.py`: the mistakes that change a shape are named too). On top:

    MaxPool2d   tied maxima: the gradient at exactly one of them (2 points, `ties.py`)
    Conv2d      the CNN trains on MNIST (20 points, `end_to_end.py`)

Conv2d 35, MaxPool2d 13, Flatten 11: 59 in all. The end-to-end check belongs to Conv2d (a unit
must be a name the submission defines) though it trains with every class; its message names
the class to blame (`credit.py`), the points stay with Conv2d, as 02_mlp's stay with
train_step.
"""

from __future__ import annotations

from dataclasses import replace

from ...toolkit.rubric import CheckDef
from ...toolkit.spec import Spec
from ..layers.rubric import checks_for as layer_checks
from . import end_to_end, reference, ties
from .config import from_env

#: assignment 1's torch comparisons, replaced by this folder's
_OWN = {
    "bp_input matches torch": reference.check_bp_input,
    "bp_param matches torch": reference.check_bp_param,
}


def _own(d: CheckDef) -> CheckDef:
    return replace(d, run=_OWN[d.name]) if d.name in _OWN else d


def checks_for(spec: Spec) -> list[CheckDef]:
    defs = [_own(d) for d in layer_checks(spec)]
    if spec.name == "MaxPool2d":
        defs.append(
            CheckDef(
                "tied maxima: the gradient goes to exactly one of them",
                "bp_input",
                2,
                ties.check_ties,
                role="value",
            )
        )
    if spec.name == "Conv2d":
        config = from_env()
        defs.append(
            CheckDef(
                f"a CNN of your classes trains on MNIST to >= {100 * config.threshold:g} % test "
                "accuracy",
                None,
                20,
                end_to_end.with_config(config),
                timeout=end_to_end.timeout(config),
            )
        )
    return defs
