"""The public API is small and honest: every name in __all__ exists, and importing the
package does not import torch (the notebook self-check must stay cheap to import)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

PUBLIC_MODULES = [
    "autograder",
    "autograder.notebook",
    "autograder.runner",
    "autograder.checks",
    "autograder.reporters",
    "autograder._exceptions",
    "autograder.data",
]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_every_name_in_all_exists(name):
    module = importlib.import_module(name)
    assert module.__all__, f"{name} has an empty __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert missing == []


def test_importing_the_package_and_the_notebook_api_does_not_import_torch():
    code = "import sys, autograder, autograder.notebook; print('torch' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_every_exception_derives_from_grading_error_but_the_graders_own_fault():
    from autograder import _exceptions

    # GraderFault is outside the tree on purpose: run_class turns every GradingError into a
    # check result (a score), and a fault of the grader must never become one
    for name in _exceptions.__all__:
        cls = getattr(_exceptions, name)
        assert issubclass(cls, _exceptions.GradingError) != (name == "GraderFault"), name
