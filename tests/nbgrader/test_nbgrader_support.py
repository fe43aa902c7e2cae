"""autograder.nbgrader_support: warnings go to stdout, nothing else changes."""

from __future__ import annotations

import subprocess
import sys

from autograder import nbgrader_support

PROGRAM = """
import sys, warnings
from autograder.nbgrader_support import warnings_to_stdout
warnings_to_stdout()
warnings.warn("first", UserWarning)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("recorded")
print("recorded:", [str(w.message) for w in caught])
warnings.warn("two\\nlines", DeprecationWarning)
print("to stderr on purpose", file=sys.stderr)
"""


def test_warnings_are_printed_on_stdout_and_stderr_is_left_alone():
    run = subprocess.run(
        [sys.executable, "-W", "always", "-c", PROGRAM], capture_output=True, text=True, check=True
    )
    assert "UserWarning: first" in run.stdout
    assert "DeprecationWarning: two\nlines" in run.stdout
    assert "recorded: ['recorded']" in run.stdout
    assert "UserWarning: recorded" not in run.stdout  # caught, so not shown
    assert run.stderr == "to stderr on purpose\n"


def test_the_kernel_argument_calls_it_without_leaving_a_name():
    option, code = nbgrader_support.KERNEL_ARGUMENT.split("=", 1)
    assert option == "--IPKernelApp.exec_lines"
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import warnings\nns = {{}}\nexec({code!r}, ns)\n"
            "print(warnings.showwarning.__module__, sorted(k for k in ns if k != '__builtins__'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == ["autograder.nbgrader_support", "[]"]
