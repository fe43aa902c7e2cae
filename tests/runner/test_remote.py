"""The worker process: what a submission does costs only the checks it hits.

These run real worker processes (no mocks): each test grades a .py submission made of the
reference implementation plus one misbehaving class.
"""

from __future__ import annotations

import os
import time

import numpy as np
import psutil
import pytest

from autograder._config import GradeConfig
from autograder.grading import grade
from tests.conftest import REFERENCE

SEED = 7


def grade_with(tmp_path, extra: str, **config):
    path = tmp_path / "submission.py"
    path.write_text(REFERENCE.read_text() + "\n\n" + extra)
    print(f"seed {SEED}")
    return grade(path, GradeConfig(seed=SEED, **config))


def assert_only(result, layer):
    for name in result.layers():
        score, total = result.layer_score(name)
        if name == layer:
            assert score < total, f"{layer} should lose points"
        else:
            assert score == total, f"{name} should keep full marks: {result.for_layer(name)}"


def no_workers_left():
    me = psutil.Process()
    return [
        c
        for c in me.children(recursive=True)
        if "autograder.runner._worker" in " ".join(c.cmdline())
    ]


def test_a_hang_times_out_and_every_other_class_is_graded(tmp_path):
    started = time.monotonic()
    result = grade_with(
        tmp_path,
        "class Tanh(Tanh):\n    def bp_input(self, grad):\n        while True:\n            pass\n",
        check_timeout=1.0,
    )
    assert_only(result, "Tanh")
    timeouts = [c for c in result.for_layer("Tanh") if c.status == "timeout"]
    assert timeouts and "did not finish within 1 s" in timeouts[0].message
    assert time.monotonic() - started < 60
    assert no_workers_left() == []


def test_os_exit_in_a_method_costs_only_that_class(tmp_path):
    result = grade_with(
        tmp_path,
        "import os\nclass ReLU(ReLU):\n    def bp_input(self, grad):\n        os._exit(3)\n",
    )
    assert_only(result, "ReLU")
    messages = {c.message for c in result.for_layer("ReLU") if not c.passed}
    assert any("exited with status 3" in m for m in messages)


def test_sys_exit_is_reported_as_an_exception(tmp_path):
    result = grade_with(
        tmp_path,
        "import sys\nclass Sigmoid(Sigmoid):\n    def bp_input(self, grad):\n        sys.exit(0)\n",
    )
    assert_only(result, "Sigmoid")
    assert any("raised SystemExit" in c.message for c in result.for_layer("Sigmoid"))


def test_a_memory_blow_up_is_stopped_by_the_limit(tmp_path):
    result = grade_with(
        tmp_path,
        "class Softmax(Softmax):\n    def bp_input(self, grad):\n"
        "        return np.ones((50_000, 50_000)) @ np.ones(50_000)\n",
        memory_mb=1024,
    )
    assert_only(result, "Softmax")
    assert any("MemoryError" in c.message for c in result.for_layer("Softmax"))


def test_importing_torch_in_student_code_fails_with_a_clear_message(tmp_path):
    result = grade_with(
        tmp_path,
        "class Tanh(Tanh):\n    def bp_input(self, grad):\n"
        "        import torch\n        return grad\n",
    )
    assert_only(result, "Tanh")
    assert any(
        "'torch' cannot be imported while grading" in c.message for c in result.for_layer("Tanh")
    )


def test_a_cell_that_raises_costs_only_what_depends_on_it(tmp_path):
    path = tmp_path / "split"
    path.mkdir()
    (path / "a_layers.py").write_text(REFERENCE.read_text())
    (path / "b_broken.py").write_text(
        "del Linear\nclass Helper:\n    pass\nclass Linear(MissingBase):\n    pass\n"
    )
    result = grade(path, GradeConfig(seed=SEED))
    # `del Linear` is not a definition, so it is not run; the failing class statement
    # leaves the earlier Linear in place
    assert result.score == result.max_score
    assert any("NameError: name 'MissingBase' is not defined" in d for d in result.diagnostics)


def test_a_missing_class_scores_zero_on_its_own_checks_only(tmp_path):
    path = tmp_path / "submission.py"
    path.write_text(REFERENCE.read_text().replace("class Tanh:", "class NotTanh:"))
    result = grade(path, GradeConfig(seed=SEED))
    assert_only(result, "Tanh")
    (only,) = result.for_layer("Tanh")
    assert (only.status, only.method, only.max_score) == ("error", None, 11)
    assert "class Tanh is not defined" in only.message


def test_printing_does_not_disturb_grading(tmp_path):
    result = grade_with(
        tmp_path,
        "class ReLU(ReLU):\n    def bp_input(self, grad):\n"
        "        print('x' * 10_000)\n        return grad * (self.X > 0)\n",
    )
    assert result.score == result.max_score


def test_the_worker_runs_in_a_temporary_directory_that_is_removed(tmp_path):
    marker = tmp_path / "where.txt"
    result = grade_with(
        tmp_path,
        f"import os\nclass ReLU(ReLU):\n"
        f"    def bp_param(self, grad):\n"
        f"        open({str(marker)!r}, 'w').write(os.getcwd())\n"
        f"        return {{}}\n",
    )
    assert result.score == result.max_score
    workdir = marker.read_text()
    assert workdir != os.getcwd() and "backprop-kit-worker-" in workdir
    assert not os.path.exists(workdir)


@pytest.mark.parametrize("bad", ["return None", "return 'grad'", "return [[1, 2], [3]]"])
def test_garbage_return_values_are_named(tmp_path, bad):
    result = grade_with(
        tmp_path, f"class Tanh(Tanh):\n    def bp_input(self, grad):\n        {bad}\n"
    )
    assert_only(result, "Tanh")
    assert all(
        "Tanh.bp_input returned" in c.message
        for c in result.for_layer("Tanh")
        if c.method == "bp_input" and not c.passed
    )


def test_objects_can_be_passed_to_other_objects_and_read_back(tmp_path):
    from autograder.loading import load_submission
    from autograder.runner import RemoteSession

    path = tmp_path / "net.py"
    path.write_text(
        REFERENCE.read_text() + "\n\nclass Chain:\n    def __init__(self, layers):\n"
        "        self.layers = layers\n    def __call__(self, X):\n"
        "        for layer in self.layers:\n            X = layer(X)\n        return X\n"
        "def batches(n, size):\n    for i in range(0, n, size):\n"
        "        yield np.arange(i, min(i + size, n))\n"
    )
    with RemoteSession(load_submission(path)) as session:
        session.start_check(20)
        lin = session.new("Linear", 3, 2)
        chain = session.new("Chain", [lin, session.new("ReLU")])
        lin.set("W", np.ones((3, 2)))
        lin.set("b", np.zeros(2))
        out = chain.call("__call__", np.array([[1.0, -2.0, 0.5]]))
        np.testing.assert_array_equal(out, [[0.0, 0.0]])
        np.testing.assert_array_equal(lin.get("W"), np.ones((3, 2)))
        got = session.call_function("batches", 5, 2, collect=True)
        assert [list(b) for b in got] == [[0, 1], [2, 3], [4]]
