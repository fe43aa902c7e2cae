"""The environment a worker process starts with: an allow-list, nothing inherited by default.

The grader's environment holds things student code must not see -- the course secret and seed,
CI tokens (`CI_JOB_JWT`, `GITHUB_TOKEN`), database passwords, cloud keys under any name. A deny-
list always misses one, so only these pass: PATH (a fixed, system one), the locale (LANG,
LC_*, and the time zone), $HOME and $TMPDIR pointing into the sandbox, one BLAS / OpenMP thread,
and what Python needs (unbuffered output -- a class worker is killed when its class ends and its
prints must not die in a buffer --, no bytecode files, no user site-packages, a non-interactive
matplotlib).
"""

from __future__ import annotations

import os
from pathlib import Path

#: read by the grader, never passed on (listed for the documentation: nothing outside
#: `_PASSED` is passed on anyway)
HIDDEN = ("BACKPROP_KIT_SECRET", "BACKPROP_KIT_SEED")
#: the only variables taken from the grader's environment (LC_* too)
_PASSED = ("LANG", "LANGUAGE", "TZ")
PATH = "/usr/local/bin:/usr/bin:/bin"
_FIXED = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONNOUSERSITE": "1",
    "PYTHONUNBUFFERED": "1",
    # never import from the working directory (a planted numpy.py there), Python 3.11+
    "PYTHONSAFEPATH": "1",
    "MPLBACKEND": "Agg",
}


def _allowed(name: str) -> bool:
    return name in _PASSED or name.startswith("LC_")


def sandbox_environment(home: str) -> dict[str, str]:
    """The whole environment of a worker whose folder is `home` (inside a sandbox)."""
    env = {k: v for k, v in os.environ.items() if _allowed(k)}
    env.update(_FIXED, PATH=PATH, HOME=home, TMPDIR=f"{home}/tmp")
    return env


def worker_environment() -> dict[str, str]:
    """The environment of a worker started without a sandbox (the fallback): the same list,
    plus the kit on PYTHONPATH; the worker points $HOME and $TMPDIR at the folder it makes."""
    env = {k: v for k, v in os.environ.items() if _allowed(k)}
    env.update(_FIXED, PATH=PATH)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env
