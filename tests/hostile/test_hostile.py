"""Hostile submissions: grading finishes, untouched classes keep full marks, the hostile class
earns nothing its honest twin would not, and no process or file is left behind.

Each test grades one file of `corpus/` for real (worker processes, no mocks). Protections the
system only grants to a root grader (private uid, network namespace, hidden autodiff folders,
process limit, sweeping /tmp) are asserted only when the tests run as root; see
docs/isolation.md.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import torch  # noqa: F401 - imported up front so no check's time budget pays for it

from autograder.assignments.layers.contract import BY_NAME
from autograder.grading import run_class
from autograder.runner import LocalSession
from autograder.runner._load import load_factor
from tests.conftest import REFERENCE, define, reference_namespace
from tests.hostile._support import (
    ROOT,
    SANDBOX,
    SEED,
    aimed,
    assert_contained,
    grade_hostile,
    messages,
    parts,
    processes_with,
)

root_only = pytest.mark.skipif(not ROOT, reason="this protection needs a root grader")
needs_sandbox = pytest.mark.skipif(
    not SANDBOX, reason="bubblewrap cannot build namespaces on this machine (docs/isolation.md)"
)


def test_a_hang_is_stopped_at_the_time_limit(tmp_path):
    started = time.monotonic()
    result, honest = grade_hostile(tmp_path, "hang", check_timeout=2.0)
    assert_contained(result, "Tanh", honest)
    assert any(c.status == "timeout" for c in result.for_unit("Tanh"))
    # "within 2 s", or more on a busy machine ("5.46 s (2 s, scaled for the machine's load)")
    assert re.search(r"did not finish within [\d.]+ s", " ".join(messages(result, "Tanh")))
    # each check's limit is stretched by the machine's load (runner/_load.py), so is the bound
    assert time.monotonic() - started < 30 * load_factor()


def test_a_memory_blow_up_is_stopped_by_the_limit(tmp_path):
    result, honest = grade_hostile(tmp_path, "memory", memory_mb=1024)
    assert_contained(result, "Softmax", honest)
    assert any("MemoryError" in m for m in messages(result, "Softmax"))


@pytest.mark.parametrize(
    ("name", "target", "said"),
    [
        ("exit_os", "ReLU", "exited with status 3"),
        ("exit_system", "Sigmoid", "raised SystemExit"),
        ("exit_segfault", "Tanh", "killed by SIGSEGV"),
        ("exit_kill_parent", "MSELoss", "MSELoss.bp_input"),
    ],
)
def test_exits_and_crashes_cost_only_their_class(tmp_path, name, target, said):
    result, honest = grade_hostile(tmp_path, name)
    assert_contained(result, target, honest)
    assert any(said in m for m in messages(result, target)), messages(result, target)


def test_patching_numpy_and_builtins_changes_no_verdict(tmp_path):
    # ReLU is graded second: if later classes shared its process, exp and tanh would be broken
    result, honest = grade_hostile(tmp_path, "patched_numpy")
    assert_contained(result, "ReLU", honest)
    assert not result.for_unit("ReLU")[1].passed  # bp_input matches torch


def test_inspecting_frames_finds_no_expected_values(tmp_path):
    target, hostile, _ = parts("frame_inspection")
    # the attack is real: in the grader's own process it would find the expected gradient
    cheater = define(hostile, reference_namespace())[target]
    local = run_class(LocalSession({target: cheater}), BY_NAME[target], SEED)
    assert next(c for c in local if c.name == "bp_input matches torch").passed
    result, honest = grade_hostile(tmp_path, "frame_inspection")
    assert_contained(result, target, honest)


def test_a_lying_array_subclass_is_plain_data_and_never_unpickled(tmp_path):
    os.environ.pop("BACKPROP_HOSTILE_PWNED", None)
    result, honest = grade_hostile(tmp_path, "lying_array")
    assert_contained(result, "Sigmoid", honest)
    assert "BACKPROP_HOSTILE_PWNED" not in os.environ


def test_forged_output_is_shown_but_never_read_as_a_result(tmp_path):
    _, hostile, _ = parts("forged_stdout")
    path = tmp_path / "forged.py"
    path.write_text(REFERENCE.read_text() + "\n\n" + hostile)
    run = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(path), "--format", "json", "--seed", "3"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)  # exactly one JSON document: nothing was injected
    # never on the grader's own stdout or stderr (in a sandbox, writing to "the grader's" fd
    # reaches the sandbox's init, whose output is the submission's own: shown, as text)
    rest = json.dumps({k: v for k, v in report.items() if k != "output"})
    assert "FORGED-BY-SUBMISSION" not in rest + run.stderr
    assert report["score"] < 100
    lost = {c["unit"] for c in report["checks"] if c["score"] < c["max_score"]}
    assert lost == {"ReLU"}
    assert '"score": 100' in report["output"]  # what it printed is kept, as text


@pytest.fixture
def open_folder():
    """A folder others may enter but only root may write to (as the grader's output is)."""
    folder = tempfile.mkdtemp(prefix="backprop-hostile-out-")
    os.chmod(folder, 0o755)
    yield folder
    subprocess.run(["rm", "-rf", folder], check=False)


def test_fake_result_files_are_not_written_or_not_read(tmp_path, open_folder, monkeypatch):
    monkeypatch.setenv("BACKPROP_HOSTILE_OUT", open_folder)
    _, hostile, _ = parts("fake_result_files")
    path = tmp_path / "fake.py"
    path.write_text(REFERENCE.read_text() + "\n\n" + hostile)
    out = os.path.join(open_folder, "results.json")
    run = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(path), "--seed", "3", "-o", out],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(Path(out).read_text())
    assert report["score"] < 100 and report["checks"]  # the grader's own result
    if ROOT:  # the submission could not even write there
        assert sorted(os.listdir(open_folder)) == ["results.json"]


