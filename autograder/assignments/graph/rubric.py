"""Which checks each unit of assignment 3 gets, and their points (100 in all).

Forward passes are given, so the forward check earns no points. Each operation earns 6 points
(BroadcastAdd 8, for its broadcast patterns); the algorithm earns 50, spread over the ideas it
must get right: gradients on graphs with shared nodes, the visiting order, several wrt nodes,
random graphs, nodes without (unique) names, one bprop call per edge, pruning, and no in-place
updates.

Rules pay only for right values (`checks._gate`): an operation's shape and no-in-place checks
earn their points only when its bprop matches torch (every case, and BroadcastAdd's broadcast
patterns); the algorithm's bprop counts and no-in-place check only when its gradients on the
basic graphs (d target/d target, a chain) match torch. A bprop or build_grad that returns
zeros, its input or a constant earns nothing from them.
"""

from __future__ import annotations

from typing import Any

from ...toolkit.rubric import CheckDef
from . import algorithm, broadcast, counting, names, op_finite_diff, op_reference, op_rules
from .contract import UNITS, AlgorithmUnit, OpSpec

__all__ = ["UNITS", "checks_for"]


def _op_checks(unit: OpSpec) -> list[CheckDef]:
    defs = [
        CheckDef("forward matches torch", "forward", 0, op_reference.check_forward, role="value"),
        CheckDef(
            "bprop matches torch (every input)", "bprop", 3, op_reference.check_bprop, role="value"
        ),
        CheckDef(
            "bprop matches own forward (finite differences)",
            "bprop",
            1,
            op_finite_diff.check_bprop,
        ),
        CheckDef(
            "shapes (every input, 0-d values)", "bprop", 1, op_rules.check_shapes, role="property"
        ),
        CheckDef(
            "no in-place modification", "bprop", 1, op_rules.check_no_mutation, role="property"
        ),
    ]
    if unit.broadcast_cases:
        defs.append(
            CheckDef(
                "every broadcast pattern reduced correctly",
                "bprop",
                2,
                broadcast.check_broadcast,
                role="value",
            )
        )
    return defs


def _algorithm_checks() -> list[CheckDef]:
    return [
        CheckDef(
            "build_grad: d target/d target = 1, a chain",
            None,
            4,
            algorithm.check_basics,
            role="value",
        ),
        CheckDef(
            "build_grad: sums over every consumer (shared nodes)",
            None,
            8,
            algorithm.check_consumers,
        ),
        CheckDef(
            "build_grad: reverse topological order (paths of different lengths)",
            None,
            8,
            algorithm.check_order,
        ),
        CheckDef(
            "build_grad: several wrt nodes (intermediate, unused: zeros)",
            None,
            6,
            algorithm.check_many_wrt,
        ),
        CheckDef("build_grad: random graphs, two outputs", None, 6, algorithm.check_random),
        CheckDef("build_grad: nodes without names or sharing names", None, 2, names.check_names),
        CheckDef(
            "build_grad: one bprop call per edge (no recomputation)",
            None,
            8,
            counting.check_once_per_edge,
            role="property",
        ),
        CheckDef(
            "build_grad: prunes edges off the paths from wrt to the target",
            None,
            6,
            counting.check_pruning,
            role="property",
        ),
        CheckDef(
            "build_grad: no in-place updates of gradients",
            None,
            2,
            algorithm.check_no_mutation,
            role="property",
        ),
    ]


def checks_for(unit: Any) -> list[CheckDef]:
    if isinstance(unit, AlgorithmUnit):
        return _algorithm_checks()
    return _op_checks(unit)
