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
    "autograder.toolkit",
    "autograder.assignments",
    "autograder.reporters",
    "autograder.errors",
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
    from autograder import errors

    # GraderFault is outside the tree on purpose: run_class turns every GradingError into a
    # check result (a score), and a fault of the grader must never become one
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.GradingError) != (name == "GraderFault"), name


def test_the_error_a_caller_of_grade_handles_is_exported_with_it():
    import autograder

    assert autograder.SubmissionUnreadable is autograder.errors.SubmissionUnreadable
    with pytest.raises(autograder.SubmissionUnreadable, match="unknown assignment"):
        autograder.grade(".", autograder.GradeConfig(assignment="04_nope"))
