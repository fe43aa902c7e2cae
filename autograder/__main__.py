"""``python -m autograder``: the command line, never importing from the folder it runs in.

``python -m`` puts the working directory first on sys.path, so grading from inside a
submission (``cd alice && python -m autograder grade .``) would import alice's ``numpy.py`` or
``torch.py`` into the grader itself. The package is already imported when this runs, so the
working directory can still be taken off sys.path before anything else is imported; and
PYTHONSAFEPATH keeps it off the path of every Python process the grader starts (3.11+). Only a
submission's own ``autograder.py`` or ``autograder/`` is found before this file can act: run
``python -P -m autograder`` (3.11+) or the ``backprop-kit`` script, whose path does not hold
the working directory.
"""

import os
import sys


def _forget_working_directory() -> None:
    here = os.path.realpath(os.getcwd())
    sys.path[:] = [p for p in sys.path if p and os.path.realpath(p) != here]
    os.environ["PYTHONSAFEPATH"] = "1"


_forget_working_directory()

from ._cli import main  # noqa: E402 - only once the working directory is off sys.path

sys.exit(main())
