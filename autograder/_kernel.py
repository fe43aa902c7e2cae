"""The code a Jupyter kernel has run, as a submission the isolated grader loads.

The notebook's ``check``/``graded`` grade what the kernel ran -- its input history, in the order
it ran -- through the same loader and the same sandboxed worker as the command line, so a class
gets the same score in the notebook as from ``python -m autograder grade``: the same limits, one
BLAS thread, the student's own output captured instead of reaching the kernel's stderr (which
nbgrader would count as a failure).

What it is not: a way to read the saved notebook (unsaved edits that ran count; saved cells that
never ran do not), nor a sandbox for the kernel itself. Outside IPython (a plain script, tests)
there is no history, and `kernel_submission` yields None.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .loading import Submission, load_submission

#: sibling modules larger than this are not copied next to the kernel's history
_MAX_MODULE_BYTES = 1 << 20


def _history() -> list[str] | None:
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None:
        return None
    # In: the cells as run (magics already turned into calls, which the loader drops)
    history = shell.user_ns.get("In")
    if not isinstance(history, list):
        return None
    return [cell for cell in history if isinstance(cell, str) and cell.strip()]


@contextlib.contextmanager
def kernel_submission() -> Iterator[Submission | None]:
    """The kernel's history as a submission (None outside IPython), valid inside the block."""
    cells = _history()
    if cells is None:
        yield None
        return
    import nbformat

    folder = Path(tempfile.mkdtemp(prefix="backprop-kit-kernel-"))
    try:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
        path = folder / "kernel_history.ipynb"
        nbformat.write(nb, path)
        # modules the notebook imports from its folder (e.g. a released layers.py)
        for module in Path.cwd().glob("*.py"):
            small = module.is_file() and module.stat().st_size <= _MAX_MODULE_BYTES
            if small and not module.is_symlink():
                shutil.copy2(module, folder / module.name)
        yield load_submission(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
