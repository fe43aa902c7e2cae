"""Assignment 4 (04_norm): BatchNorm1d, LayerNorm and Dropout, their backward passes.

contract.py     the student-facing contract: the classes, their torch forwards, the mistakes
_modes.py       training / eval mode and Dropout's generator for assignment 1's checks
params.py       bp_param vs torch autograd, naming dgamma / dbeta mistakes
running.py      BatchNorm1d's running statistics vs torch.nn.BatchNorm1d
stability.py    a near-constant feature or row (variance ~ 0)
dropout.py      Dropout's mask: p = 0, p close to 1, the latest forward's mask
end_to_end.py   a 784-256-256-10 network with the student's classes trains on MNIST
credit.py       which class to blame when it does not
config.py       the end-to-end settings (threshold, budget) and their overrides
rubric.py       which checks each class gets, and the points
"""

from .. import Assignment
from .contract import UNITS
from .rubric import checks_for

ASSIGNMENT = Assignment("04_norm", UNITS, checks_for, needs_mnist=True)

__all__ = ["ASSIGNMENT", "UNITS", "checks_for"]
