"""The checking toolkit: what every assignment's checks are built from, by public names.

Context and rubric
    Ctx             what a check receives: the graded unit, a session, a seeded rng, `reveal`
    CheckDef, rule  a check as a rubric lists it; `rule` makes a 1-point property check
    pay_only_right_values   property checks earn points only with right values (gate.py)

Comparison and diagnosis (compare.py, diagnose.py)
    assert_close, Every, tolerance, RTOL, ATOL, is_float32
    as_array, as_float, as_param_dict   a method's return value, validated once
    shape_hint, value_hint              verified explanations of a wrong shape or value
    values_match                        whether two arrays agree as a diagnosis requires
    Unsupported                         a returned value the grader will not touch

Units that follow the layer contract (``__call__``, ``bp_input``, ``bp_param``)
    Spec, Arrays    one class: constructor, parameters, inputs, torch forward, mistakes
    drive           build / forward / bp_input / bp_param / upstream_for on a subject
    torch_ref       the torch-autograd reference: forward values and VJPs in float64
    reference       checks: forward, bp_input, bp_param vs torch
    finite_diff     checks: bp_input, bp_param vs the student's own forward
    shapes, state   checks: returned shapes; in-place writes, latest forward, call order,
                    zero upstream (READ_ONLY: how numpy words a write to a read-only array)
    explain_shape_errors   a numpy shape error explained only by a verified cause

An assignment imports these names from ``autograder.toolkit`` (or its public modules), never
a private one: tests/test_layout.py enforces it.
"""

from ..runner import Unsupported
from . import drive, finite_diff, reference, shapes, state, torch_ref
from .compare import (
    ATOL,
    RTOL,
    Every,
    as_array,
    as_float,
    as_param_dict,
    assert_close,
    is_float32,
    tolerance,
)
from .diagnose import shape_hint, value_hint, values_match
from .drive import Ctx
from .gate import pay_only_right_values
from .rubric import CheckDef, rule
from .shape_errors import explain_shape_errors
from .spec import Arrays, Spec
from .state import READ_ONLY

__all__ = [
    "ATOL",
    "READ_ONLY",
    "RTOL",
    "Arrays",
    "CheckDef",
    "Ctx",
    "Every",
    "Spec",
    "Unsupported",
    "as_array",
    "as_float",
    "as_param_dict",
    "assert_close",
    "drive",
    "explain_shape_errors",
    "finite_diff",
    "is_float32",
    "pay_only_right_values",
    "reference",
    "rule",
    "shape_hint",
    "shapes",
    "state",
    "tolerance",
    "torch_ref",
    "value_hint",
    "values_match",
]
