"""The algorithm's gradients on graphs against torch autograd.

Each check runs the student's `build_grad` (through the plain-data entry point) on graphs
that exercise one idea -- a node with several consumers, paths of different lengths, several
wrt nodes, random graphs with two outputs -- and compares the gradient of every wrt node with
torch's. Graphs are built only from operations whose bprop passes the probe (`usable_ops`).
A mismatch names the node and, when a simulation reproduces it, the mistake (`_simulate`);
public messages also spell out the graph so it can be rebuilt in the notebook.
"""

from __future__ import annotations

import numpy as np

from ...errors import CheckFailed, GradingError, ValueMismatch
from ...toolkit.compare import assert_close
from ...toolkit.diagnose import shape_hint
from ...toolkit.drive import Ctx
from . import _graphs, _simulate
from ._diagnose import same_shape
from ._drive import IN_PLACE, gradient, ops_note, run_algorithm, usable_ops
from ._torch_ref import graph_grads
from .contract import ALGORITHM


def _with_context(exc: CheckFailed, ctx: Ctx, case: _graphs.GraphCase, good) -> CheckFailed:
    graph = f" Graph: {case.describe()}." if ctx.reveal else ""
    return type(exc)(f"{exc}{graph}{ops_note(good)}")


def compare(ctx: Ctx, case: _graphs.GraphCase, good: frozenset[str]) -> None:
    """Every wrt node's gradient on one graph, against torch."""
    outcome = run_algorithm(ctx, case)
    expected = graph_grads(case)
    hints = None
    for name in case.wrt:
        want = expected[name]
        where = f"{ALGORITHM}: gradient of {case.target!r} with respect to {name!r}"
        try:
            got = gradient(outcome, case, name, want.shape)
            same_shape(where, want.shape, got, shape_hint(want.shape, got.shape, None))
            if not case.reaches_target(name):
                _zeros(ctx, where, case, name, got)
                continue
            try:
                assert_close(where, want, got, reveal=ctx.reveal)
            except ValueMismatch:
                # wrong: now simulate the classic mistakes (torch VJPs, so only on failure)
                hints = hints or _simulate.alternatives(case)
                _explain(ctx, case, where, want, got, hints[name])
        except CheckFailed as exc:
            raise _with_context(exc, ctx, case, good) from None


def _explain(ctx: Ctx, case, where: str, want, got, hints: dict[str, np.ndarray]) -> None:
    """Raise the mismatch again, naming a simulated mistake or in-place accumulation."""
    try:
        assert_close(where, want, got, reveal=ctx.reveal, alternatives=_merged(hints))
    except ValueMismatch as exc:
        if "Likely mistake" in str(exc) or not _writes_in_place(ctx, case):
            raise
        text = f"{str(exc).rstrip('.')}. Likely mistake: {IN_PLACE}."
        raise ValueMismatch(text) from None
    raise AssertionError("unreachable: the same comparison failed a moment ago")


def _merged(hints: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Mistakes that give the same gradient become one hint naming all of them."""
    groups: list[tuple[list[str], np.ndarray]] = []
    for hint, value in hints.items():
        for names, first in groups:
            if first.shape == value.shape and np.allclose(first, value, rtol=1e-9, atol=1e-12):
                names.append(hint)
                break
        else:
            groups.append(([hint], value))
    return {"; or ".join(names): value for names, value in groups}


def _writes_in_place(ctx: Ctx, case: _graphs.GraphCase) -> bool:
    """Does the run fail when gradients are read-only? (Then += explains the wrong values.)"""
    try:
        run_algorithm(ctx, case, readonly=True)
    except CheckFailed as exc:
        return "read-only" in str(exc)
    except GradingError:
        return False
    return False


def _zeros(ctx: Ctx, where: str, case, name: str, got: np.ndarray) -> None:
    if np.any(got != 0):
        worst = f" (largest |value| {float(np.abs(got).max()):.3g})" if ctx.reveal else ""
        raise CheckFailed(
            f"{where}: expected zeros, got non-zero values{worst}: no path leads from {name!r} "
            f"to the target, so the target does not depend on it"
        )


def _run(ctx: Ctx, make) -> None:
    good = usable_ops(ctx)
    for case in make(good):
        compare(ctx, case, good)


def check_basics(ctx: Ctx) -> None:
    """d target / d target = 1; a chain without sharing, with an intermediate wrt node."""
    _run(ctx, lambda ops: [_graphs.single_variable(ctx.rng, ops), _graphs.chain(ctx.rng, ops)])


def check_consumers(ctx: Ctx) -> None:
    def make(ops):
        b, (z1, _) = _graphs.random_graph(ctx.rng, ops, n_ops=10, share=0.85)
        shared = b.case(z1, [name for name in b.values if name in "xyp"])
        return [_graphs.consumers(ctx.rng, ops), _graphs.scalar_reuse(ctx.rng, ops), shared]

    _run(ctx, make)


def check_order(ctx: Ctx) -> None:
    def make(ops):
        b, (z1, z2) = _graphs.random_graph(ctx.rng, ops, n_ops=14, share=0.7)
        made = [name for name, _, _ in b.nodes]
        return [
            _graphs.uneven_paths(ctx.rng, ops),
            b.case(z2, ["x", "y", made[len(made) // 3]]),
        ]

    _run(ctx, make)


def check_many_wrt(ctx: Ctx) -> None:
    _run(ctx, lambda ops: [_graphs.many_wrt(ctx.rng, ops)])


def check_random(ctx: Ctx) -> None:
    _run(ctx, lambda ops: _graphs.random_cases(ctx.rng, ops, graphs=2))


def check_no_mutation(ctx: Ctx) -> None:
    """With every value and every returned gradient read-only, build_grad still runs."""
    good = usable_ops(ctx)
    b, (z1, _) = _graphs.random_graph(ctx.rng, good, n_ops=10, share=0.85)
    for case in (_graphs.consumers(ctx.rng, good), b.case(z1, list(b.values))):
        try:
            run_algorithm(ctx, case, readonly=True)
        except CheckFailed as exc:
            raise _with_context(exc, ctx, case, good) from None
