"""Drive student code of assignment 3: an operation's forward and bprop, and the algorithm
through the plain-data entry point. Return values are validated once, here.

`usable_ops` probes which operations' bprop can be trusted inside test graphs, so that the
algorithm's checks never fail because of an operation (that costs points in the operation's
own checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ...errors import BadReturn, CheckFailed, GradingError, StudentException
from ...runner import Unsupported
from ...toolkit.compare import as_array
from ...toolkit.drive import Ctx
from ...toolkit.state import READ_ONLY
from . import _forward
from ._graphs import GraphCase, single_variable
from ._torch_ref import op_vjps
from .contract import ALGORITHM, ENTRY_POINT, OPS, OpSpec, sample

IN_PLACE = (
    "accumulating in place (`grad_table[x] += g`) -- the array stored there may be the very "
    "array a bprop received or returned (Add passes its gradient on unchanged), so `+=` "
    "silently changes another node's gradient too; build a new array: "
    "`grad_table[x] = grad_table[x] + g`"
)


def _kind(value: Any) -> str:
    if isinstance(value, Unsupported):
        return f"a {value.type_name}"
    return "None" if value is None else f"a {type(value).__name__}"


def as_gradient(value: Any, where: str, arity: int = 0) -> np.ndarray:
    """A returned gradient as a float64 array; a number is accepted (for 0-d values). Its
    shape is checked by the caller: a (1,) array where a 0-d one is due is a wrong shape."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return np.asarray(value, dtype=np.float64)
    if (
        isinstance(value, list)
        and arity > 1
        and len(value) == arity
        and all(isinstance(v, (np.ndarray, list)) for v in value)
    ):
        raise BadReturn(
            f"{where} returned a list of {arity} items, expected one array: bprop returns the "
            "gradient with respect to input i only (it is called once per input)"
        )
    if isinstance(value, (np.ndarray, list)):
        return as_array(value, where)
    raise BadReturn(f"{where} returned {_kind(value)}, expected a numpy array")


def plain(value: np.ndarray) -> Any:
    """What the grader sends for a value: a 0-d array becomes a float, as a scalar would be in
    a student's own forward (np.sum returns a numpy float, not a 0-d array)."""
    return float(value) if np.ndim(value) == 0 else value


def where_bprop(spec: OpSpec, i: int) -> str:
    return f"{spec.name}.bprop for input {i} ({spec.args[i]})"


def bprop(ctx: Ctx, subject: Any, inputs, output, grad, i: int, readonly: bool = False):
    spec = ctx.unit
    out = subject.call("bprop", list(inputs), output, grad, i, readonly=readonly)
    return as_gradient(out, where_bprop(spec, i), spec.arity)


def bprop_shared(ctx: Ctx, spec: OpSpec, value, output, grad, i: int) -> np.ndarray:
    """bprop(inputs=[value, value]) with one array object as both inputs, in the student's
    process, as in a graph where one node feeds both inputs (the entry point's given
    ``bprop_shared``; the wire would turn one array sent twice into two)."""
    entry = ctx.session.new(ENTRY_POINT)
    try:
        out = entry.call("bprop_shared", spec.name, value, output, grad, i)
    except StudentException as exc:
        if exc.exc_type != "AttributeError" or "bprop_shared" not in exc.detail:
            raise
        # a notebook from before bprop_shared: equal values, two arrays
        out = entry.call("bprop", spec.name, [value, value], output, grad, i)
    return as_gradient(out, where_bprop(spec, i), spec.arity)


def op_forward(ctx: Ctx, subject: Any, inputs) -> np.ndarray:
    """The student's forward value (its shape is the caller's to check)."""
    return as_gradient(subject.call("forward", *inputs), f"{ctx.unit.name}.forward")


# -- the algorithm ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    grads: dict[str, Any]
    bprop_calls: int


def _explain(exc: StudentException) -> GradingError:
    if exc.not_implemented:
        return StudentException(ALGORITHM, exc.exc_type, exc.detail, exc.location)
    if any(marker in exc.detail for marker in READ_ONLY):
        at = f" ({exc.location})" if exc.location else ""
        return CheckFailed(
            f"{ALGORITHM} wrote into a read-only array{at}: a gradient or a value was modified "
            f"in place. Likely mistake: {IN_PLACE}"
        )
    return StudentException(
        f"{ALGORITHM} (called by {ENTRY_POINT}.run)", exc.exc_type, exc.detail, exc.location
    )


def run_algorithm(
    ctx: Ctx, case: GraphCase, readonly: bool = False, labels: dict | None = None
) -> Outcome:
    """Call the entry point on a graph; StudentException / BadReturn when it misbehaves.
    `labels` ({graph name: the node's .name, None for unnamed}) relabels the nodes."""
    values = {name: plain(v) for name, v in case.values.items()}
    args = [case.spec(), values, case.target, list(case.wrt), readonly]
    if labels is not None:  # only then: notebooks from before `labels` still run the rest
        args.append(labels)
    try:
        out = ctx.session.new(ENTRY_POINT).call("run", *args, readonly=readonly)
    except StudentException as exc:
        raise _explain(exc) from None
    given = f"{ENTRY_POINT}.run (given code: restore it if you changed it)"
    if not isinstance(out, dict) or not isinstance(out.get("grads"), dict):
        raise BadReturn(f"{given} returned {_kind(out)}, expected a dict with 'grads'")
    calls = out.get("bprop_calls")
    if not isinstance(calls, float):
        raise BadReturn(f"{given} returned no bprop call count")
    return Outcome(out["grads"], int(calls))


