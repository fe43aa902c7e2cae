"""Assignment 3: the general back-propagation algorithm on a computation graph.

contract.py        the student-facing contract: graph API, operations, build_grad, entry point
op_reference.py    an operation's forward and bprop vs torch autograd (float64 VJPs)
op_shared.py       a two-input operation with one node as both inputs (x * x)
op_finite_diff.py  an operation's bprop vs its own forward (central differences)
op_rules.py        shapes, no in-place writes
broadcast.py       BroadcastAdd on every broadcast pattern
algorithm.py       build_grad's gradients on graphs vs torch autograd
names.py           build_grad on unnamed and same-named nodes (keyed by node, not name)
counting.py        bprop calls: once per edge (no recomputation), pruning
rubric.py          which of these each spec gets, and the points

_graphs.py (test graphs), _simulate.py (the algorithm's classic mistakes), _forward.py
(grader-side numpy forwards), _torch_ref.py (every gradient the grader computes, by torch
autograd), _drive.py and _diagnose.py support them.
"""

from .. import Assignment
from .contract import UNITS
from .rubric import checks_for

ASSIGNMENT = Assignment("03_graph", UNITS, checks_for)

__all__ = ["ASSIGNMENT", "UNITS", "checks_for"]
