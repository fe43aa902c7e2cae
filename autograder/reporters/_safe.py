"""Every reporter starts here: the result with each string made safe to show (`_text.shown`).

Check names, class names, messages, diagnostics, the submission's path and what it printed
may all carry student text; after `safe_result` none holds a control character or runs over
its documented length, so no format can be forged or blown up by them.
"""

from __future__ import annotations

from dataclasses import replace

from ..results import CheckResult, GradeResult
from ..text import MAX_OUTPUT, shown, shown_lines


def safe_check(c: CheckResult) -> CheckResult:
    return replace(
        c,
        name=shown(c.name),
        unit=shown(c.unit),
        method=None if c.method is None else shown(c.method),
        message=shown(c.message),
    )


def safe_result(result: GradeResult) -> GradeResult:
    return replace(
        result,
        submission=shown(result.submission),
        assignment=shown(result.assignment),
        checks=tuple(safe_check(c) for c in result.checks),
        diagnostics=tuple(shown_lines(result.diagnostics)),
        output=shown(result.output, MAX_OUTPUT, lines=True),
        isolation=tuple(shown_lines(result.isolation)),
    )
