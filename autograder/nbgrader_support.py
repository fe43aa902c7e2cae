"""Warnings cannot zero an nbgrader test cell: in the kernels nbgrader starts, Python warnings
are printed on stdout instead of stderr.

nbgrader 0.9 gives an autograded cell 0 points as soon as the cell has *any* output on stderr
(`nbgrader.utils.determine_grade`), and Python prints warnings on stderr. So a correct cell that
happens to trigger a `DeprecationWarning` from a library, a numpy `RuntimeWarning` or a
`UserWarning` in an instructor's test would lose all its points. The course's
`nbgrader_config.py` passes `KERNEL_ARGUMENT` to every kernel nbgrader starts (`autograde`,
`validate`); it calls `warnings_to_stdout()` when the kernel starts, so warnings still appear in
the graded notebook and the feedback, word for word, but on stdout, where they do not count.

What it is:
  - a replacement for `warnings.showwarning` that writes the usual warning text to stdout;
    every warning the warnings module shows goes through it, whatever its category or format,
    including multi-line messages. `warnings.catch_warnings()` (e.g. `record=True` in a test)
    keeps working: it swaps `showwarning` out and back.

What it is not:
  - not a filter: no warning is hidden, and which warnings are shown is unchanged.
  - not a way around a failure: an exception in a test cell still gives 0, and the points of
    an autograded cell are still the value it returns (`graded(...)`).
  - it does not touch other stderr: `print(..., file=sys.stderr)`, `logging` handlers, progress
    bars (tqdm writes to stderr: pass `file=sys.stdout` in graded cells), or C libraries
    writing to file descriptor 2 still zero a test cell, as nbgrader intends.
  - it does not act in the student's own JupyterLab kernel: only kernels started with
    `KERNEL_ARGUMENT`, i.e. by nbgrader with the course's configuration.
"""

from __future__ import annotations

import contextlib
import sys
import warnings

__all__ = ["KERNEL_ARGUMENT", "warnings_to_stdout"]

#: the IPython kernel option that runs `warnings_to_stdout()` when the kernel starts
#: (no name is left in the notebook's namespace)
KERNEL_ARGUMENT = (
    "--IPKernelApp.exec_lines="
    "__import__('autograder.nbgrader_support').nbgrader_support.warnings_to_stdout()"
)


def _show_on_stdout(message, category, filename, lineno, file=None, line=None) -> None:
    # `file` is ignored on purpose: the default target (sys.stderr) is what must be avoided.
    text = warnings.formatwarning(message, category, filename, lineno, line)
    # no usable stdout: drop the warning, as the warnings module does with a broken stderr
    with contextlib.suppress(AttributeError, OSError, ValueError):
        sys.stdout.write(text)


def warnings_to_stdout() -> None:
    """From now on, print warnings on stdout (in this process)."""
    warnings.showwarning = _show_on_stdout
