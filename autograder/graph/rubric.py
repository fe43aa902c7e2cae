"""Which checks each unit of assignment 3 gets, and their points (100 in all).

Forward passes are given, so the forward check earns no points. Each operation earns 6 points
(BroadcastAdd 8, for its broadcast patterns); the algorithm earns 50, spread over the ideas it
must get right: gradients on graphs with shared nodes, the visiting order, several wrt nodes,
random graphs, one bprop call per edge, pruning, and no in-place updates.
"""

from __future__ import annotations

from typing import Any

from ..checks.rubric import CheckDef
from . import algorithm, broadcast, counting, op_finite_diff, op_reference, op_rules
from .contract import UNITS, AlgorithmUnit, OpSpec

__all__ = ["UNITS", "checks_for"]


def _op_checks(spec: OpSpec) -> list[CheckDef]:
    defs = [
        CheckDef("forward matches torch", "forward", 0, op_reference.check_forward),
        CheckDef("bprop matches torch (every input)", "bprop", 3, op_reference.check_bprop),
        CheckDef(
            "bprop matches own forward (finite differences)",
            "bprop",
            1,
            op_finite_diff.check_bprop,
        ),
        CheckDef("shapes (every input, 0-d values)", "bprop", 1, op_rules.check_shapes),
        CheckDef("no in-place modification", "bprop", 1, op_rules.check_no_mutation),
    ]
    if spec.broadcast_cases:
        defs.append(
            CheckDef(
                "every broadcast pattern reduced correctly", "bprop", 2, broadcast.check_broadcast
            )
        )
    return defs


def _algorithm_checks() -> list[CheckDef]:
    return [
        CheckDef("build_grad: d target/d target = 1, a chain", None, 4, algorithm.check_basics),
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
        CheckDef("build_grad: random graphs, two outputs", None, 8, algorithm.check_random),
        CheckDef(
            "build_grad: one bprop call per edge (no recomputation)",
            None,
            8,
            counting.check_once_per_edge,
        ),
        CheckDef(
            "build_grad: prunes edges off the paths from wrt to the target",
            None,
            6,
            counting.check_pruning,
        ),
        CheckDef(
            "build_grad: no in-place updates of gradients", None, 2, algorithm.check_no_mutation
        ),
    ]


def checks_for(unit: Any) -> list[CheckDef]:
    if isinstance(unit, AlgorithmUnit):
        return _algorithm_checks()
    return _op_checks(unit)
