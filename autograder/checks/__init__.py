"""The checks: one concept per module, one rubric that lists them per class.

reference.py    forward / bp_input / bp_param vs torch autograd (float64 VJPs)
finite_diff.py  bp_input / bp_param vs the student's own forward (central differences)
shapes.py       returned shapes only
state.py        no in-place writes, latest forward, call order, zero upstream
losses.py       upstream scale, mean over the batch
stability.py    values at logits of +-1000, every target class (_probes: verified causes)
special.py      ReLU's kink
rubric.py       which of these each class gets, and the points
"""

from .rubric import CheckDef, checks_for

__all__ = ["CheckDef", "checks_for"]
