"""A hand-made result with every status, a hidden check and printed output (no grading)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from autograder.results import CheckResult, GradeResult

SCHEMAS = Path(__file__).parent / "schemas"


def sample(hidden: bool = False) -> GradeResult:
    checks = (
        CheckResult("forward matches torch", "Linear", "__call__", "passed", 0, 0),
        CheckResult("bp_input matches torch", "Linear", "bp_input", "passed", 3, 3),
        CheckResult(
            "bp_param matches torch",
            "Linear",
            "bp_param",
            "failed",
            0,
            3,
            "Linear.bp_param['W']: wrong values; worst element at index (0, 1)",
        ),
        CheckResult("shapes", "ReLU", None, "error", 0, 1, "ReLU.bp_input raised ValueError"),
        CheckResult(
            "bp_input matches torch",
            "ReLU",
            "bp_input",
            "timeout",
            0,
            2,
            "ReLU.bp_input did not finish within 20 s (infinite loop?)",
            hidden=hidden,
        ),
        CheckResult("bp_param returns {}", "ReLU", "bp_param", "passed", 1, 1, hidden=hidden),
    )
    return GradeResult(
        submission="alice.ipynb",
        assignment="01_layers",
        seed=42,
        checks=checks,
        diagnostics=("alice.ipynb cell 3: NameError: name 'x' is not defined",),
        output="debug print from alice\n",
        isolation=("memory: 4096 MiB of address space per process",),
    )


def validate(document: dict, schema: str) -> None:
    jsonschema.validate(document, json.loads((SCHEMAS / schema).read_text()))
