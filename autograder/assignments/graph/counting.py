"""How much work the algorithm does: the number of bprop calls, read from the entry point.

A correct algorithm calls bprop once per edge on a path from a wrt node to the target, so its
cost is linear in the size of the graph:

- once_per_edge: on "ladders" where every node has two consumers (2**depth paths, a few edges
  per level), recomputing a shared node's gradient for each path makes the count explode;
- pruning: with a subgraph of constants feeding the target, bprop must not be called on edges
  that lead to no wrt node.

Only the count is checked here; the values are the other checks' business.
"""

from __future__ import annotations

from ...errors import CheckFailed
from ...toolkit.drive import Ctx
from . import _graphs
from ._drive import ops_note, run_algorithm, usable_ops
from .contract import ALGORITHM

DEPTHS = (4, 8)
_FIX = (
    "compute each node's gradient once, keep it in grad_table, and reuse it: visit the nodes "
    "in reverse topological order, or memoise a recursive build_grad"
)


def check_once_per_edge(ctx: Ctx) -> None:
    good = usable_ops(ctx)
    counts = []
    for depth in DEPTHS:
        case = _graphs.ladder(ctx.rng, good, depth)
        counts.append((depth, run_algorithm(ctx, case).bprop_calls, case.pruned_edges()))
    if all(calls == edges for _, calls, edges in counts):
        return
    seen = "; ".join(f"depth {d}: {calls} calls for {edges} edges" for d, calls, edges in counts)
    if any(calls > edges for _, calls, edges in counts):
        raise CheckFailed(
            f"{ALGORITHM} called bprop more than once per edge on graphs where every node has "
            f"two consumers ({seen}). Likely mistake: shared subgraphs are recomputed -- the "
            f"gradient of a node is recomputed for every path through it, which doubles the work "
            f"at every level; {_FIX}.{ops_note(good)}"
        )
    raise CheckFailed(
        f"{ALGORITHM} called bprop fewer times than there are edges on paths from wrt to the "
        f"target ({seen}): every such edge needs exactly one call of its consumer's bprop "
        f"(through node.op.bprop, so the entry point can count it).{ops_note(good)}"
    )


def check_pruning(ctx: Ctx) -> None:
    good = usable_ops(ctx)
    case = _graphs.constant_branch(ctx.rng, good)
    calls, needed, everything = (
        run_algorithm(ctx, case).bprop_calls,
        case.pruned_edges(),
        (case.all_edges()),
    )
    if calls == needed:
        return
    graph = f" Graph: {case.describe()}." if ctx.reveal else ""
    counts = (
        f"bprop was called {calls} times; {needed} edges lie on paths from a wrt node to the "
        f"target, {everything} edges lead into the target"
    )
    if needed < calls <= everything:
        raise CheckFailed(
            f"{ALGORITHM}: {counts}. Likely mistake: no pruning -- gradients were also computed "
            "for nodes that no wrt node leads to (here a subgraph of constants: W is not in "
            "wrt). Call bprop only for inputs that lie on a path from a wrt node to the target."
            f"{graph}{ops_note(good)}"
        )
    if calls > everything:
        raise CheckFailed(
            f"{ALGORITHM}: {counts}. Likely mistake: shared subgraphs are recomputed; {_FIX}."
            f"{graph}{ops_note(good)}"
        )
    raise CheckFailed(
        f"{ALGORITHM}: {counts}: every edge on such a path needs exactly one call of its "
        f"consumer's bprop.{graph}{ops_note(good)}"
    )
