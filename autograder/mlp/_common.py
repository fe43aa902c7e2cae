"""What every assignment-2 check starts with, and the validation of what comes back.

- `start(ctx)`: the probes (and the submission's own classes) are constructible in the
  session.
- `as_grads`: a `Sequential.grads` value as a list of dicts of float64 arrays, or a message
  saying what is wrong with its structure.
- `explain_write`: a write into a read-only argument turned into a failed check naming it.
- `raised` / `plain_errors`: a student exception as a message that says where it happened and
  on what, without a guessed cause (the generic "transpose?" of a shape error is not shown in
  assignment 2: there it was wrong more often than right); a hint only when the caller
  verified it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from .._exceptions import (
    BadReturn,
    CheckFailed,
    ShapeMismatch,
    StudentException,
    SubmissionError,
)
from ..checks._compare import as_param_dict, assert_close
from ..checks._drive import Ctx
from ..runner._plain import Unsupported
from ._net import Net, Params
from ._probes import with_probes

_READ_ONLY = ("read-only", "not writeable", "is read only")


def start(ctx: Ctx) -> None:
    with_probes(ctx.session)


def _kind(value: Any) -> str:
    if isinstance(value, Unsupported):  # a value that could not cross: its type name only
        return f"a {value.type_name}"
    return "None" if value is None else f"a {type(value).__name__}"


def as_grads(value: Any, net: Net, where: str) -> Params:
    """`value` as one dict per layer with exactly that layer's parameter names as keys."""
    n = len(net)
    if not isinstance(value, list):
        raise BadReturn(
            f"{where} is {_kind(value)}, expected a list with one dict per layer (set it in "
            "backward)"
        )
    if len(value) != n:
        raise ShapeMismatch(
            f"{where} has {len(value)} entries for {n} layers: it needs one dict per layer, in "
            "the order of `layers`, with {} for a layer without parameters (collect every "
            "layer's bp_param result, not only some)"
        )
    keys = [tuple(p) for _, p, _ in net]
    got_keys = [tuple(sorted(g)) if isinstance(g, dict) else None for g in value]
    if got_keys != [tuple(sorted(k)) for k in keys] and got_keys[::-1] == [
        tuple(sorted(k)) for k in keys
    ]:
        raise ShapeMismatch(
            f"{where} is in reverse order: grads[i] must belong to layers[i] (the dicts were "
            "appended while walking the layers backwards; fill the list by index or reverse it)"
        )
    return [
        as_param_dict(g, f"{where}[{i}] ({kind})", p)
        for i, (g, (kind, p, _)) in enumerate(zip(value, net, strict=True))
    ]


def explain_write(exc: StudentException, what: str) -> CheckFailed | StudentException:
    """A write into a read-only argument becomes a failed check naming the argument."""
    if any(marker in exc.detail for marker in _READ_ONLY):
        return CheckFailed(
            f"{exc.where} wrote into a read-only array: it modifies {what} in place. Likely "
            "mistake: input modified in place -- build new arrays instead (g = g * mask, not "
            "g *= mask; X[order], not rng.shuffle(X))"
        )
    return exc


def raised(
    exc: StudentException, context: str = "", hint: str | None = None
) -> SubmissionError:
    """`exc` retold: what raised, where in the student's code, on what (`context`), and a
    likely mistake only when the caller checked it (`hint`)."""
    if exc.not_implemented:
        return exc
    text = f"{exc.where} raised {exc.exc_type}" + (f": {exc.detail}" if exc.detail else "")
    text += f" ({exc.location})" if exc.location else ""
    text += f", {context}" if context else ""
    return SubmissionError(text + (f". Likely mistake: {hint}." if hint else "."))


def plain_errors(check: Callable[[Ctx], Any]) -> Callable[[Ctx], Any]:
    """`check`, with any student exception it lets through retold by `raised`."""

    @functools.wraps(check)
    def run(ctx: Ctx) -> Any:
        try:
            return check(ctx)
        except StudentException as exc:
            raise raised(exc) from None

    return run


def compare(
    where: str,
    expected: np.ndarray,
    got: np.ndarray,
    *,
    reveal: bool = True,
    batch: int | None = None,
    alternatives: dict[str, np.ndarray] | None = None,
) -> None:
    """`assert_close`, with two additions: alternatives that agree with each other are named
    together, and an alternative is named even when its shape differs from the expected one."""
    merged: dict[str, np.ndarray] = {}
    for name, value in (alternatives or {}).items():
        same = next((k for k, v in merged.items() if close(value, v)), None)
        if same is None:
            merged[name] = np.asarray(value, dtype=np.float64)
        else:
            merged[f"{same}; or {name}"] = merged.pop(same)
    got = np.asarray(got, dtype=np.float64)
    if got.shape != np.shape(expected):
        for name, value in merged.items():
            if close(got, value):
                raise ShapeMismatch(
                    f"{where} returned shape {got.shape}, expected {np.shape(expected)}. "
                    f"Likely mistake: {name}."
                )
    assert_close(where, expected, got, reveal=reveal, batch=batch, alternatives=merged)


def close(a: np.ndarray, b: np.ndarray) -> bool:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return False
    scale = max(float(np.abs(b).max(initial=0.0)), 1e-12)
    return float(np.abs(a - b).max(initial=0.0)) <= 1e-6 * scale
