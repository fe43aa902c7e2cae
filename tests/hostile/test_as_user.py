"""The hostile corpus again, with an unprivileged grader (the CI-runner case), when the tests
run as root: the suite is re-run as `nobody`, through the same launcher a root grader uses
(`runner/_launch.py`), so an interpreter under a folder only root may enter stays usable."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from autograder.runner import _launch

ROOT = os.geteuid() == 0
AS_USER = "BACKPROP_HOSTILE_AS_USER"
NOBODY = 65534
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not ROOT, reason="already unprivileged: the suite itself is the run")
@pytest.mark.skipif(bool(os.environ.get(AS_USER)), reason="this is the unprivileged run")
def test_the_hostile_corpus_holds_with_an_unprivileged_grader():
    home = tempfile.mkdtemp(prefix="backprop-hostile-home-")
    os.chown(home, NOBODY, NOBODY)
    prefix = os.path.realpath(sys.base_prefix)
    command = [
        *_launch.command([])[:-1],  # the launcher, without "--"
        "--uid",
        str(NOBODY),
        "--reach",
        prefix,
        "--",
        sys.executable,
        "-m",
        "pytest",
        str(REPO / "tests" / "hostile"),
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "TMPDIR": home,
        AS_USER: "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    try:
        run = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900
        )
    finally:
        subprocess.run(["rm", "-rf", home], check=False)
    print(run.stdout[-4000:], run.stderr[-2000:])
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