def test_child_processes_are_all_killed(tmp_path):
    result, honest = grade_hostile(tmp_path, "child_processes")
    assert_contained(result, "Softmax", honest)
    assert result.unit_score("Softmax")[0] == result.unit_score("Softmax")[1]
    for marker in ("sleep 3001", "sleep 3002", "sleep 3003"):
        assert processes_with(marker) == [], f"'{marker}' outlived grading"


def test_autodiff_libraries_cannot_be_imported_even_without_the_import_hook(tmp_path):
    result, honest = grade_hostile(tmp_path, "autodiff_import")
    # namespaces allowed here (the network was cut), so the folders must be hidden too
    namespaces = any(line.startswith("network: cut") for line in result.isolation)
    hidden = any("replaced by a stub" in line or "unreadable" in line for line in result.isolation)
    if not (namespaces or hidden):
        pytest.skip("autodiff folders are not hidden here: " + "; ".join(result.isolation))
    assert_contained(result, "Tanh", honest)
    said = " ".join(messages(result, "Tanh"))
    # blocked by the hook, or (in a bubblewrap sandbox) simply not there
    assert "'torch' cannot be imported while grading" in said or "No module named 'torch'" in said


@root_only
def test_the_network_is_cut(tmp_path, monkeypatch):
    server = socket.create_server(("0.0.0.0", 0))
    server.settimeout(0.2)
    monkeypatch.setenv("BACKPROP_HOSTILE_PORT", str(server.getsockname()[1]))
    received: list[bytes] = []
    done = threading.Event()

    def accept():
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            received.append(conn.recv(100))
            conn.close()

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        result, honest = grade_hostile(tmp_path, "network")
    finally:
        done.set()
        thread.join()
        server.close()
    assert received == []
    assert_contained(result, "ReLU", honest)
    assert any(line.startswith("network: cut") for line in result.isolation)


@root_only
def test_student_code_runs_without_the_graders_privileges(tmp_path, open_folder, monkeypatch):
    private = os.path.join(open_folder, "private.txt")
    with open(private, "w") as f:
        f.write("instructor-only")
    os.chmod(private, 0o600)
    monkeypatch.setenv("BACKPROP_HOSTILE_PRIVATE_FILE", private)
    monkeypatch.setenv("BACKPROP_HOSTILE_OUT", open_folder)
    result, honest = grade_hostile(tmp_path, "privileges")
    assert_contained(result, "Sigmoid", honest)
    assert result.unit_score("Sigmoid")[0] == result.unit_score("Sigmoid")[1], messages(
        result, "Sigmoid"
    )
    assert not os.path.exists(os.path.join(open_folder, "planted.txt"))
    assert any(line.startswith("user: private uid") for line in result.isolation)


