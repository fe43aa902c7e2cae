"""Classic mistakes of the algorithm, simulated on the grader's side to name them.

Each simulation runs the backward sweep on a `GraphCase` with numpy's VJPs (`_numpy_ref`),
but with one mistake: a node keeps only one consumer's contribution instead of their sum, or
nodes are visited breadth-first / in depth-first pre-order from the target, which is not a
reverse topological order (a node may pass its gradient on before every consumer has added
its share). When the student's gradient equals a simulation, the message names the mistake.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from . import _numpy_ref
from ._graphs import GraphCase

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


def simulate(case: GraphCase, how: str = "reverse_topological", combine: str = "sum"):
    """{wrt name: gradient} of the sweep visiting nodes `how`, combining contributions so."""
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
        args = [values[x] for x in inputs]
        for i, x in enumerate(inputs):
            if x not in keep:
                continue
            part = _numpy_ref.vjp(op, args, values[node], grads[node], i)
            if x not in grads or combine == "last":
                grads[x] = part
            elif combine == "sum":
                grads[x] = grads[x] + part
    return {w: grads.get(w, np.zeros(np.shape(values[w]))) for w in case.wrt}


def alternatives(case: GraphCase) -> dict[str, dict[str, np.ndarray]]:
    """{wrt name: {hint: the gradient that mistake gives}}."""
    out: dict[str, dict[str, np.ndarray]] = {w: {} for w in case.wrt}
    for hint, (how, combine) in MISTAKES.items():
        for w, g in simulate(case, how, combine).items():
            out[w][hint] = g
    return out
