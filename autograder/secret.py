"""The course secret and the hidden seeds derived from it: grader side only.

Hidden tests use seeds the student never sees. They are derived from the course secret,
``$BACKPROP_KIT_SECRET``, which only the instructor's grading commands read (the isolated
regrade of nbgrader submissions, the CLI with ``--hide-values``, the Gradescope zip). The
notebook API running in a student's kernel never reads it: a kernel runs student code, which
can read anything its process can.
"""

from __future__ import annotations

import os
import zlib

from .errors import GradingError

#: the environment variable holding the course secret
SECRET_VARIABLE = "BACKPROP_KIT_SECRET"


def course_secret() -> str:
    """The course secret; GradingError when it is not set."""
    secret = os.environ.get(SECRET_VARIABLE, "")
    if not secret:
        raise GradingError(
            f"hidden tests need the course secret: set {SECRET_VARIABLE} "
            "(instructor_guide.md, section 2)"
        )
    return secret


def hidden_seed(unit: str, secret: str) -> int:
    """The hidden seed of one graded unit (a class or function name) under `secret`."""
    return zlib.crc32(f"{secret}/{unit}".encode()) % 2**31
