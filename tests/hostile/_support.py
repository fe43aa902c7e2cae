"""Grading a hostile submission, and the checks every hostile test makes.

A corpus file (``corpus/<threat>.py``) holds a hostile class, then after a line starting with
``# --- honest twin`` the same class without the attack (what it would earn honestly). The
hostile part is appended to the reference implementation and graded for real, in worker
processes; the twin is graded in this process, for its class only, with the same seed.

A test tells the hostile code where to aim through ``BACKPROP_HOSTILE_*`` variables: the
grader passes no such variable on (its environment is an allow-list), so their values are
written into the submission's source, as a student would hard-code them.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psutil

from autograder.config import GradeConfig
from autograder.grading import grade
from autograder.results import CheckResult, GradeResult
from tests.conftest import REFERENCE, define, reference_namespace, run_local

CORPUS = Path(__file__).parent / "corpus"


def _bwrap_works() -> bool:
    """Whether bubblewrap can build a sandbox's namespaces on this machine, as this user
    (probed here, independently of the runner: where it can, the runner must use it)."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return False
    probe = [bwrap, "--unshare-all", "--unshare-user", "--ro-bind", "/", "/", "true"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


#: protections that only a bubblewrap sandbox gives are asserted wherever it can be built
SANDBOX = _bwrap_works()
SEED = 11
ROOT = os.geteuid() == 0
MARKER_ENV = "BACKPROP_HOSTILE_MARKER"
_GET = re.compile(r'os\.environ\.get\("(BACKPROP_HOSTILE_\w+)"(?:,\s*([^()]*?))?\)')
_TWIN = re.compile(r"^# --- honest twin.*$", re.M)


def parts(name: str) -> tuple[str, str, str]:
    """(target class, hostile source, honest twin source) of a corpus file."""
    text = (CORPUS / f"{name}.py").read_text()
    target = re.search(r"^# target: (\w+)$", text, re.M).group(1)
    hostile, twin = _TWIN.split(text, maxsplit=1)
    return target, hostile, twin


def _children() -> set[int]:
    return {c.pid for c in psutil.Process().children(recursive=True)}


def sandbox_processes(marker: str, before: set[int] = frozenset()) -> list[psutil.Process]:
    """Worker processes of this test still alive: our children (sandboxes and workers) that
    were not there before grading (other tests' session-wide servers, e.g. the browser test's
    JupyterLab, are). (A process that leaves our tree is looked for by the tests that start
    one, by its command line: other graders may run on this machine at the same time, with
    sandbox uids too.)"""
    found = []
    for c in psutil.Process().children(recursive=True):
        try:
            # a new process of a server that was already running (the browser test's chromium
            # starts helpers at any time) is that server's, not grading's
            if c.pid in before or any(p.pid in before for p in c.parents()):
                continue
            if c.status() != psutil.STATUS_ZOMBIE:
                found.append(c)
        except psutil.Error:
            continue
    return found


def aimed(hostile: str) -> str:
    """The hostile source with the test's BACKPROP_HOSTILE_* settings written into it: each
    ``os.environ.get("BACKPROP_HOSTILE_X", default)`` becomes the value the test set."""

    def value(match: re.Match) -> str:
        name, default = match.group(1), match.group(2)
        if name in os.environ:
            return repr(os.environ[name])
        return default if default is not None else "None"

    return _GET.sub(value, hostile)


@contextlib.contextmanager
def _marked_run():
    """A marker in the environment the workers inherit, and a temp dir of our own (so other
    graders running on the machine do not count)."""
    marker = f"hostile-{uuid.uuid4().hex}"
    folder = tempfile.mkdtemp(prefix="backprop-hostile-tmp-")
    os.chmod(folder, 0o711)  # the sandbox user must reach its own folder inside
    saved = tempfile.tempdir
    os.environ[MARKER_ENV], tempfile.tempdir = marker, folder
    try:
        yield marker, folder
    finally:
        del os.environ[MARKER_ENV]
        tempfile.tempdir = saved
        shutil.rmtree(folder, ignore_errors=True)


def grade_hostile(tmp_path: Path, name: str, **config) -> tuple[GradeResult, dict]:
    """Grade the hostile submission; return its result and the twin's checks by name.

    Asserts that grading left no worker process and no sandbox folder behind.
    """
    target, hostile, twin = parts(name)
    path = tmp_path / f"{name}.py"
    path.write_text(REFERENCE.read_text() + "\n\n" + aimed(hostile))
    print(f"seed {SEED}")
    with _marked_run() as (marker, folder):
        before = _children()
        result = grade(path, GradeConfig(seed=SEED, **config))
        left = [(p.pid, " ".join(p.cmdline())) for p in sandbox_processes(marker, before)]
        assert left == [], f"worker processes outlived grading: {left}"
        assert os.listdir(folder) == [], "a sandbox folder outlived grading"
    honest = run_local(define(twin, reference_namespace())[target], target, seed=SEED)
    return result, honest


def assert_contained(result: GradeResult, target: str, honest: dict[str, CheckResult]) -> None:
    """Untouched classes keep full marks; the target earns no check its twin does not."""
    text = " ".join(c.message for c in result.checks) + " ".join(result.diagnostics)
    assert "NameError" not in text, "the hostile file itself is broken (call-free definitions?)"
    for layer in result.units():
        if layer != target:
            score, total = result.unit_score(layer)
            assert score == total, f"{layer} lost points: {result.for_unit(layer)}"
    for check in result.for_unit(target):
        twin = honest[check.name]
        assert twin.passed or not check.passed, (
            f"{target} / {check.name} passed, but honestly it earns nothing: {twin.message}"
        )


def messages(result: GradeResult, layer: str) -> list[str]:
    return [c.message for c in result.for_unit(layer) if not c.passed]


def processes_with(marker: str) -> list[psutil.Process]:
    out = []
    for p in psutil.process_iter(["cmdline"]):
        if marker in " ".join(p.info["cmdline"] or []) and p.status() != psutil.STATUS_ZOMBIE:
            out.append(p)
    return out
