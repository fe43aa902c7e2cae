"""Shared helpers of the assignment-3 tests: the solution's definitions, and grading one unit
of them (or of a variant) in this process."""

from __future__ import annotations

import functools
from pathlib import Path

from autograder import assignments
from autograder.grading import run_class
from autograder.loading import load_submission
from autograder.results import CheckResult
from autograder.runner import LocalSession

ROOT = Path(__file__).resolve().parents[3]
SOURCE = ROOT / "solutions" / "03_graph" / "03_graph.ipynb"
EXERCISE = ROOT / "exercises" / "03_graph" / "03_graph.ipynb"
ASSIGNMENT = assignments.get("03_graph")
#: the seed of the in-process tests
SEED = 20261122


@functools.cache
def _solution_snippets() -> tuple:
    return load_submission(SOURCE).snippets


def namespace(extra: str = "", path: Path | None = None) -> dict:
    """The definitions of the solution notebook (or `path`), then `extra` run after them.

    OPS is rebuilt afterwards, so a redefined operation class is the one the entry point uses,
    as it would be in a student's notebook."""
    snippets = load_submission(path).snippets if path else _solution_snippets()
    ns: dict = {"__name__": "submission"}
    for snippet in snippets:
        exec(compile(snippet.source, snippet.origin, "exec"), ns)
    if extra:
        exec(compile(extra, "<variant>", "exec"), ns)
    ns["OPS"] = {name: ns[name] for name in ns["OPS"]}
    return ns


def grade_unit(ns: dict, unit: str, seed: int = SEED, reveal: bool = True) -> list[CheckResult]:
    print(f"grading {unit} with seed {seed}")
    spec = ASSIGNMENT.unit(unit)
    return run_class(LocalSession(ns), spec, seed, defs=ASSIGNMENT.rubric(spec), reveal=reveal)


def score(results: list[CheckResult]) -> tuple[float, float]:
    return sum(r.score for r in results), sum(r.max_score for r in results)


def failures(results: list[CheckResult]) -> dict[str, str]:
    return {r.name: r.message for r in results if not r.passed}
