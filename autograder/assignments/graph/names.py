"""build_grad keys its table by the nodes themselves, never by their names.

A node's name is a label for printing: nodes may have none (``name=None``) and several may
share one (two layers' ``W``). The same graph is run through the entry point with its nodes
named as usual, then unnamed, then with one name per kind (every variable "x", every
operation "h"); the gradients must not change. A table or visited set keyed by ``node.name``
mixes nodes up: it fails here, with a hint only when the run with unique names is right.
"""

from __future__ import annotations

from ...errors import CheckFailed, StudentException, ValueMismatch
from ...toolkit.compare import assert_close
from ...toolkit.drive import Ctx
from . import _graphs
from ._drive import gradient, ops_note, run_algorithm, usable_ops
from ._torch_ref import graph_grads
from .contract import ALGORITHM

KEYED_BY_NAME = (
    "the grad_table (or a visited set) is keyed by node.name -- names are labels for printing, "
    "may be None and may repeat: key by the node itself (grad_table[node])"
)


def _relabellings(case: _graphs.GraphCase) -> dict[str, dict[str, str | None]]:
    """{what the nodes are called: labels}."""
    ops = [name for name, _, _ in case.nodes]
    return {
        "no name (name=None)": {name: None for name in [*case.values, *ops]},
        "shared names (every variable 'x', every operation 'h')": {
            **{name: "x" for name in case.values},
            **{name: "h" for name in ops},
        },
    }


def _predates_labels(exc: StudentException) -> bool:
    """The given Backprop.run of a notebook from before `labels` (it takes 6 arguments)."""
    return exc.exc_type == "TypeError" and "run()" in exc.detail and "positional" in exc.detail


def check_names(ctx: Ctx) -> str | None:
    good = usable_ops(ctx)
    case = _graphs.consumers(ctx.rng, good)
    expected = graph_grads(case)
    graph = f" Graph: {case.describe()}." if ctx.reveal else ""
    for called, labels in _relabellings(case).items():
        try:
            outcome = run_algorithm(ctx, case, labels=labels)
        except StudentException as exc:
            if _predates_labels(exc):
                return "not checked: this notebook's given Backprop.run predates `labels`"
            run_algorithm(ctx, case)  # raises the same when names do not matter
            raise CheckFailed(
                f"{ALGORITHM} raised {exc.exc_type} when the nodes have {called}, and runs with "
                f"unique names. Likely mistake: {KEYED_BY_NAME}.{graph}{ops_note(good)}"
            ) from None
        for name in case.wrt:
            want = expected[name]
            where = (
                f"{ALGORITHM}: gradient of {case.target!r} with respect to {name!r}, the nodes "
                f"having {called}"
            )
            got = gradient(outcome, case, name, want.shape)
            try:
                assert_close(where, want, got, reveal=ctx.reveal)
            except ValueMismatch as exc:
                named = run_algorithm(ctx, case)
                right = gradient(named, case, name, want.shape)
                hint = ""
                try:
                    assert_close(where, want, right)
                    hint = f" With unique names it is right. Likely mistake: {KEYED_BY_NAME}."
                except ValueMismatch:
                    pass
                raise ValueMismatch(f"{exc}{hint}{graph}{ops_note(good)}") from None
    return None
