"""The verdict a student reads under a self-check cell: one class, every check, one line each."""

from __future__ import annotations

from ..results import CheckResult
from ..text import shown
from ._safe import safe_check

PASS, FAIL = "[ok]", "[X] "


def _points(x: float) -> str:
    return f"{x:g}"


def render_verdict(unit: str, checks: list[CheckResult], seed: int | str) -> str:
    unit, checks = shown(unit), [safe_check(c) for c in checks]
    score = sum(c.score for c in checks)
    total = sum(c.max_score for c in checks)
    passed = sum(c.passed for c in checks)
    head = (
        f"{unit}: {_points(score)}/{_points(total)} points, "
        f"{passed}/{len(checks)} checks passed (seed {seed})"
    )
    if passed == len(checks):
        return head + " -- all good."
    lines = [head]
    for c in checks:
        mark = PASS if c.passed else FAIL
        pts = f" ({_points(c.max_score)} pt)" if c.max_score else ""
        lines.append(f"  {mark} {c.name}{pts}")
        if not c.passed:
            lines.append(f"       {c.message}")
    return "\n".join(lines)
