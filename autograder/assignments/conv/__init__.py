"""Assignment 5 (05_conv): Conv2d, MaxPool2d, Flatten, and a CNN on MNIST.

contract.py     the student-facing contract: one assignment-1 `Spec` per class (torch forward,
                shapes, classic mistakes as changes of autograd's VJP), PARAM_MISTAKES,
                TIE_MISTAKES
reference.py    bp_input / bp_param vs torch autograd, naming mistakes that change a shape
ties.py         MaxPool2d on tied maxima: the gradient at exactly one of them (any one)
end_to_end.py   a CNN of the submission's classes trains on MNIST within a CPU-time budget
credit.py       which class to blame when it does not
config.py       the end-to-end settings (threshold, budget, ...) and their overrides
rubric.py       assignment 1's rubric per class, with the above; the points
_session.py     the grader's helpers inside the worker (build by name, train step, timing)
_torch_ref.py   the wrong gradients of the mistakes of bp_param and of ties, by torch autograd
"""

from .. import Assignment
from .contract import SPECS as UNITS
from .rubric import checks_for

ASSIGNMENT = Assignment(
    "05_conv",
    UNITS,
    checks_for,
    needs_mnist=True,
    # the notebook also holds the CNN's assignment-1 layers
    also_defined=("Linear", "ReLU", "SoftmaxCrossEntropyLoss"),
)

__all__ = ["ASSIGNMENT", "UNITS", "checks_for"]
