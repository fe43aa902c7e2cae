"""Assignment 2 (02_mlp): a network of layers, an optimiser, minibatches, training on MNIST.

contract.py     what students define (Sequential, SGD, minibatches, evaluate, train_step)
sequential.py   Sequential on random small networks of probe layers
sgd.py          SGD vs the update rule and torch.optim.SGD
batches.py      minibatches: every row once, batch sizes, pairs, shuffling
evaluate.py     evaluate: the accuracy
train_step.py   train_step vs the same calls replayed on probes, step by step
end_to_end.py   the student's classes train on MNIST
credit.py       which class to blame when they do not
config.py       the end-to-end settings (threshold, budget, ...) and their overrides
rubric.py       which checks each unit gets, and the points
release.py      layers.py from the instructor's assignment-1 solutions, for the release
_probe_classes.py   probe layers, loss, network, optimiser: made-up rules, not answers
_probes.py      the probes and the submission's classes inside a session
_instructor.py  the instructor's classes from the course's solutions (credit assignment only)
_net.py, _torch_ref.py, _common.py   networks of probes as data, torch.optim.SGD, validation

"""

from .. import Assignment
from .contract import UNITS, Unit
from .rubric import checks_for

ASSIGNMENT = Assignment("02_mlp", UNITS, checks_for, needs_mnist=True)

__all__ = ["ASSIGNMENT", "UNITS", "Unit", "checks_for"]
