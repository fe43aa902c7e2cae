"""The terminal report: one row per class, then every failed check with its message, loading
problems, and the start of what the submission printed."""

from __future__ import annotations

import textwrap

from .._results import CheckResult, GradeResult
from ._safe import safe_result

#: lines of the submission's own output shown under the table
_PRINTED_LINES = 20


def _pts(x: float) -> str:
    return f"{x:g}"


def _grouped(checks: list[CheckResult]) -> list[list[CheckResult]]:
    """Checks of one class with the same status and message, together (an untouched stub
    fails most checks of its class with one message: say it once)."""
    groups: dict[tuple, list[CheckResult]] = {}
    for c in checks:
        key = (c.layer, c.status, c.message) if c.message else (c.layer, c.name)
        groups.setdefault(key, []).append(c)
    return list(groups.values())


def render_table(result: GradeResult, verbose: bool = False) -> str:
    result = safe_result(result)  # no student text can draw on the terminal
    lines = [f"{result.submission}  (assignment {result.assignment}, seed {result.seed})", ""]
    width = max([len(layer) for layer in result.layers()] + [5])
    lines.append(f"  {'class':<{width}}  {'score':>7}  checks")
    lines.append(f"  {'-' * width}  {'-' * 7}  {'-' * 20}")
    for layer in result.layers():
        checks = result.for_layer(layer)
        score, total = result.layer_score(layer)
        passed = sum(c.passed for c in checks)
        status = f"{passed}/{len(checks)} passed"
        if len(checks) == 1 and not checks[0].passed:
            status = checks[0].message if len(checks[0].message) < 70 else checks[0].status
        lines.append(f"  {layer:<{width}}  {_pts(score) + '/' + _pts(total):>7}  {status}")
    lines.append(f"  {'-' * width}  {'-' * 7}")
    lines.append(f"  {'total':<{width}}  {_pts(result.score) + '/' + _pts(result.max_score):>7}")
    shown = [c for c in result.checks if verbose or not c.passed]
    if shown:
        lines += ["", "Checks:" if verbose else "Failed checks:"]
        for group in _grouped(shown):
            c = group[0]
            mark = "ok" if c.passed else c.status.upper()
            score = _pts(sum(g.score for g in group)) + "/" + _pts(sum(g.max_score for g in group))
            n = len(group) - 1
            more = f" and {n} more check{'s' if n > 1 else ''}" if n else ""
            names = c.name + more
            head = f"[{mark}] {c.layer} / {names} ({score})"
            lines += textwrap.wrap(head, 100, initial_indent="  ", subsequent_indent="      ")
            if c.message:
                lines += textwrap.wrap(
                    c.message, 100, initial_indent="      ", subsequent_indent="      "
                )
    if result.diagnostics:
        lines += ["", "While loading the submission:"]
        lines += [f"  - {d}" for d in result.diagnostics]
    printed = result.output.strip().splitlines()
    if printed:
        lines += ["", "Printed by the submission (shown, never read by the grader):"]
        lines += [f"  | {line}" for line in printed[:_PRINTED_LINES]]
        if len(printed) > _PRINTED_LINES:
            lines.append(f"  | [... {len(printed) - _PRINTED_LINES} more lines in the JSON report]")
    return "\n".join(lines)
