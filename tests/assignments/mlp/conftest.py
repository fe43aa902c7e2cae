"""Helpers of the assignment-2 tests: the solution as a submission, MNIST, grading units."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.assignments.mlp import UNITS, checks_for
from autograder.grading import run_class
from autograder.loading import load_submission
from autograder.runner import RemoteSession
from tests.conftest import real_mnist_dir

ROOT = Path(__file__).resolve().parents[3]
SOLUTION = ROOT / "solutions" / "02_mlp" / "02_mlp.ipynb"
EXERCISE = ROOT / "exercises" / "02_mlp" / "02_mlp.ipynb"
#: the fixed seed of these tests (printed on failure through the test ids / messages)
SEED = 20261122


def solution_source() -> str:
    """The shipped solution's definitions as one .py text (what the grader would run)."""
    return "\n\n".join(s.source for s in load_submission(SOLUTION).snippets)


def exact_defs(unit):
    """The unit's checks without the end-to-end MNIST run (it has its own tests)."""
    return [d for d in checks_for(unit) if "MNIST" not in d.name]


def grade_units(path: Path, seed: int = SEED, units=UNITS, e2e: bool = False):
    """Every check of `units` (without the end-to-end run unless asked) in one worker."""
    print(f"grading {path.name} with seed {seed}")
    results = []
    with RemoteSession(load_submission(path)) as session:
        for unit in units:
            defs = checks_for(unit) if e2e else exact_defs(unit)
            results += run_class(session, unit, seed, defs=defs)
    return results


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The folder of the MNIST files (tests/conftest.py's lookup; skips when absent)."""
    return real_mnist_dir()


@pytest.fixture()
def with_mnist(mnist_dir, monkeypatch) -> Path:
    """BACKPROP_KIT_MNIST set for the grader (and inherited by nothing else)."""
    monkeypatch.setenv("BACKPROP_KIT_MNIST", str(mnist_dir))
    return mnist_dir
