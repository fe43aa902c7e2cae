"""Assignment 1 (01_layers): the layer contract -- Linear, activations, losses.

contract.py     what students define: one `toolkit.Spec` per class (torch forward, mistakes)
rubric.py       which checks each class gets, and the points
losses.py       a loss's upstream scale and mean over the batch
stability.py    values at logits of +-1000, every target class (_probes: verified causes)
special.py      ReLU's kink

The value, finite-difference, shape and state checks are the toolkit's (autograder.toolkit),
shared with every assignment whose classes follow the layer contract.
"""

from .. import Assignment
from .contract import SPECS as UNITS
from .rubric import checks_for

ASSIGNMENT = Assignment("01_layers", UNITS, checks_for)

__all__ = ["ASSIGNMENT", "UNITS", "checks_for"]
