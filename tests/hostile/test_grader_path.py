"""The grader never imports anything from the submission's folder, even when it is run from
inside it: not in its own process, not in the processes it starts (issue 16)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REFERENCE, ROOT
from tests.hostile._support import SEED

_PLANTED = """
import os, sys
with open({marker!r}, "a") as f:
    f.write(f"{{__name__}} imported by {{sys.argv}}\\n")
raise ImportError("planted")
"""


def test_grading_from_inside_a_submission_imports_nothing_from_it(tmp_path):
    folder = tmp_path / "alice"
    folder.mkdir()
    marker = tmp_path / "imported"
    (folder / "layers.py").write_text(REFERENCE.read_text())
    for name in ("numpy", "torch", "json", "zlib"):
        (folder / f"{name}.py").write_text(_PLANTED.format(marker=str(marker)))
    script = Path(sys.executable).with_name("backprop-kit")
    commands = [[sys.executable, "-m", "autograder"]]
    commands += [[str(script)]] if script.exists() else []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's kit, after the cwd
    for command in commands:
        done = subprocess.run(
            [*command, "grade", ".", "--format", "json", "--seed", str(SEED)],
            cwd=folder, capture_output=True, text=True, timeout=600, env=env,
        )  # fmt: skip
        assert not marker.exists(), marker.read_text()
        assert done.returncode == 0, done.stderr[-2000:]
        assert json.loads(done.stdout)["score"] == 100, command
