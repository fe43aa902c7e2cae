"""The CLI's JSON: {"score", "max_score", "checks": [{name, unit, method, status, score,
max_score, message}], plus "assignment", "submission", "seed", "diagnostics"}."""

from __future__ import annotations

import json

from ..results import GradeResult
from ._safe import safe_result


def to_json(result: GradeResult) -> str:
    return json.dumps(safe_result(result).to_dict(), indent=2)
