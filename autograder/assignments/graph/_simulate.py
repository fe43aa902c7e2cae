"""Classic mistakes of the algorithm, simulated on the grader's side to name them.

Each simulation runs a backward sweep on a `GraphCase` with one mistake: a node keeps only one
consumer's contribution instead of their sum, or nodes are visited breadth-first / in
depth-first pre-order from the target, which is not a reverse topological order (a node may
pass its gradient on before every consumer has added its share). When the student's gradient
equals a simulation, the message names the mistake.

Only the mistakes can be simulated (there is no correct sweep here), and every edge's
vector-Jacobian product comes from torch autograd (`_torch_ref.op_vjps`): nothing in this
module computes a gradient without torch, which is blocked where student code runs.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from ._graphs import GraphCase
from ._torch_ref import op_vjps
from .contract import OP_BY_NAME

NOT_SUMMED = (
    "not summed over consumers: a node used by several operations (or twice by one) kept "
    "only the {which} consumer's contribution -- add up the contributions of every consumer"
)
WRONG_ORDER = (
    "wrong visiting order: a node passed its gradient on before every node that uses it had "
    "contributed ({how} from the target is not a reverse topological order)"
)

#: hint -> (visiting order, how contributions are combined)
MISTAKES: dict[str, tuple[str, str]] = {
    NOT_SUMMED.format(which="last"): ("reverse_topological", "last"),
    NOT_SUMMED.format(which="first"): ("reverse_topological", "first"),
    WRONG_ORDER.format(how="breadth-first order"): ("breadth_first", "sum"),
    WRONG_ORDER.format(how="depth-first pre-order"): ("preorder", "sum"),
}


def _order(case: GraphCase, how: str) -> list[str]:
    inputs = case.inputs()
    if how == "reverse_topological":
        relevant = case.ancestors(case.target)
        order = [name for name in case.values if name in relevant]
        order += [name for name, _, _ in case.nodes if name in relevant]
        return order[::-1]
    if how == "breadth_first":
        order, seen, queue = [], {case.target}, deque([case.target])
        while queue:
            node = queue.popleft()
            order.append(node)
            for x in inputs[node]:
                if x not in seen:
                    seen.add(x)
                    queue.append(x)
        return order
    order, seen, stack = [], set(), [case.target]
    while stack:  # depth-first pre-order: a node, then its inputs left to right
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        stack.extend(reversed(inputs[node]))
    return order


def simulate(case: GraphCase, mistake: str) -> dict[str, np.ndarray]:
    """{wrt name: gradient} of the sweep that makes `mistake` (a key of MISTAKES)."""
    how, combine = MISTAKES[mistake]
    values = case.forward()
    ops = {name: (op, inputs) for name, op, inputs in case.nodes}
    keep = case.on_path()
    grads: dict[str, np.ndarray] = {}
    if case.target in keep:
        grads[case.target] = np.ones(np.shape(values[case.target]))
    for node in _order(case, how):
        if node not in grads or node not in ops:
            continue
        op, inputs = ops[node]
        # one torch VJP per node: the parts for every input slot, in argument order
        parts = op_vjps(OP_BY_NAME[op], [values[x] for x in inputs], grads[node])
        for x, part in zip(inputs, parts, strict=True):
            if x not in keep:
                continue
            if x not in grads or combine == "last":
                grads[x] = part
            elif combine == "sum":
                grads[x] = grads[x] + part
    return {w: grads.get(w, np.zeros(np.shape(values[w]))) for w in case.wrt}


def alternatives(case: GraphCase) -> dict[str, dict[str, np.ndarray]]:
    """{wrt name: {hint: the gradient that mistake gives}}."""
    out: dict[str, dict[str, np.ndarray]] = {w: {} for w in case.wrt}
    for hint in MISTAKES:
        for w, g in simulate(case, hint).items():
            out[w][hint] = g
    return out
