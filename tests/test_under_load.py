"""A busy machine never costs a correct submission a point: the shipped solutions of every
assignment graded while busy processes outnumber the cores several times over.

Limits are CPU time (the MNIST budget) or wall-clock limits stretched by the machine's load
(each check), so the same code gets the same score on an idle or a loaded machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.config import GradeConfig
from autograder.grading import grade

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

ROOT = Path(__file__).resolve().parents[1]
#: busy processes per core
OVERLOAD = 3


@pytest.fixture(scope="module")
def busy_machine():
    """Processes that spin (pure Python, and numpy with every BLAS thread) until the end."""
    spin = "while True: pass"
    blas = "import numpy as np\na = np.ones((600, 600))\nwhile True: a @ a"
    env = {k: v for k, v in os.environ.items() if "THREADS" not in k}  # BLAS unpinned
    count = OVERLOAD * (os.cpu_count() or 1)
    procs = [
        subprocess.Popen([sys.executable, "-c", blas if i % 2 else spin], env=env)
        for i in range(count)
    ]
    yield count
    for p in procs:
        p.kill()
        p.wait()


@pytest.mark.parametrize("assignment", ["01_layers", "02_mlp", "03_graph"])
def test_a_correct_submission_gets_full_marks_on_a_busy_machine(busy_machine, assignment):
    result = grade(ROOT / "solutions" / assignment, GradeConfig(seed=5))
    lost = [(c.unit, c.name, c.message) for c in result.checks if not c.passed]
    print(
        f"{assignment}: {result.score}/{result.max_score} with {busy_machine} busy processes, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    assert lost == []
    assert result.score == result.max_score == 100
