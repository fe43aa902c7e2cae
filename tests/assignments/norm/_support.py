"""Shared helpers of the assignment-4 tests: grading one class of a namespace in this process,
without the MNIST run (tests/assignments/norm/test_end_to_end_norm.py runs that)."""

from __future__ import annotations

from pathlib import Path

from autograder import assignments
from autograder.grading import run_class
from autograder.results import CheckResult
from autograder.runner import LocalSession

ROOT = Path(__file__).resolve().parents[3]
CORPUS = Path(__file__).parent / "corpus"
REFERENCE = CORPUS / "reference.py"
ASSIGNMENT = assignments.get("04_norm")
#: the seed of the in-process tests (printed by `grade_class`)
SEED = 20261201


def namespace(extra: str = "") -> dict:
    """The corpus reference's definitions, then `extra` run after them."""
    ns: dict = {"__name__": "submission"}
    exec(compile(REFERENCE.read_text(encoding="utf-8"), str(REFERENCE), "exec"), ns)
    if extra:
        exec(compile(extra, "<variant>", "exec"), ns)
    return ns


def exact_checks(unit: str) -> list:
    """The class's checks, without the MNIST run."""
    return [d for d in ASSIGNMENT.rubric(ASSIGNMENT.unit(unit)) if "MNIST" not in d.name]


def grade_class(ns: dict, unit: str, seed: int = SEED, reveal: bool = True) -> list[CheckResult]:
    print(f"grading {unit} with seed {seed}")
    spec = ASSIGNMENT.unit(unit)
    return run_class(LocalSession(ns), spec, seed, defs=exact_checks(unit), reveal=reveal)


def score(results: list[CheckResult]) -> tuple[float, float]:
    return sum(r.score for r in results), sum(r.max_score for r in results)


def failures(results: list[CheckResult]) -> dict[str, str]:
    return {r.name: r.message for r in results if not r.passed}