def gradient(outcome: Outcome, case: GraphCase, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """The student's gradient for wrt node `name`, validated."""
    value = outcome.grads.get(name)
    if value is None:
        hint = (
            " (the target does not depend on it: its gradient is zeros of its shape)"
            if not case.reaches_target(name)
            else ""
        )
        raise CheckFailed(
            f"{ALGORITHM}: the grad_table has no entry for wrt node {name!r}; every wrt node "
            f"needs one{hint}"
        )
    got = as_gradient(value, f"{ALGORITHM}: grad_table[{name!r}]")
    if got.shape != shape and got.shape == () and shape != ():
        raise CheckFailed(
            f"{ALGORITHM}: grad_table[{name!r}] is a single number, expected an array of shape "
            f"{shape} (the shape of the node's value"
            + (
                ", all zeros: the target does not depend on it)"
                if not case.reaches_target(name)
                else ")"
            )
        )
    return got


# -- which operations can be trusted inside test graphs ----------------------------------------

#: input shapes the probe tries for each operation: those the test graphs use
_PROBES: dict[str, tuple[tuple[tuple[int, ...], ...], ...]] = {
    "Add": (((3, 4), (3, 4)), ((), ())),
    "Multiply": (((3, 4), (3, 4)), ((), ())),
    "MatMul": (((3, 4), (4, 2)), ((4, 3), (3, 1))),
    "BroadcastAdd": (((3, 4), (4,)), ((3, 4), (3, 1)), ((3, 4), ())),
    "Sum": (((3, 4),), ((2, 3),), ((),)),
    "Exp": (((3, 4),), ((),)),
    "Log": (((3, 4),), ((),)),
    "Relu": (((3, 4),), ((),)),
}
#: the operations the test graphs apply to one node twice (x + x, x * x)
SHARED = ("Add", "Multiply")
#: the operations every test graph needs: a scalar target, and a way to combine two nodes
REQUIRED = ("Sum",)
COMBINE = ("Add", "Multiply")


def _op_works(ctx: Ctx, spec: OpSpec, rng: np.random.Generator) -> bool:
    cases = []
    for shapes in _PROBES[spec.name]:
        inputs = [sample(rng, s, spec.domain) for s in shapes]
        out = _forward.forward(spec.name, *inputs)
        upstream = rng.standard_normal(out.shape)
        # the right gradients come from torch autograd, never from grader-side numpy
        cases.append((inputs, out, upstream, op_vjps(spec, inputs, upstream)))
    try:
        entry = ctx.session.new(ENTRY_POINT)
        for inputs, out, upstream, wants in cases:
            for i, want in enumerate(wants):
                got = entry.call("bprop", spec.name, list(inputs), out, upstream, i, readonly=True)
                got = as_gradient(got, spec.name, spec.arity)
                if got.shape != want.shape or not np.allclose(got, want, rtol=1e-7, atol=1e-10):
                    return False
        return _shared_works(ctx, spec, rng)
    except (StudentException, BadReturn):
        return False
    # a hang or a crash (StudentTimeout, WorkerCrashed) stops the check: not caught here
    return True


def _shared_works(ctx: Ctx, spec: OpSpec, rng: np.random.Generator) -> bool:
    """Is bprop right with one node as both inputs (test graphs hold x * x and x + x)?"""
    if spec.name not in SHARED:
        return True
    x = sample(rng, (3, 4), spec.domain)
    out = _forward.forward(spec.name, x, x)
    upstream = rng.standard_normal(out.shape)
    for i, want in enumerate(op_vjps(spec, [x, x], upstream)):
        got = bprop_shared(ctx, spec, x, out, upstream, i)
        if got.shape != want.shape or not np.allclose(got, want, rtol=1e-7, atol=1e-10):
            return False
    return True


def usable_ops(ctx: Ctx) -> frozenset[str]:
    """The operations whose bprop is right on the shapes the test graphs use; GradingError
    when too few are (the algorithm cannot be checked yet)."""
    rng = np.random.default_rng(int(ctx.rng.integers(2**31)))
    good = frozenset(spec.name for spec in OPS if _op_works(ctx, spec, rng))
    broken = [f"{op}.bprop is not" for op in REQUIRED if op not in good]
    if not any(op in good for op in COMBINE):
        broken.append(f"neither {' nor '.join(op + '.bprop' for op in COMBINE)} is")
    if broken:
        _raise_if_not_implemented(ctx)
        raise GradingError(
            f"{ALGORITHM} cannot be checked yet: every test graph needs Sum.bprop, and Add.bprop "
            f"or Multiply.bprop, to be right, and {' and '.join(broken)} "
            f"(see {'its' if len(broken) == 1 and 'neither' not in broken[0] else 'their'} checks)"
        )
    return good


def _raise_if_not_implemented(ctx: Ctx) -> None:
    """Call the algorithm on a graph without operations: is build_grad written at all?"""
    rng = np.random.default_rng(0)
    try:
        run_algorithm(ctx, single_variable(rng, ()))
    except StudentException as exc:
        if exc.not_implemented:
            raise
    except GradingError:
        pass


def ops_note(good: frozenset[str]) -> str:
    """Said after a failure when some operations were left out of the test graphs."""
    left_out = [spec.name for spec in OPS if spec.name not in good]
    if not left_out:
        return ""
    return (
        f" (the test graphs leave out {', '.join(left_out)}: their bprop does not pass its "
        "checks yet)"
    )
