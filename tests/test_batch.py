"""Grading a whole class: parallel, resumable after a kill, one JSON per submission, a CSV.

The 40-submission test runs the real CLI with 2 graders, kills it half-way (the whole process
group, SIGKILL) and runs it again. Submissions define one or two reference classes each, so
every score is known in advance and grading stays quick.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

from autograder import _batch_pool, batch
from autograder.config import GradeConfig
from autograder.errors import SubmissionUnreadable
from autograder.reporters import gradebook_csv
from tests.conftest import REFERENCE

POINTS = {
    "Linear": 15,
    "ReLU": 12,
    "Sigmoid": 11,
    "Tanh": 11,
    "Softmax": 13,
    "MSELoss": 12,
    "CrossEntropyLoss": 12,
    "SoftmaxCrossEntropyLoss": 14,
}
MARKER = "BACKPROP_BATCH_TEST_MARKER"


def _classes() -> tuple[str, dict[str, str]]:
    header, *blocks = re.split(r"\n(?=class )", REFERENCE.read_text())
    return header, {re.match(r"class (\w+)", b).group(1): b for b in blocks}


def make_class(folder: Path, n: int) -> dict[str, int]:
    """`n` submissions of one or two reference classes; {id: expected score}."""
    header, blocks = _classes()
    names = list(blocks)
    expected = {}
    for i in range(n):
        keep = list(dict.fromkeys([names[i % 8], names[(i * 3 + 1) % 8]][: 1 + i % 2]))
        (folder / f"student{i:02d}.py").write_text(
            header + "\n" + "\n".join(blocks[k] for k in keep)
        )
        expected[f"student{i:02d}"] = sum(POINTS[k] for k in keep)
    return expected


def records(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in (out / "results").glob("*.json")}


def alive(marker: str) -> list[psutil.Process]:
    found = []
    for p in psutil.process_iter():
        try:
            if p.environ().get(MARKER) == marker and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p)
        except (psutil.Error, OSError):
            continue
    return found


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def scratch():
    """A private temp folder for the graders, like /tmp: sandboxes (another user) create and
    remove their folders there."""
    folder = Path(tempfile.mkdtemp(prefix="backprop-batch-tmp-"))
    folder.chmod(0o1777)
    yield folder
    subprocess.run(["rm", "-rf", str(folder)], check=False)


def test_forty_submissions_survive_a_kill_and_resume_to_the_same_gradebook(tmp_path, scratch):
    folder, out = tmp_path / "class", tmp_path / "grades"
    folder.mkdir()
    expected = make_class(folder, 40)
    marker = f"batch-{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, MARKER: marker, "TMPDIR": str(scratch)}
    command = [sys.executable, "-m", "autograder", "grade-all", str(folder), "--out", str(out)]

    first = subprocess.Popen(
        [*command, "--jobs", "2", "--seed", "9"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert wait_until(lambda: len(list((out / "results").glob("*.json"))) >= 12, 120)
    os.killpg(first.pid, signal.SIGKILL)  # the grader and its pool, mid-run
    first.wait()
    # the sandboxes notice their grader is gone, clean up and exit
    assert wait_until(lambda: alive(marker) == [], 20), alive(marker)
    assert wait_until(lambda: list(scratch.iterdir()) == [], 10), list(scratch.iterdir())
    before = {p.name: (p.stat().st_mtime_ns, p.read_text()) for p in (out / "results").glob("*")}
    done_early = {name for name in before if name.endswith(".json")}
    assert 12 <= len(done_early) < 40
    for name in done_early:  # atomic writes: every result there is complete
        json.loads(before[name][1])

    started = time.monotonic()
    second = subprocess.run(
        [*command, "--jobs", "2"], env=env, capture_output=True, text=True, timeout=600
    )
    elapsed = time.monotonic() - started
    print(f"resumed run: {elapsed:.1f} s for {40 - len(done_early)} submissions")
    assert second.returncode == 0, second.stderr
    assert f"{len(done_early)} already graded" in second.stdout
    assert alive(marker) == [] and list(scratch.iterdir()) == []

    got = records(out)
    assert {k: v["score"] for k, v in got.items()} == expected
    for name in done_early:  # not graded again
        path = out / "results" / name
        assert (path.stat().st_mtime_ns, path.read_text()) == before[name]
    assert [p.name for p in (out / "results").iterdir() if p.name.startswith(".")] == []

    text = (out / "gradebook.csv").read_text()
    assert text == gradebook_csv(list(got.values()))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == sorted(expected)
    for row in rows:
        record = got[row["id"]]
        assert float(row["score"]) == record["score"] and float(row["max_score"]) == 100
        per_class = {c: sum(x["score"] for x in record["checks"] if x["unit"] == c) for c in POINTS}
        assert {c: float(row[c]) for c in POINTS} == per_class
        assert row["status"] == "graded" and row["seed"] == "9"


def test_submissions_are_found_by_entry_with_distinct_ids(tmp_path):
    for name in ("bob.py", "bob.ipynb", "carol.py", "notes.txt", ".hidden.py"):
        (tmp_path / name).write_text("")
    (tmp_path / "dave").mkdir()
    (tmp_path / "grades").mkdir()
    entries = batch.find_submissions(tmp_path, exclude=tmp_path / "grades")
    assert [e.id for e in entries] == ["bob.ipynb", "bob.py", "carol", "dave"]


def test_a_rerun_regrades_only_what_changed_and_keeps_its_settings(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "grades"
    folder.mkdir()
    make_class(folder, 2)
    (folder / "broken.ipynb").write_text("{not json")
    first = batch.grade_all(folder, out, GradeConfig(seed=3), jobs=1)
    assert (first.graded, first.skipped) == (3, 0)
    assert records(out)["broken"]["status"] == "unreadable"
    (folder / "student01.py").write_text(_classes()[0] + "\n" + _classes()[1]["Tanh"])
    again = batch.grade_all(folder, out, GradeConfig(), jobs=1)
    assert (again.graded, again.skipped) == (1, 2)
    assert records(out)["student01"]["score"] == POINTS["Tanh"]
    assert records(out)["student01"]["seed"] == 3  # the run's seed, from out/batch.json
    with pytest.raises(SubmissionUnreadable, match="seed 3 .now 4."):
        batch.grade_all(folder, out, GradeConfig(seed=4), jobs=1)


def test_a_single_file_submission_cannot_import_its_neighbours(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "grades"
    folder.mkdir()
    (folder / "bob.py").write_text("SECRET_ANSWER = 42\n")
    (folder / "alice.py").write_text(
        REFERENCE.read_text() + "\nfrom bob import SECRET_ANSWER\n"
        "class ReLU(ReLU):\n    answer = SECRET_ANSWER\n"
    )
    batch.grade_all(folder, out, GradeConfig(seed=1), jobs=1)
    alice = records(out)["alice"]
    assert any("No module named 'bob'" in d for d in alice["diagnostics"])


def test_pool_processes_start_with_one_blas_thread():
    process = _batch_pool._Process()
    try:
        env = psutil.Process(process.popen.pid).environ()
    finally:
        process.stop()
    assert [env.get(v) for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")] == ["1", "1"]


def _shm() -> set[str]:
    return set(os.listdir("/dev/shm"))


def test_kill_9_of_grade_all_leaves_nothing_running_and_nothing_in_dev_shm(tmp_path, scratch):
    folder, out = tmp_path / "class", tmp_path / "grades"
    folder.mkdir()
    slow = "import time\nclass Linear(Linear):\n    def bp_input(self, grad):\n"
    slow += "        time.sleep(1)\n        return super().bp_input(grad)\n"
    for i in range(4):  # each takes well over ten seconds to grade
        (folder / f"slow{i}.py").write_text(REFERENCE.read_text() + "\n\n" + slow)
    marker = f"batch-kill-{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, MARKER: marker, "TMPDIR": str(scratch)}
    shm = _shm()
    grader = subprocess.Popen(
        [sys.executable, "-m", "autograder", "grade-all", str(folder), "--out", str(out)]
        + ["--jobs", "2", "--seed", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tree = psutil.Process(grader.pid)
    # both pool processes are grading: each has a sandbox (or worker) of its own below it
    assert wait_until(lambda: len(tree.children(recursive=True)) >= 6, 120)
    time.sleep(2)
    started = [p.pid for p in tree.children(recursive=True)]
    grader.send_signal(signal.SIGKILL)  # the grader alone, not its process group
    grader.wait()

    def gone() -> bool:
        return not [p for p in started if psutil.pid_exists(p) and _not_zombie(p)]

    assert wait_until(gone, 10), [p for p in started if psutil.pid_exists(p)]
    assert alive(marker) == []
    assert _shm() - shm == set(), "files left in /dev/shm"


def _not_zombie(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def test_a_forged_result_file_is_graded_again_on_resume(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "grades"
    folder.mkdir()
    header, blocks = _classes()
    (folder / "mallory.py").write_text(header + "\n" + blocks["ReLU"])
    batch.grade_all(folder, out, GradeConfig(seed=1), jobs=1)
    path = out / "results" / "mallory.json"
    record = json.loads(path.read_text())
    assert record["score"] == POINTS["ReLU"]
    forged = {**record, "score": 100, "signature": "0" * 64}
    path.write_text(json.dumps(forged))
    summary = batch.grade_all(folder, out, GradeConfig(seed=1), jobs=1)
    assert summary.graded == 1
    assert json.loads(path.read_text())["score"] == POINTS["ReLU"]


def test_without_any_sandbox_grade_all_refuses_unless_unsafe(tmp_path, monkeypatch):
    from autograder.runner import _bwrap

    monkeypatch.setattr(_bwrap, "available", lambda: (False, "bubblewrap is not installed"))
    monkeypatch.setattr(batch.os, "geteuid", lambda: 1000)
    (tmp_path / "class").mkdir()
    with pytest.raises(SubmissionUnreadable, match="no sandbox on this machine.*--unsafe"):
        batch.grade_all(tmp_path / "class", tmp_path / "out", GradeConfig(seed=1))
    summary = batch.grade_all(
        tmp_path / "class", tmp_path / "out", GradeConfig(seed=1), unsafe=True
    )
    assert summary.total == 0
