"""The student-facing contract of assignment 3: back-propagation on a computation graph.

A **computation graph** is made of nodes. A node holds a value (a numpy array, or a numpy
scalar for 0-d values), the operation that computed it and the nodes it was computed from:

- `Node(value, op=None, inputs=(), name=None)`: attributes `.value`, `.op` (None for a
  variable), `.inputs` (a tuple of nodes in argument order; a node may appear twice), `.name`;
- `Variable(value, name)`: a node without an operation, an input or a parameter;
- `Op`: the base class of the operations; `op(*nodes, name=...)` runs `forward` on the input
  values and returns the new node.

Nodes know their inputs, not their consumers: the graph is discovered from the target
backwards. All of the above, and every forward pass, is given code in the notebook.

An **operation** is a class derived from `Op`, built without arguments:

- `forward(*values) -> value` (given).
- `bprop(inputs, output, grad, i) -> gradient`: `inputs` is the list of input values (in argument
  order), `output` the value `forward` returned for them, `grad` the gradient of the scalar
  being differentiated with respect to the output (the output's shape), `i` the index of one
  input. Returns the gradient with respect to `inputs[i]` only, with the shape of `inputs[i]`
  (the vector-Jacobian product along the edge from input `i`). Never modifies `inputs`,
  `output` or `grad` in place; may return `grad` itself when that is the answer.

| class | inputs | forward | notes |
|---|---|---|---|
| `Add` | a, b (same shape) | `a + b` | |
| `Multiply` | a, b (same shape) | `a * b` | elementwise |
| `MatMul` | A (n, k), B (k, m) | `A @ B` | 2-d only |
| `BroadcastAdd` | a, b (b broadcasts to a) | `a + b` | (N, C) + (C,), + (N, 1), + () |
| `Sum` | a (any shape) | `np.sum(a)`, a scalar | turns anything into a scalar target |
| `Exp` | a | `np.exp(a)` | |
| `Log` | a (positive) | `np.log(a)` | |
| `Relu` | a | `np.maximum(a, 0)` | not assignment 1's `ReLU` layer |

The **algorithm**: `build_grad(target, wrt) -> grad_table`, a dict mapping nodes to gradients.
`target` is a node with a scalar value (the quantity differentiated, the book's *z*); `wrt` is
a list of nodes (the book's target set *T*: variables, intermediate nodes, even the target
itself). For every node of `wrt` the table holds d(target)/d(node) with the node's shape --
zeros when the target does not depend on the node. It visits the nodes in reverse topological
order (a node after every node that consumes it), sums the contributions of every consumer
(one per edge: a node used twice by one operation gets two), visits each node once, and calls
`bprop` only on edges that lie on a path from a `wrt` node to the target: exactly once per
such edge, so the cost is linear in the number of edges.

The **grader's entry point** is a given class, `Backprop`, built without arguments, whose
methods only take and return plain data (a session may hold nothing but this one class, as the
notebook's self-check does, so everything the algorithm's checks need goes through it):

- ``run(graph, values, target, wrt, readonly=False)``: `graph` is a list of
  ``[name, op_name, [input names]]``, each node after its inputs; `values` is
  ``{variable name: array}``; `target` a name; `wrt` a list of names. It builds the nodes, calls
  `build_grad` and returns ``{"grads": {wrt name: gradient or None}, "bprop_calls": n}``, where
  `n` counts every call of an operation's `bprop` (it wraps each operation's `bprop`). With
  ``readonly=True`` every value and every gradient `bprop` returns is read-only, so an in-place
  update (``+=``) fails loudly.
- ``bprop(op_name, inputs, output, grad, i)``: one operation's `bprop` on its own (the checks
  use it to find the operations they can build test graphs from).
- ``bprop_shared(op_name, value, output, grad, i)``: a two-input operation's `bprop` with one
  node as both inputs (``x * x``): the same array object `value` as both inputs, as in a graph.

Each operation class is graded as a spec (its `bprop` against torch autograd -- two-input
operations also with one node as both inputs --, finite differences of its own forward, shapes,
no in-place writes; `BroadcastAdd` also on every broadcast pattern). The algorithm is graded as
the spec ``Backprop`` on graphs built only from operations whose `bprop` is right, so a mistake
in an operation costs points once (except that every test graph needs `Sum`, and `Add` or
`Multiply`).

This module does not import torch: the reference functions receive the torch module as ``t``,
and so do the classic mistakes, which run on torch tensors like the forwards and receive
``vjp``, torch autograd's vector-Jacobian products of the operation: a mistake one step from an
answer (minus it, the answer at swapped or transposed inputs) is written as a change of what
autograd gives, never as the answer's formula. Students install this package: nothing here
computes a gradient without torch, which is blocked where student code is graded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

Shapes = tuple[tuple[int, ...], ...]
#: a wrong gradient for input i, f(t, vjp, inputs, output, grad, i) on torch tensors (inputs a
#: list), where vjp(grad, inputs=None) is autograd's [d<grad, forward(inputs)>/d(input j) for
#: every j] (default: these inputs); None when the mistake does not apply to input i
Mistake = Callable[..., Any]
#: the given class through which the grader runs the algorithm (plain data in and out)
ENTRY_POINT = "Backprop"
#: the student's function inside it (named in messages)
ALGORITHM = "build_grad"


@dataclass(frozen=True)
class OpSpec:
    """One operation class of the contract."""

    #: the class name students define, e.g. "MatMul"
    name: str
    #: the forward's argument names, in order, e.g. ("A", "B")
    args: tuple[str, ...]
    #: the forward pass on torch tensors: f(t, *inputs)
    forward: Callable[..., Any]
    #: input shapes the value checks use, one tuple per case
    cases: tuple[Shapes, ...]
    #: which values the inputs take: any real, positive (Log), or |x| >= 0.1 (Relu's kink)
    domain: Literal["real", "positive", "away_from_zero"] = "real"
    #: classic mistakes: name -> wrong gradient for input i
    mistakes: dict[str, Mistake] = field(default_factory=dict)
    #: extra (a, b) shapes of the broadcast check (BroadcastAdd only)
    broadcast_cases: tuple[Shapes, ...] = ()

    @property
    def arity(self) -> int:
        return len(self.args)


@dataclass(frozen=True)
class AlgorithmUnit:
    """The algorithm (`build_grad`), graded through the plain-data entry point."""

    name: str = ENTRY_POINT


def _only(i: int, fn: Callable[..., Any]) -> Mistake:
    """A mistake that applies to input i only: fn(t, vjp, inputs, output, grad)."""
    return lambda t, vjp, x, out, g, j: fn(t, vjp, x, out, g) if j == i else None


def _matmul_wrong_order(t, vjp, x, out, g, i: int):
    # B.T @ grad for A, grad @ A.T for B: the other input's gradient rule applied to this
    # input's partner (autograd's VJP of B @ Z for its right factor, of Z @ A for its left)
    A, B = x
    if i == 0:
        return vjp(g, [B, t.zeros((B.shape[1], B.shape[1]), dtype=B.dtype)])[1]
    return vjp(g, [t.zeros((A.shape[0], A.shape[0]), dtype=A.dtype), A])[0]


_BROADCAST_CASES: tuple[Shapes, ...] = (
    ((5, 3), (5, 1)),
    ((5, 3), (1, 3)),
    ((4, 4), (4,)),
    ((2, 3, 4), (4,)),
    ((2, 3, 4), (3, 1)),
    ((2, 3, 4), (1, 3, 1)),
    ((5, 3), ()),
)

OPS: tuple[OpSpec, ...] = (
    OpSpec(
        name="Add",
        args=("a", "b"),
        forward=lambda t, a, b: a + b,
        cases=(((5, 3), (5, 3)), ((1, 4), (1, 4)), ((), ())),
        mistakes={
            "negated the gradient of b (that is Subtract's bprop)": _only(
                1, lambda t, vjp, x, o, g: -vjp(g)[1]
            ),
        },
    ),
    OpSpec(
        name="Multiply",
        args=("a", "b"),
        forward=lambda t, a, b: a * b,
        cases=(((5, 3), (5, 3)), ((1, 4), (1, 4)), ((), ())),
        mistakes={
            "multiplied by the same input instead of the other one": (
                # the right rule at the inputs swapped
                lambda t, vjp, x, o, g, i: vjp(g, [x[1], x[0]])[i]
            ),
        },
    ),
    OpSpec(
        name="MatMul",
        args=("A", "B"),
        forward=lambda t, A, B: A @ B,
        cases=(((5, 3), (3, 2)), ((4, 4), (4, 4)), ((1, 3), (3, 1)), ((3, 1), (1, 4))),
        mistakes={
            "multiplied by B instead of B.T (dA = grad @ B.T)": _only(
                0, lambda t, vjp, x, o, g: vjp(g, [x[0], x[1].mT])[0]
            ),
            "multiplied by A instead of A.T (dB = A.T @ grad)": _only(
                1, lambda t, vjp, x, o, g: vjp(g, [x[0].mT, x[1]])[1]
            ),
            "the product in the wrong order (dA = grad @ B.T, dB = A.T @ grad)": (
                _matmul_wrong_order
            ),
        },
    ),
    OpSpec(
        name="BroadcastAdd",
        args=("a", "b"),
        forward=lambda t, a, b: a + b,
        cases=(((5, 3), (3,)), ((1, 4), (4,))),
        broadcast_cases=_BROADCAST_CASES,
    ),
    OpSpec(
        name="Sum",
        args=("a",),
        forward=lambda t, a: a.sum(),
        cases=(((5, 3),), ((4,),), ((),)),
    ),
    OpSpec(
        name="Exp",
        args=("a",),
        forward=lambda t, a: t.exp(a),
        cases=(((5, 3),), ((1, 4),), ((),)),
        mistakes={
            "multiplied by a instead of exp(a)": lambda t, vjp, x, o, g, i: g * x[0],
        },
    ),
    OpSpec(
        name="Log",
        args=("a",),
        forward=lambda t, a: t.log(a),
        cases=(((5, 3),), ((1, 4),), ((),)),
        domain="positive",
        mistakes={
            "multiplied by a instead of dividing by it (d log a / da = 1 / a)": (
                lambda t, vjp, x, o, g, i: g * x[0]
            ),
            # the right rule at the output instead of the input
            "divided by log(a), the output, instead of by a": lambda t, vjp, x, o, g, i: vjp(
                g, [o]
            )[0],
        },
    ),
    OpSpec(
        name="Relu",
        args=("a",),
        forward=lambda t, a: t.relu(a),
        cases=(((5, 3),), ((1, 4),), ((),)),
        domain="away_from_zero",
        mistakes={
            "inverted mask: passed the gradient where a < 0": lambda t, vjp, x, o, g, i: (
                g - vjp(g)[0]
            ),
        },
    ),
)

OP_BY_NAME: dict[str, OpSpec] = {op.name: op for op in OPS}
UNITS: tuple[Any, ...] = (*OPS, AlgorithmUnit())


def sample(rng: np.random.Generator, shape: tuple[int, ...], domain: str) -> np.ndarray:
    """Valid input values of one op argument."""
    if domain == "positive":
        return np.asarray(rng.uniform(0.5, 2.0, size=shape), dtype=np.float64)
    z = np.asarray(rng.standard_normal(shape), dtype=np.float64)
    if domain == "away_from_zero":
        # |x| >= 0.1, so finite differences never straddle the kink
        return np.sign(z) * (0.1 + np.abs(z)) + (z == 0) * 0.5
    return z
