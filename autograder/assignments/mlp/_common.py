"""What every assignment-2 check starts with, and the validation of what comes back.

- `start(ctx)`: the probes (and the submission's own classes) are constructible in the
  session.
- `as_grads`: a `Sequential.grads` value as a list of dicts of float64 arrays, or a message
  saying what is wrong with its structure.
- `explain_write`: a write into a read-only argument turned into a failed check naming it.
- `Problems`: several comparisons of one check, every failure reported (not only the first).
- `raised` / `plain_errors`: a student exception as a message that says where it happened and
  on what, without a guessed cause (the generic "transpose?" of a shape error is not shown in
  assignment 2: there it was wrong more often than right); a hint only when the caller
  verified it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from ...errors import BadReturn, CheckFailed, ShapeMismatch, StudentException, SubmissionError
from ...runner import Unsupported
from ...toolkit.compare import as_param_dict, assert_close
from ...toolkit.drive import Ctx
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


def raised(exc: StudentException, context: str = "", hint: str | None = None) -> SubmissionError:
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
        hint = next((name for name, value in merged.items() if close(got, value)), None)
        hint = hint or _shape_hint(np.asarray(expected, dtype=np.float64), got)
        raise ShapeMismatch(
            f"{where} returned shape {got.shape}, expected {np.shape(expected)}"
            + (f". Likely mistake: {hint}." if hint else "")
        )
    assert_close(where, expected, got, reveal=reveal, batch=batch, alternatives=merged)


def _shape_hint(expected: np.ndarray, got: np.ndarray) -> str | None:
    """A shape mistake named only when undoing it gives the expected values."""
    if got.ndim == 2 and close(got.T, expected):
        return "transposed (its transpose is the expected answer)"
    if got.ndim == expected.ndim + 1 and close(got.sum(axis=0), expected):
        return "did not sum over the batch axis (axis 0): its sum is the expected answer"
    if got.size == expected.size and close(got.reshape(expected.shape), expected):
        return "the right values in the wrong shape (an extra axis, or a reshape)"
    return None


def close(a: np.ndarray, b: np.ndarray) -> bool:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return False
    scale = max(float(np.abs(b).max(initial=0.0)), 1e-12)
    return float(np.abs(a - b).max(initial=0.0)) <= 1e-6 * scale


_LIKELY = ". Likely mistake: "


class Problems:
    """Collects the failures of several comparisons and raises them as one, so a student sees
    every parameter (every case) that is wrong, not only the first."""

    #: failures shown in one message; the rest are counted
    SHOWN = 6

    def __init__(self) -> None:
        self.found: list[CheckFailed] = []

    @contextlib.contextmanager
    def each(self) -> Iterator[None]:
        try:
            yield
        except CheckFailed as exc:
            self.found.append(exc)

    def raise_all(self) -> None:
        if len(self.found) == 1:
            raise self.found[0]
        if not self.found:
            return
        # one likely mistake shared by every failure is said once, after the list
        parts = [str(e).partition(_LIKELY) for e in self.found]
        hints = {hint for _, sep, hint in parts}
        common = len(hints) == 1 and parts[0][1]
        items = [
            head.rstrip(".") if common else str(e)
            for (head, _, _), e in zip(parts, self.found, strict=True)
        ]
        shown = [f"({i}) {text}" for i, text in enumerate(items[: self.SHOWN], 1)]
        more = len(items) - self.SHOWN
        text = f"{len(items)} problems: " + "; ".join(shown)
        text += f"; ... and {more} more" if more > 0 else ""
        text += f". Likely mistake, for every one: {parts[0][2]}" if common else ""
        raise type(self.found[0])(text)
