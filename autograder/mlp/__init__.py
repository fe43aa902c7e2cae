"""Assignment 2 (02_mlp): a network of layers, an optimiser, minibatches, training on MNIST.

contract.py     what students define (Sequential, SGD, minibatches, evaluate, train_step)
sequential.py   Sequential vs torch autograd on random small networks
sgd.py          SGD vs the update rule and torch.optim.SGD
batches.py      minibatches: every row once, batch sizes, pairs, shuffling
evaluate.py     evaluate: the accuracy
train_step.py   train_step vs a torch twin, step by step
end_to_end.py   the student's classes train on MNIST; credit assignment when they do not
config.py       the end-to-end settings (threshold, budget, ...) and their overrides
rubric.py       which checks each unit gets, and the points
_session.py     the kit's reference classes inside a session; who wrote which class
_net.py, _torch_ref.py, _common.py   networks as data, torch twins, shared validation

Registered as ``Assignment("02_mlp", UNITS, checks_for)`` in autograder/assignments.py.
"""

from .contract import UNITS, Unit
from .rubric import checks_for

__all__ = ["UNITS", "Unit", "checks_for"]