def test_files_written_anywhere_are_removed(tmp_path, monkeypatch):
    tag = f"backprop-hostile-{os.getpid()}-{time.monotonic_ns()}"
    monkeypatch.setenv("BACKPROP_HOSTILE_TAG", tag)
    try:
        result, honest = grade_hostile(tmp_path, "leftover_files")
        left = [p for d in ("/tmp", "/var/tmp", "/dev/shm") for p in glob.glob(f"{d}/{tag}*")]
    finally:  # without a private uid these stay (see docs/isolation.md): tidy up
        for d in ("/tmp", "/var/tmp", "/dev/shm"):
            subprocess.run(["rm", "-rf", *glob.glob(f"{d}/{tag}*")], check=False)
    assert_contained(result, "Tanh", honest)
    assert result.unit_score("Tanh")[0] == result.unit_score("Tanh")[1]
    if ROOT:  # elsewhere only the sandbox folder (cwd, $TMPDIR, $HOME) is removed
        assert left == []


def test_no_secret_reaches_student_code(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_KIT_SECRET", "course-secret")
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_not_a_real_token")
    monkeypatch.setenv("DB_PASS", "hunter2")
    monkeypatch.setenv("CI_JOB_JWT", "eyJ.not.real")
    result, honest = grade_hostile(tmp_path, "environment")
    assert_contained(result, "MSELoss", honest)
    assert result.unit_score("MSELoss")[0] == result.unit_score("MSELoss")[1], messages(
        result, "MSELoss"
    )


@pytest.mark.skipif(not (ROOT or SANDBOX), reason="no process limit without root or a sandbox")
def test_a_process_flood_is_limited_and_cleaned_up(tmp_path):
    # as an unprivileged grader, RLIMIT_NPROC is counted in the sandbox's own user namespace
    result, honest = grade_hostile(tmp_path, "fork_bomb")
    assert_contained(result, "CrossEntropyLoss", honest)
    score, total = result.unit_score("CrossEntropyLoss")
    assert score == total, messages(result, "CrossEntropyLoss")
    assert processes_with("sleep 3004") == []


def test_protocol_confusion_costs_only_the_class_that_causes_it(tmp_path):
    result, honest = grade_hostile(tmp_path, "protocol_confusion")
    assert_contained(result, "Linear", honest)


@needs_sandbox
def test_no_autodiff_library_of_any_environment_on_the_machine_is_reachable(tmp_path, monkeypatch):
    # another world-readable environment, outside the grader's import path
    env = tempfile.mkdtemp(prefix="backprop-hostile-env-")
    package = Path(env, "lib", "python3.11", "site-packages", "plantedgrad")
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("VALUE = 1\n")
    subprocess.run(["chmod", "-R", "a+rX", env], check=True)
    monkeypatch.setenv("BACKPROP_HOSTILE_ENV", env)
    try:
        result, honest = grade_hostile(tmp_path, "other_environment")
    finally:
        subprocess.run(["rm", "-rf", env], check=False)
    assert_contained(result, "Tanh", honest)


def _listen(address: str, received: list[bytes], done: threading.Event) -> socket.socket:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(address)
    server.listen()
    server.settimeout(0.2)

    def accept():
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            received.append(conn.recv(100))
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    return server


@needs_sandbox
def test_no_socket_reaches_out_of_the_sandbox(tmp_path, monkeypatch):
    folder = tempfile.mkdtemp(prefix="backprop-hostile-sock-")
    os.chmod(folder, 0o777)
    path = os.path.join(folder, "listener")
    received: list[bytes] = []
    done = threading.Event()
    servers = [
        _listen(path, received, done),
        _listen("\0backprop-hostile-abstract", received, done),
    ]
    os.chmod(path, 0o777)
    monkeypatch.setenv("BACKPROP_HOSTILE_SOCKET", path)
    try:
        result, honest = grade_hostile(tmp_path, "unix_socket")
    finally:
        done.set()
        for server in servers:
            server.close()
        subprocess.run(["rm", "-rf", folder], check=False)
    assert received == []
    assert_contained(result, "ReLU", honest)


@needs_sandbox
def test_memory_files_and_core_dumps_are_one_budget_for_all_processes(tmp_path):
    result, honest = grade_hostile(tmp_path, "resources", memory_mb=1024)
    assert_contained(result, "Softmax", honest)


def _ipc_keys() -> set[int]:
    keys = set()
    for table in ("shm", "msg", "sem"):
        with open(f"/proc/sysvipc/{table}") as f:
            keys |= {int(line.split()[0]) for line in list(f)[1:] if line.split()}
    return keys


@needs_sandbox
def test_ipc_objects_and_lock_files_do_not_survive_grading(tmp_path, monkeypatch):
    key = 0x5BAC0000 + os.getpid() % 0xFFFF
    lock = f"/run/lock/backprop-hostile-{key}"
    monkeypatch.setenv("BACKPROP_HOSTILE_IPC_KEY", str(key))
    try:
        result, honest = grade_hostile(tmp_path, "ipc_leftovers")
        left, lock_left = key in _ipc_keys(), os.path.exists(lock)
    finally:
        for flag in ("-M", "-Q", "-S"):
            subprocess.run(["ipcrm", flag, str(key)], capture_output=True, check=False)
        subprocess.run(["rm", "-f", lock], check=False)
    assert_contained(result, "Sigmoid", honest)
    assert not left, "a SysV IPC object outlived grading"
    assert not lock_left, "a file in /run/lock outlived grading"


@needs_sandbox
def test_a_classmates_files_and_processes_are_out_of_reach(tmp_path, monkeypatch):
    # a classmate's correct Sigmoid where a grader keeps submissions, and a process of hers
    # whose command line, working folder and open file name it
    classmates = tmp_path / "classmates"
    classmates.mkdir()
    alice = classmates / "alice.py"
    alice.write_text(REFERENCE.read_text())
    os.chmod(tmp_path, 0o755)
    os.chmod(classmates, 0o755)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"f = open({str(alice)!r}); import time; time.sleep(120)",
            str(alice),
        ],
        cwd=classmates,
    )
    monkeypatch.setenv("BACKPROP_HOSTILE_CLASSMATES", str(classmates))
    try:
        result, honest = grade_hostile(tmp_path, "classmate")
    finally:
        holder.kill()
        holder.wait()
    assert_contained(result, "Sigmoid", honest)
    stolen = [c.name for c in result.for_unit("Sigmoid") if c.passed and "torch" in c.name]
    assert stolen == [], "a classmate's Sigmoid was found and used"


