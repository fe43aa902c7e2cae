"""The terminal report: one row per class, then every failed check with its message, loading
problems, and the start of what the submission printed."""

from __future__ import annotations

import textwrap

from ..results import CheckResult, GradeResult
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
        key = (c.unit, c.status, c.message) if c.message else (c.unit, c.name)
        groups.setdefault(key, []).append(c)
    return list(groups.values())


def render_table(result: GradeResult, verbose: bool = False) -> str:
    result = safe_result(result)  # no student text can draw on the terminal
    lines = [f"{result.submission}  (assignment {result.assignment}, seed {result.seed})", ""]
    lines += _scores(result)
    shown = [c for c in result.checks if verbose or not c.passed]
    if shown:
        lines += ["", "Checks:" if verbose else "Failed checks:"]
        lines += _details(shown)
    if result.diagnostics:
        lines += ["", "While loading the submission:"]
        lines += [f"  - {d}" for d in result.diagnostics]
    lines += _printed(result.output)
    return "\n".join(lines)


def _scores(result: GradeResult) -> list[str]:
    """One row per unit (score, how many checks passed), then the total."""
    width = max([len(unit) for unit in result.units()] + [5])
    lines = [
        f"  {'class':<{width}}  {'score':>7}  checks",
        f"  {'-' * width}  {'-' * 7}  {'-' * 20}",
    ]
    for unit in result.units():
        checks = result.for_unit(unit)
        score, total = result.unit_score(unit)
        status = f"{sum(c.passed for c in checks)}/{len(checks)} passed"
        if len(checks) == 1 and not checks[0].passed:
            status = checks[0].message if len(checks[0].message) < 70 else checks[0].status
        lines.append(f"  {unit:<{width}}  {_pts(score) + '/' + _pts(total):>7}  {status}")
    lines.append(f"  {'-' * width}  {'-' * 7}")
    lines.append(f"  {'total':<{width}}  {_pts(result.score) + '/' + _pts(result.max_score):>7}")
    return lines


def _details(shown: list[CheckResult]) -> list[str]:
    """Each group of checks with one message: its head line, then the message, wrapped."""
    lines: list[str] = []
    for group in _grouped(shown):
        c = group[0]
        mark = "ok" if c.passed else c.status.upper()
        score = _pts(sum(g.score for g in group)) + "/" + _pts(sum(g.max_score for g in group))
        n = len(group) - 1
        more = f" and {n} more check{'s' if n > 1 else ''}" if n else ""
        head = f"[{mark}] {c.unit} / {c.name + more} ({score})"
        lines += textwrap.wrap(head, 100, initial_indent="  ", subsequent_indent="      ")
        if c.message:
            lines += textwrap.wrap(
                c.message, 100, initial_indent="      ", subsequent_indent="      "
            )
    return lines


def _printed(output: str) -> list[str]:
    """What the submission printed, capped (the JSON report has all of it)."""
    printed = output.strip().splitlines()
    if not printed:
        return []
    lines = ["", "Printed by the submission (shown, never read by the grader):"]
    lines += [f"  | {line}" for line in printed[:_PRINTED_LINES]]
    if len(printed) > _PRINTED_LINES:
        lines.append(f"  | [... {len(printed) - _PRINTED_LINES} more lines in the JSON report]")
    return lines
