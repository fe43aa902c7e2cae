"""Correct, plain-numpy implementations of the kit's contracts (see ../shared/DESIGN.md).

Assignment 1's layers and losses, for students who want to build assignment 2 on layers
known to be right rather than on their own::

    from autograder.reference import Linear, ReLU, SoftmaxCrossEntropyLoss

`mlp` holds assignment 2's reference pieces (`Sequential`, `SGD`, `minibatches`,
`evaluate`, `train_step`). The grader uses them as the independent half of its checks (a
student's `SGD` is driven through a reference `Sequential`, and so on) and to tell which of a
student's classes breaks the end-to-end training. They are not exported here on purpose, and
assignment 2 gives no credit for them: its checks notice a class or function that comes from
this package instead of the submission.

Plain numpy only: this package never imports torch, so the grader's worker (where torch
cannot be imported) can use it too.
"""

from .layers import (
    CrossEntropyLoss,
    Linear,
    MSELoss,
    ReLU,
    Sigmoid,
    Softmax,
    SoftmaxCrossEntropyLoss,
    Tanh,
)

__all__ = [
    "CrossEntropyLoss",
    "Linear",
    "MSELoss",
    "ReLU",
    "Sigmoid",
    "Softmax",
    "SoftmaxCrossEntropyLoss",
    "Tanh",
]