def test_a_thread_started_at_load_changes_no_result(tmp_path):
    result, honest = grade_hostile(tmp_path, "load_thread")
    assert_contained(result, "ReLU", honest)
    for layer in result.units():
        score, total = result.unit_score(layer)
        assert score == total, f"{layer}: {messages(result, layer)}"


@needs_sandbox
def test_student_code_cannot_signal_or_outlive_the_grader_nor_rewrite_its_report(
    tmp_path, monkeypatch
):
    """The grader (this process) and a bystander of the grader's own user are named to the
    submission, with the report's path; its daemon keeps trying for a minute."""
    tag = f"backprop-hostile-daemon-{os.getpid()}-{time.monotonic_ns()}"
    bystander = subprocess.Popen(["sleep", "300"])
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(report.parent, 0o777)  # even where anyone may write
    report.write_text("{}")
    os.chmod(report, 0o666)
    monkeypatch.setenv("BACKPROP_HOSTILE_PIDS", f"{bystander.pid},{os.getpid()}")
    monkeypatch.setenv("BACKPROP_HOSTILE_FILES", str(report))
    monkeypatch.setenv("BACKPROP_HOSTILE_TAG", tag)
    try:
        result, honest = grade_hostile(tmp_path, "escape_grader")
        written = json.dumps({"score": result.score})
        report.write_text(written)
        time.sleep(1.0)  # a surviving daemon rewrites it every 0.2 s
        left = processes_with(tag)
        assert bystander.poll() is None, "a process of the grader's user was killed"
    finally:
        bystander.kill()
        bystander.wait()
        for p in processes_with(tag):
            p.kill()
    assert left == [], "a daemon outlived grading"
    assert report.read_text() == written, "the report was rewritten after grading"
    assert_contained(result, "Tanh", honest)


