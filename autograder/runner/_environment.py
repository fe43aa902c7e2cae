"""The environment a worker process starts with.

The grader's own, minus what student code must not see: the course secret and the seed (they
would let it predict hidden inputs) and anything named like a token, password or key (CI
runners hold some). Plus: one BLAS / OpenMP thread, unbuffered output (a class worker is
killed when its class ends, and its prints must not die in a buffer), no user site-packages,
a non-interactive matplotlib. (The worker points $HOME and $TMPDIR at its sandbox folder
itself, once it has made it: files written "at home" or "in the temp dir" go where they are
removed.)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: read by the grader, never passed on
HIDDEN = ("BACKPROP_KIT_SECRET", "BACKPROP_KIT_SEED")
_SECRET = re.compile(r"TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|_KEY$|^AWS_|^GH_", re.I)


def worker_environment() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in HIDDEN and not _SECRET.search(k) and k != "PYTHONPATH"
    }
    env.update(
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONNOUSERSITE="1",
        PYTHONUNBUFFERED="1",
        MPLBACKEND="Agg",
    )
    package_root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(package_root)
    return env
