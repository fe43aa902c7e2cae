"""Rules pay only for right values: the rubric rule that keeps a stub from scoring.

A property check (shapes, no in-place writes, the latest forward, call order, zero upstream,
`bp_param` returning {}, an operation's shapes, bprop counts, ...) asks whether code follows a
rule of the contract whatever its values, and a stub that returns zeros, its input or a
constant follows most of them. So a passed property check keeps its points only when the
unit's value checks -- the ones that compare values with torch autograd -- pass for the same
method; for a check that spans methods (method None), or whose method has no value check of
its own, every value check of the unit must pass. Otherwise the property check is reported as
failed, with 0 points and a message naming the value checks that did not pass. A property check that
failed on its own keeps its own message.

Checks without a role (finite differences, a loss's upstream scale, stability, ...) compare
values themselves and are left alone.
"""

from __future__ import annotations

from dataclasses import replace

from ..results import CheckResult
from .rubric import CheckDef


def _message(unit: str, method: str | None, failed: list[CheckDef]) -> str:
    names = ", ".join(f"'{d.name}'" for d in failed)
    what = f"{unit}.{method}" if method else unit
    return (
        f"not scored: {what} does not pass {names} yet, and this rule of the contract earns "
        "its points only once the values are right"
    )


def pay_only_right_values(defs: list[CheckDef], results: list[CheckResult]) -> list[CheckResult]:
    """`results` (one per def, in order), with passed property checks zeroed where the
    values they rely on are wrong."""
    failed_values = [
        d for d, r in zip(defs, results, strict=True) if d.role == "value" and not r.passed
    ]
    if not failed_values:
        return results
    checked = {d.method for d in defs if d.role == "value"}
    out = []
    for d, r in zip(defs, results, strict=True):
        if d.role != "property" or not r.passed:
            out.append(r)
            continue
        own = d.method is not None and d.method in checked
        blame = [v for v in failed_values if v.method == d.method] if own else failed_values
        if not blame:
            out.append(r)
            continue
        method = d.method if own else None
        message = _message(r.unit, method, blame)
        out.append(replace(r, status="failed", score=0, message=message))
    return out