@needs_sandbox
def test_in_grade_all_a_classmate_and_the_results_are_out_of_reach(tmp_path, monkeypatch):
    """Two students in one grade-all run, graded at the same time: mallory looks for alice's
    Sigmoid (input folder, staging copies, output folder, /proc) and tries to kill the grader,
    forge both result files and outlive the run; a resumed run then keeps only what the
    grader signed."""
    from autograder import batch
    from autograder.config import GradeConfig

    folder, out = tmp_path / "class", tmp_path / "grades"
    folder.mkdir()
    os.chmod(tmp_path, 0o755)
    (folder / "alice.py").write_text(REFERENCE.read_text())
    results = out / "results"
    tag = f"backprop-hostile-daemon-{os.getpid()}-{time.monotonic_ns()}"
    places = [folder, out, out / ".staging", results]
    monkeypatch.setenv("BACKPROP_HOSTILE_CLASSMATES", os.pathsep.join(map(str, places)))
    files = [results / "alice.json", results / "mallory.json"]
    monkeypatch.setenv("BACKPROP_HOSTILE_FILES", os.pathsep.join(map(str, files)))
    monkeypatch.setenv("BACKPROP_HOSTILE_PIDS", str(os.getpid()))
    monkeypatch.setenv("BACKPROP_HOSTILE_TAG", tag)
    hostile = [aimed(parts(name)[1]) for name in ("classmate", "escape_grader")]
    (folder / "mallory.py").write_text("\n\n".join([REFERENCE.read_text(), *hostile]))
    try:
        batch.grade_all(folder, out, GradeConfig(seed=SEED), jobs=2)
        first = {f.name: f.read_text() for f in files}
        time.sleep(1.0)  # a surviving daemon rewrites them every 0.2 s
        left = processes_with(tag)
        again = batch.grade_all(folder, out, GradeConfig(seed=SEED), jobs=2)
    finally:
        for p in processes_with(tag):
            p.kill()
    assert left == [], "a daemon outlived grade-all"
    assert again.graded == 0, "a result file was not the grader's on resume"
    assert {f.name: f.read_text() for f in files} == first
    alice, mallory = (json.loads(first[f"{s}.json"]) for s in ("alice", "mallory"))
    assert alice["score"] == alice["max_score"], alice["checks"]
    stolen = [
        c["name"]
        for c in mallory["checks"]
        if c["unit"] == "Sigmoid" and "torch" in c["name"] and c["status"] == "passed"
    ]
    assert stolen == [], "mallory graded with alice's Sigmoid"
    lost = {c["unit"] for c in mallory["checks"] if c["score"] < c["max_score"]}
    assert lost <= {"Sigmoid", "Tanh"}, lost


@needs_sandbox
def test_the_installed_grader_is_read_only_to_student_code(tmp_path, monkeypatch):
    """Where the grading user owns the environment (a CI runner's venv), its files are writable
    by that user: simulated by opening one of the kit's files to everyone for the test (when
    this user may). Only the sandbox's read-only view then stands in the way."""
    from autograder.runner import _view

    stub = Path(_view.__file__).with_name("_kit_stub.py")  # bound as /kit/autograder/notebook.py
    mode = stub.stat().st_mode & 0o7777
    with contextlib.suppress(PermissionError):  # unprivileged re-run: not this user's file
        stub.chmod(0o666)
    monkeypatch.setenv("BACKPROP_HOSTILE_FILES", os.pathsep.join([str(stub), _view.__file__]))
    before = stub.read_bytes()
    try:
        result, honest = grade_hostile(tmp_path, "rewrite_kit")
    finally:
        with contextlib.suppress(PermissionError):
            stub.chmod(mode)
    assert stub.read_bytes() == before
    assert_contained(result, "ReLU", honest)
    assert result.unit_score("ReLU")[0] == result.unit_score("ReLU")[1], messages(result, "ReLU")
